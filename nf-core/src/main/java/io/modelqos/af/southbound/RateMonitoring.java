package io.modelqos.af.southbound;

import java.time.Duration;

/**
 * Whether the network is asked to report a session's measured downlink data rate (QoS monitoring), and how often. The
 * engine decides it for each delivery (the plan's period, within the AF's cap on monitored deliveries); an adapter only
 * renders it. An unmonitored session still reports its usage, and the model server its progress.
 *
 * @param reportPeriod how often the network reports, in whole seconds; null when the session is not monitored
 */
public record RateMonitoring(Duration reportPeriod) {
    /** Not monitored. */
    public static final RateMonitoring NONE = new RateMonitoring(null);

    public RateMonitoring {
        if (reportPeriod != null && (reportPeriod.getSeconds() < 1 || reportPeriod.getNano() != 0)) {
            throw new IllegalArgumentException("a report period is whole seconds, at least 1 s, was " + reportPeriod);
        }
    }

    /** Monitored, with a report every {@code period}. */
    public static RateMonitoring every(Duration period) {
        return new RateMonitoring(period);
    }

    public boolean monitored() {
        return reportPeriod != null;
    }
}
