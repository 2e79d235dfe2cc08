package io.modelqos.af.store;

import org.h2.mvstore.MVMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The MVStore store's write-ahead journal. A commit of the store appends what its writes changed (each map entry put or
 * removed, whole) to a journal file, one batch per commit; a checkpoint now and then commits the maps to the MVStore
 * file and starts the next journal file. MVStore's own commit rewrites every page a write touched, up to the root of
 * each map, and was most of the store's cost: with the journal a commit writes what changed, and the pages are
 * rewritten once per checkpoint for all the writes since the last one.
 *
 * <p>Files: {@code deliveries-<number>.journal} in the data directory. The MVStore file's {@code meta} map says from
 * which number on the journal holds writes that the MVStore file may not ({@value #MARK}), written in the checkpoint's
 * own commit. At an open the files from that number on are replayed into the maps, in order; each entry is a whole
 * value, so an entry the MVStore file holds already is written again to the same effect. A file starts with
 * {@value #MAGIC} and the layout it was written for; a batch is its length, its CRC-32C and its entries, so that a batch
 * a crash cut short (never one that was acknowledged) is recognised and left out.
 *
 * <p>Threads: {@link #noted} and {@link #take} run under the store's write lock; {@link #append} and
 * {@link #startFile} under its round lock (a commit round runs on the thread that asks for it, or on the store's
 * thread); the replay and the deletes on the store's thread, or at the open and close, which no write runs beside.
 */
final class MvStoreJournal {
    private static final Logger LOG = LoggerFactory.getLogger(MvStoreDeliveryStore.class);
    /** The {@code meta} key with the number of the first journal file the MVStore file may not hold. */
    static final String MARK = "journalFrom";
    private static final String MAGIC = "MQSJRNL1";
    private static final Pattern FILE = Pattern.compile("deliveries-(\\d{12})\\.journal");
    private static final int HEADER = MAGIC.length() + Integer.BYTES;
    private static final int BATCH_HEAD = 2 * Integer.BYTES;

    private final Path dir;
    private final boolean fsync;
    /** The store layout whose maps the entries name: written in each file's header, and required of a file replayed. */
    private final int layout;
    private final Map<String, JournaledMap<?>> maps = new HashMap<>();
    /** Noted since the last {@link #take}: map, key, value (null: removed), three slots per change. */
    private List<Object> noted = new ArrayList<>();
    private FileChannel channel;
    private long number;
    /** Bytes appended since the last checkpoint (read by any thread to decide when to checkpoint). */
    private volatile long sinceCheckpoint;
    private final JournalCodec codec = new JournalCodec(BATCH_HEAD);

    MvStoreJournal(Path dir, boolean fsync) {
        this(dir, fsync, MvStoreDeliveryStore.LAYOUT);
    }

    /** A journal of an older layout: the upgrade replays one with the maps that layout had ({@link MvStoreUpgrade}). */
    MvStoreJournal(Path dir, boolean fsync, int layout) {
        this.dir = dir;
        this.fsync = fsync;
        this.layout = layout;
    }

    /** A journaled view of {@code map}, under {@code name}: the name its entries carry in the journal. */
    <V> JournaledMap<V> journaled(String name, JournaledMap.Kind kind, MVMap<String, V> map) {
        JournaledMap<V> journaled = new JournaledMap<>(name, kind, map, this);
        if (maps.putIfAbsent(name, journaled) != null) {
            throw new IllegalStateException("journaled twice: " + name);
        }
        return journaled;
    }

    /** A journaled map of string keys and values (every map of the store but {@code deliveries} and {@code meta}). */
    JournaledMap<String> strings(org.h2.mvstore.MVStore mv, String name) {
        return journaled(name, JournaledMap.Kind.STRINGS, MvStoreFiles.strings(mv, name));
    }

    /** A journaled map of string keys and byte-array values ({@code deliveries}). */
    JournaledMap<byte[]> bytes(org.h2.mvstore.MVStore mv, String name) {
        return journaled(name, JournaledMap.Kind.BYTES, MvStoreFiles.bytes(mv, name));
    }

    /** Under the write lock: a change to note (the map holds it already). */
    void noted(JournaledMap<?> map, String key, Object value) {
        noted.add(map);
        noted.add(key);
        noted.add(value);
    }

    /** Under the write lock: the changes noted so far, which the next {@link #append} writes. */
    List<Object> take() {
        if (noted.isEmpty()) {
            return List.of();
        }
        List<Object> taken = noted;
        noted = new ArrayList<>(Math.max(16, taken.size()));
        return taken;
    }

    long number() {
        return number;
    }

    long bytesSinceCheckpoint() {
        return sinceCheckpoint;
    }

    /** Appends one batch of changes (from {@link #take}) to the current file; with fsync, flushed to the disk. */
    void append(List<Object> changes) {
        if (changes.isEmpty()) {
            return;
        }
        if (channel == null) {
            throw new IllegalStateException("the journal " + file(number) + " is not open (closed, or it could not be "
                    + "created)");
        }
        int length = codec.encode(changes);
        byte[] buffer = codec.buffer();
        CRC32C crc = new CRC32C();
        crc.update(buffer, BATCH_HEAD, length - BATCH_HEAD);
        ByteBuffer.wrap(buffer, 0, BATCH_HEAD).putInt(length - BATCH_HEAD).putInt((int) crc.getValue());
        try {
            writeFully(ByteBuffer.wrap(buffer, 0, length));
            if (fsync) {
                channel.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal " + file(number), e);
        }
        sinceCheckpoint += length;
    }

    /**
     * Starts journal file {@code next}: the appends from now on go there. Should it fail, the appends go on in the
     * current file.
     */
    void startFile(long next) {
        Path file = file(next);
        FileChannel started = null;
        try {
            started = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            header.put(MAGIC.getBytes(StandardCharsets.US_ASCII)).putInt(layout).flip();
            while (header.hasRemaining()) {
                started.write(header);
            }
            if (fsync) {
                started.force(true);
                forceDirectory();
            }
        } catch (IOException e) {
            if (started != null) {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the failure below says what matters
                }
            }
            throw new UncheckedIOException("cannot start the journal " + file, e);
        }
        closeChannel();
        channel = started;
        number = next;
        sinceCheckpoint = 0;
    }

    /** Closes the current file, and deletes it and every other (after a last checkpoint that holds them all). */
    void closeAndDelete() {
        closeChannel();
        deleteBefore(Long.MAX_VALUE);
    }

    /** Closes the current file as it is (a test's kill, or a close that could not checkpoint). */
    void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.warn("delivery store: closing the journal failed: {}", e.toString());
            }
            channel = null;
        }
    }

    /**
     * At the open, before any write: applies the journal files from {@code mark} on to the maps, in order, and
     * returns the number after the last one (the next file to start), or {@code mark} when there is none. A batch that
     * a crash cut short ends the replay when it is the last thing written; anywhere else it is corruption, and the open
     * fails rather than lose what came after it.
     */
    long replay(long mark) {
        TreeMap<Long, Path> files = files();
        List<Long> numbers = new ArrayList<>(files.tailMap(mark, true).keySet());
        long next = mark;
        long entries = 0;
        for (int i = 0; i < numbers.size(); i++) {
            long n = numbers.get(i);
            if (n != next) {
                throw new IllegalStateException("journal file " + file(next) + " is missing, " + file(n) + " is there "
                        + "(was the store file restored beside journal files of another time? remove those)");
            }
            entries += replayFile(files.get(n), i == numbers.size() - 1);
            next = n + 1;
        }
        if (entries > 0) {
            LOG.warn("delivery store: replayed {} changes from the journal ({} files from {})", entries,
                    numbers.size(), file(mark).getFileName());
        }
        return next;
    }

    private long replayFile(Path file, boolean last) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal " + file, e);
        }
        if (bytes.length < HEADER) {
            if (last) {
                return 0; // created, header not written yet: nothing in it was acknowledged
            }
            throw new IllegalStateException("journal " + file + " has no header");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte[] magic = new byte[MAGIC.length()];
        in.get(magic);
        int written = in.getInt();
        if (!MAGIC.equals(new String(magic, StandardCharsets.US_ASCII)) || written != layout) {
            throw new IllegalStateException("journal " + file + " is not one of layout " + layout);
        }
        long entries = 0;
        while (in.remaining() > 0) {
            int start = in.position();
            if (in.remaining() < BATCH_HEAD) {
                return cutShort(file, last, start, entries);
            }
            int length = in.getInt();
            int crc = in.getInt();
            if (length < 0 || length > in.remaining()) {
                return cutShort(file, last, start, entries);
            }
            CRC32C check = new CRC32C();
            check.update(bytes, in.position(), length);
            if ((int) check.getValue() != crc) {
                return cutShort(file, last, start, entries);
            }
            entries += apply(ByteBuffer.wrap(bytes, in.position(), length).slice());
            in.position(in.position() + length);
        }
        return entries;
    }

    private static long cutShort(Path file, boolean last, int at, long entries) {
        if (!last) {
            throw new IllegalStateException("journal " + file + " is damaged at byte " + at
                    + ", and later journal files follow it");
        }
        LOG.warn("delivery store: the journal {} ends with a batch cut short at byte {} (a crash while writing it; "
                + "it was never acknowledged)", file.getFileName(), at);
        return entries;
    }

    @SuppressWarnings("unchecked")
    private long apply(ByteBuffer batch) {
        long entries = 0;
        while (batch.hasRemaining()) {
            String name = JournalCodec.readString(batch);
            String key = JournalCodec.readString(batch);
            byte present = batch.get();
            JournaledMap<Object> map = (JournaledMap<Object>) maps.get(name);
            if (map == null) {
                throw new IllegalStateException("the journal names a map this AF does not know: " + name);
            }
            if (present == 0) {
                map.mvMap().remove(key);
            } else if (map.kind() == JournaledMap.Kind.BYTES) {
                byte[] value = new byte[JournalCodec.readLength(batch)];
                batch.get(value);
                map.mvMap().put(key, value);
            } else {
                map.mvMap().put(key, JournalCodec.readString(batch));
            }
            entries++;
        }
        return entries;
    }

    // ------------------------------------------------------------ files

    private void writeFully(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    Path file(long n) {
        return dir.resolve(String.format("deliveries-%012d.journal", n));
    }

    /** The journal files in the data directory, by number. */
    private TreeMap<Long, Path> files() {
        TreeMap<Long, Path> out = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.forEach(p -> {
                Matcher m = FILE.matcher(p.getFileName().toString());
                if (m.matches()) {
                    out.put(Long.parseLong(m.group(1)), p);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return out;
    }

    /** Deletes the journal files before {@code n} (once a checkpoint that names {@code n} is committed). */
    void deleteBefore(long n) {
        for (Path p : files().headMap(n, false).values()) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.warn("delivery store: cannot delete the journal {} (its writes are checkpointed): {}", p,
                        e.toString());
            }
        }
    }

    /** So that a new file's name survives a power loss as well as its content (fsync only; Linux allows it). */
    private void forceDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("delivery store: cannot flush the directory {}: {}", dir, e.toString());
        }
    }
}
