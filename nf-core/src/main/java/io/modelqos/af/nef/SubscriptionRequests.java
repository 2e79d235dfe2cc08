package io.modelqos.af.nef;

import io.modelqos.af.delivery.DeliveryRequest;
import io.modelqos.qos.NefFeature;
import io.modelqos.af.qos.PlannedQos;
import io.modelqos.af.qos.QosMode;
import io.modelqos.af.qos.QosPlan;
import io.modelqos.af.southbound.IpFlows;
import io.modelqos.af.southbound.RateMonitoring;
import io.modelqos.qos.SupportedFeatures;
import io.modelqos.openapi.t8.model.AlternativeServiceRequirementsData;
import io.modelqos.openapi.t8.model.AsSessionWithQoSSubscription;
import io.modelqos.openapi.t8.model.FlowInfo;
import io.modelqos.openapi.t8.model.QosMonitoringInformation;
import io.modelqos.openapi.t8.model.ReportingFrequency;
import io.modelqos.openapi.t8.model.RequestedQosMonitoringParameter;
import io.modelqos.openapi.t8.model.UsageThreshold;
import io.modelqos.openapi.t8.model.UserPlaneEvent;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the AsSessionWithQoS subscription (TS 29.122) that asks the NEF for a delivery's plan:
 * <ul>
 *   <li>the IP flow between the model server and the UE as IPFilterRules (TS 29.214 clause 5.3.8: "out" is
 *       downlink, from the server to the UE; "in" is uplink);</li>
 *   <li>with QoS references: the primary as {@code qosReference}, the alternatives as
 *       {@code altQoSReferences}; with individual parameters (AltQosWithIndParams_5G): every option as an
 *       {@code altQosReqs} entry, the primary first (lower index, higher priority), so the NEF can name any of
 *       them in {@code appliedQosRef};</li>
 *   <li>{@code avrgWndw} no longer than the budget, {@code qosDuration} and {@code usageThreshold} sized from
 *       the transfer, and the events the AF follows;</li>
 *   <li>downlink data-rate monitoring ({@code qosMonDatRate}, PERIODIC every {@code repPeriod} seconds, and the
 *       QOS_MONITORING event) only for a session the engine decided to monitor ({@link RateMonitoring}) and when the
 *       AF announces QoSMonitoring_5G; any other session follows neither, and its rate comes from usage reports and
 *       the model server's progress.</li>
 * </ul>
 */
public final class SubscriptionRequests {
    /** The user-plane events a delivery follows. */
    public static final List<UserPlaneEvent> FOLLOWED_EVENTS = List.of(
            UserPlaneEvent.SUCCESSFUL_RESOURCES_ALLOCATION,
            UserPlaneEvent.FAILED_RESOURCES_ALLOCATION,
            UserPlaneEvent.QOS_GUARANTEED,
            UserPlaneEvent.QOS_NOT_GUARANTEED,
            UserPlaneEvent.USAGE_REPORT,
            UserPlaneEvent.QOS_MONITORING,
            UserPlaneEvent.SESSION_TERMINATION);

    /** The events of a session whose data rate is not monitored. */
    static final List<UserPlaneEvent> FOLLOWED_EVENTS_UNMONITORED = FOLLOWED_EVENTS.stream()
            .filter(e -> e != UserPlaneEvent.QOS_MONITORING).toList();

    private SubscriptionRequests() {
    }

    /**
     * @param plan                    the QoS plan
     * @param request                 the delivery request (UE, server)
     * @param notificationDestination the delivery's unguessable callback URI
     * @param announcedFeatures       the features the AF announces to the NEF
     * @param monitoring              whether (and how often) the NEF is asked to report the data rate
     */
    public static AsSessionWithQoSSubscription create(QosPlan plan, DeliveryRequest request,
                                                      URI notificationDestination, SupportedFeatures announcedFeatures,
                                                      RateMonitoring monitoring) {
        AsSessionWithQoSSubscription sub = new AsSessionWithQoSSubscription()
                .notificationDestination(notificationDestination.toString())
                .supportedFeatures(announcedFeatures.toHex());
        DeliveryRequest.UeAddress ue = request.ue();
        if (ue.ipv4Addr() != null) {
            sub.ueIpv4Addr(ue.ipv4Addr());
        } else if (ue.ipv6Addr() != null) {
            sub.ueIpv6Addr(ue.ipv6Addr());
        } else {
            sub.gpsi(ue.gpsi());
        }
        sub.flowInfo(List.of(flowOf(request)));

        if (plan.mode() == QosMode.QOS_REFERENCE) {
            sub.qosReference(plan.primary().ref());
            if (!plan.alternatives().isEmpty()) {
                sub.altQoSReferences(plan.alternativeRefs());
            }
        } else {
            List<AlternativeServiceRequirementsData> sets = new ArrayList<>();
            for (PlannedQos qos : plan.ordered()) {
                sets.add(new AlternativeServiceRequirementsData()
                        .altQosParamSetRef(qos.ref())
                        .gbrDl(qos.gbrDl().toString())
                        .gbrUl(qos.gbrUl().toString())
                        .pdb(qos.pdbMs())
                        .per(qos.per().toString()));
            }
            sub.altQosReqs(sets);
        }
        sub.avrgWndw(plan.averagingWindowMs());
        sub.qosDuration(Math.toIntExact(Math.min(Integer.MAX_VALUE, plan.qosDurationSeconds())));
        sub.usageThreshold(new UsageThreshold()
                .downlinkVolume(plan.usageThreshold().downlinkVolume())
                .uplinkVolume(plan.usageThreshold().uplinkVolume())
                .totalVolume(plan.usageThreshold().totalVolume()));
        if (monitoring.monitored() && announcedFeatures.supports(NefFeature.QOS_MONITORING_5G)) {
            sub.events(FOLLOWED_EVENTS);
            sub.qosMonDatRate(new QosMonitoringInformation()
                    .reqQosMonParams(List.of(RequestedQosMonitoringParameter.DOWNLINK_DATA_RATE))
                    .repFreqs(List.of(ReportingFrequency.PERIODIC))
                    .repPeriod(Math.toIntExact(Math.min(Integer.MAX_VALUE, monitoring.reportPeriod().toSeconds()))));
        } else {
            sub.events(FOLLOWED_EVENTS_UNMONITORED);
        }
        return sub;
    }

    /** The model download as one IP flow: downlink from the server to the UE, and its uplink (ACKs). */
    static FlowInfo flowOf(DeliveryRequest request) {
        return new FlowInfo().flowId(1).flowDescriptions(IpFlows.descriptions(request));
    }
}
