package io.modelqos.af.events;

import io.vertx.core.Future;

import java.util.List;

/**
 * Where each delivery's events are kept before they are sent, with how far its webhook has got: the delivery store
 * implements it, so that the event stream survives a restart without the events package knowing the store. Like the
 * store, every call answers with a future that completes on the caller's context.
 */
public interface EventLog {

    /** Appends an event to its delivery's log; the future completes once it is durable (before it is sent anywhere). */
    Future<Void> appendEvent(DeliveryEvent event);

    /** Removes one logged event (history trimming); the delivery's last sequence is unchanged. */
    Future<Void> removeEvent(String deliveryId, long sequence);

    /** The logged events of a delivery after {@code afterSequence} (0 = all), in sequence order. */
    Future<List<DeliveryEvent>> events(String deliveryId, long afterSequence);

    /** The highest sequence ever appended for the delivery, 0 when none; trimming does not lower it. */
    Future<Long> lastSequence(String deliveryId);

    /** The delivery's webhook is done (accepted or given up) with every event up to {@code sequence}. */
    default Future<Void> markDelivered(String deliveryId, long sequence) {
        return markDelivered(deliveryId, sequence, false);
    }

    /**
     * As {@link #markDelivered(String, long)}; {@code last}: that event ends the delivery's stream (its terminal one),
     * so no move follows this one. A store that writes moves lazily writes this one with its next commit.
     */
    Future<Void> markDelivered(String deliveryId, long sequence, boolean last);

    /** How far the delivery's webhook has got, 0 when nothing was delivered. */
    Future<Long> deliveredUpTo(String deliveryId);

    /** Completes once every write so far is durable. */
    Future<Void> flushed();
}
