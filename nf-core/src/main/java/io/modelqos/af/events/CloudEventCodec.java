package io.modelqos.af.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.format.DateTimeFormatter;

/**
 * Writes a {@link DeliveryEvent} as a CloudEvents 1.0 event in structured JSON mode, with the
 * per-delivery {@code sequence} as an extension attribute.
 */
public final class CloudEventCodec {
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    private final ObjectMapper mapper;
    private final String source;

    public CloudEventCodec(ObjectMapper mapper, String source) {
        this.mapper = mapper;
        this.source = source;
    }

    public ObjectNode toJson(DeliveryEvent event) {
        ObjectNode ce = mapper.createObjectNode();
        ce.put("specversion", "1.0");
        ce.put("id", event.id());
        ce.put("source", source);
        ce.put("type", event.type().cloudEventType());
        ce.put("subject", event.deliveryId());
        ce.put("time", DateTimeFormatter.ISO_INSTANT.format(event.time()));
        ce.put("datacontenttype", "application/json");
        ce.put("sequence", event.sequence());
        ce.set("data", event.data());
        return ce;
    }

    public String toJsonString(DeliveryEvent event) {
        return toJson(event).toString();
    }
}
