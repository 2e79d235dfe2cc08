package io.modelqos.af.store;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The MVStore keys' fixed-width numbers: they must sort as the numbers do, or a scan by key skips or repeats. */
class MvStoreKeysTest {
    @Test
    void sortableNumbersSortAsTheNumbersAndReadBack() {
        Random random = new Random(3);
        long[] edges = {0, 1, 63, 64, 4095, 4096, Integer.MAX_VALUE, Long.MAX_VALUE - 1, Long.MAX_VALUE};
        for (int i = 0; i < 20_000; i++) {
            long a = i < edges.length ? edges[i] : (random.nextLong() >>> 1) >>> random.nextInt(63);
            long b = (random.nextLong() >>> 1) >>> random.nextInt(63);
            String sa = MvStoreKeys.sortable(a);
            String sb = MvStoreKeys.sortable(b);
            assertEquals(MvStoreKeys.SORTABLE_WIDTH, sa.length());
            assertEquals(Long.signum(Long.compare(a, b)), Integer.signum(sa.compareTo(sb)), a + " vs " + b);
            assertEquals(a, MvStoreKeys.unsortable(sa, 0));
        }
        assertThrows(IllegalArgumentException.class, () -> MvStoreKeys.sortable(-1));
    }

    @Test
    void anEventKeyGivesBackItsSequenceAndSortsAfterTheRecordsOwnKey() {
        String key = MvStoreKeys.eventKey("d-1", 42);
        assertEquals(42, MvStoreKeys.eventSequence(key));
        assertEquals(-1, Integer.signum("d-1".compareTo(key)));
        assertEquals(-1, Integer.signum(key.compareTo("d-10")), "another id that starts with this one sorts after");
    }
}
