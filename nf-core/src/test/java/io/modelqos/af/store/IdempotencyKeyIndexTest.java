package io.modelqos.af.store;

import io.modelqos.af.delivery.DeliveryIds;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The in-memory table of Idempotency-Key hashes: against a plain map, through growth, collisions and removals. */
class IdempotencyKeyIndexTest {

    @Test
    void theAfsIdsPackIntoTwoLongsAndBackAndOthersDoNot() {
        DeliveryIds ids = new DeliveryIds(new Random(7));
        for (int i = 0; i < 1_000; i++) {
            String id = ids.next(Instant.ofEpochMilli(1_700_000_000_000L + i * 997L));
            long[] packed = IdempotencyKeyIndex.pack(id);
            assertEquals(id, IdempotencyKeyIndex.unpack(packed[0], packed[1]));
        }
        for (String other : List.of("d-1", "d-live", "x-0123456789ABCDEFGHIJ", "d-0123456789ABCDEFGHI!", "d-0123456789ABCDEFGHIJK")) {
            assertNull(IdempotencyKeyIndex.pack(other), other);
        }
        assertArrayEquals(new long[] {0, 0}, IdempotencyKeyIndex.pack("d-" + "-".repeat(20)));
    }

    /**
     * Random adds and removes, with hashes drawn from a small set so that many share a slot's neighbourhood (long probe
     * runs that wrap around the table's end, removals in the middle of a run), and ids of both kinds: after each step
     * every hash names what a plain multimap says.
     */
    @Test
    void addsAndRemovesAgreeWithAPlainMultimap() {
        Random random = new Random(11);
        DeliveryIds ids = new DeliveryIds(new Random(12));
        IdempotencyKeyIndex index = new IdempotencyKeyIndex();
        Map<Long, List<String>> expected = new HashMap<>();
        List<long[]> entries = new ArrayList<>(); // hash, index into names
        List<String> names = new ArrayList<>();
        long[] hashes = new long[64];
        for (int i = 0; i < hashes.length; i++) {
            // Low bits alike in groups (the table's slot), high bits apart, one hash at the table's last slots.
            hashes[i] = (random.nextLong() & ~0xFFL) | (i % 3 == 0 ? 0xFF : i % 5) | 1L << 40;
        }
        for (int step = 0; step < 20_000; step++) {
            if (entries.isEmpty() || random.nextInt(10) < 6) {
                long hash = hashes[random.nextInt(hashes.length)];
                String id = random.nextInt(8) == 0 ? "d-" + step : ids.next(Instant.ofEpochMilli(1_700_000_000_000L + step));
                index.add(hash, id);
                expected.computeIfAbsent(hash, h -> new ArrayList<>()).add(id);
                names.add(id);
                entries.add(new long[] {hash, names.size() - 1});
            } else {
                long[] gone = entries.remove(random.nextInt(entries.size()));
                String id = names.get((int) gone[1]);
                index.remove(gone[0], id);
                expected.get(gone[0]).remove(id);
            }
            if (step % 97 == 0 || step > 19_900) {
                for (long hash : hashes) {
                    assertEquals(sorted(expected.getOrDefault(hash, List.of())), sorted(index.ids(hash)), "step " + step);
                }
                assertEquals(entries.size(), index.size());
            }
        }
        index.remove(hashes[0], "d-never-added");
        assertEquals(entries.size(), index.size(), "removing what is not there changes nothing");
    }

    @Test
    void hashesTellTenantsAndKeysApartAndAreNeverZero() {
        IdempotencyKeyIndex index = new IdempotencyKeyIndex();
        assertTrue(index.hash("t1", "key") != index.hash("t2", "key"));
        assertTrue(index.hash("t", "1key") != index.hash("t1", "key"), "the separator counts");
        assertEquals(index.hash("t", "key"), index.hash("t", "key"));
        assertTrue(index.hash("", "") != 0);
    }

    private static List<String> sorted(List<String> ids) {
        List<String> copy = new ArrayList<>(ids);
        copy.sort(null);
        return copy;
    }
}
