package io.modelqos.nef.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelqos.openapi.n5.model.AfEventNotification;
import io.modelqos.openapi.n5.model.AppSessionContextReqData;
import io.modelqos.openapi.n5.model.EventsNotification;
import io.modelqos.openapi.n5.model.MediaComponentResourcesStatus;
import io.modelqos.openapi.n5.model.QosNotifType;
import io.modelqos.openapi.n5.model.QosNotificationControlInfo;
import io.modelqos.openapi.n5.model.ResourcesAllocationInfo;
import io.modelqos.openapi.n5.model.TerminationCause;
import io.modelqos.openapi.n5.model.TerminationInfo;
import io.modelqos.openapi.t8.model.AccumulatedUsage;
import io.modelqos.openapi.t8.model.AfEvent;
import io.modelqos.openapi.t8.model.AfEventSubscription;
import io.modelqos.openapi.t8.model.AfNotifMethod;
import io.modelqos.openapi.t8.model.EventsSubscReqData;
import io.modelqos.openapi.t8.model.Flows;
import io.modelqos.openapi.t8.model.MediaComponent;
import io.modelqos.openapi.t8.model.PaQosMonitoringReport;
import io.modelqos.openapi.t8.model.RequestedQosMonitoringParameter;
import io.modelqos.qos.BitRate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Npcf_PolicyAuthorization face (TS 29.514, N5): an application session's terms from its
 * {@code ascReqData}, each report as an EventsNotification to {@code {evSubsc.notifUri}/notify}
 * ({@code evSubsUri} = the session URI + {@code /events-subscription}), and the end of a session as
 * a TerminationInfo to {@code {notifUri}/terminate}. An ended session stays until the AF deletes
 * it (or the grace time passes), as the PCF asks the AF to delete it.
 */
final class PcfFace implements Face {

    private final N5Options options;

    PcfFace(N5Options options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "N5";
    }

    @Override
    public boolean keepsEndedSessions() {
        return true;
    }

    /**
     * The media component the emulator admits: the one with the lowest number that asks for QoS
     * (a reference, alternatives or bandwidths); null when none does.
     */
    static Map.Entry<Integer, MediaComponent> admittedComponent(AppSessionContextReqData req) {
        if (req.getMedComponents() == null) {
            return null;
        }
        TreeMap<Integer, MediaComponent> byNumber = new TreeMap<>();
        req.getMedComponents().forEach((key, component) -> {
            if (component != null && component.getMedCompN() != null && asksForQos(component)) {
                byNumber.put(component.getMedCompN(), component);
            }
        });
        return byNumber.isEmpty() ? null : byNumber.firstEntry();
    }

    private static boolean asksForQos(MediaComponent c) {
        return c.getQosReference() != null || c.getAltSerReqs() != null || c.getAltSerReqsData() != null
                || c.getMarBwDl() != null || c.getMirBwDl() != null;
    }

    /**
     * The QoS one media component asks for: its {@code qosReference}, else its downlink bandwidth
     * ({@code mirBwDl}, else {@code marBwDl}, with the uplink likewise); then {@code altSerReqs},
     * then the {@code altSerReqsData} that state a {@code gbrDl}. {@code key} is the map key the
     * component is under in {@code medComponents}.
     */
    static AdmissionControl.QosAsk qosAsk(String key, MediaComponent c) {
        String at = "/ascReqData/medComponents/" + key;
        boolean minDl = c.getMirBwDl() != null;
        boolean minUl = c.getMirBwUl() != null;
        AdmissionControl.ExplicitRate rate = minDl || c.getMarBwDl() != null
                ? new AdmissionControl.ExplicitRate(minDl ? c.getMirBwDl() : c.getMarBwDl(), at + (minDl ? "/mirBwDl" : "/marBwDl"),
                        minUl ? c.getMirBwUl() : c.getMarBwUl(), at + (minUl ? "/mirBwUl" : "/marBwUl"), null)
                : null;
        return new AdmissionControl.QosAsk(c.getQosReference(), at + "/qosReference", rate,
                c.getAltSerReqs() == null ? List.of() : c.getAltSerReqs(), at + "/altSerReqs", null,
                c.getAltSerReqsData() == null ? List.of() : c.getAltSerReqsData(), at + "/altSerReqsData", null,
                at, "no downlink rate requested: give qosReference, mirBwDl/marBwDl or altSerReqsData with gbrDl");
    }

    /** The terms of an application session: UE, QoS options, events, usage threshold, monitoring, duration. */
    SessionTerms terms(AppSessionContextReqData req, List<AdmissionControl.Candidate> candidates) {
        EventsSubscReqData subscription = req.getEvSubsc();
        Set<SessionEvent> events = EnumSet.of(SessionEvent.TERMINATED); // the termination request needs no subscription
        AfEventSubscription monitoringEvent = null;
        if (subscription != null && subscription.getEvents() != null) {
            for (AfEventSubscription e : subscription.getEvents()) {
                if (e.getEvent() == null) {
                    continue;
                }
                switch (e.getEvent()) {
                    case SUCCESSFUL_RESOURCES_ALLOCATION -> events.add(SessionEvent.ALLOCATED);
                    case FAILED_RESOURCES_ALLOCATION -> events.add(SessionEvent.ALLOCATION_FAILED);
                    case QOS_NOTIF -> {
                        events.add(SessionEvent.QOS_NOT_GUARANTEED);
                        events.add(SessionEvent.QOS_GUARANTEED);
                    }
                    case USAGE_REPORT -> events.add(SessionEvent.USAGE_REPORT);
                    case QOS_MONITORING -> {
                        events.add(SessionEvent.QOS_MONITORING);
                        monitoringEvent = e;
                    }
                    default -> {
                        // events the emulator does not produce
                    }
                }
            }
        }
        Integer duration = req.getQosDuration() != null ? req.getQosDuration()
                : options.getMaxSessionSeconds() > 0 ? Integer.valueOf(options.getMaxSessionSeconds()) : null;
        return new SessionTerms(ueKey(req), candidates, events, subscription == null ? null : subscription.getUsgThres(),
                monitoringEvent == null ? null : monitoring(subscription, monitoringEvent), duration);
    }

    /**
     * Periodic when QOS_MONITORING is subscribed with {@code notifMethod} PERIODIC (every
     * {@code repPeriod}), else at each start and end of a degradation episode; the data rates when
     * {@code reqQosMonParams} names DOWNLINK_DATA_RATE or UPLINK_DATA_RATE or {@code qosMonDatRate}
     * is given (or nothing else is asked), the delays it names.
     */
    private static SessionTerms.Monitoring monitoring(EventsSubscReqData subscription, AfEventSubscription event) {
        List<RequestedQosMonitoringParameter> params = subscription.getReqQosMonParams() == null ? List.of()
                : subscription.getReqQosMonParams();
        Set<RequestedQosMonitoringParameter> delays = EnumSet.noneOf(RequestedQosMonitoringParameter.class);
        for (RequestedQosMonitoringParameter p : params) {
            if (p == RequestedQosMonitoringParameter.DOWNLINK || p == RequestedQosMonitoringParameter.UPLINK
                    || p == RequestedQosMonitoringParameter.ROUND_TRIP) {
                delays.add(p);
            }
        }
        boolean rates = params.contains(RequestedQosMonitoringParameter.DOWNLINK_DATA_RATE)
                || params.contains(RequestedQosMonitoringParameter.UPLINK_DATA_RATE)
                || subscription.getQosMonDatRate() != null || delays.isEmpty();
        boolean periodic = event.getNotifMethod() == AfNotifMethod.PERIODIC;
        Long period = event.getRepPeriod() != null && event.getRepPeriod() > 0 ? event.getRepPeriod() * 1000L : null;
        return new SessionTerms.Monitoring(periodic, period, rates, delays);
    }

    /** The UE as the capacity model knows it, the same key as on T8 for the same address. */
    static String ueKey(AppSessionContextReqData req) {
        if (req.getUeIpv4() != null) {
            return "ipv4:" + req.getUeIpv4() + (req.getIpDomain() == null ? "" : "@" + req.getIpDomain());
        }
        if (req.getUeIpv6() != null) {
            return "ipv6:" + SemanticChecks.normalizeIpv6(req.getUeIpv6());
        }
        return "mac:" + String.valueOf(req.getUeMac()).toLowerCase(Locale.ROOT);
    }

    @Override
    public Outgoing notification(Session session, SessionReport report) {
        JsonNode req = session.resource().path("ascReqData");
        if (report.event() == SessionEvent.TERMINATED) {
            TerminationInfo info = new TerminationInfo().termCause(TerminationCause.fromValue(options.getTerminationCause()))
                    .resUri(session.self);
            return new Outgoing(req.path("notifUri").asText() + "/terminate", info, "termination request", false);
        }
        List<Flows> flows = List.of(new Flows().medCompN(mediaComponent(session)));
        EventsNotification n = new EventsNotification().evSubsUri(eventsSubscription(session));
        String altSerReq = report.appliedPrimary() ? null : report.appliedReference();
        switch (report.event()) {
            case ALLOCATED -> n.evNotifs(List.of(event(AfEvent.SUCCESSFUL_RESOURCES_ALLOCATION, flows)))
                    .succResourcAllocReports(List.of(new ResourcesAllocationInfo()
                            .mcResourcStatus(MediaComponentResourcesStatus.ACTIVE).flows(flows).altSerReq(altSerReq)));
            case ALLOCATION_FAILED -> n.evNotifs(List.of(event(AfEvent.FAILED_RESOURCES_ALLOCATION, flows)))
                    .failedResourcAllocReports(List.of(new ResourcesAllocationInfo()
                            .mcResourcStatus(MediaComponentResourcesStatus.INACTIVE).flows(flows)));
            case QOS_NOT_GUARANTEED -> n.evNotifs(List.of(event(AfEvent.QOS_NOTIF, flows)))
                    .qncReports(List.of(new QosNotificationControlInfo().notifType(QosNotifType.NOT_GUARANTEED)
                            .flows(flows).altSerReq(report.appliedReference())));
            case QOS_GUARANTEED -> n.evNotifs(List.of(event(AfEvent.QOS_NOTIF, flows)))
                    .qncReports(List.of(new QosNotificationControlInfo().notifType(QosNotifType.GUARANTEED).flows(flows)));
            case USAGE_REPORT -> n.evNotifs(List.of(event(AfEvent.USAGE_REPORT, null))).usgRep(report.usage());
            case QOS_MONITORING -> monitoring(n, session, flows, report.measurement());
            default -> throw new IllegalStateException("no N5 notification for " + report.event());
        }
        String what = report.event() == SessionEvent.QOS_NOT_GUARANTEED ? "QOS_NOTIF NOT_GUARANTEED"
                : report.event() == SessionEvent.QOS_GUARANTEED ? "QOS_NOTIF GUARANTEED"
                : String.valueOf(n.getEvNotifs().get(0).getEvent());
        return new Outgoing(req.path("evSubsc").path("notifUri").asText() + "/notify", n, what,
                report.event() == SessionEvent.QOS_MONITORING);
    }

    /** The answer to a delete that asks for the final report: the usage in {@code evsNotif}. */
    static EventsNotification finalReport(Session session, AccumulatedUsage usage) {
        return new EventsNotification().evSubsUri(eventsSubscription(session))
                .evNotifs(List.of(event(AfEvent.USAGE_REPORT, null))).usgRep(usage);
    }

    private static void monitoring(EventsNotification n, Session session, List<Flows> flows, SessionReport.Measurement m) {
        n.evNotifs(List.of(event(AfEvent.QOS_MONITORING, flows)));
        SessionTerms.Monitoring asked = session.terms().monitoring();
        if (asked == null || asked.rates()) {
            PaQosMonitoringReport rates = new PaQosMonitoringReport().flows(flows)
                    .dlDataRate(BitRate.ofBitsPerSecond(m.dlBps()).toExactString());
            if (m.ulBps() != null) {
                rates.ulDataRate(BitRate.ofBitsPerSecond(m.ulBps()).toExactString());
            }
            n.qosMonDatRateReps(List.of(rates));
        }
        if (m.hasDelays()) {
            PaQosMonitoringReport delays = new PaQosMonitoringReport().flows(flows);
            if (m.dlDelayMs() != null) {
                delays.dlDelays(List.of(m.dlDelayMs()));
            }
            if (m.ulDelayMs() != null) {
                delays.ulDelays(List.of(m.ulDelayMs()));
            }
            if (m.rtDelayMs() != null) {
                delays.rtDelays(List.of(m.rtDelayMs()));
            }
            n.qosMonReports(List.of(delays));
        }
    }

    private static AfEventNotification event(AfEvent event, List<Flows> flows) {
        return new AfEventNotification().event(event).flows(flows);
    }

    /** The URI of the session's events subscription, which the notifications name. */
    private static String eventsSubscription(Session session) {
        return session.self + "/events-subscription";
    }

    private static int mediaComponent(Session session) {
        JsonNode components = session.resource().path("ascReqData").path("medComponents");
        int lowest = Integer.MAX_VALUE;
        for (JsonNode c : components) {
            if (c.hasNonNull("medCompN") && (c.has("qosReference") || c.has("altSerReqs") || c.has("altSerReqsData")
                    || c.has("marBwDl") || c.has("mirBwDl"))) {
                lowest = Math.min(lowest, c.get("medCompN").asInt());
            }
        }
        return lowest == Integer.MAX_VALUE ? 1 : lowest;
    }
}
