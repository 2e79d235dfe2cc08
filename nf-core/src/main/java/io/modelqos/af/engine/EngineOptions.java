package io.modelqos.af.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code engine} section of the AF's configuration.
 *
 * @param shards                 how many event-loop contexts the deliveries are spread over (default: the available
 *                               processors); each is the single writer of its deliveries
 * @param maxMonitoredDeliveries how many live deliveries the NEF may be asked at once to report data rates for (QoS
 *                               monitoring, each at a period of a tenth of its transfer, at least 1 s); the others rely
 *                               on usage reports and the model server's progress. Default
 *                               {@value #DEFAULT_MAX_MONITORED_DELIVERIES}; 0: none
 */
public record EngineOptions(Integer shards, Integer maxMonitoredDeliveries) {
    public static final EngineOptions DEFAULTS = new EngineOptions(null, null);
    static final int MAX_SHARDS = 64;
    /** Monitored deliveries at most, by default: at a report a second each, 10,000 notifications a second at worst. */
    public static final int DEFAULT_MAX_MONITORED_DELIVERIES = 10_000;
    static final int MAX_MAX_MONITORED_DELIVERIES = 10_000_000;

    /** With the default cap on monitored deliveries. */
    public EngineOptions(Integer shards) {
        this(shards, null);
    }

    public int shardsOrDefault() {
        return shards == null ? Math.max(1, Runtime.getRuntime().availableProcessors()) : shards;
    }

    public int maxMonitoredDeliveriesOrDefault() {
        return maxMonitoredDeliveries == null ? DEFAULT_MAX_MONITORED_DELIVERIES : maxMonitoredDeliveries;
    }

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (shards != null && (shards < 1 || shards > MAX_SHARDS)) {
            problems.add("engine.shards: " + shards + " must be within 1.." + MAX_SHARDS);
        }
        if (maxMonitoredDeliveries != null
                && (maxMonitoredDeliveries < 0 || maxMonitoredDeliveries > MAX_MAX_MONITORED_DELIVERIES)) {
            problems.add("engine.maxMonitoredDeliveries: " + maxMonitoredDeliveries + " must be within 0.."
                    + MAX_MAX_MONITORED_DELIVERIES + " (0: no delivery is monitored)");
        }
        return problems;
    }
}
