package io.modelqos.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the delivery achieved so far: measured rate, bytes and time, the share of time the network
 * guaranteed the QoS ({@code availability}) and whether the transfer met the budget.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AchievedQos(String dlRate, Long bytes, Long durationMs, Double availability,
                          Long qosGuaranteedMs, Long qosNotGuaranteedMs, Boolean withinBudget) {
}
