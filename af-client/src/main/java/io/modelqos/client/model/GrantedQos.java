package io.modelqos.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** What the network granted: the variant it carries, the guaranteed rate and how the grant was made. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record GrantedQos(String variantId, String gbrDl, String qosReference, String altQosParamSetRef,
                         Long expectedTransferMs, Long latencyBudgetMs, Long qosDurationS) {
}
