package io.modelqos.bench.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelqos.openapi.T8Json;
import io.modelqos.openapi.t8.model.UserPlaneNotificationData;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** What the AF's callback endpoint does first with every NEF notification: read UserPlaneNotificationData. */
@State(Scope.Benchmark)
public class NotificationParseBenchmark {
    private static final String TRANSACTION = "http://127.0.0.1:8081/3gpp-as-session-with-qos/v1/modelqos/subscriptions/"
            + "9f0c4b1e-2d7a-4c55-8f3e-1a2b3c4d5e6f";
    private final ObjectMapper mapper = T8Json.mapper();
    private final byte[] monitoring = ("{\"transaction\":\"" + TRANSACTION + "\",\"eventReports\":[{\"event\":\"QOS_MONITORING\","
            + "\"qosMonDatRateReps\":[{\"dlDataRate\":\"812.345 Mbps\",\"ulDataRate\":\"16.247 Mbps\"}]}]}")
            .getBytes(StandardCharsets.UTF_8);
    private final byte[] allocation = ("{\"transaction\":\"" + TRANSACTION + "\",\"eventReports\":[{\"event\":"
            + "\"SUCCESSFUL_RESOURCES_ALLOCATION\",\"appliedQosRef\":\"resnet-50-fp32\"}]}")
            .getBytes(StandardCharsets.UTF_8);

    @Benchmark
    public UserPlaneNotificationData parseQosMonitoring() throws IOException {
        return mapper.readValue(monitoring, UserPlaneNotificationData.class);
    }

    @Benchmark
    public UserPlaneNotificationData parseAllocation() throws IOException {
        return mapper.readValue(allocation, UserPlaneNotificationData.class);
    }
}
