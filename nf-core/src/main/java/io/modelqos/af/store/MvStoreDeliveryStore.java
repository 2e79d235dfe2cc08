package io.modelqos.af.store;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.events.DeliveryEvent;
import io.modelqos.af.problem.AfProblem;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipOutputStream;

/**
 * Keeps deliveries and their events in an H2 MVStore file ({@value #FILE_NAME}) under the AF's data directory,
 * with no server to run. Every mutating call commits before it returns, so what it wrote survives a crash of the
 * process (SIGKILL); with {@code fsync} it also survives a crash of the machine, at the price of a disk flush per
 * write.
 *
 * <p>Maps: {@code deliveries} (id → {@link DeliveryRecord} JSON, packed: {@link PackedJson}) and the indexes kept in
 * the same commit: by callback id, by idempotency key, by creation order, by UE and by state (each per tenant, newest
 * first), the live set (what {@link #live()} returns without a scan) and the ended order (for the purge); {@code
 * events} (id + sequence → event JSON, packed) and {@code cursors} (id → last sequence and delivered-up-to).
 *
 * <p>{@link #get} returns the instance the AF already holds for a delivery (a weak identity map), so that a
 * delivery read back during a notification is the one a timer or a create in flight is working on.
 *
 * <p>Space: every commit writes a new chunk, and the space of chunks no longer in use is reused at once (retention 0),
 * while a little compaction every {@value #COMPACT_EVERY} commits rewrites the live pages of the sparsest chunks, so the
 * file follows the data the store holds rather than the writes it has seen. Crashes: once space is reused, the newest
 * chunk is often not where MVStore's quick recovery looks (the store header and the end of the file), so a store that
 * was not closed cleanly is recovered by a full scan ({@link #recover}).
 */
public final class MvStoreDeliveryStore implements DeliveryStore {
    private static final Logger LOG = LoggerFactory.getLogger(MvStoreDeliveryStore.class);
    public static final String FILE_NAME = "deliveries.mv.db";
    /**
     * The layout of the maps; an AF refuses a file written by a newer layout than it knows. 2: records and events are
     * packed ({@link PackedJson}); 1 had them as plain JSON, which layout 2 still reads.
     */
    static final int LAYOUT = 2;
    private static final char SEP = '\u0000';
    /** MVStore's block size: the file starts with two copies of the store header, one block each. */
    private static final int HEADER_BLOCK = 4096;

    private final Path file;
    private final boolean fsync;
    private final MVStore mv;
    private final MVMap<String, byte[]> deliveries;
    private final MVMap<String, String> byCallback;
    private final MVMap<String, String> idempotency;
    private final MVMap<String, String> idempotencyOf;
    private final MVMap<String, String> created;
    private final MVMap<String, String> byUe;
    private final MVMap<String, String> byState;
    private final MVMap<String, String> indexed;
    private final MVMap<String, String> live;
    private final MVMap<String, String> ended;
    private final MVMap<String, byte[]> events;
    private final MVMap<String, String> cursors;
    private final MVMap<String, String> meta;
    private final IdentityMap identity = new IdentityMap();
    private final PackedJson packer = new PackedJson();
    private java.util.concurrent.Executor endOfTurn;
    /** Callers of {@link #flushed()} waiting for the next commit. */
    private List<Waiter> awaitingCommit = new ArrayList<>();

    /** A caller of {@link #flushed()}, answered on its own context (a shard of the engine) once its commit is done. */
    private record Waiter(io.vertx.core.Context context, io.vertx.core.Promise<Void> promise) {
        void done(RuntimeException failure) {
            Runnable answer = () -> {
                if (failure == null) {
                    promise.complete();
                } else {
                    promise.fail(failure);
                }
            };
            if (context == null || io.vertx.core.Vertx.currentContext() == context) {
                answer.run();
            } else {
                context.runOnContext(v -> answer.run());
            }
        }
    }
    private boolean dirty;
    private boolean commitScheduled;
    private java.util.concurrent.ScheduledExecutorService backups;
    /** Commits so far; how often a little compaction runs, below which fill rate, and how much it may rewrite. */
    private long commits;
    static final int COMPACT_EVERY = 32;
    private static final int COMPACT_BELOW_FILL_RATE = 90;
    private static final int COMPACT_WRITE_BYTES = 1024 * 1024;

    private MvStoreDeliveryStore(Path file, boolean fsync, MVStore mv) {
        this.file = file;
        this.fsync = fsync;
        this.mv = mv;
        this.deliveries = mv.openMap("deliveries");
        this.byCallback = mv.openMap("byCallback");
        this.idempotency = mv.openMap("idempotency");
        this.idempotencyOf = mv.openMap("idempotencyOf");
        this.created = mv.openMap("created");
        this.byUe = mv.openMap("byUe");
        this.byState = mv.openMap("byState");
        this.indexed = mv.openMap("indexed");
        this.live = mv.openMap("live");
        this.ended = mv.openMap("ended");
        this.events = mv.openMap("events");
        this.cursors = mv.openMap("cursors");
        this.meta = mv.openMap("meta");
    }

    /** Opens (or creates) the store in {@code dataDir}, without a disk flush per write. */
    public static MvStoreDeliveryStore open(Path dataDir) {
        return open(dataDir, false);
    }

    /**
     * Opens (or creates) the store file in {@code dataDir}.
     *
     * @param fsync flush to disk on every write (survives power loss, not only a process crash)
     * @throws IllegalStateException when another process holds the file, or it was written by a newer layout
     */
    public static MvStoreDeliveryStore open(Path dataDir, boolean fsync) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
        }
        MVStore mv;
        try {
            if (!closedCleanly(file)) {
                recover(file);
            }
            mv = builder(file).open();
            // Space no chunk uses any more is reused at once. The default (45 s) kept every chunk written in the last
            // 45 s, which under churn is most of the file: 1.22 GB after 30,703 create+delete pairs, and the sparse chunks
            // the weak compaction left behind. Nor did it keep a killed AF's acknowledged commits: see recover(). A plain
            // copy of the running file is no backup with either setting (backup(), the online backup, pauses reuse while
            // it copies, and its copy is recovered like a crash when opened).
            mv.setRetentionTime(0);
        } catch (MVStoreException e) {
            throw new IllegalStateException("cannot open " + file + " (is another AF using this data directory?): "
                    + e.getMessage(), e);
        }
        MvStoreDeliveryStore store = new MvStoreDeliveryStore(file, fsync, mv);
        String layout = store.meta.get("layout");
        if (layout != null && Integer.parseInt(layout) > LAYOUT) {
            mv.closeImmediately();
            throw new IllegalStateException(file + " has store layout " + layout + "; this AF reads up to " + LAYOUT
                    + " (downgrade after an upgrade is not supported: restore the backup taken before the upgrade)");
        }
        if (layout == null || Integer.parseInt(layout) < LAYOUT) {
            // Before anything is packed: from now on an AF that knows only layout 1 refuses the file.
            store.meta.put("layout", Integer.toString(LAYOUT));
            store.commit();
            if (layout != null) {
                LOG.info("delivery store: {} upgraded from layout {} to {} (records and events are packed as they are "
                        + "written)", file, layout, LAYOUT);
            }
        }
        LOG.info("delivery store: {} ({} deliveries, {} live)", file, store.deliveries.size(), store.live.size());
        return store;
    }

    private static MVStore.Builder builder(Path file) {
        // Small pages: a commit rewrites every page it touched, and a put touches a few leaves of each map.
        // No background writer: with it, an explicit commit() that finds the background commit under way returns
        // without storing (the version moved on) and the write reaches the file later, or never if the process is
        // killed first; the crash test lost an acknowledged delivery that way. Compaction is then ours (compact()).
        return new MVStore.Builder().fileName(file.toString()).pageSplitSize(4096).autoCommitDisabled();
    }

    /**
     * Whether the file's store header says it was closed cleanly: both copies alike and marked clean. A file that does
     * not exist yet counts as clean; anything unexpected as not clean (which only costs a scan).
     */
    static boolean closedCleanly(Path file) {
        if (!Files.exists(file)) {
            return true;
        }
        byte[] head = new byte[2 * HEADER_BLOCK];
        try (var in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, head.length) < head.length) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        String first = headerText(head, 0);
        return first != null && first.equals(headerText(head, HEADER_BLOCK))
                && java.util.Arrays.asList(first.split(",")).contains("clean:1");
    }

    /** The text of one copy of the store header ({@code key:value,...}, up to its newline), or null. */
    private static String headerText(byte[] head, int from) {
        for (int i = from; i < from + HEADER_BLOCK; i++) {
            if (head[i] == '\n') {
                return new String(head, from, i - from, StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    /**
     * After a crash: finds the newest complete version by scanning every chunk in the file, and closes the file again
     * with a store header that points at it, so that the AF then opens that version.
     *
     * <p>MVStore's own recovery after a crash looks only at the chunk the store header names, the chunk at the end of
     * the file and the chunks each of those predicts next, and takes the newest of them whose chunks are all intact. But
     * the header it writes names the chunk before the one just written, and once freed space is reused the newest
     * chunks sit in the middle of the file: it then settles on an older version, and commits the AF had acknowledged are
     * lost. Measured with {@code StoreKillStress} (SIGKILL at random moments): 96 acknowledged deliveries lost in 32
     * kills with space reused at once, 152 in 15 with a 2 s retention, 16 in 15 with the default 45 s once the file was
     * older than 45 s; none in 37 kills with this scan. Everything the newest acknowledged commit refers to is intact
     * after a kill (only chunks no version since uses are overwritten), so the scan finds it. It reads every block
     * once: 40-100 ms for 10-30 MB here, 0.8 s for 335 MB.
     */
    private static void recover(Path file) {
        long start = System.nanoTime();
        try (MVStore scanned = builder(file).recoveryMode().open()) {
            LOG.warn("delivery store: {} was not closed cleanly; recovered version {} by a full scan in {} ms", file,
                    scanned.getCurrentVersion(), (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** The store's file. */
    public Path file() {
        return file;
    }

    // ---------------------------------------------------------------- deliveries

    @Override
    public synchronized void put(Delivery d) {
        String id = d.id();
        String previous = indexed.get(id);
        deliveries.put(id, packer.pack(DeliveryRecord.of(d).toJson()));
        String rev = rev(d.createdAt());
        if (previous == null) {
            byCallback.put(d.callbackId(), id);
            created.put(key(d.tenant(), rev, id), id);
            byUe.put(key(d.tenant(), d.request().ue().key(), rev, id), id);
        }
        boolean isLive = DeliveryRecord.isLive(d);
        String endedKey = !isLive && d.endedAt() != null ? key(pad(DeliveryRecord.epochNanos(d.endedAt())), id) : "";
        String now = d.state().name() + SEP + endedKey;
        // The indexes are written only when what they index changed: most writes (accounting, reports) change
        // only the record, and every map a commit touches costs it pages.
        if (!now.equals(previous)) {
            if (previous != null) {
                int cut = previous.indexOf(SEP);
                byState.remove(key(d.tenant(), previous.substring(0, cut), rev, id));
                String oldEnded = previous.substring(cut + 1);
                if (!oldEnded.isEmpty()) {
                    ended.remove(oldEnded);
                }
            }
            byState.put(key(d.tenant(), d.state().name(), rev, id), id);
            if (!endedKey.isEmpty()) {
                ended.put(endedKey, id);
            }
            indexed.put(id, now);
        }
        if (isLive != live.containsKey(id)) {
            if (isLive) {
                live.put(id, "");
            } else {
                live.remove(id);
            }
        }
        committed();
        identity.hold(d);
    }

    @Override
    public Optional<Delivery> get(String deliveryId) {
        Delivery held = identity.get(deliveryId);
        if (held != null) {
            return Optional.of(held);
        }
        byte[] json = deliveries.get(deliveryId);
        if (json == null) {
            return Optional.empty();
        }
        return Optional.of(identity.holdUnlessHeld(DeliveryRecord.fromJson(PackedJson.unpack(json)).toDelivery()));
    }

    @Override
    public Optional<Delivery> byCallbackId(String callbackId) {
        String id = byCallback.get(callbackId);
        return id == null ? Optional.empty() : get(id);
    }

    @Override
    public Optional<IdempotentCreate> idempotentCreate(String tenant, String key) {
        String value = idempotency.get(key(tenant, key));
        if (value == null) {
            return Optional.empty();
        }
        int cut = value.indexOf(SEP);
        return Optional.of(new IdempotentCreate(value.substring(0, cut), value.substring(cut + 1)));
    }

    @Override
    public synchronized void rememberIdempotentCreate(String tenant, String key, IdempotentCreate create) {
        idempotency.put(key(tenant, key), create.bodyFingerprint() + SEP + create.deliveryId());
        idempotencyOf.put(create.deliveryId(), key(tenant, key));
        committed();
    }

    @Override
    public Page list(String tenant, String ueKey, DeliveryState state, int pageSize, String pageToken) {
        MVMap<String, String> index;
        String prefix;
        if (ueKey != null) {
            index = byUe;
            prefix = key(tenant, ueKey, "");
        } else if (state != null) {
            index = byState;
            prefix = key(tenant, state.name(), "");
        } else {
            index = created;
            prefix = key(tenant, "");
        }
        String from = pageToken == null ? prefix : prefix + decode(pageToken);
        List<Delivery> items = new ArrayList<>(Math.min(pageSize, 64));
        String last = null;
        Cursor<String, String> cursor = index.cursor(from);
        while (cursor.hasNext()) {
            String k = cursor.next();
            if (!k.startsWith(prefix)) {
                break;
            }
            if (pageToken != null && k.equals(from)) {
                continue;
            }
            String id = cursor.getValue();
            if (ueKey != null && state != null) {
                String st = indexed.get(id);
                if (st == null || !st.startsWith(state.name() + SEP)) {
                    continue;
                }
            }
            Optional<Delivery> d = get(id);
            if (d.isEmpty()) {
                continue;
            }
            if (items.size() == pageSize) {
                return new Page(items, encode(last.substring(prefix.length())));
            }
            items.add(d.get());
            last = k;
        }
        return new Page(items, null);
    }

    /**
     * The live deliveries. At a restart this decodes every live record; the AF calls it on one worker thread while it
     * already serves, so it is deliberately sequential: the other core stays free for requests.
     */
    @Override
    public List<Delivery> live() {
        return pinned(() -> {
            List<Delivery> out = new ArrayList<>(live.size());
            for (String id : live.keySet()) {
                get(id).ifPresent(out::add);
            }
            return out;
        });
    }

    @Override
    public List<Delivery> endedSince(Instant since) {
        return pinned(() -> {
            List<Delivery> out = new ArrayList<>();
            Cursor<String, String> c = ended.cursor(pad(DeliveryRecord.epochNanos(since)));
            while (c.hasNext()) {
                c.next();
                get(c.getValue()).ifPresent(out::add);
            }
            return out;
        });
    }

    @Override
    public synchronized int purgeEndedBefore(Instant before) {
        String upTo = pad(DeliveryRecord.epochNanos(before));
        List<String> ids = new ArrayList<>();
        for (String k : ended.keySet()) {
            if (k.compareTo(upTo) >= 0) {
                break;
            }
            ids.add(ended.get(k));
        }
        for (String id : ids) {
            byte[] json = deliveries.get(id);
            if (json == null) {
                continue;
            }
            DeliveryRecord r = DeliveryRecord.fromJson(PackedJson.unpack(json));
            String rev = rev(r.createdAt());
            String ix = indexed.remove(id);
            if (ix != null) {
                int cut = ix.indexOf(SEP);
                byState.remove(key(r.tenant(), ix.substring(0, cut), rev, id));
                ended.remove(ix.substring(cut + 1));
            }
            deliveries.remove(id);
            byCallback.remove(r.callbackId());
            created.remove(key(r.tenant(), rev, id));
            byUe.remove(key(r.tenant(), r.request().ue().key(), rev, id));
            live.remove(id);
            String idem = idempotencyOf.remove(id);
            if (idem != null) {
                idempotency.remove(idem);
            }
            removeEvents(id);
            identity.forget(id);
        }
        if (!ids.isEmpty()) {
            committed();
        }
        return ids.size();
    }

    // ---------------------------------------------------------------- events

    @Override
    public synchronized void appendEvent(DeliveryEvent event) {
        events.put(eventKey(event.deliveryId(), event.sequence()), packer.pack(EventJson.write(event)));
        long[] c = cursor(event.deliveryId());
        cursors.put(event.deliveryId(), Math.max(c[0], event.sequence()) + ":" + c[1]);
        committed();
    }

    @Override
    public synchronized void removeEvent(String deliveryId, long sequence) {
        if (events.remove(eventKey(deliveryId, sequence)) != null) {
            committed();
        }
    }

    @Override
    public List<DeliveryEvent> events(String deliveryId, long afterSequence) {
        String prefix = deliveryId + SEP;
        List<DeliveryEvent> out = new ArrayList<>();
        Cursor<String, byte[]> c = events.cursor(eventKey(deliveryId, afterSequence + 1));
        while (c.hasNext()) {
            String k = c.next();
            if (!k.startsWith(prefix)) {
                break;
            }
            out.add(EventJson.read(PackedJson.unpack(c.getValue())));
        }
        return out;
    }

    @Override
    public long lastSequence(String deliveryId) {
        return cursor(deliveryId)[0];
    }

    @Override
    public synchronized void markDelivered(String deliveryId, long sequence) {
        long[] c = cursor(deliveryId);
        if (sequence > c[1]) {
            cursors.put(deliveryId, c[0] + ":" + sequence);
            committed();
        }
    }

    @Override
    public long deliveredUpTo(String deliveryId) {
        return cursor(deliveryId)[1];
    }

    @Override
    public List<String> withUndeliveredEvents() {
        return pinned(() -> {
            List<String> ids = new ArrayList<>();
            for (Map.Entry<String, String> e : cursors.entrySet()) {
                long[] c = parseCursor(e.getValue());
                if (c[0] > c[1]) {
                    ids.add(e.getKey());
                }
            }
            return ids;
        });
    }

    // ---------------------------------------------------------------- operations

    @Override
    public boolean durable() {
        return true;
    }

    @Override
    public boolean ping() {
        return !mv.isClosed();
    }

    /**
     * Writes a consistent copy of the store file into a zip, while the AF runs (MVStore's own online backup):
     * unzip it into an empty data directory to restore.
     */
    public void backup(OutputStream zip) throws IOException {
        synchronized (this) {
            commit();
        }
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            mv.getFileStore().backup(out);
        }
    }

    /**
     * Writes an online backup ({@link #backup}) into {@code dir} every {@code period}, as
     * {@code deliveries-<UTC time>.zip}, keeping the newest {@code keep}; on a thread of its own, until
     * {@link #close()}.
     */
    public synchronized void backupEvery(java.time.Duration period, Path dir, int keep) {
        if (backups != null) {
            backups.shutdownNow();
        }
        backups = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "modelqos-store-backup");
            t.setDaemon(true);
            return t;
        });
        backups.scheduleWithFixedDelay(() -> backupInto(dir, keep), period.toMillis(), period.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** One backup into {@code dir} (written aside, then moved into place), pruning beyond {@code keep}; the zip. */
    public Path backupInto(Path dir, int keep) {
        try {
            Files.createDirectories(dir);
            String name = "deliveries-" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
                    .withZone(java.time.ZoneOffset.UTC).format(Instant.now()) + ".zip";
            Path partial = dir.resolve(name + ".partial");
            try (OutputStream out = Files.newOutputStream(partial)) {
                backup(out);
            }
            Path zip = Files.move(partial, dir.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            try (var listing = Files.list(dir)) {
                List<Path> all = listing.filter(p -> p.getFileName().toString().matches("deliveries-.*\\.zip"))
                        .sorted().toList();
                for (int i = 0; i < all.size() - Math.max(1, keep); i++) {
                    Files.deleteIfExists(all.get(i));
                }
            }
            LOG.info("delivery store: backup {}", zip);
            return zip;
        } catch (IOException | RuntimeException e) {
            LOG.warn("delivery store: backup into {} failed: {}", dir, e.toString());
            return null;
        }
    }

    @Override
    public synchronized void close() {
        if (backups != null) {
            backups.shutdownNow();
        }
        if (!mv.isClosed()) {
            if (dirty) {
                commit();
            }
            mv.close();
            packer.close();
        }
    }

    /**
     * Tests only: leaves the file as a killed process does (everything written so far is in it; no last commit, no
     * clean mark, the store header as it is).
     */
    synchronized void closeAsIfKilled() {
        if (backups != null) {
            backups.shutdownNow();
        }
        mv.closeImmediately();
    }

    // ---------------------------------------------------------------- helpers

    /**
     * After a mutation: commits now, or, with grouped commits, marks the store dirty and has the commit run at the end
     * of the event-loop turn (or at the next {@link #flush()}).
     */
    private void committed() {
        if (endOfTurn == null) {
            commit();
            return;
        }
        dirty = true;
        if (!commitScheduled) {
            commitScheduled = true;
            endOfTurn.execute(this::flush);
        }
    }

    @Override
    public void groupCommits(java.util.concurrent.Executor endOfTurn) {
        this.endOfTurn = endOfTurn;
    }

    @Override
    public void flush() {
        List<Waiter> waiting;
        RuntimeException failure = null;
        synchronized (this) {
            commitScheduled = false;
            try {
                if (dirty && !mv.isClosed()) {
                    commit();
                }
            } catch (RuntimeException e) {
                failure = e;
            }
            waiting = awaitingCommit;
            awaitingCommit = new ArrayList<>();
        }
        // Outside the lock: what waited for this commit goes on now (NEF calls, answers, events), in order.
        for (Waiter w : waiting) {
            w.done(failure);
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public io.vertx.core.Future<Void> flushed() {
        synchronized (this) {
            if (dirty && endOfTurn != null && !mv.isClosed()) {
                // Pending writes have their end-of-turn commit scheduled already (committed() did it).
                io.vertx.core.Promise<Void> promise = io.vertx.core.Promise.promise();
                awaitingCommit.add(new Waiter(io.vertx.core.Vertx.currentContext(), promise));
                return promise.future();
            }
        }
        flush();
        return io.vertx.core.Future.succeededFuture();
    }

    private void commit() {
        dirty = false;
        mv.commit();
        if (fsync) {
            mv.sync();
        }
        if (++commits % COMPACT_EVERY == 0) {
            // What the background writer would do, more often: while less than 90 % of what the chunks hold is live,
            // rewrite the live pages of the sparsest ones (up to 1 MB), so that they empty and their space is reused.
            // Under churn most of a chunk dies within a few commits, but a page that stays (an ended delivery's leaf)
            // keeps its whole chunk. Measured with store-churn: 256 KB every 200 commits left 202 MB after 20,000 pairs
            // (24 MB live); after 30,000 pairs (35 MB live) every 32 commits 512 KB below 80 % left 109 MB, 1 MB below
            // 90 % 82 MB, at the same CPU per pair. A commit that compacts takes 5-10 ms.
            mv.compact(COMPACT_BELOW_FILL_RATE, COMPACT_WRITE_BYTES);
            mv.commit();
            if (fsync) {
                mv.sync();
            }
        }
    }

    /**
     * Runs a read of many entries against one version that stays on disk until it is done: with space reused at once,
     * a chunk the read still needs could otherwise be overwritten by commits meanwhile (the resume reads the live
     * deliveries on a worker thread while the AF commits).
     */
    private <T> T pinned(java.util.function.Supplier<T> read) {
        MVStore.TxCounter pin = mv.registerVersionUsage();
        try {
            return read.get();
        } finally {
            mv.deregisterVersionUsage(pin);
        }
    }

    private void removeEvents(String id) {
        List<String> keys = new ArrayList<>();
        String prefix = id + SEP;
        Cursor<String, byte[]> c = events.cursor(prefix);
        while (c.hasNext()) {
            String k = c.next();
            if (!k.startsWith(prefix)) {
                break;
            }
            keys.add(k);
        }
        keys.forEach(events::remove);
        cursors.remove(id);
    }

    private long[] cursor(String deliveryId) {
        String value = cursors.get(deliveryId);
        return value == null ? new long[] {0, 0} : parseCursor(value);
    }

    private static long[] parseCursor(String value) {
        int cut = value.indexOf(':');
        return new long[] {Long.parseLong(value.substring(0, cut)), Long.parseLong(value.substring(cut + 1))};
    }

    private static String eventKey(String deliveryId, long sequence) {
        return deliveryId + SEP + pad(sequence);
    }

    private static String key(String... parts) {
        return String.join(String.valueOf(SEP), parts);
    }

    /** Sorts newest first: the complement of the creation time in nanoseconds, fixed width. */
    private static String rev(Instant at) {
        return pad(Long.MAX_VALUE - DeliveryRecord.epochNanos(at));
    }

    private static String pad(long value) {
        String s = Long.toString(value);
        return "0".repeat(Math.max(0, 19 - s.length())) + s;
    }

    private static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token) {
        try {
            String position = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int cut = position.indexOf(SEP);
            if (cut != 19 || position.chars().limit(19).anyMatch(ch -> ch < '0' || ch > '9')) {
                throw new IllegalArgumentException();
            }
            return position;
        } catch (RuntimeException e) {
            throw AfProblem.invalid("pageToken", "not a page token this AF issued");
        }
    }
}
