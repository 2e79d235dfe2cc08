package io.modelqos.af.store;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which deliveries an Idempotency-Key may name, in memory: a 64-bit hash of tenant and key, and the delivery's id. The
 * MVStore store keeps the key itself beside the delivery's id on disk ({@link MvStoreIdempotency}) and this table is
 * rebuilt from there at every open.
 *
 * <p>Why not a map on disk by key: keys are the callers' (the SDK's are random UUIDs), so each new key lands in a
 * random leaf of such a map, and with about a thousand creates a second every checkpoint rewrote most of its leaves:
 * store-churn at 950 pairs/s left a 151.8 MB file after 100,000 pairs with that map, 79.1 MB without it.
 *
 * <p>A hash may name more than one delivery (two keys with one hash, or a key used again after a create a stop
 * interrupted): the caller checks each against the key on disk. Ids of the AF's own form ({@code d-} and 20 characters
 * of {@link MvStoreKeys#DIGITS64}) are packed into two longs, so that an entry costs three longs in an open-addressing
 * table (about 40 bytes with its free slots) instead of a map entry and a string; other ids (older AFs', tests') are kept
 * as strings beside it. The hash is seeded per instance, so that no caller can choose keys that pile up in one place.
 *
 * <p>Threads: every method is synchronized; a look-up is a few probes.
 */
final class IdempotencyKeyIndex {
    private static final int SLOT = 3;
    private static final int ID_CHARS = 20;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final long seed = new SecureRandom().nextLong();
    /** Per slot: hash (0: free), the id's first 10 characters, its last 10. Capacity a power of two. */
    private long[] slots = new long[16 * SLOT];
    private int size;
    /** The entries whose ids do not pack, by hash. */
    private final Map<Long, List<String>> unpacked = new HashMap<>();

    /** The hash of a tenant's key (never 0). */
    long hash(String tenant, String key) {
        long h = seed;
        h = fnv(h, tenant);
        h = (h ^ MvStoreKeys.SEP) * FNV_PRIME;
        h = fnv(h, key);
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L; // SplitMix64's finaliser: every bit of the key reaches the low bits
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return h == 0 ? 1 : h;
    }

    private static long fnv(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * FNV_PRIME;
        }
        return h;
    }

    synchronized void add(long hash, String deliveryId) {
        long[] packed = pack(deliveryId);
        if (packed == null) {
            unpacked.computeIfAbsent(hash, h -> new ArrayList<>(1)).add(deliveryId);
            return;
        }
        if ((size + 1) * 4L > capacity() * 3L) {
            grow();
        }
        put(slots, hash, packed[0], packed[1]);
        size++;
    }

    /** The ids entered under {@code hash}. */
    synchronized List<String> ids(long hash) {
        List<String> out = new ArrayList<>(1);
        int mask = capacity() - 1;
        for (int i = (int) hash & mask; slots[i * SLOT] != 0; i = (i + 1) & mask) {
            if (slots[i * SLOT] == hash) {
                out.add(unpack(slots[i * SLOT + 1], slots[i * SLOT + 2]));
            }
        }
        List<String> others = unpacked.get(hash);
        if (others != null) {
            out.addAll(others);
        }
        return out;
    }

    /** Removes one entry of {@code deliveryId} under {@code hash}, if there is one. */
    synchronized void remove(long hash, String deliveryId) {
        long[] packed = pack(deliveryId);
        if (packed == null) {
            List<String> others = unpacked.get(hash);
            if (others != null && others.remove(deliveryId) && others.isEmpty()) {
                unpacked.remove(hash);
            }
            return;
        }
        int mask = capacity() - 1;
        int i = (int) hash & mask;
        while (slots[i * SLOT] != hash || slots[i * SLOT + 1] != packed[0] || slots[i * SLOT + 2] != packed[1]) {
            if (slots[i * SLOT] == 0) {
                return;
            }
            i = (i + 1) & mask;
        }
        // Linear probing's deletion: each entry after the gap that may sit in it (its home is not between the gap
        // and where it is) moves into it, so that no probe stops early at a free slot.
        int gap = i;
        for (int j = (i + 1) & mask; slots[j * SLOT] != 0; j = (j + 1) & mask) {
            int home = (int) slots[j * SLOT] & mask;
            boolean staysPut = gap < j ? gap < home && home <= j : gap < home || home <= j;
            if (!staysPut) {
                System.arraycopy(slots, j * SLOT, slots, gap * SLOT, SLOT);
                gap = j;
            }
        }
        slots[gap * SLOT] = 0;
        size--;
    }

    synchronized int size() {
        int others = 0;
        for (List<String> ids : unpacked.values()) {
            others += ids.size();
        }
        return size + others;
    }

    private int capacity() {
        return slots.length / SLOT;
    }

    private void grow() {
        long[] old = slots;
        long[] bigger = new long[old.length * 2];
        for (int i = 0; i < old.length; i += SLOT) {
            if (old[i] != 0) {
                put(bigger, old[i], old[i + 1], old[i + 2]);
            }
        }
        slots = bigger;
    }

    private static void put(long[] table, long hash, long high, long low) {
        int mask = table.length / SLOT - 1;
        int i = (int) hash & mask;
        while (table[i * SLOT] != 0) {
            i = (i + 1) & mask;
        }
        table[i * SLOT] = hash;
        table[i * SLOT + 1] = high;
        table[i * SLOT + 2] = low;
    }

    /** An id of the AF's form as two longs of 60 bits, or null. */
    static long[] pack(String id) {
        if (id.length() != 2 + ID_CHARS || !id.startsWith("d-")) {
            return null;
        }
        long high = 0;
        long low = 0;
        for (int i = 0; i < ID_CHARS; i++) {
            int digit = MvStoreKeys.DIGITS64.indexOf(id.charAt(2 + i));
            if (digit < 0) {
                return null;
            }
            if (i < ID_CHARS / 2) {
                high = high << 6 | digit;
            } else {
                low = low << 6 | digit;
            }
        }
        return new long[] {high, low};
    }

    static String unpack(long high, long low) {
        char[] id = new char[2 + ID_CHARS];
        id[0] = 'd';
        id[1] = '-';
        for (int i = ID_CHARS / 2 - 1; i >= 0; i--) {
            id[2 + i] = MvStoreKeys.DIGITS64.charAt((int) (high & 63));
            id[2 + ID_CHARS / 2 + i] = MvStoreKeys.DIGITS64.charAt((int) (low & 63));
            high >>>= 6;
            low >>>= 6;
        }
        return new String(id);
    }
}
