package io.modelqos.af.nef;

import io.modelqos.af.delivery.DeliveryRequest;
import io.modelqos.af.engine.EngineSettings;
import io.modelqos.af.qos.PlanRequest;
import io.modelqos.af.qos.QosPlan;
import io.modelqos.af.qos.QosPlanner;
import io.modelqos.af.catalog.ModelVariant;
import io.modelqos.af.catalog.Precision;
import io.modelqos.af.southbound.RateMonitoring;
import io.modelqos.openapi.t8.model.AsSessionWithQoSSubscription;
import io.modelqos.openapi.t8.model.ReportingFrequency;
import io.modelqos.openapi.t8.model.RequestedQosMonitoringParameter;
import io.modelqos.openapi.t8.model.UserPlaneEvent;
import io.modelqos.qos.NefFeature;
import io.modelqos.qos.SupportedFeatures;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The T8 rendering of the engine's monitoring decision: data-rate monitoring as decided, or none of it. */
class SubscriptionRequestsTest {
    private static final URI DESTINATION = URI.create("http://af.example/nef-callbacks/v1/secret");
    private static final DeliveryRequest REQUEST = new DeliveryRequest(new DeliveryRequest.UeAddress("10.45.0.1", null, null),
            new DeliveryRequest.ServerAddress("10.0.0.10", null, 443), "resnet-50",
            List.of(new DeliveryRequest.Variant("resnet-50-int8", "int8", 25_600_000L, null)), 60_000, 0.99999, false,
            null, null, null);
    private static final QosPlan PLAN = (QosPlan) QosPlanner.withDefaults().plan(new PlanRequest(
            List.of(new ModelVariant("resnet-50-int8", Precision.INT8, 25_600_000L, null)), Duration.ofMinutes(1),
            0.99999, false, null, Duration.ZERO, EngineSettings.AF_FEATURES));

    @Test
    void aMonitoredSessionAsksForPeriodicDownlinkRateReportsAtTheDecidedPeriod() {
        AsSessionWithQoSSubscription sub = SubscriptionRequests.create(PLAN, REQUEST, DESTINATION,
                EngineSettings.AF_FEATURES, RateMonitoring.every(Duration.ofSeconds(6)));

        assertEquals(6, sub.getQosMonDatRate().getRepPeriod());
        assertEquals(List.of(RequestedQosMonitoringParameter.DOWNLINK_DATA_RATE), sub.getQosMonDatRate().getReqQosMonParams());
        assertEquals(List.of(ReportingFrequency.PERIODIC), sub.getQosMonDatRate().getRepFreqs());
        assertTrue(sub.getEvents().contains(UserPlaneEvent.QOS_MONITORING));
        assertNull(sub.getQosMonInfo());
    }

    @Test
    void anUnmonitoredSessionAsksForNoMonitoringAndFollowsTheOtherEvents() {
        AsSessionWithQoSSubscription sub = SubscriptionRequests.create(PLAN, REQUEST, DESTINATION,
                EngineSettings.AF_FEATURES, RateMonitoring.NONE);

        assertNull(sub.getQosMonDatRate());
        assertNull(sub.getQosMonInfo());
        assertFalse(sub.getEvents().contains(UserPlaneEvent.QOS_MONITORING));
        assertTrue(sub.getEvents().containsAll(List.of(UserPlaneEvent.USAGE_REPORT, UserPlaneEvent.QOS_NOT_GUARANTEED,
                UserPlaneEvent.SESSION_TERMINATION)), "usage and QoS events still come");
    }

    @Test
    void withoutQosMonitoring5GAnnouncedNoMonitoringIsAskedFor() {
        SupportedFeatures withoutMonitoring = SupportedFeatures.of(NefFeature.ALTERNATIVE_QOS_5G,
                NefFeature.ALT_QOS_WITH_IND_PARAMS_5G);

        AsSessionWithQoSSubscription sub = SubscriptionRequests.create(PLAN, REQUEST, DESTINATION, withoutMonitoring,
                RateMonitoring.every(Duration.ofSeconds(6)));

        assertNull(sub.getQosMonDatRate());
        assertFalse(sub.getEvents().contains(UserPlaneEvent.QOS_MONITORING));
    }
}
