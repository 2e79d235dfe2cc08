package io.modelqos.conformance.nef;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.modelqos.af.store.InMemoryDeliveryStore;
import io.modelqos.client.model.Delivery;
import io.modelqos.client.model.DeliveryRequest;
import io.modelqos.client.model.DeliveryState;
import io.modelqos.client.model.ModelCatalog;
import io.modelqos.client.model.ModelServer;
import io.modelqos.client.model.UeId;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.modelqos.conformance.nef.NefStubs.creates;
import static io.modelqos.conformance.nef.NefStubs.deletes;
import static io.modelqos.conformance.nef.NefStubs.noContent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * QoS monitoring over HTTP, as the NEF and the model server see it: the AF asks for periodic data-rate reports
 * ({@code qosMonDatRate}, with the QOS_MONITORING event) only for the deliveries within its cap, every tenth of the
 * transfer; a delivery beyond the cap is asked for no monitoring at all; a deleted delivery's slot goes to the next one.
 */
class QosMonitoringConformanceTest {

    @RegisterExtension
    static final WireMockNef nef = new WireMockNef();

    private AfOnWireMock af;

    @AfterEach
    void stop() throws Exception {
        if (af != null) {
            af.close();
        }
    }

    /** A 201 that shows the subscription as the AF sent it (its features too: QoSMonitoring_5G among them). */
    private static ResponseDefinitionBuilder asSent(String location) {
        return aResponse().withStatus(201).withHeader("Location", location).withHeader("Content-Type", NefStubs.JSON)
                .withBody("{{{request.body}}}").withTransformers("response-template");
    }

    /** Three creates answered in turn as sub-1, sub-2, sub-3, each deletable. */
    private static void threeSubscriptions() {
        String[] states = {Scenario.STARTED, "second", "third"};
        for (int i = 0; i < 3; i++) {
            String path = WireMockNef.sub("sub-" + (i + 1));
            var stub = post(WireMockNef.COLLECTION).inScenario("creates").whenScenarioStateIs(states[i])
                    .withMetadata(creates(path)).willReturn(asSent(nef.uri(path).toString()));
            nef.server().stubFor(i < 2 ? stub.willSetStateTo(states[i + 1]) : stub);
            nef.server().stubFor(delete(path).withMetadata(deletes(path)).willReturn(noContent()));
        }
    }

    @Test
    void aDeliveryBeyondTheCapIsAskedForNoMonitoringAndADeletedOnesSlotGoesToTheNext() throws Exception {
        threeSubscriptions();
        af = AfOnWireMock.start(nef, new InMemoryDeliveryStore(), Map.of("engine.maxMonitoredDeliveries", "1",
                "startWindowMs", "0")); // the test plays no model server: no early release

        Delivery within = af.client.deliveries().create(request("10.45.0.1", Duration.ofMinutes(1)));
        Delivery beyond = af.client.deliveries().create(request("10.45.0.2", Duration.ofMinutes(1)));

        JsonObject first = asked(0);
        JsonObject monitoring = first.getJsonObject("qosMonDatRate");
        assertEquals(6, monitoring.getInteger("repPeriod"), "a 60 s transfer: a report every 6 s, not every second");
        assertEquals(List.of("DOWNLINK_DATA_RATE"), monitoring.getJsonArray("reqQosMonParams").getList());
        assertEquals(List.of("PERIODIC"), monitoring.getJsonArray("repFreqs").getList());
        assertTrue(first.getJsonArray("events").contains("QOS_MONITORING"));
        assertEquals(6L, within.granted().rateReportPeriodS(), "the model server sees how often the network reports");

        JsonObject second = asked(1);
        assertNull(second.getJsonObject("qosMonDatRate"), "beyond the cap: no data-rate monitoring");
        assertNull(second.getJsonObject("qosMonInfo"));
        assertFalse(second.getJsonArray("events").contains("QOS_MONITORING"));
        assertTrue(second.getJsonArray("events").contains("USAGE_REPORT"), "its rate comes from usage reports");
        assertEquals(DeliveryState.QOS_GRANTED, beyond.state(), "granted all the same");
        assertNull(beyond.granted().rateReportPeriodS());
        assertTrue(metrics().contains("modelqos_monitored_deliveries 1.0"), metrics());

        assertEquals(DeliveryState.CANCELLED, af.client.deliveries().cancel(within.deliveryId()).state());
        assertTrue(metrics().contains("modelqos_monitored_deliveries 0.0"), metrics());
        Delivery next = af.client.deliveries().create(request("10.45.0.3", Duration.ofSeconds(5)));

        assertEquals(1, asked(2).getJsonObject("qosMonDatRate").getInteger("repPeriod"), "5 s transfer: at least 1 s");
        assertEquals(1L, next.granted().rateReportPeriodS());
        assertTrue(metrics().contains("modelqos_monitored_deliveries_max 1.0"), metrics());
        af.client.deliveries().cancel(beyond.deliveryId());
        af.client.deliveries().cancel(next.deliveryId());
    }

    /** The body of the AF's {@code n}-th create. */
    private static JsonObject asked(int n) {
        return new JsonObject(nef.server().findAll(postRequestedFor(urlEqualTo(WireMockNef.COLLECTION))).get(n)
                .getBodyAsString());
    }

    private String metrics() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + af.server.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    private static DeliveryRequest request(String ue, Duration budget) {
        return DeliveryRequest.builder()
                .ue(UeId.ipv4(ue))
                .server(ModelServer.ipv4("10.0.0.10", 443))
                .model(ModelCatalog.MOBILENET_224)
                .latencyBudget(budget)
                .build();
    }
}
