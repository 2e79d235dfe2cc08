package io.modelqos.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the AF may give up when the network cannot carry the request: a smaller variant
 * ({@code allowVariantFallback}, the AF's default is true) and a longer budget, up to
 * {@code maxLatencyBudgetMs}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record NegotiationPolicy(Boolean allowVariantFallback, Long maxLatencyBudgetMs) {
}
