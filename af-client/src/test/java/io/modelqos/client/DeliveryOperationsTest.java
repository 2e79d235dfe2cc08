package io.modelqos.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.modelqos.client.WireMockClients.DELIVERY_ID;
import static io.modelqos.client.WireMockClients.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.modelqos.client.model.Delivery;
import io.modelqos.client.model.DeliveryRequest;
import io.modelqos.client.model.DeliveryState;
import io.modelqos.client.model.ModelCatalog;
import io.modelqos.client.model.ModelServer;
import io.modelqos.client.model.Plan;
import io.modelqos.client.model.PlanRequest;
import io.modelqos.client.model.ProgressReport;
import io.modelqos.client.model.UeId;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Verifies that each operation sends the contract's request and reads the contract's answer. */
class DeliveryOperationsTest {

    private static final String API = "/model-delivery/v1";
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final String USER_AGENT_PATTERN = "modelqos-af-client/\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?";

    @RegisterExtension
    static final WireMockExtension AF = WireMockClients.wireMock();

    private ModelQosClient client;

    @BeforeEach
    void buildClient() {
        client = WireMockClients.clientFor(AF).build();
    }

    private static DeliveryRequest request() {
        return DeliveryRequest.builder()
                .ue(UeId.ipv4("10.45.0.2"))
                .server(ModelServer.ipv4("10.0.0.10", 443))
                .model(ModelCatalog.RESNET_50)
                .latencyBudget(Duration.ofSeconds(1))
                .availability(0.99999)
                .build();
    }

    private static final String REQUEST_JSON = """
            {"ue": {"ipv4Addr": "10.45.0.2"}, "server": {"ipv4Addr": "10.0.0.10", "port": 443},
             "model": {"name": "resnet-50", "variants": [
               {"id": "resnet-50-fp32", "precision": "FP32", "sizeBytes": 100000000},
               {"id": "resnet-50-int8", "precision": "INT8", "sizeBytes": 25000000}]},
             "latencyBudgetMs": 1000, "availability": 0.99999}
            """;

    @Test
    void createPostsTheRequestWithTokenIdempotencyKeyAndContentType() {
        AF.stubFor(post(API + "/deliveries").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withHeader("Location", API + "/deliveries/" + DELIVERY_ID)
                .withBody(Bodies.deliveryJson(DELIVERY_ID, "QOS_GRANTED"))));

        Delivery delivery = client.deliveries().create(request());

        assertEquals(DELIVERY_ID, delivery.deliveryId());
        assertEquals(DeliveryState.QOS_GRANTED, delivery.state());
        assertEquals("resnet-50-fp32", delivery.granted().variantId());
        AF.verify(1, postRequestedFor(urlEqualTo(API + "/deliveries"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("Accept", equalTo("application/json"))
                .withHeader("User-Agent", matching(USER_AGENT_PATTERN))
                .withHeader("Idempotency-Key", matching(UUID_PATTERN))
                .withRequestBody(equalToJson(REQUEST_JSON)));
    }

    @Test
    void createSendsTheCallersIdempotencyKey() throws Exception {
        AF.stubFor(post(API + "/deliveries").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody(Bodies.deliveryJson(DELIVERY_ID, "NEGOTIATING"))));

        Delivery delivery = client.deliveries().createAsync(request(), "order-4711").get(5, TimeUnit.SECONDS);

        assertEquals(DeliveryState.NEGOTIATING, delivery.state());
        AF.verify(postRequestedFor(urlEqualTo(API + "/deliveries")).withHeader("Idempotency-Key", equalTo("order-4711")));
    }

    @Test
    void createRefusesAMalformedIdempotencyKeyBeforeSending() {
        assertThrows(IllegalArgumentException.class, () -> client.deliveries().create(request(), "has space"));
        AF.verify(0, postRequestedFor(urlEqualTo(API + "/deliveries")));
    }

    @Test
    void getReadsTheDelivery() {
        AF.stubFor(get(API + "/deliveries/" + DELIVERY_ID).willReturn(okJson(Bodies.deliveryJson(DELIVERY_ID, "DEGRADED"))));

        Delivery delivery = client.deliveries().get(DELIVERY_ID);

        assertEquals(DeliveryState.DEGRADED, delivery.state());
        AF.verify(getRequestedFor(urlEqualTo(API + "/deliveries/" + DELIVERY_ID))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Accept", equalTo("application/json")));
    }

    @Test
    void getRefusesADeliveryIdOutsideThePatternBeforeSending() {
        assertThrows(IllegalArgumentException.class, () -> client.deliveries().get("../plans"));
        assertEquals(0, AF.getAllServeEvents().size());
    }

    @Test
    void cancelDeletesAndReadsTheFinalDelivery() {
        AF.stubFor(delete(API + "/deliveries/" + DELIVERY_ID).willReturn(okJson(Bodies.deliveryJson(DELIVERY_ID, "CANCELLED"))));

        Delivery delivery = client.deliveries().cancel(DELIVERY_ID);

        assertEquals(DeliveryState.CANCELLED, delivery.state());
        AF.verify(deleteRequestedFor(urlEqualTo(API + "/deliveries/" + DELIVERY_ID))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void reportProgressPostsBytesAndElapsedMilliseconds() {
        String path = API + "/deliveries/" + DELIVERY_ID + "/progress";
        AF.stubFor(post(path).willReturn(okJson(Bodies.deliveryJson(DELIVERY_ID, "QOS_GRANTED"))));

        client.deliveries().reportProgress(DELIVERY_ID, 50_000_000, Duration.ofMillis(420));
        client.deliveries().reportProgress(DELIVERY_ID, 100_000_000, Duration.ofMillis(850), true);

        AF.verify(postRequestedFor(urlEqualTo(path))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"bytes\": 50000000, \"elapsedMs\": 420}")));
        AF.verify(postRequestedFor(urlEqualTo(path))
                .withRequestBody(equalToJson("{\"bytes\": 100000000, \"elapsedMs\": 850, \"complete\": true}")));
    }

    @Test
    void reportStartIsAProgressReportOfNoBytesYet() {
        String path = API + "/deliveries/" + DELIVERY_ID + "/progress";
        AF.stubFor(post(path).willReturn(okJson(Bodies.deliveryJson(DELIVERY_ID, "QOS_GRANTED"))));

        client.deliveries().reportStart(DELIVERY_ID);

        AF.verify(postRequestedFor(urlEqualTo(path)).withRequestBody(equalToJson("{\"bytes\": 0, \"elapsedMs\": 0}")));
    }

    @Test
    void reportProgressRefusesNegativeBytesBeforeSending() {
        assertThrows(IllegalArgumentException.class, () -> ProgressReport.of(-1, Duration.ZERO, null));
    }

    @Test
    void planPostsThePlanRequestAndReadsThePlan() {
        AF.stubFor(post(API + "/plans").willReturn(okJson("""
                {"primary": {"variantId": "resnet-50-fp32", "payloadRate": "800 Mbps", "gbrDl": "860 Mbps",
                             "qosReference": "qos-gbr-1g", "pdbMs": 300, "per": "1E-6", "expectedTransferMs": 930},
                 "alternatives": [{"variantId": "resnet-50-int8", "payloadRate": "200 Mbps", "gbrDl": "215 Mbps"}],
                 "averagingWindowMs": 2000, "usageThresholdBytes": 107500000, "qosDurationS": 60,
                 "transportOverhead": 1.075, "effectiveBudgetMs": 900}
                """)));

        Plan plan = client.plan(PlanRequest.builder().model(ModelCatalog.RESNET_50)
                .latencyBudget(Duration.ofSeconds(1)).allowVariantFallback(true).nefSupportedFeatures("0F").build());

        assertEquals("860 Mbps", plan.primary().gbrDl());
        assertEquals(300, plan.primary().pdbMs());
        assertEquals("resnet-50-int8", plan.alternatives().get(0).variantId());
        assertEquals(1.075, plan.transportOverhead());
        assertEquals(900L, plan.effectiveBudgetMs());
        AF.verify(postRequestedFor(urlEqualTo(API + "/plans"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(equalToJson("""
                        {"model": {"name": "resnet-50", "variants": [
                           {"id": "resnet-50-fp32", "precision": "FP32", "sizeBytes": 100000000},
                           {"id": "resnet-50-int8", "precision": "INT8", "sizeBytes": 25000000}]},
                         "latencyBudgetMs": 1000, "negotiation": {"allowVariantFallback": true},
                         "nefSupportedFeatures": "0F"}
                        """)));
    }

    @Test
    void asksTheTokenProviderOnEveryCall() {
        AF.stubFor(get(API + "/deliveries/" + DELIVERY_ID).willReturn(okJson(Bodies.deliveryJson(DELIVERY_ID, "QOS_GRANTED"))));
        AtomicInteger issued = new AtomicInteger();
        ModelQosClient refreshing = client.newBuilder().tokenProvider(() -> "token-" + issued.incrementAndGet()).build();

        refreshing.deliveries().get(DELIVERY_ID);
        refreshing.deliveries().get(DELIVERY_ID);

        AF.verify(1, getRequestedFor(urlEqualTo(API + "/deliveries/" + DELIVERY_ID))
                .withHeader("Authorization", equalTo("Bearer token-1")));
        AF.verify(1, getRequestedFor(urlEqualTo(API + "/deliveries/" + DELIVERY_ID))
                .withHeader("Authorization", equalTo("Bearer token-2")));
    }

    @Test
    void worksBelowABaseUriWithAPath() {
        AF.stubFor(get("/af" + API + "/deliveries/" + DELIVERY_ID)
                .willReturn(okJson(Bodies.deliveryJson(DELIVERY_ID, "QOS_GRANTED"))));
        ModelQosClient behindPrefix = client.newBuilder().baseUri(URI.create(AF.baseUrl() + "/af/")).build();

        assertEquals(DELIVERY_ID, behindPrefix.deliveries().get(DELIVERY_ID).deliveryId());
    }
}
