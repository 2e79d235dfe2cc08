package io.modelqos.af.store;

import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.events.EventType;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packing of the MVStore file's records and events. */
class PackedJsonTest {
    private final PackedJson packer = new PackedJson();

    @Test
    void recordsAndEventsComeBackByteForByteInLessThanHalfTheirSize() {
        byte[] record = DeliveryRecord.of(Deliveries.ended(Deliveries.granted("d-1", "t", "10.45.0.1", 0),
                DeliveryState.COMPLETED, 40)).toJson();
        byte[] event = EventJson.write(Deliveries.event("d-1", 3, EventType.RATE_REPORT));
        for (byte[] json : new byte[][] {record, event}) {
            byte[] packed = packer.pack(json);
            assertEquals(PackedJson.CODEC_1, packed[0]);
            assertArrayEquals(json, PackedJson.unpack(packed));
            assertTrue(packed.length * 2 < json.length, json.length + " bytes packed into " + packed.length);
        }
    }

    @Test
    void plainJsonFromLayoutOneIsReadAsItIs() {
        byte[] json = "{\"v\":1}".getBytes(StandardCharsets.UTF_8);
        assertSame(json, PackedJson.unpack(json));
    }

    @Test
    void valuesOfAnySizeRoundTrip() {
        java.util.Random random = new java.util.Random(7);
        for (int size : new int[] {0, 1, 127, 128, 16_383, 16_384, 200_000}) {
            byte[] json = new byte[size];
            for (int i = 0; i < size; i++) {
                json[i] = (byte) (' ' + random.nextInt(90)); // little to compress: the output outgrows its first buffer
            }
            assertArrayEquals(json, PackedJson.unpack(packer.pack(json)), "size " + size);
        }
    }

    @Test
    void aDamagedOrUnknownValueIsAnErrorNotGarbage() {
        byte[] packed = packer.pack(DeliveryRecord.of(Deliveries.granted("d-1", "t", "10.45.0.1", 0)).toJson());
        byte[] truncated = java.util.Arrays.copyOf(packed, packed.length / 2);
        assertThrows(UncheckedIOException.class, () -> PackedJson.unpack(truncated));
        assertThrows(UncheckedIOException.class, () -> PackedJson.unpack(new byte[] {9, 1, 2}));
    }

    /** Files written with codec 1 can only be read with exactly this dictionary: a better one is a new codec. */
    @Test
    void theDictionaryOfCodecOneNeverChanges() {
        CRC32 crc = new CRC32();
        crc.update(PackedJson.DICTIONARY_1);
        assertEquals(2986, PackedJson.DICTIONARY_1.length);
        assertEquals(1680439623L, crc.getValue(), "codec 1's dictionary changed");
    }
}
