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
 * <p>Callback ids, the last segment of a delivery's notification URL, are the delivery's id, a tilde and 128 random bits:
 * what makes the URL unguessable is those bits, and the id in front lets the AF find the delivery of a notification
 * by its id, which it holds in memory, instead of through an index of callback ids (a B-tree look-up that was 3.6 % of
 * the event loops' CPU per relayed report). Up to 2026-12 a callback id was the delivery's 8 characters of time and the
 * 128 bits ({@link #deliveryIdOf} gives null for those): the NEF still holds such ids for deliveries created then, and
 * the stores keep resolving them by their index.
 */
public final class DeliveryIds {
    private static final char[] SORTED = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final int TIME_CHARS = 8;
    private static final int RANDOM_CHARS = 12;
    /**
     * Between the delivery id and the random bits of a callback id: in neither alphabet, and unreserved in a URL
     * (RFC 3986). Not a dot: a path with one takes Vert.x's slow path normalisation (dot segments), 1.4 % of the relay.
     */
    static final char CALLBACK_SEPARATOR = '~';

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

    /** A new callback id for the delivery {@code deliveryId}: its id, {@value #CALLBACK_SEPARATOR}, 128 random bits. */
    public String callbackId(String deliveryId) {
        if (deliveryId.indexOf(CALLBACK_SEPARATOR) >= 0) {
            throw new IllegalArgumentException("a delivery id with a '" + CALLBACK_SEPARATOR + "': " + deliveryId);
        }
        byte[] secret = new byte[16];
        random.nextBytes(secret);
        return deliveryId + CALLBACK_SEPARATOR + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /**
     * The delivery id that {@code callbackId} starts with, or null when it has none: one of the older form (time and
     * random bits, no {@value #CALLBACK_SEPARATOR}), or not one this AF made. Only the id: whether the callback id is
     * the delivery's is for {@link #sameCallbackId} to say, against the one the delivery holds.
     */
    public static String deliveryIdOf(String callbackId) {
        int cut = callbackId.lastIndexOf(CALLBACK_SEPARATOR);
        return cut <= 0 ? null : callbackId.substring(0, cut);
    }

    /**
     * Whether {@code presented} (from a notification's URL) is the callback id {@code issued} to a delivery, in a time
     * that does not tell how much of it matched (it is what proves the notification comes from the delivery's NEF);
     * the length, the same for every callback id made here, is no secret. Char by char, not through
     * {@code MessageDigest.isEqual}: encoding both to bytes first cost more than the look-up it checks.
     */
    public static boolean sameCallbackId(String issued, String presented) {
        int n = issued.length();
        if (presented.length() != n) {
            return false;
        }
        int differ = 0;
        for (int i = 0; i < n; i++) {
            differ |= issued.charAt(i) ^ presented.charAt(i);
        }
        return differ == 0;
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
