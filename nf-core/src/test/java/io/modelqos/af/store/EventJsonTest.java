package io.modelqos.af.store;

import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.af.events.DeliveryEvent;
import io.modelqos.af.events.EventType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-written event JSON is byte for byte what the stores' mapper writes, and reads back as the same event. */
class EventJsonTest {

    @Test
    void writesWhatTheMapperWritesAndReadsItBack() throws Exception {
        Random random = new Random(5);
        ObjectNode data = DeliveryRecord.mapper().createObjectNode().put("deliveryId", "d-1").put("state", "DEGRADED")
                .put("cause", "tab\\t \"quote\" \u00e9 \u2028");
        data.putObject("achieved").put("dlRateBps", 812_000_000L).put("availability", 0.99999).putNull("usage");
        for (int i = 0; i < 2_000; i++) {
            Instant time = i == 0 ? Instant.parse("0000-01-01T00:00:00Z")
                    : Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_000_000_000L),
                    i % 3 == 0 ? 0 : i % 3 == 1 ? random.nextInt(1000) * 1_000_000 : random.nextInt(1_000_000_000));
            DeliveryEvent event = new DeliveryEvent("id-" + i, "d-" + i, random.nextLong(0, Long.MAX_VALUE),
                    EventType.values()[i % EventType.values().length], time, i % 7 == 0 ? null : data);
            byte[] written = EventJson.write(event);
            byte[] expected = DeliveryRecord.mapper().writeValueAsBytes(asTree(event));
            assertEquals(new String(expected, StandardCharsets.UTF_8), new String(written, StandardCharsets.UTF_8));
            // Read back: the same event (numbers in the data may come back as narrower nodes, hence the text).
            DeliveryEvent read = EventJson.read(written);
            assertEquals(new DeliveryEvent(event.id(), event.deliveryId(), event.sequence(), event.type(), event.time(),
                    (SerializedString) null), new DeliveryEvent(read.id(), read.deliveryId(), read.sequence(), read.type(), read.time(),
                    (SerializedString) null));
            assertEquals(String.valueOf(event.data()), String.valueOf(read.data()));
        }
        DeliveryEvent typical = Deliveries.event("d-1", 3, EventType.RATE_REPORT);
        assertEquals(true, Arrays.equals(DeliveryRecord.mapper().writeValueAsBytes(asTree(typical)), EventJson.write(typical)));
    }

    /**
     * Keyed by its delivery and sequence (the MVStore file), an event keeps its type, time and data, and its id only
     * when the id is not the one they make; read back under its key it is the same event. Events written whole (before
     * 2026-12) read back under their key as they were.
     */
    @Test
    void aKeyedEventLeavesOutWhatItsKeySaysAndReadsBackWhole() {
        DeliveryEvent derived = Deliveries.event("d-7", 42, EventType.RATE_REPORT);
        String keyed = new String(EventJson.writeKeyed(derived), StandardCharsets.UTF_8);
        assertTrue(keyed.startsWith("{\"type\":\"RATE_REPORT\",\"time\":"), keyed);
        assertFalse(keyed.contains("d-7.42") || keyed.contains("\"sequence\""), keyed);
        assertEquals(derived, EventJson.read(EventJson.writeKeyed(derived), "d-7", 42));

        DeliveryEvent older = new DeliveryEvent("8c3e1f52-7d4a-4b1e-9a0c-2f6d5e4b3a19", "d-7", 41, EventType.QOS_GRANTED,
                derived.time(), (SerializedString) null);
        assertTrue(new String(EventJson.writeKeyed(older), StandardCharsets.UTF_8).contains(older.id()));
        assertEquals(older, EventJson.read(EventJson.writeKeyed(older), "d-7", 41));
        assertEquals(older, EventJson.read(EventJson.write(older), "d-7", 41));
    }

    /** The event as the mapper wrote the record up to layout 6: its members, the data as a tree. */
    private static ObjectNode asTree(DeliveryEvent event) {
        ObjectNode tree = DeliveryRecord.mapper().createObjectNode().put("id", event.id()).put("deliveryId", event.deliveryId())
                .put("sequence", event.sequence()).put("type", event.type().name());
        tree.set("time", DeliveryRecord.mapper().valueToTree(event.time()));
        tree.set("data", event.data() == null ? tree.nullNode() : event.data());
        return tree;
    }
}
