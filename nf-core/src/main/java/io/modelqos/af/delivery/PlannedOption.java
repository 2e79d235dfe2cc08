package io.modelqos.af.delivery;

/**
 * One QoS the AF offered the NEF for a delivery (the primary, or an alternative), tied to the model variant
 * it carries, so that the {@code appliedQosRef} of a SUCCESSFUL_RESOURCES_ALLOCATION maps back to a variant.
 *
 * @param ref                the name the NEF reports it by: the qosReference or the altQosParamSetRef
 * @param byReference        true when {@code ref} is an operator QoS reference, false for explicit parameters
 * @param gbrDl              the downlink GBR (3GPP BitRate)
 * @param expectedTransferMs how long the variant takes at that rate
 * @param latencyBudgetMs    the budget this option was sized for
 * @param startWindowMs      the start window the plan's qosDuration includes (0: none)
 */
public record PlannedOption(String variantId, String ref, boolean byReference, String gbrDl, long gbrDlBps,
                            long expectedTransferMs, long latencyBudgetMs, long startWindowMs) {
    public PlannedOption {
        variantId = Shared.text(variantId);
        ref = Shared.text(ref);
        gbrDl = Shared.text(gbrDl);
    }

    /** An option of a plan without a start window. */
    public PlannedOption(String variantId, String ref, boolean byReference, String gbrDl, long gbrDlBps,
                         long expectedTransferMs, long latencyBudgetMs) {
        this(variantId, ref, byReference, gbrDl, gbrDlBps, expectedTransferMs, latencyBudgetMs, 0);
    }
}
