package io.modelqos.af.delivery;

/**
 * Why a delivery ended without the model server's completion. The names are part of the northbound contract
 * ({@code failureCause}) and of the stored records, so they never change once published.
 */
public enum FailureCause {
    /** No variant fits any QoS the AF can ask for. */
    NO_QOS_FITS,
    /** The network refused the QoS (and any re-planned one). */
    QOS_REJECTED,
    /** The network answered with a server error or asked the AF to back off. */
    NEF_ERROR,
    /** The network could not be reached or did not answer in time. */
    NEF_UNAVAILABLE,
    /** The network offered a rate the AF cannot read. */
    NEF_OFFER_UNREADABLE,
    /** The network takes no individual QoS parameters and no operator QoS reference fits. */
    NEF_LACKS_ALT_QOS_WITH_IND_PARAMS,
    /** Replacing the session with one by QoS references failed. */
    NEF_REPLACE_FAILED,
    /** The network could not allocate the resources of any offered QoS. */
    FAILED_RESOURCES_ALLOCATION,
    /** The network ended the session before the model server reported completion. */
    SESSION_TERMINATION,
    /** The AF stopped while the network was opening the session; nothing stays reserved. */
    NEF_CREATE_INTERRUPTED,
    /** The network no longer holds the delivery's session. */
    NEF_SUBSCRIPTION_GONE;

    /** The cause a stored record names, or null for none; a name this AF does not know is refused. */
    public static FailureCause ofName(String name) {
        return name == null ? null : valueOf(name);
    }
}
