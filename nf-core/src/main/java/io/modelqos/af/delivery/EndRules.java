package io.modelqos.af.delivery;

import java.time.Instant;

/**
 * Which end a delivery comes to when its QoS session ends without the model server's completion report, from what the
 * model server and the network reported:
 * <ul>
 *   <li>the session ran its planned qosDuration: COMPLETED when the model server reported completion, or when the
 *   network counted at least the granted variant's bytes downlink ({@link FailureCause#COMPLETION_OBSERVED_BY_NETWORK});
 *   else EXPIRED ({@link FailureCause#COMPLETION_NOT_REPORTED});</li>
 *   <li>the network ended it earlier: FAILED ({@link FailureCause#SESSION_TERMINATION}).</li>
 * </ul>
 * Each cause names its final state ({@link FailureCause#state()}).
 */
public final class EndRules {
    private EndRules() {
    }

    /**
     * Whether the session had run its planned qosDuration by {@code at}. The qosDuration is counted from the delivery's
     * creation, which precedes the network's opening of the session: a network that ends the session when its
     * qosDuration runs out is never taken for one that ended it early (the leniency is the time the negotiation took).
     */
    public static boolean ranQosDuration(Delivery d, Instant at) {
        GrantedQos g = d.granted();
        return g != null && g.qosDurationS() > 0 && !at.isBefore(d.createdAt().plusSeconds(g.qosDurationS()));
    }

    /** Whether the network counted at least the granted variant's bytes downlink (usage reports or the final report). */
    public static boolean networkSawWholeVariant(Delivery d) {
        NetworkUsage usage = d.rate().usage();
        GrantedQos g = d.granted();
        if (usage == null || usage.downlinkVolume() == null || g == null) {
            return false;
        }
        DeliveryRequest.Variant variant = d.request().variant(g.variantId());
        return variant != null && usage.downlinkVolume() >= variant.sizeBytes();
    }

    /** How a delivery ends whose session ran its qosDuration (ended by the network then, or by the AF after it). */
    public static FailureCause afterQosDuration(Delivery d) {
        if (d.rate().complete()) {
            return FailureCause.COMPLETION_REPORTED;
        }
        return networkSawWholeVariant(d) ? FailureCause.COMPLETION_OBSERVED_BY_NETWORK
                : FailureCause.COMPLETION_NOT_REPORTED;
    }

    /** How a delivery ends whose session the network ended at {@code at}. */
    public static FailureCause sessionEnded(Delivery d, Instant at) {
        return ranQosDuration(d, at) ? afterQosDuration(d) : FailureCause.SESSION_TERMINATION;
    }
}
