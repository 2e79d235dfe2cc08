package io.modelqos.af.events;

import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.af.json.AfJson;

import java.time.Instant;

/**
 * One event of a delivery's stream: the same event goes to the webhook and to the SSE stream.
 *
 * @param id         globally unique (receivers de-duplicate on it): {@link #idOf} its delivery and sequence, from 2026-12
 *                   on (a random UUID before)
 * @param deliveryId the delivery it belongs to (the CloudEvent {@code subject})
 * @param sequence   its position in the delivery's stream, from 1 (the SSE {@code id})
 * @param dataJson   the event's {@code data} as JSON (an object, or null for none): the delivery's state and figures
 *                   at that moment. Written once and copied as it is into the store's record and every CloudEvent:
 *                   a tree written twice per relayed report cost 5 % of the relay.
 */
public record DeliveryEvent(String id, String deliveryId, long sequence, EventType type, Instant time,
                            SerializedString dataJson) {
    /**
     * The id of the delivery's event at {@code sequence}: unique as long as delivery ids are and a delivery never numbers
     * two events alike, which the outbox and the stores see to. Made from what the event carries anyway, it need not be
     * drawn from a secure random source nor kept: the MVStore file leaves it out of what it keeps of the event.
     */
    public static String idOf(String deliveryId, long sequence) {
        return deliveryId + '.' + sequence;
    }

    /** An event whose data is given as a tree (tools and tests). */
    public DeliveryEvent(String id, String deliveryId, long sequence, EventType type, Instant time, ObjectNode data) {
        this(id, deliveryId, sequence, type, time, data == null ? null : new SerializedString(data.toString()));
    }

    /** The data as a tree, read anew at each call (for tools and tests; the AF copies {@link #dataJson}). */
    public ObjectNode data() {
        if (dataJson == null) {
            return null;
        }
        try {
            return (ObjectNode) AfJson.mapper().readTree(dataJson.getValue());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("an event's data is not JSON", e);
        }
    }
}
