package io.modelqos.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the network would accept when nothing the caller allowed fits: the rate, the variant that rate
 * carries within the requested budget (if any) and the budget the smallest variant would need.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record BestOffer(String acceptableRate, String variantId, Long latencyBudgetMs) {
}
