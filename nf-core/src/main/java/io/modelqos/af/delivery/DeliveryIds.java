package io.modelqos.af.delivery;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Random;

/**
 * New delivery ids: {@code d-}, the creation time in milliseconds (8 characters), then 72 random bits (12 characters),
 * in an alphabet whose characters sort in ASCII order as their values do ({@code -0-9A-Z_a-z}), so that ids sort by
 * creation time.
 *
 * <p>Why time first: the stores key a delivery's record, events and cursor by its id. With random ids every write of
 * a delivery lands in a different leaf of the store's B-tree, and the leaves of ended deliveries keep being rewritten
 * by the new deliveries that fall among them; with ids in creation order the deliveries under way share a few leaves,
 * and the leaves of ended ones stop changing (the reason for UUIDv7, RFC 9562 §6.10). The 72 random bits keep ids of
 * the same millisecond apart; ids are not secrets (the tenant's credentials guard a delivery, and the unguessable part
 * of the NEF's notification URL is the callback id).
 *
 * <p>Callback ids, the last segment of a delivery's notification URL, start with the same 8 characters of time (the
 * stores index deliveries by callback id too) and go on with 128 random bits: what makes the URL unguessable is those
 * bits, not the time in front of them.
 */
public final class DeliveryIds {
    private static final char[] SORTED = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final int TIME_CHARS = 8;
    private static final int RANDOM_CHARS = 12;

    private final Random random;

    /** Ids with random bits from a {@link SecureRandom}. */
    public DeliveryIds() {
        this(new SecureRandom());
    }

    /** Ids with random bits from {@code random} (a seeded one makes a benchmark repeatable). */
    public DeliveryIds(Random random) {
        this.random = random;
    }

    /** A new id for a delivery created at {@code createdAt}. */
    public String next(Instant createdAt) {
        char[] id = new char[2 + TIME_CHARS + RANDOM_CHARS];
        id[0] = 'd';
        id[1] = '-';
        time(createdAt, id, 2);
        long bits = 0;
        for (int i = 0; i < RANDOM_CHARS; i++) {
            if (i % 10 == 0) {
                bits = random.nextLong(); // 10 characters of 6 bits each from one long
            }
            id[2 + TIME_CHARS + i] = SORTED[(int) (bits & 63)];
            bits >>>= 6;
        }
        return new String(id);
    }

    /** A new callback id for a delivery created at {@code createdAt}: its time, then 128 random bits. */
    public String callbackId(Instant createdAt) {
        char[] time = new char[TIME_CHARS];
        time(createdAt, time, 0);
        byte[] secret = new byte[16];
        random.nextBytes(secret);
        return new String(time) + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The time in milliseconds as {@value #TIME_CHARS} sorting characters, at {@code at} in {@code out}. */
    private static void time(Instant createdAt, char[] out, int at) {
        long millis = createdAt.toEpochMilli();
        for (int i = at + TIME_CHARS - 1; i >= at; i--) {
            out[i] = SORTED[(int) (millis & 63)];
            millis >>>= 6;
        }
    }
}
