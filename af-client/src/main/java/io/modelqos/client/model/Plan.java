package io.modelqos.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The QoS plan the AF would ask the network for: the primary option, its alternatives and parameters;
 * {@code qosDurationS} is the start window ({@code startWindowMs}), the budget and a margin.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Plan(QosOption primary, List<QosOption> alternatives, int averagingWindowMs,
                   long usageThresholdBytes, long qosDurationS, double transportOverhead,
                   Long effectiveBudgetMs, Long startWindowMs) {

    public Plan {
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
    }

    /** A plan without a start window (from an AF that did not send one). */
    public Plan(QosOption primary, List<QosOption> alternatives, int averagingWindowMs, long usageThresholdBytes,
                long qosDurationS, double transportOverhead, Long effectiveBudgetMs) {
        this(primary, alternatives, averagingWindowMs, usageThresholdBytes, qosDurationS, transportOverhead,
                effectiveBudgetMs, null);
    }
}
