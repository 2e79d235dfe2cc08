package io.modelqos.af.store;

import io.modelqos.af.problem.AfProblem;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The keys of the MVStore maps: parts joined by a separator that sorts first, fixed-width numbers so that text order
 * is number order, creation times reversed so that the newest comes first, and page tokens over those positions.
 */
final class MvStoreKeys {
    static final char SEP = '\u0000';

    private MvStoreKeys() {
    }

    static long[] parseCursor(String value) {
        int cut = value.indexOf(':');
        return new long[] {Long.parseLong(value.substring(0, cut)), Long.parseLong(value.substring(cut + 1))};
    }

    static String eventKey(String deliveryId, long sequence) {
        return deliveryId + SEP + pad(sequence);
    }

    static String key(String... parts) {
        return String.join(String.valueOf(SEP), parts);
    }

    /** Sorts newest first: the complement of the creation time in nanoseconds, fixed width. */
    static String rev(Instant at) {
        return pad(Long.MAX_VALUE - DeliveryRecord.epochNanos(at));
    }

    static String pad(long value) {
        String s = Long.toString(value);
        return "0".repeat(Math.max(0, 19 - s.length())) + s;
    }

    static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String token) {
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
