package io.modelqos.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.modelqos.client.WireMockClients.DELIVERY_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.modelqos.client.model.BestOffer;
import io.modelqos.client.model.DeliveryRequest;
import io.modelqos.client.model.InvalidParam;
import io.modelqos.client.model.ModelCatalog;
import io.modelqos.client.model.ModelServer;
import io.modelqos.client.model.UeId;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Verifies that each error answer of the AF becomes the exception that names it, with its problem. */
class ErrorMappingTest {

    private static final String DELIVERIES = "/model-delivery/v1/deliveries";
    private static final String ONE = DELIVERIES + "/" + DELIVERY_ID;

    @RegisterExtension
    static final WireMockExtension AF = WireMockClients.wireMock();

    private ModelQosClient client;

    @BeforeEach
    void buildClient() {
        client = WireMockClients.clientFor(AF).retryPolicy(RetryPolicy.none()).build();
    }

    private static DeliveryRequest request() {
        return DeliveryRequest.builder().ue(UeId.ipv4("10.45.0.2")).server(ModelServer.ipv4("10.0.0.10", 443))
                .model(ModelCatalog.VGG16).latencyBudget(Duration.ofMillis(100)).build();
    }

    private static void answer(com.github.tomakehurst.wiremock.client.MappingBuilder call, int status, String problem) {
        AF.stubFor(call.willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/problem+json").withBody(problem)));
    }

    @Test
    void badRequestCarriesTheInvalidParams() {
        answer(post(DELIVERIES), 400, """
                {"title": "Bad Request", "status": 400, "detail": "the request fails validation",
                 "invalidParams": [{"param": "/latencyBudgetMs", "reason": "must be at least 1"}]}
                """);

        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> client.deliveries().create(request()));

        assertEquals(400, e.status());
        assertEquals(List.of(new InvalidParam("/latencyBudgetMs", "must be at least 1")), e.invalidParams());
        assertTrue(e.getMessage().contains("POST /deliveries answered 400: Bad Request - the request fails validation"),
                e.getMessage());
    }

    @Test
    void notFoundIsNotFoundException() {
        answer(get(ONE), 404, "{\"title\": \"Not Found\", \"status\": 404, \"deliveryId\": \"" + DELIVERY_ID + "\"}");

        NotFoundException e = assertThrows(NotFoundException.class, () -> client.deliveries().get(DELIVERY_ID));

        assertEquals(404, e.status());
        assertEquals(DELIVERY_ID, e.problem().orElseThrow().deliveryId());
    }

    @Test
    void conflictIsConflictException() {
        answer(post(DELIVERIES), 409, "{\"title\": \"Conflict\", \"status\": 409, "
                + "\"detail\": \"Idempotency-Key was used with another body\"}");

        ConflictException e = assertThrows(ConflictException.class, () -> client.deliveries().create(request(), "k-1"));

        assertEquals("Idempotency-Key was used with another body", e.problem().orElseThrow().detail());
    }

    @Test
    void unprocessableCarriesTheBestOffer() {
        answer(post(DELIVERIES), 422, """
                {"title": "No QoS fits", "status": 422,
                 "bestOffer": {"acceptableRate": "1.2 Gbps", "variantId": "vgg16-int8", "latencyBudgetMs": 3900}}
                """);

        UnprocessableException e = assertThrows(UnprocessableException.class,
                () -> client.deliveries().create(request()));

        assertEquals(new BestOffer("1.2 Gbps", "vgg16-int8", 3900L), e.bestOffer().orElseThrow());
    }

    @Test
    void serviceUnavailableAndGatewayTimeoutAreUnavailableException() {
        answer(delete(ONE), 503, "{\"title\": \"NEF unreachable\", \"status\": 503}");
        answer(get(ONE), 504, "{\"title\": \"NEF timed out\", \"status\": 504}");

        assertEquals(503, assertThrows(UnavailableException.class, () -> client.deliveries().cancel(DELIVERY_ID)).status());
        assertEquals(504, assertThrows(UnavailableException.class, () -> client.deliveries().get(DELIVERY_ID)).status());
    }

    @Test
    void otherStatusesAreModelQosExceptionWithTheStatus() {
        answer(get(ONE), 401, "{\"title\": \"Unauthorized\", \"status\": 401}");

        ModelQosException e = assertThrows(ModelQosException.class, () -> client.deliveries().get(DELIVERY_ID));

        assertEquals(ModelQosException.class, e.getClass());
        assertEquals(401, e.status());
    }

    @Test
    void aNonJsonErrorBodyKeepsTheStatusAndQuotesTheBody() {
        AF.stubFor(get(ONE).willReturn(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                .withBody("<html><body>Bad gateway</body></html>")));

        UnavailableException e = assertThrows(UnavailableException.class, () -> client.deliveries().get(DELIVERY_ID));

        assertEquals(502, e.status());
        assertFalse(e.problem().isPresent());
        assertTrue(e.getMessage().contains("(text/html) <html><body>Bad gateway</body></html>"), e.getMessage());
    }

    @Test
    void aSuccessWithAnUnreadableBodyIsModelQosException() {
        AF.stubFor(get(ONE).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"deliveryId\": ")));

        ModelQosException e = assertThrows(ModelQosException.class, () -> client.deliveries().get(DELIVERY_ID));

        assertEquals(200, e.status());
        assertTrue(e.getMessage().startsWith("GET /deliveries/" + DELIVERY_ID + " answered 200 with a body"), e.getMessage());
    }

    @Test
    void anAnswerSlowerThanTheTimeoutIsUnavailableWithoutStatus() {
        AF.stubFor(get(ONE).willReturn(aResponse().withFixedDelay(1_000).withStatus(200)));
        ModelQosClient impatient = client.newBuilder().timeout(Duration.ofMillis(200)).build();

        UnavailableException e = assertThrows(UnavailableException.class, () -> impatient.deliveries().get(DELIVERY_ID));

        assertEquals(ModelQosException.NO_RESPONSE, e.status());
        assertInstanceOf(HttpTimeoutException.class, e.getCause());
        assertTrue(e.getMessage().startsWith("GET /deliveries/" + DELIVERY_ID + " timed out"), e.getMessage());
    }

    @Test
    void theAsyncVariantCompletesWithTheSameException() {
        answer(post(DELIVERIES), 422, "{\"title\": \"No QoS fits\", \"status\": 422}");

        CompletionException e = assertThrows(CompletionException.class,
                () -> client.deliveries().createAsync(request()).join());

        assertInstanceOf(UnprocessableException.class, e.getCause());
    }
}
