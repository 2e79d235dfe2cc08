package io.modelqos.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the AF asked the network for: the variant, its payload rate and the guaranteed downlink bit
 * rate with transport overhead (bit rates in 3GPP notation, e.g. "1.92 Gbps").
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RequestedQos(String variantId, String payloadRate, String gbrDl, long latencyBudgetMs,
                           double availability) {
}
