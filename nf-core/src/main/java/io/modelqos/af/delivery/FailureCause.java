package io.modelqos.af.delivery;

/**
 * Why a delivery ended: its end cause, each leading to exactly one final state ({@link #state()}). The names are part
 * of the northbound contract ({@code endCause}, and {@code failureCause} for a FAILED delivery) and of the stored
 * records, so they never change once published. (The type keeps its first name, from when only failures had a cause.)
 */
public enum FailureCause {
    /** The model server reported the whole model sent. */
    COMPLETION_REPORTED(DeliveryState.COMPLETED),
    /**
     * The session ran its planned qosDuration and the network counted at least the granted variant's bytes downlink,
     * though the model server never reported completion: the network observed the completion.
     */
    COMPLETION_OBSERVED_BY_NETWORK(DeliveryState.COMPLETED),
    /** The caller cancelled the delivery. */
    CANCELLED_BY_CALLER(DeliveryState.CANCELLED),
    /**
     * The session ran its planned qosDuration, the model server never reported completion and the network counted fewer
     * bytes than the granted variant's (or said nothing).
     */
    COMPLETION_NOT_REPORTED(DeliveryState.EXPIRED),
    /** The model server reported no progress within the start window after the grant: the session was released early. */
    NO_PROGRESS_IN_START_WINDOW(DeliveryState.EXPIRED),
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
    /** The network ended the session before its planned qosDuration ran out, and before the model server completed. */
    SESSION_TERMINATION(DeliveryState.FAILED),
    /** The AF stopped while the network was opening the session; nothing stays reserved. */
    NEF_CREATE_INTERRUPTED(DeliveryState.FAILED),
    /** The network no longer holds the delivery's session. */
    NEF_SUBSCRIPTION_GONE(DeliveryState.FAILED);

    private final DeliveryState state;

    FailureCause(DeliveryState state) {
        this.state = state;
    }

    /** The final state this cause leads to. */
    public DeliveryState state() {
        return state;
    }

    /** The cause a stored record names, or null for none; a name this AF does not know is refused. */
    public static FailureCause ofName(String name) {
        return name == null ? null : valueOf(name);
    }
}
