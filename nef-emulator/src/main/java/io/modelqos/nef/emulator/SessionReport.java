package io.modelqos.nef.emulator;

import io.modelqos.openapi.t8.model.AccumulatedUsage;

/**
 * One thing to tell the AF about a session, before a face writes it in its wire format.
 *
 * @param event             what happened
 * @param appliedReference  the QoS option that applies now (its reference), or null
 * @param appliedPrimary    whether that option is what the AF asked for first
 * @param usage             the usage so far (USAGE_REPORT, TERMINATED), or null
 * @param measurement       the measured rates and delays (QOS_MONITORING), or null
 */
record SessionReport(SessionEvent event, String appliedReference, boolean appliedPrimary, AccumulatedUsage usage,
                     Measurement measurement) {

    static SessionReport of(SessionEvent event) {
        return new SessionReport(event, null, false, null, null);
    }

    /**
     * Rates in whole bits per second; delays in milliseconds, null when not measured.
     */
    record Measurement(long dlBps, Long ulBps, Integer dlDelayMs, Integer ulDelayMs, Integer rtDelayMs) {
        boolean hasDelays() {
            return dlDelayMs != null || ulDelayMs != null || rtDelayMs != null;
        }
    }
}
