package io.modelqos.nef.emulator;

import io.modelqos.openapi.t8.model.AccumulatedUsage;
import io.modelqos.openapi.t8.model.AsSessionWithQoSSubscription;
import io.modelqos.openapi.t8.model.PaQosMonitoringReport;
import io.modelqos.openapi.t8.model.QosMonitoringInformation;
import io.modelqos.openapi.t8.model.QosMonitoringReport;
import io.modelqos.openapi.t8.model.ReportingFrequency;
import io.modelqos.openapi.t8.model.RequestedQosMonitoringParameter;
import io.modelqos.openapi.t8.model.UserPlaneEvent;
import io.modelqos.openapi.t8.model.UserPlaneEventReport;
import io.modelqos.openapi.t8.model.UserPlaneNotificationData;
import io.modelqos.qos.BitRate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The AsSessionWithQoS face (TS 29.122): a subscription's terms from its representation, and each
 * report as a UserPlaneNotificationData to its {@code notificationDestination}
 * ({@code transaction} = the subscription URI). The NEF removes a subscription whose
 * {@code qosDuration} ran out and then sends SESSION_TERMINATION.
 */
final class T8Face implements Face {

    static final T8Face INSTANCE = new T8Face();

    private T8Face() {
    }

    @Override
    public String name() {
        return "T8";
    }

    @Override
    public boolean keepsEndedSessions() {
        return false;
    }

    /**
     * The terms of a subscription: its UE, QoS options, events, usage threshold, monitoring
     * ({@code qosMonDatRate} / {@code qosMonInfo}: periodic when a {@code repFreqs} says PERIODIC,
     * every smallest {@code repPeriod}; delays as {@code qosMonInfo.reqQosMonParams} asks) and
     * {@code qosDuration}.
     */
    static SessionTerms terms(AsSessionWithQoSSubscription sub, List<AdmissionControl.Candidate> candidates) {
        Set<SessionEvent> events = EnumSet.noneOf(SessionEvent.class);
        for (UserPlaneEvent e : sub.getEvents() == null ? List.<UserPlaneEvent>of() : sub.getEvents()) {
            switch (e) {
                case SUCCESSFUL_RESOURCES_ALLOCATION -> events.add(SessionEvent.ALLOCATED);
                case FAILED_RESOURCES_ALLOCATION -> events.add(SessionEvent.ALLOCATION_FAILED);
                case QOS_NOT_GUARANTEED -> events.add(SessionEvent.QOS_NOT_GUARANTEED);
                case QOS_GUARANTEED -> events.add(SessionEvent.QOS_GUARANTEED);
                case USAGE_REPORT -> events.add(SessionEvent.USAGE_REPORT);
                case QOS_MONITORING -> events.add(SessionEvent.QOS_MONITORING);
                case SESSION_TERMINATION -> events.add(SessionEvent.TERMINATED);
                default -> {
                    // events the emulator does not produce
                }
            }
        }
        return new SessionTerms(SemanticChecks.ueKey(sub), candidates, events, sub.getUsageThreshold(), monitoring(sub),
                sub.getQosDuration());
    }

    private static SessionTerms.Monitoring monitoring(AsSessionWithQoSSubscription sub) {
        List<QosMonitoringInformation> infos = new ArrayList<>(2);
        if (sub.getQosMonDatRate() != null) {
            infos.add(sub.getQosMonDatRate());
        }
        if (sub.getQosMonInfo() != null) {
            infos.add(sub.getQosMonInfo());
        }
        if (infos.isEmpty()) {
            return null;
        }
        boolean periodic = false;
        long period = Long.MAX_VALUE;
        for (QosMonitoringInformation info : infos) {
            periodic |= info.getRepFreqs() != null && info.getRepFreqs().contains(ReportingFrequency.PERIODIC);
            if (info.getRepPeriod() != null && info.getRepPeriod() > 0) {
                period = Math.min(period, info.getRepPeriod() * 1000L);
            }
        }
        Set<RequestedQosMonitoringParameter> delays = sub.getQosMonInfo() == null || sub.getQosMonInfo().getReqQosMonParams() == null
                ? Set.of() : Set.copyOf(sub.getQosMonInfo().getReqQosMonParams());
        return new SessionTerms.Monitoring(periodic, period == Long.MAX_VALUE ? null : period, true, delays);
    }

    @Override
    public Outgoing notification(Session session, SessionReport report) {
        UserPlaneEventReport wire = switch (report.event()) {
            case ALLOCATED -> new UserPlaneEventReport().event(UserPlaneEvent.SUCCESSFUL_RESOURCES_ALLOCATION)
                    .appliedQosRef(report.appliedReference());
            case ALLOCATION_FAILED -> new UserPlaneEventReport().event(UserPlaneEvent.FAILED_RESOURCES_ALLOCATION);
            case QOS_NOT_GUARANTEED -> new UserPlaneEventReport().event(UserPlaneEvent.QOS_NOT_GUARANTEED)
                    .appliedQosRef(report.appliedReference());
            case QOS_GUARANTEED -> new UserPlaneEventReport().event(UserPlaneEvent.QOS_GUARANTEED);
            case USAGE_REPORT -> new UserPlaneEventReport().event(UserPlaneEvent.USAGE_REPORT)
                    .accumulatedUsage(report.usage());
            case QOS_MONITORING -> monitoringReport(report.measurement());
            case TERMINATED -> new UserPlaneEventReport().event(UserPlaneEvent.SESSION_TERMINATION)
                    .accumulatedUsage(report.usage());
        };
        return new Outgoing(session.resource().path("notificationDestination").asText(), notification(session, wire),
                String.valueOf(wire.getEvent()), report.event() == SessionEvent.QOS_MONITORING);
    }

    /** The answer to a DELETE: the final usage as a USAGE_REPORT. */
    static UserPlaneNotificationData finalReport(Session session, AccumulatedUsage usage) {
        return notification(session, new UserPlaneEventReport().event(UserPlaneEvent.USAGE_REPORT).accumulatedUsage(usage));
    }

    private static UserPlaneNotificationData notification(Session session, UserPlaneEventReport report) {
        return new UserPlaneNotificationData().transaction(session.self).eventReports(List.of(report));
    }

    /** The measured rates always; the delays ({@code qosMonReports}) when some were asked for. */
    private static UserPlaneEventReport monitoringReport(SessionReport.Measurement m) {
        PaQosMonitoringReport rates = new PaQosMonitoringReport().dlDataRate(BitRate.ofBitsPerSecond(m.dlBps()).toExactString());
        if (m.ulBps() != null) {
            rates.ulDataRate(BitRate.ofBitsPerSecond(m.ulBps()).toExactString());
        }
        UserPlaneEventReport report = new UserPlaneEventReport().event(UserPlaneEvent.QOS_MONITORING)
                .qosMonDatRateReps(List.of(rates));
        if (m.hasDelays()) {
            QosMonitoringReport delays = new QosMonitoringReport();
            if (m.dlDelayMs() != null) {
                delays.dlDelays(List.of(m.dlDelayMs()));
            }
            if (m.ulDelayMs() != null) {
                delays.ulDelays(List.of(m.ulDelayMs()));
            }
            if (m.rtDelayMs() != null) {
                delays.rtDelays(List.of(m.rtDelayMs()));
            }
            report.qosMonReports(List.of(delays));
        }
        return report;
    }
}
