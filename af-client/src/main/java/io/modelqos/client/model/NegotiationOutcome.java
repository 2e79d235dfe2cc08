package io.modelqos.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;

/** How one attempt to obtain QoS from the network ended. */
public enum NegotiationOutcome {
    GRANTED, ALLOCATED, COUNTER_OFFER, REJECTED, ALLOCATION_FAILED, NEF_ERROR,
    /** An outcome a newer AF knows and this SDK does not. */
    UNKNOWN;

    /** The outcome named on the wire, {@link #UNKNOWN} for a name this SDK does not know. */
    @JsonCreator
    public static NegotiationOutcome fromWire(String name) {
        for (NegotiationOutcome outcome : values()) {
            if (outcome != UNKNOWN && outcome.name().equals(name)) {
                return outcome;
            }
        }
        return UNKNOWN;
    }
}
