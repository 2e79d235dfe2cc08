package io.modelqos.af.store;

import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.events.EventType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fixed-code DEFLATE encoder: what it writes is what zlib's inflater reads back with the same dictionary. */
class FixedCodeDeflaterTest {
    private static final byte[] DICTIONARY = PackedJson.DICTIONARY_2;
    private final FixedCodeDeflater deflater = new FixedCodeDeflater(DICTIONARY);

    /** What the store packs comes back byte for byte, at most 25 % larger than zlib makes it (level 3; seen: 16 %). */
    @Test
    void eventsAndRecordsComeBackNearZlibsSize() {
        for (int round = 0; round < 200; round++) { // each event has a random id: the margin is the worst of many
            for (EventType type : EventType.values()) {
                byte[] event = EventJson.write(Deliveries.event("d-0000019ae0c1f2a3-6b2f9c1d", 37, type));
                assertPacksNearZlib(event, DICTIONARY, type.name());
            }
        }
        byte[] record = DeliveryRecord.of(Deliveries.ended(Deliveries.granted("d-1", "t", "10.45.0.1", 0),
                DeliveryState.COMPLETED, 40)).toJson();
        assertPacksNearZlib(record, PackedJson.DICTIONARY_1, "record");
    }

    private static void assertPacksNearZlib(byte[] json, byte[] dictionary, String what) {
        byte[] packed = deflate(new FixedCodeDeflater(dictionary), json);
        assertArrayEquals(json, inflate(packed, dictionary, json.length), what);
        int zlib = zlibSize(json, dictionary);
        assertTrue(packed.length <= zlib * 1.25, what + ": " + json.length + " bytes into " + packed.length
                + ", zlib " + zlib);
    }

    private static int zlibSize(byte[] json, byte[] dictionary) {
        Deflater zlib = new Deflater(3, true);
        try {
            zlib.setDictionary(dictionary);
            zlib.setInput(json);
            zlib.finish();
            byte[] out = new byte[json.length * 2 + 64];
            int n = zlib.deflate(out);
            assertTrue(zlib.finished());
            return n;
        } finally {
            zlib.end();
        }
    }

    @Test
    void aRecordComesBackWithAnyDictionary() {
        byte[] record = DeliveryRecord.of(Deliveries.ended(Deliveries.granted("d-1", "t", "10.45.0.1", 0),
                DeliveryState.COMPLETED, 40)).toJson();
        for (byte[] dictionary : new byte[][] {PackedJson.DICTIONARY_1, DICTIONARY, new byte[0], "x".getBytes()}) {
            byte[] packed = deflate(new FixedCodeDeflater(dictionary), record);
            assertArrayEquals(record, inflate(packed, dictionary, record.length));
        }
    }

    /**
     * Inputs that reach every length code (runs up to and past 258), every distance code (repeats up to 32 KB back,
     * and past it, where no match may reach), and no match at all (random bytes: every literal, 8 and 9 bits).
     */
    @Test
    void anyInputRoundTrips() {
        Random random = new Random(11);
        for (int size : new int[] {0, 1, 2, 3, 4, 259, 1000, 40_000, 100_000}) {
            byte[] noise = new byte[size];
            random.nextBytes(noise);
            assertRoundTrip(noise, "noise " + size);
            byte[] runs = new byte[size];
            for (int i = 0; i < size; ) {
                int run = 1 + random.nextInt(600);
                Arrays.fill(runs, i, Math.min(size, i + run), (byte) random.nextInt(4));
                i += run;
            }
            assertRoundTrip(runs, "runs " + size);
            byte[] repeats = new byte[size];
            for (int i = 0; i < size; i++) {
                int back = 1 + random.nextInt(40_000);
                repeats[i] = i >= back && random.nextInt(8) > 0 ? repeats[i - back] : (byte) random.nextInt(256);
            }
            assertRoundTrip(repeats, "repeats " + size);
        }
        for (int distance = 1; distance <= 32_768; distance = distance * 2 + random.nextInt(3)) {
            byte[] twice = new byte[distance + 300];
            random.nextBytes(twice);
            System.arraycopy(twice, 0, twice, distance, 300);
            assertRoundTrip(Arrays.copyOf(twice, Math.min(twice.length, distance + 300)), "distance " + distance);
        }
    }

    @Test
    void theDictionaryIsUsedAndAnEmptyValueIsAValidStream() {
        byte[] fromDictionary = Arrays.copyOfRange(DICTIONARY, 100, 400);
        byte[] packed = deflate(deflater, fromDictionary);
        assertArrayEquals(fromDictionary, inflate(packed, DICTIONARY, fromDictionary.length));
        assertTrue(packed.length < 20, "300 bytes of the dictionary packed into " + packed.length);
        assertEquals(0, inflate(deflate(deflater, new byte[0]), DICTIONARY, 0).length);
    }

    @Test
    void manyThreadsShareOneEncoder() throws Exception {
        byte[] event = EventJson.write(Deliveries.event("d-2", 5, EventType.CANCELLED));
        byte[] expected = deflate(deflater, event);
        Thread[] threads = new Thread[4];
        java.util.concurrent.atomic.AtomicInteger wrong = new java.util.concurrent.atomic.AtomicInteger();
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 2000; i++) {
                    if (!Arrays.equals(expected, deflate(deflater, event))) {
                        wrong.incrementAndGet();
                    }
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(0, wrong.get());
    }

    private void assertRoundTrip(byte[] input, String what) {
        byte[] packed = deflate(deflater, input);
        assertTrue(packed.length <= FixedCodeDeflater.bound(input.length), what + ": over the bound");
        assertArrayEquals(input, inflate(packed, DICTIONARY, input.length), what);
    }

    private static byte[] deflate(FixedCodeDeflater deflater, byte[] input) {
        return deflater.deflate(new byte[0], 0, input);
    }

    private static byte[] inflate(byte[] packed, byte[] dictionary, int length) {
        Inflater inflater = new Inflater(true);
        try {
            if (dictionary.length > 0) {
                inflater.setDictionary(dictionary);
            }
            inflater.setInput(packed);
            byte[] out = new byte[length + 1];
            int n = 0;
            while (!inflater.finished()) {
                int got = inflater.inflate(out, n, out.length - n);
                if (got == 0 && (inflater.needsInput() || n == out.length)) {
                    break;
                }
                n += got;
            }
            assertTrue(inflater.finished(), "the stream does not end");
            assertEquals(0, inflater.getRemaining(), "bytes after the stream's end");
            return Arrays.copyOf(out, n);
        } catch (DataFormatException e) {
            throw new AssertionError("not a valid DEFLATE stream: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    /** Not a test: sizes and times against zlib at the store's former level (3), for the record (run by hand). */
    public static void main(String[] args) {
        byte[][] samples = new byte[EventType.values().length + 1][];
        for (EventType type : EventType.values()) {
            samples[type.ordinal()] = EventJson.write(Deliveries.event("d-0000019ae0c1f2a3-6b2f9c1d", 37, type));
        }
        samples[samples.length - 1] = DeliveryRecord.of(Deliveries.ended(Deliveries.granted("d-1", "t", "10.45.0.1", 0),
                DeliveryState.COMPLETED, 40)).toJson();
        Deflater zlib = new Deflater(3, true);
        for (int round = 0; round < 3; round++) {
            for (int s = 0; s < samples.length; s++) {
                boolean record = s == samples.length - 1;
                byte[] in = samples[s];
                byte[] dictionary = record ? PackedJson.DICTIONARY_1 : PackedJson.DICTIONARY_2;
                FixedCodeDeflater mine = new FixedCodeDeflater(dictionary);
                byte[] out = new byte[in.length * 2 + 64];
                int n = 200_000;
                long t0 = System.nanoTime();
                int zlibSize = 0;
                for (int i = 0; i < n; i++) {
                    zlib.reset();
                    zlib.setDictionary(dictionary);
                    zlib.setInput(in);
                    zlib.finish();
                    zlibSize = zlib.deflate(out);
                }
                long t1 = System.nanoTime();
                int mineSize = 0;
                for (int i = 0; i < n; i++) {
                    mineSize = mine.deflate(out, 0, in).length;
                }
                long t2 = System.nanoTime();
                System.out.printf("%s %d bytes: zlib %d bytes %.2f us, fixed codes %d bytes %.2f us%n",
                        record ? "record" : EventType.values()[s], in.length, zlibSize, (t1 - t0) / 1e3 / n, mineSize,
                        (t2 - t1) / 1e3 / n);
            }
        }
        zlib.end();
    }
}
