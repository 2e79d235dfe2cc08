package io.modelqos.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The QoS plan the AF would ask the network for: the primary option, its alternatives and parameters. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Plan(QosOption primary, List<QosOption> alternatives, int averagingWindowMs,
                   long usageThresholdBytes, long qosDurationS, double transportOverhead,
                   Long effectiveBudgetMs) {

    public Plan {
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
    }
}
