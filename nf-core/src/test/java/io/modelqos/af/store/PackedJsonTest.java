package io.modelqos.af.store;

import io.modelqos.af.delivery.DeliveryState;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.af.events.DeliveryEvent;
import io.modelqos.af.events.EventType;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
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
        for (byte[] packed : new byte[][] {packer.pack(record), packer.packEvent(event)}) {
            byte[] json = PackedJson.unpack(packed);
            assertArrayEquals(packed[0] == PackedJson.CODEC_1 ? record : event, json);
            assertTrue(packed.length * 2 < json.length, json.length + " bytes packed into " + packed.length);
        }
        assertEquals(PackedJson.CODEC_1, packer.pack(record)[0]);
        assertEquals(PackedJson.CODEC_2, packer.packEvent(event)[0]);
    }

    /**
     * Events are packed with codec 2 from layout 7 on; those packed with codec 1 (layouts 2 to 6) still read. With the
     * fixed codes the two dictionaries pack an event to within a few bytes of each other (which one wins turns on the
     * event's random id); codec 2's was chosen when zlib hashed the dictionary for every event, and is the shorter one.
     */
    @Test
    void anEventPackedWithEitherCodecReadsBackAndCodecTwoIsNoLarger() {
        for (int round = 0; round < 20; round++) {
            for (EventType type : EventType.values()) {
                byte[] event = EventJson.write(asTheAfWritesIt(type));
                byte[] one = packer.pack(event);
                byte[] two = packer.packEvent(event);
                assertArrayEquals(event, PackedJson.unpack(one), type.name());
                assertArrayEquals(event, PackedJson.unpack(two), type.name());
                assertTrue(two.length <= one.length + 4, type + ": codec 2 " + two.length + " bytes, codec 1 " + one.length);
            }
        }
    }

    /** An event with the data the AF gives each (what {@code DeliveryJson.eventData} writes). */
    private static DeliveryEvent asTheAfWritesIt(EventType type) {
        String id = "d-0000019ae0c1f2a3-6b2f9c1d";
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("deliveryId", id)
                .put("state", type == EventType.RATE_REPORT ? "QOS_GRANTED" : type.name())
                .put("variantId", "resnet-50-fp32").put("gbrDl", "83.03 Mbps");
        ObjectNode achieved = data.putObject("achieved");
        if (type == EventType.RATE_REPORT) {
            achieved.put("dlRate", "84.12 Mbps");
        }
        achieved.put("availability", 1.0).put("qosGuaranteedMs", 72_400).put("qosNotGuaranteedMs", 0);
        if (type == EventType.RATE_REPORT) {
            data.put("cause", "QOS_MONITORING");
        }
        return new DeliveryEvent(UUID.randomUUID().toString(), id, 37, type, Instant.parse("2026-12-05T08:31:12.523Z"), data);
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

    /**
     * Values written with a codec can only be read with exactly its dictionary: a better one is a new codec (codec 2,
     * for events from layout 7 on, is one).
     */
    @Test
    void theCodecsDictionariesNeverChange() {
        assertDictionary(PackedJson.DICTIONARY_1, 2986, 1680439623L, "codec 1");
        assertDictionary(PackedJson.DICTIONARY_2, 1024, 3334358686L, "codec 2");
    }

    private static void assertDictionary(byte[] dictionary, int length, long crc32, String codec) {
        CRC32 crc = new CRC32();
        crc.update(dictionary);
        assertEquals(length, dictionary.length, codec);
        assertEquals(crc32, crc.getValue(), codec + "'s dictionary changed");
    }
}
