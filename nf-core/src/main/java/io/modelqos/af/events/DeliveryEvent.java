package io.modelqos.af.events;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * One event of a delivery's stream: the same event goes to the webhook and to the SSE stream.
 *
 * @param id         globally unique (receivers de-duplicate on it)
 * @param deliveryId the delivery it belongs to (the CloudEvent {@code subject})
 * @param sequence   its position in the delivery's stream, from 1 (the SSE {@code id})
 * @param data       the event's {@code data}: the delivery's state and figures at that moment
 */
public record DeliveryEvent(String id, String deliveryId, long sequence, EventType type, Instant time, ObjectNode data) {
}
