package io.modelqos.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The CloudEvent types of a delivery's events. */
public enum EventType {
    QOS_GRANTED("io.modelqos.delivery.qos-granted"),
    QOS_REJECTED("io.modelqos.delivery.qos-rejected"),
    QOS_DEGRADED("io.modelqos.delivery.qos-degraded"),
    QOS_RESTORED("io.modelqos.delivery.qos-restored"),
    RATE_REPORT("io.modelqos.delivery.rate-report"),
    COMPLETED("io.modelqos.delivery.completed"),
    /** The caller cancelled the delivery (terminal). */
    CANCELLED("io.modelqos.delivery.cancelled"),
    EXPIRED("io.modelqos.delivery.expired"),
    FAILED("io.modelqos.delivery.failed"),
    /** A type a newer AF sends and this SDK does not know. */
    UNKNOWN(null);

    private final String type;

    EventType(String type) {
        this.type = type;
    }

    /** The type for a CloudEvent {@code type} attribute, {@link #UNKNOWN} for one this SDK does not know. */
    @JsonCreator
    public static EventType fromType(String type) {
        for (EventType eventType : values()) {
            if (eventType.type != null && eventType.type.equals(type)) {
                return eventType;
            }
        }
        return UNKNOWN;
    }

    /** The CloudEvent {@code type} attribute, e.g. "io.modelqos.delivery.qos-granted"; null for UNKNOWN. */
    @JsonValue
    public String type() {
        return type;
    }

    /** Whether the event ends its delivery's stream: completed, cancelled, expired or failed. */
    public boolean isTerminal() {
        return this == COMPLETED || this == CANCELLED || this == EXPIRED || this == FAILED;
    }
}
