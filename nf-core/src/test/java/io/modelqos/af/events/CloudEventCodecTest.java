package io.modelqos.af.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.af.store.DeliveryRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CloudEventCodecTest {
    private final ObjectMapper mapper = DeliveryRecord.mapper();
    private final CloudEventCodec codec = new CloudEventCodec(mapper, "/modelqos/af");

    /** The CloudEvent as the codec built it before it wrote bytes: a tree, with the same members in the same order. */
    private ObjectNode asTree(DeliveryEvent event) {
        ObjectNode ce = mapper.createObjectNode();
        ce.put("specversion", "1.0");
        ce.put("id", event.id());
        ce.put("source", "/modelqos/af");
        ce.put("type", event.type().cloudEventType());
        ce.put("subject", event.deliveryId());
        ce.put("time", java.time.format.DateTimeFormatter.ISO_INSTANT.format(event.time()));
        ce.put("datacontenttype", "application/json");
        ce.put("sequence", event.sequence());
        ce.set("data", event.data());
        return ce;
    }

    @Test
    void theBytesAreTheTreesJsonForEveryKindOfData() throws Exception {
        Random random = new Random(11);
        ObjectNode full = mapper.createObjectNode().put("deliveryId", "d-0mQz3kF9aB2c").put("state", "QOS_GRANTED")
                .put("gbrDl", "83.03 Mbps").put("cause", "QOS_MONITORING \"quoted\" é \u2028");
        full.putObject("achieved").put("dlRateBps", 402_500_000L).put("availability", 0.99999)
                .put("qosNotGuaranteedMs", 0).putNull("usage");
        full.putArray("variants").add("resnet-50-fp32").add(1.5e-7);
        List<ObjectNode> datas = List.of(full, mapper.createObjectNode());
        for (ObjectNode data : datas) {
            for (int i = 0; i < 200; i++) {
                Instant time = Instant.ofEpochSecond(1_700_000_000L + random.nextInt(100_000_000),
                        i % 4 == 0 ? 0 : random.nextInt(1_000_000_000));
                DeliveryEvent event = new DeliveryEvent("5f2c1e0a-9b3d-4c8e-a1f7-" + i, "d-0mQz3kF9aB2c",
                        random.nextInt(1_000_000), EventType.values()[i % EventType.values().length], time, data);
                byte[] bytes = codec.toJsonBytes(event);
                assertEquals(asTree(event).toString(), new String(bytes, StandardCharsets.UTF_8));
                JsonNode read = mapper.readTree(bytes);
                assertEquals("1.0", read.get("specversion").asText());
                assertEquals(event.sequence(), read.get("sequence").asLong());
                assertEquals(data.toString(), read.get("data").toString());
            }
        }
    }
}
