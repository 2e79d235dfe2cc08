package io.modelqos.af.delivery;

/** Where a delivery is in its life; the last four are final. */
public enum DeliveryState {
    REQUESTED, NEGOTIATING, QOS_GRANTED, DEGRADED, COMPLETED, FAILED, CANCELLED, EXPIRED;

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED || this == EXPIRED;
    }

    /** Whether the network holds (or may hold) resources for the delivery in this state. */
    public boolean holdsNetworkResources() {
        return this == NEGOTIATING || this == QOS_GRANTED || this == DEGRADED;
    }
}
