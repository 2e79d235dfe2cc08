package io.modelqos.e2e;

import io.modelqos.af.ModelQosAf;
import io.modelqos.af.config.AfConfig;
import io.modelqos.af.config.ConfigLoader;
import io.modelqos.af.nef.VertxAsSessionWithQosClient;
import io.modelqos.af.store.InMemoryDeliveryStore;
import io.modelqos.client.DeliveryFilter;
import io.modelqos.client.ModelQosClient;
import io.modelqos.client.model.Delivery;
import io.modelqos.client.model.DeliveryState;
import io.modelqos.client.model.UeId;
import io.modelqos.testing.EventLoopGuard;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verifies what operators and integrators rely on: readiness follows the NEF, metrics are exposed in Prometheus
 * format, on the API listener or a management listener of their own, listing filters and pages, and the AF can be
 * mounted on an integrator's own Vert.x router, the operations endpoints apart from the API if they like.
 */
class OperationsAndEmbeddingTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static AfUnderTest env;

    @BeforeAll
    static void start() throws Exception {
        env = AfUnderTest.withEmulator(AfUnderTest.emulatorOptions(), Map.of("startWindowMs", "60000"));
    }

    @AfterAll
    static void stop() throws Exception {
        env.close();
    }

    @Test
    void readinessFollowsTheNefAndMetricsAreExposed() throws Exception {
        assertEquals(200, get(env.afRoot() + "/health/live").statusCode());
        HttpResponse<String> ready = get(env.afRoot() + "/health/ready");
        assertEquals(200, ready.statusCode(), ready.body());

        Delivery d = env.client.deliveries().create(AfUnderTest.request("10.46.0.1"));
        env.client.deliveries().cancel(d.deliveryId());
        HttpResponse<String> metrics = get(env.afRoot() + "/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        for (String name : List.of("modelqos_deliveries{state=\"CANCELLED\"}",
                "modelqos_nef_call_seconds_count{operation=\"create\",status=\"201\"}",
                "modelqos_nef_call_seconds_count{operation=\"delete\"",
                "modelqos_nef_notifications_total{event=\"SUCCESSFUL_RESOURCES_ALLOCATION\"}")) {
            assertTrue(metrics.body().contains(name), name + " in\n" + metrics.body());
        }

        try (AfUnderTest noNef = AfUnderTest.withNef("http://127.0.0.1:9", Map.of())) {
            HttpResponse<String> notReady = get(noNef.afRoot() + "/health/ready");
            assertEquals(503, notReady.statusCode());
            assertTrue(notReady.body().contains("\"nef\":\"DOWN"), notReady.body());
        }
    }

    @Test
    void aManagementListenerOfItsOwnServesHealthAndMetricsAndTheApiListenerDoesNot() throws Exception {
        try (AfUnderTest af = AfUnderTest.withNef(env.emulator.apiRoot(), Map.of("management.port", "0"))) {
            assertTrue(af.af.separateManagementListener());
            assertTrue(af.af.managementPort() != af.af.port(), "a port of its own");
            String management = "http://127.0.0.1:" + af.af.managementPort();
            assertEquals(200, get(management + "/health/live").statusCode());
            HttpResponse<String> ready = get(management + "/health/ready");
            assertEquals(200, ready.statusCode(), ready.body());
            af.client.deliveries().cancel(af.client.deliveries().create(AfUnderTest.request("10.46.3.1")).deliveryId());
            HttpResponse<String> metrics = get(management + "/metrics");
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().contains("modelqos_deliveries{state=\"CANCELLED\"}"), metrics.body());

            for (String path : List.of("/health/live", "/health/ready", "/metrics")) {
                HttpResponse<String> onApi = get(af.afRoot() + path);
                assertEquals(404, onApi.statusCode(), path + " on the API listener");
                assertEquals("application/problem+json", onApi.headers().firstValue("Content-Type").orElse(""), path);
            }
            HttpResponse<String> apiOnManagement = get(management + "/model-delivery/v1/deliveries");
            assertEquals(404, apiOnManagement.statusCode(), "the management listener serves no API");
            assertEquals("application/problem+json", apiOnManagement.headers().firstValue("Content-Type").orElse(""));
        }
    }

    @Test
    void readinessAsksTheNefAtMostOncePerInterval() throws Exception {
        com.github.tomakehurst.wiremock.WireMockServer nef = new com.github.tomakehurst.wiremock.WireMockServer(
                com.github.tomakehurst.wiremock.core.WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        nef.start();
        try {
            var subscriptions = com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(".*/subscriptions");
            nef.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(subscriptions)
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("[]")));
            try (AfUnderTest af = AfUnderTest.withNef(nef.baseUrl(), Map.of("nef.readinessCheckMs", "60000"))) {
                for (int probe = 0; probe < 10; probe++) {
                    HttpResponse<String> ready = get(af.afRoot() + "/health/ready");
                    assertEquals(200, ready.statusCode(), ready.body());
                }
                nef.verify(1, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(subscriptions));
            }
        } finally {
            nef.stop();
        }
    }

    @Test
    void listingFiltersByUeAndStateAndPages() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(env.client.deliveries().create(AfUnderTest.request("10.46.1." + (i % 2 == 0 ? 10 : 20))).deliveryId());
        }
        env.client.deliveries().cancel(ids.get(0));
        List<Delivery> ue10 = new ArrayList<>();
        env.client.deliveries().list(DeliveryFilter.all().withUe(UeId.ipv4("10.46.1.10")).withPageSize(1)).forEach(ue10::add);
        assertEquals(3, ue10.size(), "three deliveries to 10.46.1.10, one per page");
        List<Delivery> granted = new ArrayList<>();
        env.client.deliveries().list(DeliveryFilter.all().withUe(UeId.ipv4("10.46.1.10")).withState(DeliveryState.QOS_GRANTED))
                .forEach(granted::add);
        assertEquals(2, granted.size());
        assertTrue(ue10.get(0).createdAt().compareTo(ue10.get(2).createdAt()) >= 0, "newest first");
        ids.forEach(env.client.deliveries()::cancel);
    }

    @Test
    void theAfMountsOnAnIntegratorsOwnRouter() throws Exception {
        Vertx vertx = EventLoopGuard.vertx();
        try {
            AfConfig config = ConfigLoader.load(null, Map.of(), Map.of("nef.apiRoot", env.emulator.apiRoot(),
                    "nef.scsAsId", "embedded-by-integrator"));
            VertxAsSessionWithQosClient nef = VertxAsSessionWithQosClient.builder(vertx, config.nefOrDefault()).build();
            Router theirs = Router.router(vertx);
            theirs.get("/their/own").handler(ctx -> ctx.response().end("still theirs"));
            ModelQosAf af = AfUnderTest.await(vertx.getOrCreateContext().<ModelQosAf>executeBlocking(() -> null)
                    .compose(v -> ModelQosAf.create(vertx, config, nef, new InMemoryDeliveryStore())));
            af.mount(theirs);
            HttpServer server = AfUnderTest.await(vertx.createHttpServer().requestHandler(theirs).listen(0, "127.0.0.1"));
            af.callbackBase(URI.create("http://127.0.0.1:" + server.actualPort()));

            String root = "http://127.0.0.1:" + server.actualPort();
            assertEquals("still theirs", get(root + "/their/own").body());
            ModelQosClient client = ModelQosClient.builder().baseUri(URI.create(root)).build();
            Delivery d = client.deliveries().create(AfUnderTest.request("10.46.2.1"));
            assertEquals(DeliveryState.QOS_GRANTED, d.state());
            assertTrue(env.emulator.liveSubscriptions("embedded-by-integrator").get(0)
                    .path("notificationDestination").asText().startsWith(root + "/nef-callbacks/v1/"));
            assertEquals(DeliveryState.CANCELLED, client.deliveries().cancel(d.deliveryId()).state());
            assertEquals(0, env.emulator.liveSubscriptions("embedded-by-integrator").size());
        } finally {
            AfUnderTest.await(vertx.close());
        }
    }

    @Test
    void anIntegratorMountsTheOperationsEndpointsOnARouterOfTheirOwnWithTheMetricsToken() throws Exception {
        Vertx vertx = EventLoopGuard.vertx();
        try {
            String token = "integrators-metrics-token-7d6c5b4a";
            AfConfig config = ConfigLoader.load(null, Map.of("MODELQOS_METRICS_TOKEN", token), Map.of(
                    "nef.apiRoot", env.emulator.apiRoot(), "nef.scsAsId", "embedded-apart"));
            VertxAsSessionWithQosClient nef = VertxAsSessionWithQosClient.builder(vertx, config.nefOrDefault()).build();
            ModelQosAf af = AfUnderTest.await(vertx.getOrCreateContext().<ModelQosAf>executeBlocking(() -> null)
                    .compose(v -> ModelQosAf.create(vertx, config, nef, new InMemoryDeliveryStore())));
            Router publicRouter = Router.router(vertx);
            af.mountNorthbound(publicRouter);
            af.mountCallbacks(publicRouter);
            Router internalRouter = Router.router(vertx);
            af.mountOperations(internalRouter);
            HttpServer publicServer = AfUnderTest.await(vertx.createHttpServer().requestHandler(publicRouter)
                    .listen(0, "127.0.0.1"));
            HttpServer internalServer = AfUnderTest.await(vertx.createHttpServer().requestHandler(internalRouter)
                    .listen(0, "127.0.0.1"));
            String publicRoot = "http://127.0.0.1:" + publicServer.actualPort();
            String internalRoot = "http://127.0.0.1:" + internalServer.actualPort();
            af.callbackBase(URI.create(publicRoot));

            assertEquals(404, get(publicRoot + "/metrics").statusCode());
            assertEquals(404, get(publicRoot + "/health/ready").statusCode());
            assertEquals(200, get(internalRoot + "/health/ready").statusCode());
            assertEquals(401, get(internalRoot + "/metrics").statusCode());
            HttpResponse<String> scraped = HTTP.send(HttpRequest.newBuilder(URI.create(internalRoot + "/metrics"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, scraped.statusCode());
            assertTrue(scraped.body().contains("modelqos_"), scraped.body());
            ModelQosClient client = ModelQosClient.builder().baseUri(URI.create(publicRoot)).build();
            Delivery d = client.deliveries().create(AfUnderTest.request("10.46.2.2"));
            assertEquals(DeliveryState.CANCELLED, client.deliveries().cancel(d.deliveryId()).state());
        } finally {
            AfUnderTest.await(vertx.close());
        }
    }

    private static HttpResponse<String> get(String uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(uri)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
