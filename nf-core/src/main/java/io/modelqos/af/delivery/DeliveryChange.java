package io.modelqos.af.delivery;

import io.modelqos.af.problem.BestOffer;

/**
 * What a transition of a {@link Delivery} caused, for the engine to act on: a state change (metrics), and the
 * changes the model server is told of (the delivery's event stream).
 */
public sealed interface DeliveryChange {

    /** The delivery moved from one state to another (a delivery's first state has no {@code from}). */
    record StateChanged(DeliveryState from, DeliveryState to) implements DeliveryChange {
    }

    /** Something the model server hears of: an event of its delivery's stream. */
    record Told(Kind kind, String cause, BestOffer offer) implements DeliveryChange {
        public Told(Kind kind, String cause) {
            this(kind, cause, null);
        }
    }

    /** The kinds of change the model server hears of; each maps to one northbound event type. */
    enum Kind { QOS_GRANTED, QOS_REJECTED, QOS_DEGRADED, QOS_RESTORED, RATE_REPORT, COMPLETED, EXPIRED, FAILED, CANCELLED }
}
