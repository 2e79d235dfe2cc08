package io.modelqos.af.store;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Layout 4's string type: a page's strings written front coded and read back exactly. */
class FrontCodedStringsTest {
    private static final FrontCodedStrings TYPE = FrontCodedStrings.INSTANCE;

    @Test
    void aPageOfStringsReadsBackAsWritten() {
        String[] page = {"", "", "d-0AbC", "d-0AbC\u0000c", "d-0AbC\u0000e--------0-1", "d-0AbC\u0000e--------0-2",
                "d-0AbD", "t\u00fc\u0000x", "t\u00fc\u0000y", "t\u00fd", "\ud83d\ude00", "\ud83d\ude01", "", "z"};
        assertArrayEquals(page, roundTrip(page));
    }

    @Test
    void neighboursSharingAPrefixCostOnlyWhatDiffers() {
        String id = "d-0AbCdEfG0123456789ab";
        String[] parts = {id, id + "\u0000c", id + "\u0000e" + "-".repeat(10) + "1", id + "\u0000i"};
        ByteBuffer written = write(parts);
        // the id once (2 bytes of lengths and 22), then each part as 2 bytes of lengths and what follows the prefix it
        // shares with the one before: "\0c", then "e----------1" after "id\0", then "i" after "id\0"
        assertEquals((2 + 22) + (2 + 2) + (2 + 12) + (2 + 1), written.remaining());
    }

    @Test
    void randomPagesReadBackAsWritten() {
        Random random = new Random(42);
        String alphabet = "ab\u0000\u00fc\u4e2d-09";
        for (int round = 0; round < 500; round++) {
            List<String> strings = new ArrayList<>();
            for (int i = random.nextInt(80); i > 0; i--) {
                StringBuilder s = new StringBuilder();
                for (int n = random.nextInt(12); n > 0; n--) {
                    s.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                strings.add(s.toString());
            }
            if (random.nextBoolean()) {
                strings.sort(null);
            }
            String[] page = strings.toArray(String[]::new);
            assertArrayEquals(page, roundTrip(page));
        }
    }

    @Test
    void aSingleStringReadsBackAsWritten() {
        WriteBuffer buff = new WriteBuffer();
        TYPE.write(buff, "t\u00fc\u0000\ud83d\ude00");
        ByteBuffer read = buff.getBuffer().flip();
        assertEquals("t\u00fc\u0000\ud83d\ude00", TYPE.read(read));
        assertEquals(0, read.remaining());
    }

    @Test
    void aPageThatClaimsMoreSharedBytesThanThereAreIsRefused() {
        WriteBuffer buff = new WriteBuffer();
        buff.putVarInt(0).putVarInt(1).put((byte) 'a').putVarInt(5).putVarInt(0);
        ByteBuffer corrupt = buff.getBuffer().flip();
        assertThrows(IllegalStateException.class, () -> TYPE.read(corrupt, new String[2], 2));
    }

    /** Through MVStore itself: many pages, leaves and inner nodes, written to a file and read after reopening. */
    @Test
    void aFileOfTypedMapsReadsBackAfterReopening(@TempDir Path dir) {
        String file = dir.resolve("typed.mv.db").toString();
        TreeMap<String, String> expected = new TreeMap<>();
        Random random = new Random(7);
        try (MVStore mv = new MVStore.Builder().fileName(file).pageSplitSize(4096).open()) {
            MVMap<String, String> map = MvStoreFiles.strings(mv, "m");
            for (int i = 0; i < 20_000; i++) {
                String key = "tenant\u00fc\u0000" + (i % 17) + "\u0000" + Long.toString(random.nextLong() >>> 1, 36);
                String value = i % 3 == 0 ? "" : "d-" + i;
                map.put(key, value);
                expected.put(key, value);
            }
        }
        try (MVStore mv = new MVStore.Builder().fileName(file).readOnly().open()) {
            MVMap<String, String> map = MvStoreFiles.strings(mv, "m");
            assertEquals(expected.size(), map.size());
            assertTrue(!map.getRootPage().isLeaf(), "spread over many pages, with inner nodes");
            assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(map.keySet()));
            expected.forEach((k, v) -> assertEquals(v, map.get(k), k));
        }
    }

    private static String[] roundTrip(String[] page) {
        String[] read = new String[page.length];
        ByteBuffer written = write(page);
        TYPE.read(written, read, page.length);
        assertEquals(0, written.remaining(), "every byte written is read");
        return read;
    }

    private static ByteBuffer write(String[] page) {
        WriteBuffer buff = new WriteBuffer();
        TYPE.write(buff, page, page.length);
        return buff.getBuffer().flip();
    }
}
