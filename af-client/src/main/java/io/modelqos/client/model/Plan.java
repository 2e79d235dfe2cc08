package io.modelqos.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The QoS plan the AF would ask the network for: the primary option, its alternatives and parameters;
 * {@code qosDurationS} is the start window ({@code startWindowMs}), the budget and a margin;
 * {@code rateReportPeriodS} how often the network would report the measured rate if the AF monitors the delivery.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Plan(QosOption primary, List<QosOption> alternatives, int averagingWindowMs,
                   long usageThresholdBytes, long qosDurationS, double transportOverhead,
                   Long effectiveBudgetMs, Long startWindowMs, Long rateReportPeriodS) {

    public Plan {
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
    }

    /** A plan without a report period (from an AF that did not send one). */
    public Plan(QosOption primary, List<QosOption> alternatives, int averagingWindowMs, long usageThresholdBytes,
                long qosDurationS, double transportOverhead, Long effectiveBudgetMs, Long startWindowMs) {
        this(primary, alternatives, averagingWindowMs, usageThresholdBytes, qosDurationS, transportOverhead,
                effectiveBudgetMs, startWindowMs, null);
    }

    /** A plan without a start window (from an AF that did not send one). */
    public Plan(QosOption primary, List<QosOption> alternatives, int averagingWindowMs, long usageThresholdBytes,
                long qosDurationS, double transportOverhead, Long effectiveBudgetMs) {
        this(primary, alternatives, averagingWindowMs, usageThresholdBytes, qosDurationS, transportOverhead,
                effectiveBudgetMs, null, null);
    }
}
