package io.modelqos.af.engine;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.delivery.FailureCause;

/** How a negotiation ended, as the metrics count it, read off the state change that ends it. */
final class NegotiationOutcomes {
    private NegotiationOutcomes() {
    }

    /**
     * {@code granted} (the variant asked for), {@code fallback} (an alternative), {@code refused} (nothing the network
     * would carry fits), {@code failed} (any other end of a negotiation); null for a change that ends none.
     */
    static String of(Delivery d, DeliveryState from, DeliveryState to) {
        if (from != DeliveryState.REQUESTED && from != DeliveryState.NEGOTIATING) {
            return null;
        }
        if (to == DeliveryState.QOS_GRANTED) {
            boolean asAsked = d.granted() == null || d.requested() == null
                    || d.granted().variantId().equals(d.requested().variantId());
            return asAsked ? "granted" : "fallback";
        }
        if (to.isFinal() && to != DeliveryState.CANCELLED) {
            FailureCause cause = d.failureCause();
            return cause == FailureCause.QOS_REJECTED || cause == FailureCause.NO_QOS_FITS ? "refused" : "failed";
        }
        return null;
    }
}
