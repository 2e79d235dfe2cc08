package io.modelqos.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;

/** The numeric format of a model's weights. */
public enum Precision {
    FP32, FP16, BF16, INT8, INT4,
    /** A precision a newer AF knows and this SDK does not; never sent. */
    UNKNOWN;

    /** The precision named on the wire, {@link #UNKNOWN} for a name this SDK does not know. */
    @JsonCreator
    public static Precision fromWire(String name) {
        for (Precision precision : values()) {
            if (precision != UNKNOWN && precision.name().equals(name)) {
                return precision;
            }
        }
        return UNKNOWN;
    }
}
