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

    /**
     * Layout 3 keeps what belongs to one delivery next to its record in the {@code deliveries} map, under keys that
     * start with the delivery's id and {@link #SEP}: its events ({@value #EVENT} and the sequence), its webhook cursor
     * ({@value #CURSOR}); up to layout 6 what its indexes hold ({@value #INDEXED}, from layout 7 on read from the record)
     * and up to layout 5 its idempotency key too
     * ({@value #IDEMPOTENCY_KEY}, which the upgrade to layout 6 moves). A write of a delivery then rewrites one leaf of
     * one map, not a leaf of five.
     */
    static final char CURSOR = 'c';
    static final char EVENT = 'e';
    static final char INDEXED = 'i';
    static final char IDEMPOTENCY_KEY = 'k';

    static long[] parseCursor(String value) {
        int cut = value.indexOf(':');
        return new long[] {Long.parseLong(value.substring(0, cut)), Long.parseLong(value.substring(cut + 1))};
    }

    /** The key of one of a delivery's parts (not its record, which is under the id alone). */
    static String partKey(String deliveryId, char part) {
        return deliveryId + SEP + part;
    }

    /** Every part of a delivery starts with this (its record's key does not). */
    static String partsPrefix(String deliveryId) {
        return deliveryId + SEP;
    }

    static String eventKey(String deliveryId, long sequence) {
        return deliveryId + SEP + EVENT + sortable(sequence);
    }

    /** The sequence of an event key. */
    static long eventSequence(String key) {
        return unsortable(key, key.length() - SORTABLE_WIDTH);
    }

    /** Removes every part of a delivery (not its record): its events, cursor and index state. */
    static void removeParts(JournaledMap<byte[]> records, String deliveryId) {
        String prefix = partsPrefix(deliveryId);
        java.util.List<String> keys = new java.util.ArrayList<>();
        org.h2.mvstore.Cursor<String, byte[]> c = records.cursor(prefix);
        while (c.hasNext()) {
            String k = c.next();
            if (!k.startsWith(prefix)) {
                break;
            }
            keys.add(k);
        }
        keys.forEach(records::remove);
    }

    /** Layout 2's event key (in its own map), read when a layout 2 file is upgraded. */
    static String layout2EventKey(String deliveryId, long sequence) {
        return deliveryId + SEP + pad(sequence);
    }

    /** The delivery id an index key ends with (layout 3 index entries have an empty value). */
    static String idOfIndexKey(String key) {
        return key.substring(key.lastIndexOf(SEP) + 1);
    }

    /** 64 characters in ASCII order: a fixed-width number written with them sorts as the number does. */
    static final String DIGITS64 = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
    static final int SORTABLE_WIDTH = 11;

    /** A non-negative number in {@value #SORTABLE_WIDTH} characters (6 bits each) that sort as the number does. */
    static String sortable(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative: " + value);
        }
        char[] out = new char[SORTABLE_WIDTH];
        for (int i = SORTABLE_WIDTH - 1; i >= 0; i--) {
            out[i] = DIGITS64.charAt((int) (value & 63));
            value >>>= 6;
        }
        return new String(out);
    }

    static long unsortable(String s, int from) {
        long value = 0;
        for (int i = from; i < from + SORTABLE_WIDTH; i++) {
            int digit = DIGITS64.indexOf(s.charAt(i));
            if (digit < 0) {
                throw new IllegalArgumentException("not a sortable number: " + s);
            }
            value = value << 6 | digit;
        }
        return value;
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
