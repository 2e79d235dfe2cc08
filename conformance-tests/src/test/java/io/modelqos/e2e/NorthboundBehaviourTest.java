package io.modelqos.e2e;

import io.modelqos.client.Subscription;
import io.modelqos.client.model.Delivery;
import io.modelqos.client.model.DeliveryEvent;
import io.modelqos.client.model.DeliveryRequest;
import io.modelqos.client.model.DeliveryState;
import io.modelqos.client.model.EventType;
import io.modelqos.client.model.ModelCatalog;
import io.modelqos.client.model.ModelServer;
import io.modelqos.client.model.UeId;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verifies the northbound API as a caller sees it over HTTP: bad input is a 400 problem naming the field (never a
 * 500), Idempotency-Key replays or conflicts, the NEF's QoS episodes become availability figures and events on the
 * SSE stream, and the callback endpoint turns away what is not the NEF's.
 */
class NorthboundBehaviourTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static AfUnderTest env;

    @BeforeAll
    static void start() throws Exception {
        // No model server sends here: a start window longer than any test, so that no delivery is released early.
        env = AfUnderTest.withEmulator(AfUnderTest.emulatorOptions(), Map.of("startWindowMs", "60000"));
    }

    @AfterAll
    static void stop() throws Exception {
        env.close();
    }

    static JsonObject validBody() {
        return new JsonObject()
                .put("ue", new JsonObject().put("ipv4Addr", "10.45.0.9"))
                .put("server", new JsonObject().put("ipv4Addr", "10.0.0.10").put("port", 443))
                .put("model", new JsonObject().put("name", "resnet-50").put("variants", new JsonArray()
                        .add(new JsonObject().put("id", "resnet-50-fp32").put("precision", "FP32").put("sizeBytes", 100_000_000))
                        .add(new JsonObject().put("id", "resnet-50-int8").put("precision", "INT8").put("sizeBytes", 25_000_000))))
                .put("latencyBudgetMs", 1000);
    }

    static Stream<Arguments> invalidBodies() {
        JsonArray seventeen = new JsonArray();
        for (int i = 0; i < 17; i++) {
            seventeen.add(new JsonObject().put("id", "v" + i).put("precision", "INT8").put("sizeBytes", 1000 + i));
        }
        return Stream.of(
                Arguments.of("no ue", without(validBody(), "ue"), "/ue"),
                Arguments.of("negative size", set(validBody(), b -> b.getJsonObject("model").getJsonArray("variants")
                        .getJsonObject(0).put("sizeBytes", -5)), "/model/variants/0/sizeBytes"),
                Arguments.of("zero budget", validBody().put("latencyBudgetMs", 0), "/latencyBudgetMs"),
                Arguments.of("17 variants", set(validBody(), b -> b.getJsonObject("model").put("variants", seventeen)),
                        "/model/variants"),
                Arguments.of("bad IPv4", set(validBody(), b -> b.getJsonObject("ue").put("ipv4Addr", "10.45.0.300")),
                        "/ue/ipv4Addr"),
                Arguments.of("unknown field", validBody().put("colour", "blue"), "/colour"),
                Arguments.of("availability above 1", validBody().put("availability", 1.5), "/availability"),
                Arguments.of("duplicate variant ids", set(validBody(), b -> b.getJsonObject("model").getJsonArray("variants")
                        .getJsonObject(1).put("id", "resnet-50-fp32")), "/model/variants/1/id"),
                Arguments.of("max budget below budget", validBody().put("negotiation",
                        new JsonObject().put("maxLatencyBudgetMs", 10)), "/negotiation/maxLatencyBudgetMs"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBodies")
    void invalidRequestsAre400NamingTheField(String name, JsonObject body, String param) throws Exception {
        HttpResponse<String> response = post("/model-delivery/v1/deliveries", body.encode(), "application/json", Map.of());
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        JsonObject problem = new JsonObject(response.body());
        assertEquals(400, problem.getInteger("status"));
        List<String> params = problem.getJsonArray("invalidParams").stream()
                .map(p -> ((JsonObject) p).getString("param")).toList();
        assertTrue(params.contains(param), "expected " + param + " in " + params);
    }

    @Test
    void aPlanTakesTheCreateBodyAsItIsAndCreatesNothing() throws Exception {
        JsonObject body = validBody().put("notificationUri", "https://model-server.example/events")
                .put("notificationToken", "plan-secret").put("availability", 0.9999);
        body.getJsonObject("ue").put("ipv4Addr", "10.45.0.77");
        int sessionsBefore = env.emulator.liveSubscriptionCount();

        HttpResponse<String> response = post("/model-delivery/v1/plans", body.encode(), "application/json", Map.of());

        assertEquals(200, response.statusCode(), response.body());
        JsonObject plan = new JsonObject(response.body());
        assertEquals("resnet-50-fp32", plan.getJsonObject("primary").getString("variantId"));
        assertTrue(plan.getJsonObject("primary").getString("gbrDl").endsWith("bps"), response.body());
        assertTrue(!response.body().contains("plan-secret"), "the token is never echoed: " + response.body());
        assertEquals(sessionsBefore, env.emulator.liveSubscriptionCount(), "a plan reaches no network");
        HttpResponse<String> listed = get("/model-delivery/v1/deliveries?ue=10.45.0.77");
        assertEquals(200, listed.statusCode(), listed.body());
        assertEquals(0, new JsonObject(listed.body()).getJsonArray("items").size(), "a plan stores no delivery");

        // The same body through the SDK: the dry run of the request a create would send.
        DeliveryRequest request = DeliveryRequest.builder().ue(UeId.ipv4("10.45.0.78"))
                .server(ModelServer.ipv4("10.0.0.10", 443)).model(ModelCatalog.RESNET_50)
                .latencyBudget(Duration.ofSeconds(1)).notificationUri(URI.create("https://model-server.example/events"))
                .build();
        assertEquals("resnet-50-fp32", env.client.plan(request).primary().variantId());
        assertEquals(sessionsBefore, env.emulator.liveSubscriptionCount(), "a plan reaches no network");
    }

    @Test
    void aPlanChecksTheCreateFieldsAsACreateDoes() throws Exception {
        JsonObject badUe = set(validBody(), b -> b.getJsonObject("ue").put("ipv4Addr", "10.45.0.300"));
        HttpResponse<String> response = post("/model-delivery/v1/plans", badUe.encode(), "application/json", Map.of());
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("/ue/ipv4Addr"), response.body());

        JsonObject badUri = validBody().put("notificationUri", "https://");
        response = post("/model-delivery/v1/plans", badUri.encode(), "application/json", Map.of());
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("/notificationUri"), response.body());

        response = post("/model-delivery/v1/plans", validBody().put("colour", "blue").encode(), "application/json",
                Map.of());
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("/colour"), response.body());
    }

    @Test
    void malformedJsonWrongTypeAndOversizedBodiesAreProblemsNot500() throws Exception {
        assertEquals(400, post("/model-delivery/v1/deliveries", "{\"ue\":", "application/json", Map.of()).statusCode());
        assertEquals(400, post("/model-delivery/v1/deliveries", "[1,2]", "application/json", Map.of()).statusCode());
        HttpResponse<String> large = post("/model-delivery/v1/deliveries", "{\"x\":\"" + "a".repeat(200_000) + "\"}",
                "application/json", Map.of());
        assertEquals(413, large.statusCode());
        HttpResponse<String> text = post("/model-delivery/v1/deliveries", validBody().encode(), "text/plain", Map.of());
        assertTrue(text.statusCode() == 400 || text.statusCode() == 415, "was " + text.statusCode());
        assertEquals("application/problem+json", text.headers().firstValue("Content-Type").orElse(""));
        HttpResponse<String> unknownId = get("/model-delivery/v1/deliveries/d-doesnotexist");
        assertEquals(404, unknownId.statusCode());
        HttpResponse<String> traversal = get("/model-delivery/v1/deliveries/..%2F..%2Fetc");
        assertTrue(traversal.statusCode() == 400 || traversal.statusCode() == 404, "was " + traversal.statusCode());
    }

    @Test
    void theSameIdempotencyKeyReplaysAndAnotherBodyConflicts() throws Exception {
        JsonObject body = validBody();
        body.getJsonObject("ue").put("ipv4Addr", "10.45.0.21");
        HttpResponse<String> first = post("/model-delivery/v1/deliveries", body.encode(), "application/json",
                Map.of("Idempotency-Key", "key-21"));
        assertEquals(201, first.statusCode(), first.body());
        // Same content, other key order: the same request.
        JsonObject reordered = new JsonObject().put("latencyBudgetMs", 1000).put("model", body.getJsonObject("model"))
                .put("server", body.getJsonObject("server")).put("ue", body.getJsonObject("ue"));
        HttpResponse<String> again = post("/model-delivery/v1/deliveries", reordered.encode(), "application/json",
                Map.of("Idempotency-Key", "key-21"));
        assertEquals(201, again.statusCode());
        assertEquals(new JsonObject(first.body()).getString("deliveryId"), new JsonObject(again.body()).getString("deliveryId"));
        HttpResponse<String> other = post("/model-delivery/v1/deliveries", body.copy().put("latencyBudgetMs", 900).encode(),
                "application/json", Map.of("Idempotency-Key", "key-21"));
        assertEquals(409, other.statusCode());
        long live = env.emulator.liveSubscriptions(AfUnderTest.SCS_AS_ID).stream()
                .filter(s -> "10.45.0.21".equals(s.path("ueIpv4Addr").asText())).count();
        assertEquals(1, live, "one NEF subscription for the one delivery");
        env.client.deliveries().cancel(new JsonObject(first.body()).getString("deliveryId"));
    }

    @Test
    void qosEpisodesBecomeAvailabilityAndEventsOnTheStream() throws Exception {
        Delivery d = env.client.deliveries().create(DeliveryRequest.builder()
                .ue(UeId.ipv4("10.45.0.31")).server(ModelServer.ipv4("10.0.0.10", 443))
                .model(ModelCatalog.MOBILENET_224).latencyBudget(Duration.ofSeconds(1)).build());
        List<DeliveryEvent> events = new CopyOnWriteArrayList<>();
        try (Subscription stream = env.client.deliveries().events(d.deliveryId(), events::add)) {
            String callback = notificationDestinationOf("10.45.0.31");
            assertEquals(204, notify(callback, d.nefSubscription(), "QOS_NOT_GUARANTEED").statusCode());
            Thread.sleep(400);
            assertEquals(204, notify(callback, d.nefSubscription(), "QOS_GUARANTEED").statusCode());
            Thread.sleep(100);
            Delivery ended = env.client.deliveries().cancel(d.deliveryId());

            assertTrue(ended.achieved().qosNotGuaranteedMs() >= 350, "was " + ended.achieved().qosNotGuaranteedMs());
            double expected = (double) ended.achieved().qosGuaranteedMs()
                    / (ended.achieved().qosGuaranteedMs() + ended.achieved().qosNotGuaranteedMs());
            assertEquals(expected, ended.achieved().availability(), 1e-9);
            assertTrue(ended.achieved().availability() < 0.9, "0.4 s of ~0.6 s without the guarantee");
            stream.completion().get(10, TimeUnit.SECONDS);
        }
        List<EventType> types = events.stream().map(DeliveryEvent::type).toList();
        assertTrue(types.indexOf(EventType.QOS_DEGRADED) > types.indexOf(EventType.QOS_GRANTED), types.toString());
        assertTrue(types.indexOf(EventType.QOS_RESTORED) > types.indexOf(EventType.QOS_DEGRADED), types.toString());
        assertEquals(EventType.CANCELLED, types.get(types.size() - 1));
    }

    @Test
    void anAlternativeAppliedByTheNetworkIsWhatTheAnswerAndTheRecordSay() throws Exception {
        // VGG16 FP32 needs 4.584 Gbit/s, more than a UE may hold (1.5 Gbit/s): the emulator applies INT8.
        Delivery d = env.client.deliveries().create(DeliveryRequest.builder()
                .ue(UeId.ipv4("10.45.0.51")).server(ModelServer.ipv4("10.0.0.10", 443))
                .model(ModelCatalog.VGG16).latencyBudget(Duration.ofSeconds(1)).build());
        assertEquals("vgg16-int8", d.granted().variantId());
        assertEquals(2, d.negotiation().size(), d.negotiation().toString());
        assertEquals("vgg16-fp32", d.negotiation().get(0).variantId());
        assertEquals(io.modelqos.client.model.NegotiationOutcome.REJECTED, d.negotiation().get(0).outcome());
        assertEquals("ALTERNATIVE_APPLIED", d.negotiation().get(0).cause());
        assertEquals(io.modelqos.client.model.NegotiationOutcome.ALLOCATED, d.negotiation().get(1).outcome());

        // A degradation naming nothing, then QOS_GUARANTEED naming nothing: the allocated INT8 grant is back.
        String callback = notificationDestinationOf("10.45.0.51");
        String fp32Ref = d.negotiation().get(0).variantId() + "@" + d.requested().gbrDl().replace(" ", "");
        assertEquals(204, notify(callback, d.nefSubscription(), "QOS_NOT_GUARANTEED").statusCode());
        assertEquals(204, notify(callback, d.nefSubscription(), "QOS_GUARANTEED").statusCode());
        Thread.sleep(100);
        Delivery restored = env.client.deliveries().get(d.deliveryId());
        assertEquals(DeliveryState.QOS_GRANTED, restored.state());
        assertEquals("vgg16-int8", restored.granted().variantId(), "not " + fp32Ref);
        env.client.deliveries().cancel(d.deliveryId());
    }

    @Test
    void theCallbackTurnsAwayUnknownClosedAndMalformedNotifications() throws Exception {
        Delivery d = env.client.deliveries().create(DeliveryRequest.builder()
                .ue(UeId.ipv4("10.45.0.41")).server(ModelServer.ipv4("10.0.0.10", 443))
                .model(ModelCatalog.GOOGLENET).latencyBudget(Duration.ofSeconds(1)).build());
        String callback = notificationDestinationOf("10.45.0.41");
        String guessed = callback.substring(0, callback.lastIndexOf('/') + 1) + "not-a-secret";
        assertEquals(404, notify(guessed, d.nefSubscription(), "QOS_NOT_GUARANTEED").statusCode());
        assertEquals(400, HTTP.send(HttpRequest.newBuilder(URI.create(callback))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"eventReports\":[]}"))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(204, notify(callback, d.nefSubscription(), "SOME_FUTURE_EVENT").statusCode(), "unknown events are tolerated");
        assertEquals(DeliveryState.QOS_GRANTED, env.client.deliveries().get(d.deliveryId()).state(), "nothing changed");
        env.client.deliveries().cancel(d.deliveryId());
        assertEquals(404, notify(callback, d.nefSubscription(), "QOS_NOT_GUARANTEED").statusCode(), "closed subscription");
    }

    @Test
    void anUnreachableNefIs503AndTheDeliveryFails() throws Exception {
        try (AfUnderTest isolated = AfUnderTest.withNef("http://127.0.0.1:9", Map.of())) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create(isolated.afRoot() + "/model-delivery/v1/deliveries"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(validBody().encode())).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(response.statusCode() == 503 || response.statusCode() == 504, response.body());
            assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
            List<Delivery> failed = new java.util.ArrayList<>();
            isolated.client.deliveries().list(io.modelqos.client.DeliveryFilter.all()).forEach(failed::add);
            assertEquals(1, failed.size());
            assertEquals(DeliveryState.FAILED, failed.get(0).state());
            assertNotEquals(null, failed.get(0).failureCause());
        }
    }

    private static String notificationDestinationOf(String ueIpv4) {
        return env.emulator.liveSubscriptions(AfUnderTest.SCS_AS_ID).stream()
                .filter(s -> ueIpv4.equals(s.path("ueIpv4Addr").asText()))
                .map(s -> s.path("notificationDestination").asText())
                .findFirst().orElseThrow();
    }

    private static HttpResponse<String> notify(String callback, String transaction, String event) throws Exception {
        String body = new JsonObject().put("transaction", transaction)
                .put("eventReports", new JsonArray().add(new JsonObject().put("event", event))).encode();
        return HTTP.send(HttpRequest.newBuilder(URI.create(callback)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body, String contentType, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(env.afRoot() + path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(env.afRoot() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject without(JsonObject o, String key) {
        o.remove(key);
        return o;
    }

    private static JsonObject set(JsonObject o, java.util.function.Consumer<JsonObject> change) {
        change.accept(o);
        return o;
    }
}
