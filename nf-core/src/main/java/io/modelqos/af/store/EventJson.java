package io.modelqos.af.store;

import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import io.modelqos.af.json.JsonBytes;
import io.modelqos.af.json.RawJson;
import io.modelqos.af.events.DeliveryEvent;
import io.modelqos.af.events.EventType;
import io.modelqos.af.json.IsoInstants;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/** A {@link DeliveryEvent} as stores keep it: its JSON, with the instant as ISO-8601. */
final class EventJson {
    private EventJson() {
    }

    /**
     * The JSON {@link DeliveryRecord#mapper()} writes for the event, member by member (the mapper's way to a record's
     * members and its instant formatter were half of the 3 % of the relay that writing events took).
     */
    static byte[] write(DeliveryEvent event) {
        return JsonBytes.of(DeliveryRecord.mapper().getFactory(), 512, g -> {
            g.writeStartObject();
            g.writeStringField("id", event.id());
            g.writeStringField("deliveryId", event.deliveryId());
            g.writeNumberField("sequence", event.sequence());
            g.writeStringField("type", event.type() == null ? null : event.type().name());
            IsoInstants.write(g, "time", event.time());
            RawJson.field(g, "data", event.dataJson());
            g.writeEndObject();
        });
    }

    /**
     * Writes, packs and reads one event: the classes this loads and the code it runs cost up to 60 ms the first time
     * (a cold JVM), which a store pays at its open rather than on the event loop that writes its first event.
     */
    static void warmUp(PackedJson packer) {
        read(PackedJson.unpack(packer.packEvent(write(new DeliveryEvent("warm-up", "warm-up", 1,
                EventType.RATE_REPORT, Instant.EPOCH, (SerializedString) null)))));
    }

    /** An event as {@link #write} wrote it; its data kept as the JSON it is (the members read by name). */
    static DeliveryEvent read(byte[] json) {
        try {
            JsonNode e = DeliveryRecord.mapper().readTree(json);
            JsonNode data = e.path("data");
            JsonNode type = e.path("type");
            JsonNode time = e.path("time");
            return new DeliveryEvent(e.path("id").textValue(), e.path("deliveryId").textValue(), e.path("sequence").asLong(),
                    type.isTextual() ? EventType.valueOf(type.textValue()) : null,
                    time.isTextual() ? Instant.parse(time.textValue()) : null,
                    data.isObject() ? new SerializedString(data.toString()) : null);
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException("unreadable event record", e instanceof IOException io ? io : new IOException(e));
        }
    }
}
