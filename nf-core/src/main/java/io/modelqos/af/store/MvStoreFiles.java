package io.modelqos.af.store;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How the MVStore file is opened: the builder's settings, whether the file was closed cleanly, and the full scan
 * that recovers the newest complete version after a crash.
 */
final class MvStoreFiles {
    /** Logs under the store's name, as all of the store's parts do. */
    private static final Logger LOG = LoggerFactory.getLogger(MvStoreDeliveryStore.class);
    /** MVStore's block size: the file starts with two copies of the store header, one block each. */
    private static final int HEADER_BLOCK = 4096;

    private MvStoreFiles() {
    }

    static MVStore.Builder builder(Path file) {
        // Small pages: a commit rewrites every page it touched, and a put touches a few leaves of each map.
        // No background writer: with it, an explicit commit() that finds the background commit under way returns
        // without storing (the version moved on) and the write reaches the file later, or never if the process is
        // killed first; the crash test lost an acknowledged delivery that way. Compaction is then ours (compact()).
        return new MVStore.Builder().fileName(file.toString()).pageSplitSize(4096).autoCommitDisabled();
    }

    /**
     * A map of layout 4 with string values: {@link FrontCodedStrings} keys and values. Every map but {@code meta},
     * which stays with H2's generic type so that any AF can read the layout it names.
     */
    static MVMap<String, String> strings(MVStore mv, String name) {
        return mv.openMap(name, new MVMap.Builder<String, String>().keyType(FrontCodedStrings.INSTANCE)
                .valueType(FrontCodedStrings.INSTANCE));
    }

    /** A map of layout 4 with byte-array values (the {@code deliveries} map: records, events and parts). */
    static MVMap<String, byte[]> bytes(MVStore mv, String name) {
        return mv.openMap(name, new MVMap.Builder<String, byte[]>().keyType(FrontCodedStrings.INSTANCE)
                .valueType(ByteArrayDataType.INSTANCE));
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
    static void recover(Path file) {
        long start = System.nanoTime();
        try (MVStore scanned = builder(file).recoveryMode().open()) {
            LOG.warn("delivery store: {} was not closed cleanly; recovered version {} by a full scan in {} ms", file,
                    scanned.getCurrentVersion(), (System.nanoTime() - start) / 1_000_000);
        }
    }
}
