package io.modelqos.af.store;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * How the journal ({@link MvStoreJournal}) writes a batch of changes: for each, the map's name, the key, whether a
 * value follows (0: removed) and the value, as bytes for a byte-array map, else as a string. Lengths are varints.
 */
final class JournalCodec {
    private final int head;
    private byte[] buffer = new byte[64 * 1024];

    /** @param head bytes left free at the start of each batch, for the journal's batch head */
    JournalCodec(int head) {
        this.head = head;
    }

    /** The last batch {@link #encode} wrote, from byte 0. */
    byte[] buffer() {
        return buffer;
    }

    /** Encodes a batch after its head into {@link #buffer()}; its whole length, head included. */
    int encode(List<Object> changes) {
        int at = head;
        for (int i = 0; i < changes.size(); i += 3) {
            JournaledMap<?> map = (JournaledMap<?>) changes.get(i);
            String key = (String) changes.get(i + 1);
            Object value = changes.get(i + 2);
            at = putString(at, map.name());
            at = putString(at, key);
            ensure(at + 1);
            buffer[at++] = (byte) (value == null ? 0 : 1);
            if (value instanceof byte[] bytes) {
                at = putLength(at, bytes.length);
                ensure(at + bytes.length);
                System.arraycopy(bytes, 0, buffer, at, bytes.length);
                at += bytes.length;
            } else if (value != null) {
                at = putString(at, (String) value);
            }
        }
        return at;
    }

    /**
     * A string as its length and flag ({@code length << 1 | wide}) then one byte per char when every char is ASCII,
     * else two: lossless for any Java string (keys may hold what a JSON escape let in, unpaired surrogates included).
     */
    private int putString(int at, String s) {
        int n = s.length();
        boolean wide = false;
        for (int i = 0; i < n && !wide; i++) {
            wide = s.charAt(i) >= 0x80;
        }
        at = putLength(at, n << 1 | (wide ? 1 : 0));
        ensure(at + (wide ? 2 * n : n));
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (wide) {
                buffer[at++] = (byte) (c >>> 8);
            }
            buffer[at++] = (byte) c;
        }
        return at;
    }

    private int putLength(int at, int length) {
        ensure(at + 5);
        int v = length;
        while ((v & ~0x7F) != 0) {
            buffer[at++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buffer[at++] = (byte) v;
        return at;
    }

    static String readString(ByteBuffer in) {
        int head = readLength(in);
        int n = head >>> 1;
        char[] chars = new char[n];
        boolean wide = (head & 1) != 0;
        for (int i = 0; i < n; i++) {
            chars[i] = wide ? (char) ((in.get() & 0xFF) << 8 | (in.get() & 0xFF)) : (char) (in.get() & 0xFF);
        }
        return new String(chars);
    }

    static int readLength(ByteBuffer in) {
        int v = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = in.get();
            v |= (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
    }

    private void ensure(int capacity) {
        if (capacity > buffer.length) {
            buffer = java.util.Arrays.copyOf(buffer, Math.max(capacity, 2 * buffer.length));
        }
    }
}
