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
        return write(event, false);
    }

    /**
     * What a store that keys the event by its delivery and sequence keeps of it (the MVStore file, from 2026-12 on):
     * its type, time and data, and its id only when it is not {@link DeliveryEvent#idOf the one they make}. The
     * members left out were a quarter of the bytes packed per relayed report, and the random id the costliest of them.
     * {@link #read(byte[], String, long)} puts them back.
     */
    static byte[] writeKeyed(DeliveryEvent event) {
        return write(event, true);
    }

    private static byte[] write(DeliveryEvent event, boolean keyed) {
        boolean idOfKey = keyed && event.id().equals(DeliveryEvent.idOf(event.deliveryId(), event.sequence()));
        return JsonBytes.of(DeliveryRecord.mapper().getFactory(), 512, g -> {
            g.writeStartObject();
            if (!idOfKey) {
                g.writeStringField("id", event.id());
            }
            if (!keyed) {
                g.writeStringField("deliveryId", event.deliveryId());
                g.writeNumberField("sequence", event.sequence());
            }
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
        DeliveryEvent event = new DeliveryEvent(DeliveryEvent.idOf("warm-up", 1), "warm-up", 1, EventType.RATE_REPORT,
                Instant.EPOCH, (SerializedString) null);
        read(PackedJson.unpack(packer.packEvent(writeKeyed(event))), event.deliveryId(), event.sequence());
    }

    /** An event as {@link #write} wrote it; its data kept as the JSON it is (the members read by name). */
    static DeliveryEvent read(byte[] json) {
        return read(json, null, 0);
    }

    /**
     * An event as {@link #write} or {@link #writeKeyed} wrote it, stored under {@code deliveryId} and {@code sequence}:
     * what the JSON leaves out is theirs (what it holds, as an event written before 2026-12 does, is taken as it is).
     */
    static DeliveryEvent read(byte[] json, String deliveryId, long sequence) {
        try {
            JsonNode e = DeliveryRecord.mapper().readTree(json);
            JsonNode data = e.path("data");
            JsonNode type = e.path("type");
            JsonNode time = e.path("time");
            String delivery = e.has("deliveryId") ? e.path("deliveryId").textValue() : deliveryId;
            long number = e.has("sequence") ? e.path("sequence").asLong() : sequence;
            String id = e.has("id") ? e.path("id").textValue() : DeliveryEvent.idOf(delivery, number);
            return new DeliveryEvent(id, delivery, number, type.isTextual() ? EventType.valueOf(type.textValue()) : null,
                    time.isTextual() ? Instant.parse(time.textValue()) : null,
                    data.isObject() ? new SerializedString(data.toString()) : null);
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException("unreadable event record", e instanceof IOException io ? io : new IOException(e));
        }
    }
}
