package io.modelqos.af.delivery;

/**
 * One QoS the AF offered the NEF for a delivery (the primary, or an alternative), tied to the model variant
 * it carries, so that the {@code appliedQosRef} of a SUCCESSFUL_RESOURCES_ALLOCATION maps back to a variant.
 *
 * @param ref               the name the NEF reports it by: the qosReference or the altQosParamSetRef
 * @param byReference       true when {@code ref} is an operator QoS reference, false for explicit parameters
 * @param gbrDl             the downlink GBR (3GPP BitRate)
 * @param expectedTransferMs how long the variant takes at that rate
 * @param latencyBudgetMs   the budget this option was sized for
 */
public record PlannedOption(String variantId, String ref, boolean byReference, String gbrDl, long gbrDlBps,
                            long expectedTransferMs, long latencyBudgetMs) {
    public PlannedOption {
        variantId = Shared.text(variantId);
        ref = Shared.text(ref);
        gbrDl = Shared.text(gbrDl);
    }
}
