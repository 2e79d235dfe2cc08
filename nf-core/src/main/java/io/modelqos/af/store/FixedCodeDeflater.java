package io.modelqos.af.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Raw DEFLATE (RFC 1951) of small values against a preset dictionary, in one block with the fixed Huffman codes: what
 * {@link java.util.zip.Inflater} reads back after {@code setDictionary} with the same dictionary, as it reads zlib's.
 *
 * <p>Why not zlib: for a value of a few hundred bytes zlib's {@code Deflater} spends most of its time in set-up, not in
 * compressing. Each value clears its 64 KB hash table, hashes the whole dictionary into it again, and builds dynamic
 * Huffman trees that the value is too short to pay back; its 256 KB of state also pushes the event loop's own data out
 * of the cache. On the AF's event loops zlib was about 9 % of their CPU under create+delete (perf: {@code libz.so}).
 * Here the dictionary's hash chains are made once, a value's own positions go into a table of {@value #HASH_SIZE}
 * entries that is never cleared (entries carry the call that wrote them), and the codes are fixed, so a value costs
 * its matching and its bits only. The matching is greedy, as zlib's at levels 1-3, and compares eight bytes at a time.
 *
 * <p>An instance is immutable and may be used from any thread; each thread has its own working buffers.
 */
final class FixedCodeDeflater {
    private static final int MIN_MATCH = 3;
    /**
     * Positions are found by their first four bytes: a three-byte match barely pays with the fixed codes, and JSON's
     * common triples ({@code ":"}, {@code ","}) made chains of candidates that all failed on the fourth.
     */
    private static final int HASHED = 4;
    private static final int MAX_MATCH = 258;
    private static final int MAX_DISTANCE = 32_768;
    /** Candidates tried for one position, the value's own and then the dictionary's (zlib's level 3 tries 32). */
    private static final int MAX_CHAIN = 32;
    /** A match this long is taken without looking further (zlib's "nice length" at level 3). */
    private static final int NICE_MATCH = 64;
    /** The positions inside a match longer than this are not hashed (zlib's level 3 does the same at 6). */
    private static final int MAX_INSERT = 6;
    private static final int HASH_BITS = 12;
    private static final int HASH_SIZE = 1 << HASH_BITS;
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    // The fixed codes (RFC 1951, 3.2.6), bit-reversed: a Huffman code goes out most significant bit first.
    private static final int[] LITERAL_CODE = new int[288];
    private static final int[] LITERAL_BITS = new int[288];
    private static final int[] LENGTH_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
            67, 83, 99, 115, 131, 163, 195, 227, 258};
    private static final int[] LENGTH_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4,
            5, 5, 5, 5, 0};
    private static final int[] DISTANCE_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385,
            513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    private static final int[] DISTANCE_EXTRA = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10,
            10, 11, 11, 12, 12, 13, 13};
    private static final int[] DISTANCE_CODE = new int[30];
    /** Length (3-258) to its index in {@link #LENGTH_BASE}. */
    private static final byte[] LENGTH_INDEX = new byte[MAX_MATCH + 1];

    static {
        for (int symbol = 0; symbol < 288; symbol++) {
            int code;
            int bits;
            if (symbol < 144) {
                code = 0x30 + symbol;
                bits = 8;
            } else if (symbol < 256) {
                code = 0x190 + symbol - 144;
                bits = 9;
            } else if (symbol < 280) {
                code = symbol - 256;
                bits = 7;
            } else {
                code = 0xc0 + symbol - 280;
                bits = 8;
            }
            LITERAL_CODE[symbol] = reverse(code, bits);
            LITERAL_BITS[symbol] = bits;
        }
        for (int i = 0; i < 30; i++) {
            DISTANCE_CODE[i] = reverse(i, 5);
        }
        for (int i = 0; i < LENGTH_BASE.length; i++) {
            int end = i + 1 < LENGTH_BASE.length ? LENGTH_BASE[i + 1] : MAX_MATCH + 1;
            for (int length = LENGTH_BASE[i]; length < end; length++) {
                LENGTH_INDEX[length] = (byte) i;
            }
        }
        LENGTH_INDEX[MAX_MATCH] = (byte) (LENGTH_BASE.length - 1); // 258 has a code of its own (285)
    }

    private final byte[] dictionary;
    /** Per hash: the last dictionary position with that hash, plus one (0: none). */
    private final int[] dictionaryHead = new int[HASH_SIZE];
    /** Per dictionary position: the previous one with the same hash, plus one (0: none). */
    private final int[] dictionaryPrevious;
    private final ThreadLocal<Work> work;

    FixedCodeDeflater(byte[] dictionary) {
        this.dictionary = dictionary.clone();
        this.dictionaryPrevious = new int[dictionary.length];
        for (int p = 0; p + HASHED <= dictionary.length; p++) {
            int h = hash(this.dictionary, p);
            dictionaryPrevious[p] = dictionaryHead[h];
            dictionaryHead[h] = p + 1;
        }
        this.work = ThreadLocal.withInitial(() -> new Work(this.dictionary));
    }

    /** The most bytes a stream of {@code length} bytes of input takes (9 bits a byte, and the block's framing). */
    static int bound(int length) {
        return length + (length >> 3) + 4;
    }

    /** The first {@code headLength} bytes of {@code head}, then {@code in} deflated. */
    byte[] deflate(byte[] head, int headLength, byte[] in) {
        Work w = work.get();
        byte[] out = w.out(headLength + bound(in.length));
        System.arraycopy(head, 0, out, 0, headLength);
        return Arrays.copyOf(out, deflate(w, in, out, headLength));
    }

    /** Deflates {@code in} into {@code out} from {@code at} (which has room for it); returns where the stream ends. */
    private int deflate(Work w, byte[] in, byte[] out, int at) {
        byte[] window = w.window(in);
        int start = dictionary.length;
        int end = start + in.length;
        int call = w.nextCall();
        Bits bits = w.bits.reset(out, at);
        bits.write(0b011, 3); // BFINAL 1, BTYPE 01: the last block, fixed codes
        int p = start;
        while (p < end) {
            int length = 0;
            int distance = 0;
            if (end - p >= HASHED) {
                int h = hash(window, p);
                long found = longestMatch(w, window, p, end, h, call);
                length = (int) (found >>> 32);
                distance = (int) found;
                w.insert(h, p - start, call);
            }
            if (length >= MIN_MATCH) {
                writeMatch(bits, length, distance);
                int matchEnd = p + length;
                if (length <= MAX_INSERT) {
                    for (p++; p < matchEnd; p++) {
                        if (end - p >= HASHED) {
                            w.insert(hash(window, p), p - start, call);
                        }
                    }
                }
                p = matchEnd;
            } else {
                int literal = window[p] & 0xff;
                bits.write(LITERAL_CODE[literal], LITERAL_BITS[literal]);
                p++;
            }
        }
        bits.write(LITERAL_CODE[256], LITERAL_BITS[256]); // end of block
        return bits.finish();
    }

    /** The longest match for position {@code p} of the window: its length in the high half, its distance in the low. */
    private long longestMatch(Work w, byte[] window, int p, int end, int h, int call) {
        int max = Math.min(MAX_MATCH, end - p);
        int bestLength = MIN_MATCH - 1;
        int bestDistance = 0;
        // One chain of window positions, nearest first: the value's own earlier ones, then the dictionary's.
        int c = w.head(h, call);
        int candidate = c >= 0 ? dictionary.length + c : dictionaryHead[h] - 1;
        for (int tries = MAX_CHAIN; candidate >= 0 && tries > 0; tries--) {
            if (p - candidate > MAX_DISTANCE) {
                break;
            }
            int length = matchLength(window, candidate, p, max, bestLength);
            if (length > bestLength) {
                bestLength = length;
                bestDistance = p - candidate;
                if (length >= NICE_MATCH || length == max) {
                    break;
                }
            }
            candidate = previous(w, h, candidate);
        }
        return bestLength >= MIN_MATCH ? ((long) bestLength << 32) | bestDistance : 0;
    }

    /** The window position before {@code candidate} on the chain of hash {@code h}, or -1 at its end. */
    private int previous(Work w, int h, int candidate) {
        if (candidate < dictionary.length) {
            return dictionaryPrevious[candidate] - 1;
        }
        int c = w.previous[candidate - dictionary.length];
        return c >= 0 ? dictionary.length + c : dictionaryHead[h] - 1;
    }

    /**
     * How long the match of {@code candidate} and {@code p} is, up to {@code max}; 0 when its byte at {@code best}
     * already differs, so that it cannot be longer than the best so far.
     */
    private static int matchLength(byte[] window, int candidate, int p, int max, int best) {
        if (window[candidate + best] != window[p + best]) {
            return 0;
        }
        int n = 0;
        while (n + Long.BYTES <= max) { // eight bytes at a time: the first that differs ends the match
            long differ = (long) LONGS.get(window, candidate + n) ^ (long) LONGS.get(window, p + n);
            if (differ != 0) {
                return n + (Long.numberOfTrailingZeros(differ) >>> 3);
            }
            n += Long.BYTES;
        }
        while (n < max && window[candidate + n] == window[p + n]) {
            n++;
        }
        return n;
    }

    private static void writeMatch(Bits bits, int length, int distance) {
        int li = LENGTH_INDEX[length];
        int symbol = 257 + li;
        bits.write(LITERAL_CODE[symbol], LITERAL_BITS[symbol]);
        if (LENGTH_EXTRA[li] > 0) {
            bits.write(length - LENGTH_BASE[li], LENGTH_EXTRA[li]);
        }
        int di = distanceIndex(distance);
        bits.write(DISTANCE_CODE[di], 5);
        if (DISTANCE_EXTRA[di] > 0) {
            bits.write(distance - DISTANCE_BASE[di], DISTANCE_EXTRA[di]);
        }
    }

    private static int distanceIndex(int distance) {
        if (distance <= 4) {
            return distance - 1;
        }
        // Codes 4 and up come in pairs per power of two: the top bit gives the pair, the next bit the one of it.
        int d = distance - 1;
        int top = 31 - Integer.numberOfLeadingZeros(d);
        return 2 * top + ((d >>> (top - 1)) & 1);
    }

    private static int hash(byte[] b, int p) {
        return ((int) INTS.get(b, p) * 0x9E3779B1) >>> (32 - HASH_BITS);
    }

    private static int reverse(int code, int bits) {
        return Integer.reverse(code) >>> (32 - bits);
    }

    /** A thread's working buffers. */
    private static final class Work {
        /** The dictionary, then the value being deflated. */
        private byte[] window;
        private final int dictionaryLength;
        /** Per hash: the call that last wrote it (high half) and that call's last position there (low half). */
        private final long[] head = new long[HASH_SIZE];
        /** Per position of the value: the previous one with the same hash, or -1. */
        private int[] previous = new int[1024];
        private int call;
        /** Where a value is deflated before it is copied out at its size. */
        private byte[] out = new byte[1024];
        final Bits bits = new Bits();

        Work(byte[] dictionary) {
            this.dictionaryLength = dictionary.length;
            this.window = Arrays.copyOf(dictionary, dictionary.length + 1024);
        }

        byte[] window(byte[] in) {
            if (window.length < dictionaryLength + in.length) {
                window = Arrays.copyOf(window, dictionaryLength + in.length);
            }
            System.arraycopy(in, 0, window, dictionaryLength, in.length);
            if (previous.length < in.length) {
                previous = new int[in.length];
            }
            return window;
        }

        byte[] out(int size) {
            if (out.length < size) {
                out = new byte[Math.max(size, out.length * 2)];
            }
            return out;
        }

        int nextCall() {
            if (++call == Integer.MAX_VALUE) { // stamps wrap: forget them all once in two billion calls
                Arrays.fill(head, 0);
                call = 1;
            }
            return call;
        }

        /** The value's last position with hash {@code h} in this call, or -1. */
        int head(int h, int call) {
            long e = head[h];
            return (int) (e >>> 32) == call ? (int) e : -1;
        }

        void insert(int h, int position, int call) {
            previous[position] = head(h, call);
            head[h] = ((long) call << 32) | position;
        }
    }

    /** Bits out, least significant first, as DEFLATE packs them. */
    private static final class Bits {
        private byte[] out;
        private int at;
        private long buffer;
        private int count;

        Bits reset(byte[] out, int at) {
            this.out = out;
            this.at = at;
            this.buffer = 0;
            this.count = 0;
            return this;
        }

        void write(int value, int bits) {
            buffer |= (long) value << count;
            count += bits;
            if (count >= 32) {
                out[at] = (byte) buffer;
                out[at + 1] = (byte) (buffer >>> 8);
                out[at + 2] = (byte) (buffer >>> 16);
                out[at + 3] = (byte) (buffer >>> 24);
                at += 4;
                buffer >>>= 32;
                count -= 32;
            }
        }

        int finish() {
            while (count > 0) {
                out[at++] = (byte) buffer;
                buffer >>>= 8;
                count -= 8;
            }
            out = null;
            return at;
        }
    }
}
