package io.modelqos.nef.emulator;

import io.modelqos.openapi.t8.model.RequestedQosMonitoringParameter;
import io.modelqos.openapi.t8.model.UsageThreshold;
import java.util.List;
import java.util.Set;

/**
 * What an AF asked of the network for one session, in the emulator's own terms: each face derives
 * it from its wire request; admission, simulation and notifications only read this. (UsageThreshold
 * is the TS 29.122 type both faces use.)
 *
 * @param ueKey           the UE as the capacity model knows it
 * @param candidates      the QoS options, best first ({@link AdmissionControl#candidates})
 * @param events          what the AF is to be told about
 * @param usageThreshold  when to send USAGE_REPORT, or null
 * @param monitoring      how to report QOS_MONITORING, or null for no monitoring
 * @param durationSeconds the session ends this long after its creation, or null for never
 */
record SessionTerms(String ueKey, List<AdmissionControl.Candidate> candidates, Set<SessionEvent> events,
                    UsageThreshold usageThreshold, Monitoring monitoring, Integer durationSeconds) {

    SessionTerms {
        candidates = List.copyOf(candidates);
        events = Set.copyOf(events);
    }

    /**
     * QoS monitoring as asked: periodic reports (every {@code periodMs}, or the emulator default
     * when null) or one report at each start and end of a degradation episode; with the data rates
     * and/or the packet delays named in {@code delays} (DOWNLINK, UPLINK, ROUND_TRIP).
     */
    record Monitoring(boolean periodic, Long periodMs, boolean rates, Set<RequestedQosMonitoringParameter> delays) {
        Monitoring {
            delays = Set.copyOf(delays);
        }
    }
}
