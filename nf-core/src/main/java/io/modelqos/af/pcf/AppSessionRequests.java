package io.modelqos.af.pcf;

import io.modelqos.af.delivery.DeliveryRequest;
import io.modelqos.af.qos.PlannedQos;
import io.modelqos.af.qos.QosMode;
import io.modelqos.af.qos.QosPlan;
import io.modelqos.af.southbound.IpFlows;
import io.modelqos.af.southbound.SessionFailure;
import io.modelqos.af.southbound.SessionRequest;
import io.modelqos.openapi.n5.model.AppSessionContext;
import io.modelqos.openapi.n5.model.AppSessionContextReqData;
import io.modelqos.openapi.t8.model.AfEvent;
import io.modelqos.openapi.t8.model.AfEventSubscription;
import io.modelqos.openapi.t8.model.AfNotifMethod;
import io.modelqos.openapi.t8.model.AlternativeServiceRequirementsData;
import io.modelqos.openapi.t8.model.EventsSubscReqData;
import io.modelqos.openapi.t8.model.FlowStatus;
import io.modelqos.openapi.t8.model.FlowUsage;
import io.modelqos.openapi.t8.model.MediaComponent;
import io.modelqos.openapi.t8.model.MediaSubComponent;
import io.modelqos.openapi.t8.model.MediaType;
import io.modelqos.openapi.t8.model.RequestedQosMonitoringParameter;
import io.modelqos.openapi.t8.model.Snssai;
import io.modelqos.openapi.t8.model.UsageThreshold;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the TS 29.514 AppSessionContext that asks the PCF for a delivery's plan, as a trusted AF states it on N5:
 * <ul>
 *   <li>one media component ({@value #MEDIA_COMPONENT}) whose sub-component carries the server-to-UE flow as
 *       IPFilterRules, its requested bandwidth ({@code marBwDl}/{@code mirBwDl}, and uplink) the primary option's
 *       GBR;</li>
 *   <li>with QoS references: the primary as {@code qosReference}, the alternatives as {@code altSerReqs}; with
 *       individual parameters: the primary's PDB as {@code desMaxLatency}, the alternatives
 *       as {@code altSerReqsData}, so the PCF can name the one it applied ({@code altSerReq});</li>
 *   <li>{@code qosDuration} (the PCF ends the session after it), and the events the AF follows, with {@code usgThres}
 *       and, for a monitored session, periodic downlink data-rate reports.</li>
 * </ul>
 */
final class AppSessionRequests {
    static final String MEDIA_COMPONENT = "1";

    private AppSessionRequests() {
    }

    /** The create body; fails when the UE has no IP address (N5 names the PDU session by it). */
    static AppSessionContext create(SessionRequest request, URI notifUri, N5Identity identity) {
        DeliveryRequest.UeAddress ue = request.delivery().ue();
        AppSessionContextReqData data = new AppSessionContextReqData()
                .afAppId(identity.afAppId())
                .dnn(identity.dnn())
                .sliceInfo(new Snssai().sst(identity.sst()).sd(identity.sd()))
                .notifUri(notifUri.toString())
                .suppFeat(identity.supportedFeatures())
                .medComponents(Map.of(MEDIA_COMPONENT, mediaComponent(request.plan(), request.delivery())))
                .qosDuration(qosDuration(request.plan()))
                .evSubsc(events(request, notifUri));
        if (ue.ipv4Addr() != null) {
            data.ueIpv4(ue.ipv4Addr());
        } else if (ue.ipv6Addr() != null) {
            data.ueIpv6(ue.ipv6Addr());
        } else {
            throw new SessionFailure(SessionFailure.Kind.REJECTED, "over N5 the PCF finds the UE's PDU session by its"
                    + " IP address; this delivery names the UE by GPSI only", "UE_ADDRESS_REQUIRED", null, null);
        }
        if (ue.gpsi() != null) {
            data.gpsi(ue.gpsi());
        }
        return new AppSessionContext().ascReqData(data);
    }

    static MediaComponent mediaComponent(QosPlan plan, DeliveryRequest delivery) {
        PlannedQos primary = plan.primary();
        MediaComponent component = new MediaComponent()
                .medCompN(1)
                .medType(MediaType.DATA)
                .fStatus(FlowStatus.ENABLED)
                .marBwDl(primary.gbrDl().toString())
                .mirBwDl(primary.gbrDl().toString())
                .marBwUl(primary.gbrUl().toString())
                .mirBwUl(primary.gbrUl().toString())
                .medSubComps(Map.of("1", new MediaSubComponent()
                        .fNum(1)
                        .fDescs(IpFlows.descriptions(delivery))
                        .flowUsage(FlowUsage.NO_INFO)));
        if (plan.mode() == QosMode.QOS_REFERENCE) {
            component.qosReference(primary.ref());
            if (!plan.alternatives().isEmpty()) {
                component.altSerReqs(plan.alternativeRefs());
            }
        } else {
            // desMaxLoss is left out: a PER such as 1E-6 has no exact float, which TS 29.514 declares it as.
            component.desMaxLatency((float) primary.pdbMs());
            if (!plan.alternatives().isEmpty()) {
                List<AlternativeServiceRequirementsData> sets = new ArrayList<>();
                for (PlannedQos qos : plan.alternatives()) {
                    sets.add(new AlternativeServiceRequirementsData()
                            .altQosParamSetRef(qos.ref())
                            .gbrDl(qos.gbrDl().toString())
                            .gbrUl(qos.gbrUl().toString())
                            .pdb(qos.pdbMs())
                            .per(qos.per().toString()));
                }
                component.altSerReqsData(sets);
            }
        }
        return component;
    }

    static int qosDuration(QosPlan plan) {
        return Math.toIntExact(Math.min(Integer.MAX_VALUE, plan.qosDurationSeconds()));
    }

    static EventsSubscReqData events(SessionRequest request, URI notifUri) {
        List<AfEventSubscription> events = new ArrayList<>(List.of(
                detected(AfEvent.SUCCESSFUL_RESOURCES_ALLOCATION),
                detected(AfEvent.FAILED_RESOURCES_ALLOCATION),
                detected(AfEvent.QOS_NOTIF),
                detected(AfEvent.USAGE_REPORT)));
        var threshold = request.plan().usageThreshold();
        EventsSubscReqData data = new EventsSubscReqData()
                .notifUri(notifUri.toString())
                .usgThres(new UsageThreshold()
                        .downlinkVolume(threshold.downlinkVolume())
                        .uplinkVolume(threshold.uplinkVolume())
                        .totalVolume(threshold.totalVolume()));
        if (request.monitoring().monitored()) {
            events.add(new AfEventSubscription().event(AfEvent.QOS_MONITORING).notifMethod(AfNotifMethod.PERIODIC)
                    .repPeriod(Math.toIntExact(Math.min(Integer.MAX_VALUE,
                            request.monitoring().reportPeriod().toSeconds()))));
            data.reqQosMonParams(List.of(RequestedQosMonitoringParameter.DOWNLINK_DATA_RATE));
        }
        return data.events(events);
    }

    private static AfEventSubscription detected(AfEvent event) {
        return new AfEventSubscription().event(event).notifMethod(AfNotifMethod.EVENT_DETECTION);
    }

    /**
     * The refs of the plan's options the PCF's answer carries, in the plan's order. An answer without the media
     * component took the request as sent (a 2xx on N5 authorizes what was asked, or the PCF answers 403); one with it
     * carries the primary when it keeps its QoS reference (or requested bandwidth) and each alternative it still names.
     */
    static List<String> carried(QosPlan plan, AppSessionContext answer) {
        MediaComponent shown = answer == null || answer.getAscReqData() == null
                || answer.getAscReqData().getMedComponents() == null ? null
                : answer.getAscReqData().getMedComponents().get(MEDIA_COMPONENT);
        List<String> all = plan.ordered().stream().map(PlannedQos::ref).toList();
        if (shown == null) {
            return all;
        }
        List<String> carried = new ArrayList<>();
        PlannedQos primary = plan.primary();
        boolean primaryKept = plan.mode() == QosMode.QOS_REFERENCE ? primary.ref().equals(shown.getQosReference())
                : shown.getMarBwDl() != null || shown.getMirBwDl() != null;
        if (primaryKept) {
            carried.add(primary.ref());
        }
        for (PlannedQos alternative : plan.alternatives()) {
            boolean named = plan.mode() == QosMode.QOS_REFERENCE
                    ? shown.getAltSerReqs() != null && shown.getAltSerReqs().contains(alternative.ref())
                    : shown.getAltSerReqsData() != null && shown.getAltSerReqsData().stream()
                    .anyMatch(set -> alternative.ref().equals(set.getAltQosParamSetRef()));
            if (named) {
                carried.add(alternative.ref());
            }
        }
        return carried;
    }

    /**
     * Whether the PCF's answer leaves the individual parameters the request carried in place: an answer that shows the
     * media component without the {@code altSerReqsData} it was sent did not take them.
     */
    static boolean tookIndividualParameters(QosPlan plan, AppSessionContext answer) {
        if (plan.mode() != QosMode.INDIVIDUAL_PARAMETERS || plan.alternatives().isEmpty()) {
            return true;
        }
        MediaComponent shown = answer == null || answer.getAscReqData() == null
                || answer.getAscReqData().getMedComponents() == null ? null
                : answer.getAscReqData().getMedComponents().get(MEDIA_COMPONENT);
        return shown == null || shown.getAltSerReqsData() != null && !shown.getAltSerReqsData().isEmpty();
    }

    /** Who the AF is on N5 and which PDU sessions it asks for: from the configuration. */
    record N5Identity(String afAppId, String dnn, int sst, String sd, String supportedFeatures) {
    }
}
