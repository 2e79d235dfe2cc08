package io.modelqos.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.modelqos.client.WireMockClients.DELIVERY_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.modelqos.client.model.DeliveryRequest;
import io.modelqos.client.model.ModelCatalog;
import io.modelqos.client.model.ModelServer;
import io.modelqos.client.model.UeId;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Verifies that the client retries what is safe to repeat, when it may succeed, and nothing else. */
class RetryTest {

    private static final String DELIVERIES = "/model-delivery/v1/deliveries";
    private static final String ONE = DELIVERIES + "/" + DELIVERY_ID;

    @RegisterExtension
    static final WireMockExtension AF = WireMockClients.wireMock();

    private final ModelQosClient client = WireMockClients.clientFor(AF).build();

    /** The call fails once with the given answer, then succeeds with the second. */
    private static void failOnceThen(Supplier<MappingBuilder> call, ResponseDefinitionBuilder first,
                                     ResponseDefinitionBuilder then) {
        failThen(call, 1, first, then);
    }

    /** The call fails the given number of times with the first answer, then gets the second. */
    private static void failThen(Supplier<MappingBuilder> call, int failures, ResponseDefinitionBuilder first,
                                 ResponseDefinitionBuilder then) {
        String state = Scenario.STARTED;
        for (int i = 1; i <= failures; i++) {
            String next = "failed " + i;
            AF.stubFor(call.get().inScenario("retry").whenScenarioStateIs(state).willReturn(first).willSetStateTo(next));
            state = next;
        }
        AF.stubFor(call.get().inScenario("retry").whenScenarioStateIs(state).willReturn(then));
    }

    private static DeliveryRequest request() {
        return DeliveryRequest.builder().ue(UeId.ipv4("10.45.0.2")).server(ModelServer.ipv4("10.0.0.10", 443))
                .model(ModelCatalog.MOBILENET_224).latencyBudget(Duration.ofMillis(200)).build();
    }

    @Test
    void tooManyRequestsIsRetriedAfterRetryAfterSeconds() {
        failOnceThen(() -> get(ONE), aResponse().withStatus(429).withHeader("Retry-After", "1"),
                okJson(Bodies.deliveryJson(DELIVERY_ID, "QOS_GRANTED")));

        long start = System.nanoTime();
        client.deliveries().get(DELIVERY_ID);
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertTrue(waited.compareTo(Duration.ofMillis(950)) >= 0, "waited only " + waited);
        AF.verify(2, getRequestedFor(urlEqualTo(ONE)));
    }

    @Test
    void retryAfterIsCappedByThePolicy() {
        failOnceThen(() -> get(ONE), aResponse().withStatus(429).withHeader("Retry-After", "3600"),
                okJson(Bodies.deliveryJson(DELIVERY_ID, "QOS_GRANTED")));
        ModelQosClient capped = client.newBuilder()
                .retryPolicy(RetryPolicy.custom().maxRetryAfter(Duration.ofMillis(10)).build()).build();

        capped.deliveries().get(DELIVERY_ID);

        AF.verify(2, getRequestedFor(urlEqualTo(ONE)));
    }

    /**
     * The JDK's HTTP client itself repeats a GET once when the connection closes before an answer, so
     * two resets in a row are needed to reach the SDK's retry.
     */
    @Test
    void aResetConnectionIsRetriedOnGet() {
        failThen(() -> get(ONE), 2, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                okJson(Bodies.deliveryJson(DELIVERY_ID, "QOS_GRANTED")));

        assertEquals(DELIVERY_ID, client.deliveries().get(DELIVERY_ID).deliveryId());
        AF.verify(3, getRequestedFor(urlEqualTo(ONE)));
    }

    @Test
    void aResetConnectionIsRetriedOnCreateWithTheSameIdempotencyKey() {
        failOnceThen(() -> post(DELIVERIES), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(Bodies.deliveryJson(DELIVERY_ID, "QOS_GRANTED")));

        client.deliveries().create(request());

        List<String> keys = AF.getAllServeEvents().stream()
                .map(ServeEvent::getRequest).map(r -> r.getHeader("Idempotency-Key")).toList();
        assertEquals(2, keys.size());
        assertNotNull(keys.get(0));
        assertEquals(keys.get(0), keys.get(1));
    }

    @Test
    void eachCreateHasItsOwnIdempotencyKey() {
        AF.stubFor(post(DELIVERIES).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(Bodies.deliveryJson(DELIVERY_ID, "QOS_GRANTED"))));

        client.deliveries().create(request());
        client.deliveries().create(request());

        List<String> keys = AF.getAllServeEvents().stream()
                .map(ServeEvent::getRequest).map(r -> r.getHeader("Idempotency-Key")).distinct().toList();
        assertEquals(2, keys.size());
    }

    @Test
    void deleteIsRetriedAfterServiceUnavailable() {
        failOnceThen(() -> delete(ONE), serviceUnavailable(), okJson(Bodies.deliveryJson(DELIVERY_ID, "CANCELLED")));

        client.deliveries().cancel(DELIVERY_ID);

        AF.verify(2, deleteRequestedFor(urlEqualTo(ONE)));
    }

    @Test
    void givesUpAfterMaxAttempts() {
        AF.stubFor(get(ONE).willReturn(serviceUnavailable()));

        UnavailableException e = assertThrows(UnavailableException.class, () -> client.deliveries().get(DELIVERY_ID));

        assertEquals(503, e.status());
        AF.verify(3, getRequestedFor(urlEqualTo(ONE)));
    }

    @Test
    void progressReportsAreNotRetried() {
        AF.stubFor(post(ONE + "/progress").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        UnavailableException e = assertThrows(UnavailableException.class,
                () -> client.deliveries().reportProgress(DELIVERY_ID, 1_000, Duration.ofMillis(10)));

        assertEquals(ModelQosException.NO_RESPONSE, e.status());
        AF.verify(1, postRequestedFor(urlEqualTo(ONE + "/progress")));
    }

    @Test
    void clientErrorsAreNotRetried() {
        AF.stubFor(get(ONE).willReturn(aResponse().withStatus(404)));

        assertThrows(NotFoundException.class, () -> client.deliveries().get(DELIVERY_ID));

        AF.verify(1, getRequestedFor(urlEqualTo(ONE)));
    }

    @Test
    void aRefusedConnectionIsUnavailableWithoutStatusAfterTheRetries() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ModelQosClient nowhere = client.newBuilder().baseUri(URI.create("http://127.0.0.1:" + closedPort)).build();

        UnavailableException e = assertThrows(UnavailableException.class, () -> nowhere.deliveries().get(DELIVERY_ID));

        assertEquals(ModelQosException.NO_RESPONSE, e.status());
        assertTrue(e.getMessage().startsWith("GET /deliveries/" + DELIVERY_ID + " could not connect"), e.getMessage());
    }
}
