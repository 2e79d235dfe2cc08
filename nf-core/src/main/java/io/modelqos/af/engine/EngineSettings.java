package io.modelqos.af.engine;

import io.modelqos.qos.NefFeature;
import io.modelqos.qos.SupportedFeatures;

import java.time.Duration;

/**
 * The engine's settings.
 *
 * @param announcedFeatures the features the AF announces to the network
 * @param expiryMargin      how long after the plan's qosDuration a delivery expires
 * @param setupAllowance    the part of each budget kept for connection set-up
 * @param retention         how long an ended delivery stays readable
 * @param allocationWait    how long a create waits for the network's allocation report, so that its answer names the
 *                          QoS (and variant) the network actually applied
 * @param reconcileEvery    how often, after the one at start, the network is reconciled with a durable store (zero:
 *                          only at start)
 * @param startWindow       the start window of a delivery whose request names none: the time its model server has from
 *                          the grant to its first progress report (zero: none)
 * @param maxMonitoredDeliveries how many live deliveries the network may be asked at once to report data rates for
 *                               (QoS monitoring), over every shard; 0: none
 */
public record EngineSettings(SupportedFeatures announcedFeatures, Duration expiryMargin, Duration setupAllowance,
                             Duration retention, Duration allocationWait, Duration reconcileEvery, Duration startWindow,
                             int maxMonitoredDeliveries) {
    /** The features the AF uses: alternative QoS (as references or individual parameters) and QoS monitoring. */
    public static final SupportedFeatures AF_FEATURES = SupportedFeatures.of(NefFeature.ALTERNATIVE_QOS_5G,
            NefFeature.QOS_MONITORING_5G, NefFeature.ALT_QOS_WITH_IND_PARAMS_5G);

    public EngineSettings {
        if (announcedFeatures == null || expiryMargin == null || setupAllowance == null || retention == null
                || allocationWait == null || reconcileEvery == null || startWindow == null) {
            throw new IllegalArgumentException("every engine setting is required");
        }
        if (maxMonitoredDeliveries < 0) {
            throw new IllegalArgumentException("maxMonitoredDeliveries must not be negative");
        }
    }

    /** With the default cap on monitored deliveries ({@link EngineOptions#DEFAULT_MAX_MONITORED_DELIVERIES}). */
    public EngineSettings(SupportedFeatures announcedFeatures, Duration expiryMargin, Duration setupAllowance,
                          Duration retention, Duration allocationWait, Duration reconcileEvery, Duration startWindow) {
        this(announcedFeatures, expiryMargin, setupAllowance, retention, allocationWait, reconcileEvery, startWindow,
                EngineOptions.DEFAULT_MAX_MONITORED_DELIVERIES);
    }
}
