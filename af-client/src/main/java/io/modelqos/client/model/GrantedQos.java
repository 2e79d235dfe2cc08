package io.modelqos.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the network granted: the variant it carries, the guaranteed rate and how the grant was made; the
 * session's {@code qosDurationS}, the {@code startWindowMs} the model server has from the grant to its
 * first progress report (the session is released early without one), and {@code rateReportPeriodS}, how often
 * the network reports the measured rate (null: the delivery is not monitored; its rate comes from usage and progress
 * reports).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record GrantedQos(String variantId, String gbrDl, String qosReference, String altQosParamSetRef,
                         Long expectedTransferMs, Long latencyBudgetMs, Long qosDurationS, Long startWindowMs,
                         Long rateReportPeriodS) {

    /** A grant without rate monitoring (or from an AF that did not say). */
    public GrantedQos(String variantId, String gbrDl, String qosReference, String altQosParamSetRef,
                      Long expectedTransferMs, Long latencyBudgetMs, Long qosDurationS, Long startWindowMs) {
        this(variantId, gbrDl, qosReference, altQosParamSetRef, expectedTransferMs, latencyBudgetMs, qosDurationS,
                startWindowMs, null);
    }

    /** A grant without a start window (from an AF that did not send one). */
    public GrantedQos(String variantId, String gbrDl, String qosReference, String altQosParamSetRef,
                      Long expectedTransferMs, Long latencyBudgetMs, Long qosDurationS) {
        this(variantId, gbrDl, qosReference, altQosParamSetRef, expectedTransferMs, latencyBudgetMs, qosDurationS, null,
                null);
    }
}
