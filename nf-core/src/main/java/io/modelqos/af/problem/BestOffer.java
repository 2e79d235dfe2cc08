package io.modelqos.af.problem;

/**
 * What the network would accept when nothing the caller allowed fits: the acceptable downlink rate
 * (3GPP BitRate string), the variant it would carry within the requested budget (or null), and the
 * budget the smallest variant would need at that rate (or null).
 */
public record BestOffer(String acceptableRate, String variantId, Long latencyBudgetMs) {
}
