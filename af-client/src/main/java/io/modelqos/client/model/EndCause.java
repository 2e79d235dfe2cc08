package io.modelqos.client.model;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Why a delivery ended ({@link Delivery#endCause()}; also the {@code cause} of its terminal event). Each cause leads to
 * one final state, {@link #state()}:
 * <ul>
 *   <li>{@link DeliveryState#COMPLETED}: {@link #COMPLETION_REPORTED}, {@link #COMPLETION_OBSERVED_BY_NETWORK};</li>
 *   <li>{@link DeliveryState#CANCELLED}: {@link #CANCELLED_BY_CALLER};</li>
 *   <li>{@link DeliveryState#EXPIRED}: {@link #COMPLETION_NOT_REPORTED}, {@link #NO_PROGRESS_IN_START_WINDOW};</li>
 *   <li>{@link DeliveryState#FAILED}: {@link #SESSION_TERMINATION} and the causes of a network that refused or could
 *   not be used.</li>
 * </ul>
 */
public enum EndCause {
    /** The model server reported the whole model sent. */
    COMPLETION_REPORTED(DeliveryState.COMPLETED),
    /**
     * The session ran its qosDuration and the network counted at least the granted variant's bytes downlink, though
     * the model server never reported completion.
     */
    COMPLETION_OBSERVED_BY_NETWORK(DeliveryState.COMPLETED),
    /** The caller cancelled the delivery. */
    CANCELLED_BY_CALLER(DeliveryState.CANCELLED),
    /**
     * The session ran its qosDuration, the model server never reported completion and the network counted fewer bytes
     * than the granted variant's.
     */
    COMPLETION_NOT_REPORTED(DeliveryState.EXPIRED),
    /** No progress report within the start window after the grant: the AF released the session early. */
    NO_PROGRESS_IN_START_WINDOW(DeliveryState.EXPIRED),
    /** The network ended the session before its qosDuration ran out. */
    SESSION_TERMINATION(DeliveryState.FAILED),
    /** No variant fits any QoS the AF can ask for. */
    NO_QOS_FITS(DeliveryState.FAILED),
    /** The network refused the QoS (and any re-planned one). */
    QOS_REJECTED(DeliveryState.FAILED),
    /** The network answered with a server error or asked the AF to back off. */
    NEF_ERROR(DeliveryState.FAILED),
    /** The network could not be reached or did not answer in time. */
    NEF_UNAVAILABLE(DeliveryState.FAILED),
    /** The network offered a rate the AF cannot read. */
    NEF_OFFER_UNREADABLE(DeliveryState.FAILED),
    /** The network takes no individual QoS parameters and no operator QoS reference fits. */
    NEF_LACKS_ALT_QOS_WITH_IND_PARAMS(DeliveryState.FAILED),
    /** Replacing the session with one by QoS references failed. */
    NEF_REPLACE_FAILED(DeliveryState.FAILED),
    /** The network could not allocate the resources of any offered QoS. */
    FAILED_RESOURCES_ALLOCATION(DeliveryState.FAILED),
    /** The AF stopped while the network was opening the session; nothing stays reserved. */
    NEF_CREATE_INTERRUPTED(DeliveryState.FAILED),
    /** The network no longer holds the delivery's session. */
    NEF_SUBSCRIPTION_GONE(DeliveryState.FAILED),
    /** A cause a newer AF sends and this SDK does not know: go by the delivery's state. */
    UNKNOWN(DeliveryState.UNKNOWN);

    private final DeliveryState state;

    EndCause(DeliveryState state) {
        this.state = state;
    }

    /** The final state this cause leads to ({@link DeliveryState#UNKNOWN} for {@link #UNKNOWN}). */
    public DeliveryState state() {
        return state;
    }

    /** The cause named on the wire, {@link #UNKNOWN} for a name this SDK does not know; null for none. */
    @JsonCreator
    public static EndCause fromWire(String name) {
        if (name == null) {
            return null;
        }
        for (EndCause cause : values()) {
            if (cause != UNKNOWN && cause.name().equals(name)) {
                return cause;
            }
        }
        return UNKNOWN;
    }
}
