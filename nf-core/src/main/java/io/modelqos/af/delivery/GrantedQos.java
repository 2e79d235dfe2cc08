package io.modelqos.af.delivery;

/**
 * What the network granted: the variant it can carry in time, its GBR, and which QoS is in force.
 *
 * @param qosReference       the operator QoS reference in force, or null
 * @param altQosParamSetRef  the alternative QoS parameter set in force, or null
 * @param expectedTransferMs how long the variant takes at the granted rate
 * @param latencyBudgetMs    the budget the grant meets (longer than requested only when allowed)
 * @param qosDurationS       the session's qosDuration: start window, budget and margin
 * @param startWindowMs      the time the model server has from the grant to its first progress report; 0: none
 */
public record GrantedQos(String variantId, String gbrDl, String qosReference, String altQosParamSetRef,
                         long expectedTransferMs, long latencyBudgetMs, long qosDurationS, long startWindowMs) {
    public GrantedQos {
        variantId = Shared.text(variantId);
        gbrDl = Shared.text(gbrDl);
        qosReference = Shared.text(qosReference);
        altQosParamSetRef = Shared.text(altQosParamSetRef);
    }

    /** A grant without a start window. */
    public GrantedQos(String variantId, String gbrDl, String qosReference, String altQosParamSetRef,
                      long expectedTransferMs, long latencyBudgetMs, long qosDurationS) {
        this(variantId, gbrDl, qosReference, altQosParamSetRef, expectedTransferMs, latencyBudgetMs, qosDurationS, 0);
    }
}
