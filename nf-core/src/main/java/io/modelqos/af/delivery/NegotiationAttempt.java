package io.modelqos.af.delivery;

/**
 * One step of the negotiation with the NEF, kept in the delivery for the caller to see.
 *
 * @param attempt   the step's number, from 1
 * @param variantId the variant the step was for
 * @param gbrDl     the downlink GBR asked for or offered (3GPP BitRate)
 * @param outcome   what happened
 * @param cause     the NEF's cause or the AF's reason, or null
 */
public record NegotiationAttempt(int attempt, String variantId, String gbrDl, Outcome outcome, String cause) {
    public NegotiationAttempt {
        variantId = Shared.text(variantId);
        gbrDl = Shared.text(gbrDl);
        cause = Shared.text(cause);
    }


    public enum Outcome {
        /** The NEF accepted the subscription (201). */
        GRANTED,
        /** The NEF reported the resources allocated (SUCCESSFUL_RESOURCES_ALLOCATION). */
        ALLOCATED,
        /** The NEF refused but said what it would accept (403 with acceptableServInfo). */
        COUNTER_OFFER,
        /** The NEF refused. */
        REJECTED,
        /** The NEF reported the resources could not be allocated (FAILED_RESOURCES_ALLOCATION). */
        ALLOCATION_FAILED,
        /** The NEF could not be reached or answered with an error. */
        NEF_ERROR
    }
}
