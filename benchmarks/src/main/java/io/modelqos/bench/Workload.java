package io.modelqos.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.modelqos.af.delivery.DeliveryRequest;
import io.modelqos.af.engine.EngineSettings;
import io.modelqos.af.qos.PlanRequest;
import io.modelqos.af.qos.QosPlan;
import io.modelqos.af.qos.QosPlanner;
import io.modelqos.af.catalog.ModelVariant;
import io.modelqos.af.catalog.Precision;
import io.modelqos.af.nef.SubscriptionRequests;
import io.modelqos.af.southbound.RateMonitoring;
import io.modelqos.openapi.T8Json;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The requests the bench sends: a ResNet-50 delivery (FP32 100 MB, INT8 25 MB) to one UE per operation, so no
 * UE's GBR limit at the emulator ever refuses one; and the AsSessionWithQoS subscription the AF itself would
 * write for it (by the AF's own {@link SubscriptionRequests}), for the calls made directly to the emulator.
 */
public final class Workload {
    /** A UE address that appears nowhere else in the templates; replaced per operation. */
    static final String UE_PLACEHOLDER = "10.255.255.254";
    static final String SERVER = "192.0.2.10";
    static final long FP32_BYTES = 100_000_000L;
    static final long INT8_BYTES = 25_000_000L;
    /**
     * 10 s for the create+delete loops: the planner asks about 83 Mbit/s for the FP32 variant and the NEF's
     * qosDuration is 11 s, so even a slow, saturated run deletes each subscription before the NEF ends it.
     * The budget changes the numbers in the plan, not the work of planning and negotiating.
     */
    public static final long CREATE_DELETE_BUDGET_MS = 10_000;
    /** One hour: deliveries that must stay live for the length of a phase (the NEF's qosDuration is budget + 1 s). */
    public static final long LONG_BUDGET_MS = 3_600_000;

    private Workload() {
    }

    /** A distinct UE IPv4 address per index (up to 2^23), in 10.64.0.0/10. Only data: nothing is sent there. */
    public static String ue(long index) {
        long i = index & ((1L << 23) - 1);
        return "10." + (64 + (i >> 16)) + "." + ((i >> 8) & 255) + "." + (i & 255);
    }

    /** The northbound createDelivery body, with {@link #UE_PLACEHOLDER} for the UE. */
    public static String deliveryRequestTemplate(long latencyBudgetMs, String notificationUri) {
        StringBuilder sb = new StringBuilder(512);
        sb.append("{\"ue\":{\"ipv4Addr\":\"").append(UE_PLACEHOLDER).append("\"},")
                .append("\"server\":{\"ipv4Addr\":\"").append(SERVER).append("\",\"port\":443},")
                .append("\"model\":{\"name\":\"ResNet-50\",\"variants\":[")
                .append("{\"id\":\"resnet-50-fp32\",\"precision\":\"FP32\",\"sizeBytes\":").append(FP32_BYTES).append("},")
                .append("{\"id\":\"resnet-50-int8\",\"precision\":\"INT8\",\"sizeBytes\":").append(INT8_BYTES).append("}]},")
                .append("\"latencyBudgetMs\":").append(latencyBudgetMs).append(",\"availability\":0.99999");
        if (notificationUri != null) {
            sb.append(",\"notificationUri\":\"").append(notificationUri).append('"');
        }
        return sb.append('}').toString();
    }

    /**
     * The AsSessionWithQoSSubscription the AF sends for {@link #deliveryRequestTemplate} with its default
     * features, for a delivery it monitors, written by the AF's own code; {@link #UE_PLACEHOLDER} for the UE.
     */
    public static String subscriptionTemplate(long latencyBudgetMs, String notificationDestination) {
        DeliveryRequest request = new DeliveryRequest(new DeliveryRequest.UeAddress(UE_PLACEHOLDER, null, null),
                new DeliveryRequest.ServerAddress(SERVER, null, 443), "ResNet-50",
                List.of(new DeliveryRequest.Variant("resnet-50-fp32", "FP32", FP32_BYTES, null),
                        new DeliveryRequest.Variant("resnet-50-int8", "INT8", INT8_BYTES, null)),
                latencyBudgetMs, 0.99999, true, null, null, null);
        PlanRequest planRequest = new PlanRequest(List.of(
                new ModelVariant("resnet-50-fp32", Precision.FP32, FP32_BYTES, null),
                new ModelVariant("resnet-50-int8", Precision.INT8, INT8_BYTES, null)),
                Duration.ofMillis(latencyBudgetMs), 0.99999, true, null, Duration.ZERO,
                EngineSettings.AF_FEATURES);
        QosPlan plan = (QosPlan) QosPlanner.withDefaults().plan(planRequest);
        try {
            return T8Json.mapper().writeValueAsString(SubscriptionRequests.create(plan, request,
                    URI.create(notificationDestination), EngineSettings.AF_FEATURES,
                    RateMonitoring.every(plan.rateReportPeriod())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The template with the UE of {@code index}. */
    public static String withUe(String template, long index) {
        return template.replace(UE_PLACEHOLDER, ue(index));
    }

    /** A QOS_MONITORING notification with a downlink data-rate report, as the emulator writes one. */
    public static String monitoringNotification(String transaction, long dlBitsPerSecond) {
        return "{\"transaction\":\"" + transaction + "\",\"eventReports\":[{\"event\":\"QOS_MONITORING\","
                + "\"qosMonDatRateReps\":[{\"dlDataRate\":\"" + mbps(dlBitsPerSecond) + "\",\"ulDataRate\":\""
                + mbps(dlBitsPerSecond / 50) + "\"}]}]}";
    }

    static String mbps(long bitsPerSecond) {
        return String.format(Locale.ROOT, "%.3f Mbps", bitsPerSecond / 1e6);
    }

    /** The emulator's options for the bench: capacity far above the load, so admission never refuses. */
    public static String emulatorOptionsJson() {
        return "{\"seed\": 1, \"capacity\": {\"cells\": 4, \"cellGbrDl\": \"1000 Tbps\", \"ueGbrDl\": \"1.5 Gbps\"}}";
    }
}
