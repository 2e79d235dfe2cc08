package io.modelqos.af.store;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.events.DeliveryEvent;
import org.h2.mvstore.MVMap;
import io.vertx.core.Future;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps deliveries and their events in an H2 MVStore file ({@value #FILE_NAME}) under the AF's data directory,
 * with no server to run. The future of every mutating call completes once a commit holds what it wrote, so that it
 * survives a crash of the process (SIGKILL); with {@code fsync} it also survives a crash of the machine, at the price
 * of a disk flush per commit.
 *
 * <p>Maps: {@code deliveries} (id → {@link DeliveryRecord} JSON, packed once the delivery ended: {@link PackedJson};
 * next to each record, under keys that start with its id, the delivery's events, webhook cursor and index state:
 * {@link MvStoreKeys#partKey}), the indexes kept in the same commit: by callback id, by creation order, by UE and by
 * state (each per tenant, newest first), the live set (what {@link #live()} returns without a scan), the ended order
 * (for the purge) and the deliveries whose webhook is behind ({@code undelivered}), and the Idempotency-Keys by
 * delivery id ({@link MvStoreIdempotency}: in memory by key).
 *
 * <p>{@link #get} returns the instance the AF already holds for a delivery (a weak identity map), so that a
 * delivery read back during a notification is the one a timer or a create in flight is working on.
 *
 * <p>Writes and commits ({@link GroupedCommits}): a write updates the maps in memory on the caller's thread and its
 * future completes once a commit holds it: a commit appends what the turn's writes changed to the store's journal
 * ({@link MvStoreJournal}, {@code deliveries-<n>.journal} beside the file: a copy into the page cache on the thread
 * that commits, or with {@code fsync} on the store's own thread, so that no event loop waits for the disk), and a
 * checkpoint on the store's thread commits the maps to the MVStore file about once a second
 * ({@link MvStoreCheckpoints}). An open replays what the journal holds beyond the file.
 *
 * <p>Space: every checkpoint writes a new chunk, and the space of chunks no longer in use is reused at once (retention
 * 0), while a little compaction after each checkpoint rewrites the live pages of the sparsest chunks, so the file
 * follows the data the store holds rather than the writes it has seen. Crashes: once space is reused, the newest chunk
 * is often not where MVStore's quick recovery looks (the store header and the end of the file), so a store that was
 * not closed cleanly is recovered by a full scan ({@link MvStoreFiles#recover}), and the journal replayed on top.
 */
public final class MvStoreDeliveryStore implements DeliveryStore {
    private static final Logger LOG = LoggerFactory.getLogger(MvStoreDeliveryStore.class);
    public static final String FILE_NAME = "deliveries.mv.db";
    /**
     * The layout of the maps; an AF refuses a file written by a newer layout than it knows, and upgrades an older one
     * when it opens it ({@link MvStoreUpgrade}, which says what each layout changed). 8: a cursor's {@code last} is a
     * floor, the newest event's key says the rest.
     */
    static final int LAYOUT = 8;
    /** Deliveries purged per write (each whole within one): the write lock is held for a batch, not a whole purge. */
    private static final int PURGE_BATCH = 256;
    private final Path file;
    private final boolean fsync;
    private final MVStore mv;
    private final JournaledMap<byte[]> deliveries;
    private final MVMap<String, String> meta;
    private final IdentityMap identity = new IdentityMap();
    private final PackedJson packer = new PackedJson();
    private final TurnPuts turnPuts = new TurnPuts(this::writeRecords);
    private final GroupedCommits commits;
    private final MvStoreEvents outbox;
    private final MvStoreIndexes indexes;
    private final MvStoreIdempotency idempotency;
    private final MvStoreBackups backups;

    private MvStoreDeliveryStore(Path file, boolean fsync, MVStore mv, MVMap<String, String> meta,
                                 long checkpointIntervalMs) {
        this.file = file;
        this.fsync = fsync;
        this.mv = mv;
        this.meta = meta;
        MvStoreJournal journal = new MvStoreJournal(file.getParent(), fsync);
        this.deliveries = journal.bytes(mv, "deliveries");
        this.indexes = new MvStoreIndexes(mv, journal, deliveries);
        this.idempotency = new MvStoreIdempotency(journal.strings(mv, "idempotencyKeys"));
        this.outbox = new MvStoreEvents(deliveries, journal.strings(mv, "undelivered"), packer);
        this.commits = new GroupedCommits(mv, fsync, journal, meta, checkpointIntervalMs);
        this.backups = new MvStoreBackups(mv, commits::commitAndWait);
        this.commits.movedWrites(outbox::writeMovedCursors);
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
        return open(dataDir, fsync, MvStoreCheckpoints.INTERVAL_MS);
    }

    /** Tests: with checkpoints every {@code checkpointIntervalMs} (a long one keeps writes in the journal only). */
    static MvStoreDeliveryStore open(Path dataDir, boolean fsync, long checkpointIntervalMs) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
        }
        MVStore mv;
        try {
            if (!MvStoreFiles.closedCleanly(file)) {
                MvStoreFiles.recover(file);
            }
            mv = MvStoreFiles.builder(file).open();
            // Space no chunk uses any more is reused at once: the default (45 s) kept most of the file under churn
            // (1.22 GB after 30,703 create+delete pairs). A plain copy of the running file is no backup with either
            // setting: backup() is (the online backup pauses reuse while it copies).
            mv.setRetentionTime(0);
        } catch (MVStoreException e) {
            throw new IllegalStateException("cannot open " + file + " (is another AF using this data directory?): "
                    + e.getMessage(), e);
        }
        MvStoreDeliveryStore store;
        try {
            // An upgrade or a replay that does not finish leaves the file as it was: the next open does it again.
            store = new MvStoreDeliveryStore(file, fsync, mv, MvStoreUpgrade.toCurrentLayout(mv, file),
                    checkpointIntervalMs);
            store.commits.open(); // replays what the journal holds beyond the file
            store.idempotency.rebuild();
        } catch (RuntimeException e) {
            mv.closeImmediately();
            throw e;
        }
        store.indexes.anyId().ifPresent(store::read); // the first decode builds the decoder (tens of ms): here, not later
        EventJson.warmUp(store.packer); // as the event codec's: the first event is written on an event loop
        LOG.info("delivery store: {} ({} deliveries, {} live)", file, store.indexes.count(), store.indexes.liveCount());
        return store;
    }

    /** The store's file. */
    public Path file() {
        return file;
    }

    // ---------------------------------------------------------------- deliveries

    /** Written at the end of the event-loop turn, once per delivery however often the turn put it ({@link TurnPuts}). */
    @Override
    public Future<Void> put(Delivery d) {
        identity.hold(d); // read back as it is, until it is written
        return turnPuts.put(d);
    }

    private Future<Void> writeRecords(List<Delivery> puts) {
        // Encoded outside the write lock. Packed once the delivery is over only: a live record is rewritten within a
        // second, and a pack costs about as much as its JSON; an ended one stays for the retention.
        byte[][] records = new byte[puts.size()][];
        for (int i = 0; i < records.length; i++) {
            Delivery d = puts.get(i);
            byte[] json = DeliveryRecord.of(d).toJson();
            records[i] = DeliveryRecord.isLive(d) ? json : packer.pack(json);
        }
        return write(() -> {
            for (int i = 0; i < records.length; i++) {
                Delivery d = puts.get(i);
                indexes.index(d); // first: a delivery it does not remember is indexed as its stored record says
                deliveries.put(d.id(), records[i]);
            }
            return true;
        });
    }

    @Override
    public Future<Optional<Delivery>> get(String deliveryId) {
        return Future.succeededFuture(read(deliveryId));
    }

    /** The delivery, from memory when held, else decoded from its record (and held from now on). */
    private Optional<Delivery> read(String deliveryId) {
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
    public Future<Optional<Delivery>> byCallbackId(String callbackId) {
        return Future.succeededFuture(indexes.byCallback(callbackId, this::read));
    }

    @Override
    public Future<Optional<IdempotentCreate>> idempotentCreate(String tenant, String key) {
        return Future.succeededFuture(idempotency.find(tenant, key));
    }

    @Override
    public Future<Void> rememberIdempotentCreate(String tenant, String key, IdempotentCreate create) {
        return write(() -> {
            idempotency.remember(tenant, key, create);
            return true;
        });
    }

    @Override
    public Future<Page> list(String tenant, String ueKey, DeliveryState state, int pageSize, String pageToken) {
        turnPuts.flush(); // a create of this very turn is listed
        try {
            return Future.succeededFuture(indexes.page(tenant, ueKey, state, pageSize, pageToken, this::read));
        } catch (io.modelqos.af.problem.AfProblem bad) {
            return Future.failedFuture(bad);
        }
    }

    /** The live deliveries: sequential, on one worker at a restart, so that the other core stays free for requests. */
    @Override
    public Future<List<Delivery>> live() {
        return pinned(() -> {
            List<Delivery> out = new ArrayList<>(indexes.liveCount());
            for (String id : indexes.liveIds()) {
                read(id).ifPresent(out::add);
            }
            return out;
        });
    }

    @Override
    public Future<List<Delivery>> endedSince(Instant since) {
        return pinned(() -> {
            List<Delivery> out = new ArrayList<>();
            for (String id : indexes.endedFrom(MvStoreKeys.pad(DeliveryRecord.epochNanos(since)))) {
                read(id).ifPresent(out::add);
            }
            return out;
        });
    }

    @Override
    public Future<List<String>> purgeEndedBefore(Instant before) {
        List<String> ids = indexes.endedBefore(MvStoreKeys.pad(DeliveryRecord.epochNanos(before)));
        if (ids.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        try {
            for (int from = 0; from < ids.size(); from += PURGE_BATCH) {
                List<String> batch = ids.subList(from, Math.min(ids.size(), from + PURGE_BATCH));
                commits.write(() -> {
                    batch.forEach(this::purge);
                    return true;
                });
            }
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        return commits.committed().map(ids);
    }

    private void purge(String id) {
        byte[] json = deliveries.get(id);
        if (json == null) {
            return;
        }
        indexes.unindex(id, DeliveryRecord.fromJson(PackedJson.unpack(json)));
        idempotency.forget(id);
        MvStoreKeys.removeParts(deliveries, id);
        deliveries.remove(id);
        outbox.forget(id);
        identity.forget(id);
    }

    // ---------------------------------------------------------------- events (MvStoreEvents)

    @Override
    public Future<Void> appendEvent(DeliveryEvent event) {
        return write(() -> {
            outbox.append(event);
            return true;
        });
    }

    @Override
    public Future<Void> removeEvent(String deliveryId, long sequence) {
        return write(() -> outbox.remove(deliveryId, sequence));
    }

    @Override
    public Future<List<DeliveryEvent>> events(String deliveryId, long afterSequence) {
        return Future.succeededFuture(outbox.after(deliveryId, afterSequence));
    }

    @Override
    public Future<Long> lastSequence(String deliveryId) {
        return Future.succeededFuture(outbox.lastSequence(deliveryId));
    }

    /**
     * In memory, written soon after ({@link MvStoreEvents#moveCursor}); a crash before then sends those events again.
     */
    @Override
    public Future<Void> markDelivered(String deliveryId, long sequence, boolean last) {
        outbox.moveCursor(deliveryId, sequence, last);
        commits.commitSoon();
        return Future.succeededFuture();
    }

    @Override
    public Future<Long> deliveredUpTo(String deliveryId) {
        return Future.succeededFuture(outbox.deliveredUpTo(deliveryId));
    }

    @Override
    public Future<List<String>> withUndeliveredEvents() {
        return pinned(outbox::withUndelivered);
    }

    // ---------------------------------------------------------------- operations

    @Override
    public boolean durable() {
        return true;
    }

    @Override
    public Future<Boolean> ping() {
        return Future.succeededFuture(!mv.isClosed());
    }

    /** Online backups of the store file, while the AF runs. */
    public MvStoreBackups backups() {
        return backups;
    }

    @Override
    public synchronized void close() {
        backups.stop();
        if (!mv.isClosed()) {
            commits.close();
            mv.close();
        }
    }

    /**
     * Tests only: leaves the file as a killed process does (everything written so far is in it; no last commit, no
     * clean mark, the store header as it is).
     */
    synchronized void closeAsIfKilled() {
        backups.stop();
        mv.closeImmediately(); // a commit under way fails from here, as a killed one would
        commits.stop();
    }

    @Override
    public void observeCommits(java.util.function.Consumer<java.time.Duration> observer) {
        commits.observeCommits(observer);
    }

    @Override
    public void groupCommits(java.util.concurrent.Executor endOfTurn) {
        commits.groupCommits(endOfTurn);
        turnPuts.endOfTurn(endOfTurn);
    }

    @Override
    public Future<Void> flushed() {
        turnPuts.flush();
        return commits.flushed();
    }

    /** Runs a write's map updates: see {@link GroupedCommits#writeCommitted}. */
    private Future<Void> write(java.util.function.Supplier<Boolean> update) {
        return commits.writeCommitted(update);
    }

    /**
     * Runs a read of many entries against one version that stays on disk until it is done: with space reused at once,
     * a chunk the read still needs could otherwise be overwritten by commits meanwhile (the resume reads the live
     * deliveries on a worker thread while the AF commits).
     */
    private <T> Future<T> pinned(java.util.function.Supplier<T> read) {
        MVStore.TxCounter pin = mv.registerVersionUsage();
        try {
            return Future.succeededFuture(read.get());
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        } finally {
            mv.deregisterVersionUsage(pin);
        }
    }
}
