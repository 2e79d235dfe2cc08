package io.modelqos.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;

/** Where a delivery is in its life. */
public enum DeliveryState {
    REQUESTED, NEGOTIATING, QOS_GRANTED, DEGRADED, COMPLETED, FAILED, CANCELLED, EXPIRED,
    /** A state a newer AF knows and this SDK does not; never sent. */
    UNKNOWN;

    /** The state named on the wire, {@link #UNKNOWN} for a name this SDK does not know. */
    @JsonCreator
    public static DeliveryState fromWire(String name) {
        for (DeliveryState state : values()) {
            if (state != UNKNOWN && state.name().equals(name)) {
                return state;
            }
        }
        return UNKNOWN;
    }

    /** Whether the delivery has ended: completed, failed, cancelled or expired. */
    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED || this == EXPIRED;
    }
}
