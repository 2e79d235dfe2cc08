package io.modelqos.af.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.modelqos.af.events.DeliveryEvent;

import java.io.IOException;
import java.io.UncheckedIOException;

/** A {@link DeliveryEvent} as stores keep it: its JSON, with the instant as ISO-8601. */
final class EventJson {
    private EventJson() {
    }

    /**
     * The JSON {@link DeliveryRecord#mapper()} writes for the event, member by member (the mapper's way to a record's
     * members and its instant formatter were half of the 3 % of the relay that writing events took).
     */
    static byte[] write(DeliveryEvent event) {
        ByteArrayBuilder out = new ByteArrayBuilder(512);
        try (JsonGenerator g = DeliveryRecord.mapper().getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("id", event.id());
            g.writeStringField("deliveryId", event.deliveryId());
            g.writeNumberField("sequence", event.sequence());
            g.writeStringField("type", event.type() == null ? null : event.type().name());
            DeliveryRecordWriter.instant(g, "time", event.time());
            g.writeFieldName("data");
            if (event.data() == null) {
                g.writeNull();
            } else {
                DeliveryRecord.mapper().writeTree(g, event.data());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] json = out.toByteArray();
        out.release();
        return json;
    }

    /**
     * Writes, packs and reads one event: the classes this loads and the code it runs cost up to 60 ms the first time
     * (a cold JVM), which a store pays at its open rather than on the event loop that writes its first event.
     */
    static void warmUp(PackedJson packer) {
        read(PackedJson.unpack(packer.packEvent(write(new DeliveryEvent("warm-up", "warm-up", 1,
                io.modelqos.af.events.EventType.RATE_REPORT, java.time.Instant.EPOCH, null)))));
    }

    static DeliveryEvent read(byte[] json) {
        try {
            return DeliveryRecord.mapper().readValue(json, DeliveryEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable event record", e);
        }
    }
}
