package io.modelqos.af.pcf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.modelqos.af.catalog.ModelCatalog;
import io.modelqos.af.config.PcfOptions;
import io.modelqos.af.delivery.DeliveryRequest;
import io.modelqos.af.delivery.NetworkUsage;
import io.modelqos.af.observe.AfMetrics;
import io.modelqos.af.qos.PlanRequest;
import io.modelqos.af.qos.PlanningPolicy;
import io.modelqos.af.qos.QosCatalog;
import io.modelqos.af.qos.QosPlan;
import io.modelqos.af.qos.QosPlanner;
import io.modelqos.af.sizing.TransferSizer;
import io.modelqos.af.southbound.OpenedSession;
import io.modelqos.af.southbound.QosSessions;
import io.modelqos.af.southbound.SessionFailure;
import io.modelqos.af.southbound.SessionRequest;
import io.modelqos.af.store.InMemoryDeliveryStore;
import io.modelqos.openapi.T8Json;
import io.modelqos.testing.EventLoopGuard;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The N5 adapter against a WireMock PCF, BSF and NRF: what it sends, and how it reads every answer. */
class PcfQosSessionsTest {
    private static final ObjectMapper JSON = T8Json.mapper();
    private static final String APP_SESSIONS = "/npcf-policyauthorization/v1/app-sessions";
    private static final String NF_INSTANCE = "9f4b3c1e-8f5a-4d7e-9a63-2b1c0d4e5f60";

    private WireMockServer peer;
    private Vertx vertx;
    private WebClient web;

    @BeforeEach
    void start() {
        peer = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        peer.start();
        vertx = EventLoopGuard.vertx();
        web = WebClient.create(vertx);
    }

    @AfterEach
    void stop() throws Exception {
        web.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        peer.stop();
    }

    private PcfSouthbound southbound(PcfOptions options) {
        PcfSouthbound southbound = PcfSouthbound.create(vertx, web, options, new InMemoryDeliveryStore(), new AfMetrics(),
                Clock.systemUTC());
        southbound.callbackBase(URI.create("http://af.example:8080"));
        southbound.warmUp(); // as the AF does on a worker at start
        return southbound;
    }

    private PcfOptions configuredPcf() {
        return new PcfOptions(peer.baseUrl(), null, null, null, null, "internet", "1-010203", null, 5000L, null);
    }

    static SessionRequest request(String ue) {
        var variants = ModelCatalog.builtIn().find("resnet-50").orElseThrow().variants();
        QosPlan plan = (QosPlan) new QosPlanner(QosCatalog.defaultCatalog(), TransferSizer.DEFAULT, PlanningPolicy.DEFAULT)
                .plan(PlanRequest.of(variants, Duration.ofSeconds(1)).withNefFeatures(PcfQosSessions.N5_CAPABILITIES));
        DeliveryRequest delivery = new DeliveryRequest(new DeliveryRequest.UeAddress(ue, null, null),
                new DeliveryRequest.ServerAddress("10.0.0.10", null, 443), "resnet-50",
                variants.stream().map(v -> new DeliveryRequest.Variant(v.id(), v.precision().name(), v.sizeBytes(), null))
                        .toList(), 1000, 0.99999, true, null, null, null);
        return new SessionRequest(plan, delivery, "cb-unguessable-1", PcfQosSessions.N5_CAPABILITIES);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Throwable failure(Future<?> future) throws Exception {
        try {
            await(future);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure");
    }

    private JsonNode body(LoggedRequest request) throws Exception {
        return JSON.readTree(request.getBodyAsString());
    }

    @Test
    void opensAnAppSessionWithTheFlowTheBandwidthAndTheEventsAtTheConfiguredPcf() throws Exception {
        peer.stubFor(post(APP_SESSIONS).willReturn(aResponse().withStatus(201)
                .withHeader("Location", peer.baseUrl() + APP_SESSIONS + "/as-1")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ascRespData\":{\"suppFeat\":\"0\"}}")));
        QosSessions sessions = southbound(configuredPcf()).sessions();
        SessionRequest request = request("10.45.0.7");

        OpenedSession opened = await(sessions.open(request));

        assertEquals(peer.baseUrl() + APP_SESSIONS + "/as-1", opened.session());
        assertEquals(request.plan().ordered().stream().map(q -> q.ref()).toList(), opened.carriedRefs(),
                "an answer without the media component took the request as sent");
        JsonNode sent = body(peer.findAll(postRequestedFor(urlEqualTo(APP_SESSIONS))).get(0)).path("ascReqData");
        assertEquals("10.45.0.7", sent.path("ueIpv4").asText());
        assertEquals("internet", sent.path("dnn").asText());
        assertEquals(1, sent.path("sliceInfo").path("sst").asInt());
        assertEquals("010203", sent.path("sliceInfo").path("sd").asText());
        assertEquals("http://af.example:8080/pcf-callbacks/v1/cb-unguessable-1", sent.path("notifUri").asText());
        JsonNode component = sent.path("medComponents").path("1");
        assertEquals(request.plan().primary().gbrDl().toString(), component.path("mirBwDl").asText());
        assertEquals("permit out ip from 10.0.0.10 443 to 10.45.0.7",
                component.path("medSubComps").path("1").path("fDescs").get(0).asText());
        assertTrue(component.path("altSerReqsData").size() >= 1, "the smaller variants as alternatives: " + component);
        List<String> events = sent.path("evSubsc").path("events").findValuesAsText("event");
        assertTrue(events.containsAll(List.of("SUCCESSFUL_RESOURCES_ALLOCATION", "FAILED_RESOURCES_ALLOCATION",
                "QOS_NOTIF", "USAGE_REPORT")), events.toString());
        assertEquals(request.plan().qosDurationSeconds(), sent.path("qosDuration").asLong());
    }

    @Test
    void aRefusalWithAcceptableServiceInfoIsACounterOffer() throws Exception {
        peer.stubFor(post(APP_SESSIONS).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":403,\"cause\":\"REQUESTED_SERVICE_NOT_AUTHORIZED\","
                        + "\"acceptableServInfo\":{\"accBwMedComps\":{\"1\":{\"medCompN\":1,\"marBwDl\":\"250 Mbps\"}}}}")));

        Throwable failure = failure(southbound(configuredPcf()).sessions().open(request("10.45.0.8")));

        SessionFailure refused = assertInstanceOf(SessionFailure.class, failure);
        assertEquals(SessionFailure.Kind.COUNTER_OFFER, refused.kind());
        assertEquals("250 Mbps", refused.offeredRateDl());
        assertEquals("REQUESTED_SERVICE_NOT_AUTHORIZED", refused.cause());
    }

    @Test
    void findsThePcfThroughTheNrfAndTheBsfWithTheNrfsTokens() throws Exception {
        peer.stubFor(post("/oauth2/token").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"tok-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        peer.stubFor(get(urlPathEqualTo("/nnrf-disc/v1/nf-instances")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"validityPeriod\":3600,\"nfInstances\":[{\"nfInstanceId\":\"" + NF_INSTANCE + "\","
                        + "\"nfType\":\"BSF\",\"nfStatus\":\"REGISTERED\",\"nfServices\":[{\"serviceInstanceId\":\"b1\","
                        + "\"serviceName\":\"nbsf-management\",\"versions\":[{\"apiVersionInUri\":\"v1\","
                        + "\"apiFullVersion\":\"1.4.0\"}],\"scheme\":\"http\",\"nfServiceStatus\":\"REGISTERED\","
                        + "\"ipEndPoints\":[{\"ipv4Address\":\"127.0.0.1\",\"port\":" + peer.port() + "}]}]}]}")));
        peer.stubFor(get(urlPathEqualTo("/nbsf-management/v1/pcfBindings")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ipv4Addr\":\"10.45.0.9\",\"dnn\":\"internet\",\"snssai\":{\"sst\":1},"
                        + "\"pcfIpEndPoints\":[{\"ipv4Address\":\"127.0.0.1\",\"port\":" + peer.port() + "}]}")));
        peer.stubFor(post(APP_SESSIONS).willReturn(aResponse().withStatus(201)
                .withHeader("Location", APP_SESSIONS + "/as-9")));
        PcfOptions viaNrf = new PcfOptions(null, null, peer.baseUrl(), NF_INSTANCE, null, null, null, null, 5000L, null);

        OpenedSession opened = await(southbound(viaNrf).sessions().open(request("10.45.0.9")));

        assertEquals("http://127.0.0.1:" + peer.port() + APP_SESSIONS + "/as-9", opened.session(),
                "a relative Location is resolved against the PCF the BSF named");
        peer.verify(getRequestedFor(urlPathEqualTo("/nbsf-management/v1/pcfBindings"))
                .withQueryParam("ipv4Addr", equalTo("10.45.0.9"))
                .withQueryParam("dnn", equalTo("internet"))
                .withQueryParam("snssai", equalTo("{\"sst\":1}"))
                .withHeader("Authorization", equalTo("Bearer tok-1")));
        peer.verify(postRequestedFor(urlEqualTo(APP_SESSIONS)).withHeader("Authorization", equalTo("Bearer tok-1")));
        List<LoggedRequest> tokens = peer.findAll(postRequestedFor(urlEqualTo("/oauth2/token")));
        List<String> scopes = tokens.stream().map(t -> t.getBodyAsString().replaceAll(".*scope=([^&]*).*", "$1")).toList();
        assertTrue(scopes.containsAll(List.of("nnrf-disc", "nbsf-management", "npcf-policyauthorization")), scopes.toString());
        assertTrue(tokens.get(0).getBodyAsString().contains("nfInstanceId=" + NF_INSTANCE), tokens.get(0).getBodyAsString());
    }

    @Test
    void aUeWithoutABindingAtTheBsfIsRefusedNotRetried() throws Exception {
        peer.stubFor(get(urlPathEqualTo("/nbsf-management/v1/pcfBindings")).willReturn(aResponse().withStatus(204)));
        PcfOptions viaBsf = new PcfOptions(null, peer.baseUrl(), null, null, null, null, null, null, 5000L, null);

        SessionFailure refused = assertInstanceOf(SessionFailure.class,
                failure(southbound(viaBsf).sessions().open(request("10.45.0.10"))));

        assertEquals(SessionFailure.Kind.REJECTED, refused.kind());
        assertEquals("NO_PCF_BINDING", refused.cause());
        assertEquals(0, peer.findAll(postRequestedFor(urlEqualTo(APP_SESSIONS))).size());
    }

    @Test
    void aCreateWhoseAnswerIsLostFindsItsSessionByTheNotificationNotByASecondCreate() throws Exception {
        peer.stubFor(post(APP_SESSIONS).willReturn(aResponse().withStatus(201).withFixedDelay(3000)
                .withHeader("Location", peer.baseUrl() + APP_SESSIONS + "/as-lost")));
        PcfOptions shortTimeout = new PcfOptions(peer.baseUrl(), null, null, null, null, null, null, null, 200L, null);
        PcfSouthbound southbound = southbound(shortTimeout);
        URI session = URI.create(peer.baseUrl() + APP_SESSIONS + "/as-lost");

        Future<OpenedSession> opening = southbound.sessions().open(request("10.45.0.11"));
        vertx.setTimer(600, id -> southbound.lostAnswers().seen("cb-unguessable-1", session));

        assertEquals(session.toString(), await(opening).session());
        assertEquals(1, peer.findAll(postRequestedFor(urlEqualTo(APP_SESSIONS))).size(), "never sent twice");
    }

    @Test
    void closeReadsTheFinalUsageAndAnyTwoHundredOrAFourOFourMeansClosed() throws Exception {
        QosSessions sessions = southbound(configuredPcf()).sessions();
        peer.stubFor(post(APP_SESSIONS + "/a/delete").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"evsNotif\":{\"evSubsUri\":\"" + peer.baseUrl() + APP_SESSIONS + "/a/events-subscription\","
                        + "\"evNotifs\":[{\"event\":\"USAGE_REPORT\"}],\"usgRep\":{\"downlinkVolume\":102400000,"
                        + "\"uplinkVolume\":1000,\"duration\":2}}}")));
        peer.stubFor(post(APP_SESSIONS + "/b/delete").willReturn(aResponse().withStatus(200).withBody("not json")));
        peer.stubFor(post(APP_SESSIONS + "/c/delete").willReturn(aResponse().withStatus(404)));
        peer.stubFor(post(APP_SESSIONS + "/d/delete").willReturn(aResponse().withStatus(500)));

        Optional<NetworkUsage> usage = await(sessions.close(peer.baseUrl() + APP_SESSIONS + "/a"));
        assertEquals(102_400_000L, usage.orElseThrow().downlinkVolume());
        assertEquals(Optional.empty(), await(sessions.close(peer.baseUrl() + APP_SESSIONS + "/b")));
        assertEquals(Optional.empty(), await(sessions.close(peer.baseUrl() + APP_SESSIONS + "/c")));
        assertInstanceOf(SessionFailure.class, failure(sessions.close(peer.baseUrl() + APP_SESSIONS + "/d")));
        JsonNode asked = body(peer.findAll(postRequestedFor(urlEqualTo(APP_SESSIONS + "/a/delete"))).get(0));
        assertEquals("USAGE_REPORT", asked.path("events").get(0).path("event").asText(), "the final report is asked for");
    }

    @Test
    void modifyPatchesTheMediaComponentAsAMergePatch() throws Exception {
        peer.stubFor(patch(urlEqualTo(APP_SESSIONS + "/m")).willReturn(aResponse().withStatus(204)));
        SessionRequest request = request("10.45.0.12");

        List<String> carried = await(southbound(configuredPcf()).sessions()
                .modify(peer.baseUrl() + APP_SESSIONS + "/m", request));

        assertEquals(request.plan().ordered().size(), carried.size());
        LoggedRequest sent = peer.findAll(com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor(
                urlEqualTo(APP_SESSIONS + "/m"))).get(0);
        assertEquals("application/merge-patch+json", sent.getHeader("Content-Type"));
        assertEquals(request.plan().primary().gbrDl().toString(),
                body(sent).path("ascReqData").path("medComponents").path("1").path("marBwDl").asText());
    }

    @Test
    void gpsiOnlyUesCannotBeServedOverN5() throws Exception {
        SessionRequest byGpsi = request("10.45.0.13");
        DeliveryRequest d = byGpsi.delivery();
        SessionRequest request = new SessionRequest(byGpsi.plan(), new DeliveryRequest(
                new DeliveryRequest.UeAddress(null, null, "msisdn-491700000001"), d.server(), d.modelName(), d.variants(),
                1000, 0.99999, true, null, null, null), "cb-2", byGpsi.features());

        SessionFailure refused = assertInstanceOf(SessionFailure.class,
                failure(southbound(configuredPcf()).sessions().open(request)));

        assertEquals("UE_ADDRESS_REQUIRED", refused.cause());
    }

    @Test
    void listProbesTheSessionsTheStoreKnowsOneByOne() throws Exception {
        peer.stubFor(get(APP_SESSIONS + "/held").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{}")));
        peer.stubFor(get(APP_SESSIONS + "/gone").willReturn(aResponse().withStatus(404)));
        QosSessions.HeldSession held = new QosSessions.HeldSession(peer.baseUrl() + APP_SESSIONS + "/held", "cb-h");
        QosSessions.HeldSession gone = new QosSessions.HeldSession(peer.baseUrl() + APP_SESSIONS + "/gone", "cb-g");
        SbiExchange exchange = new SbiExchange(vertx, io.modelqos.af.http.EventLoopClients.single(web, false), 1000,
                Duration.ofSeconds(1), AccessTokens.NONE, null, Clock.systemUTC());
        PcfQosSessions sessions = new PcfQosSessions(exchange, PcfLocator.fixed(URI.create(peer.baseUrl()),
                () -> Future.succeededFuture()), new PcfCallbackAddress(), new AppSessionRequests.N5Identity("modelqos",
                "internet", 1, null, "0"), JSON, () -> Future.succeededFuture(List.of(held, gone)), new LostAnswers(vertx),
                Duration.ofSeconds(1));

        assertEquals(List.of(held), await(sessions.list()), "N5 has no list: each known session is asked for");
        assertEquals(true, await(sessions.holds(held.session())));
        assertEquals(false, await(sessions.holds(gone.session())));
        // A stored reference that is not a URI fails the call's future (reported, retried), never throws at its caller.
        assertInstanceOf(SessionFailure.class, failure(sessions.holds("http://pcf/app-sessions/a b")));
        assertInstanceOf(SessionFailure.class, failure(sessions.close("http://pcf/app-sessions/a b")));

        peer.stubFor(get(APP_SESSIONS + "/gone").willReturn(aResponse().withStatus(500)));
        assertInstanceOf(SessionFailure.class, failure(sessions.list()), "a probe that cannot tell fails the list");
    }

    /**
     * Thousands of live deliveries are probed a window at a time: all at once they overflowed the connection pool's
     * wait queue, and the list (the reconciliation with it) failed for as long as they lived.
     */
    @Test
    void listProbesManySessionsAWindowAtATimeInTheStoresOrder() throws Exception {
        java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        io.vertx.core.http.HttpServer pcf = vertx.createHttpServer().requestHandler(request -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            boolean gone = request.path().endsWith("7");
            vertx.setTimer(1, t -> {
                inFlight.decrementAndGet();
                request.response().setStatusCode(gone ? 404 : 200).putHeader("Content-Type", "application/json")
                        .end(gone ? "" : "{}");
            });
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        List<QosSessions.HeldSession> known = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            known.add(new QosSessions.HeldSession("http://127.0.0.1:" + pcf.actualPort() + APP_SESSIONS + "/s" + i,
                    "cb-" + i));
        }
        WebClient pooled = WebClient.create(vertx, new io.vertx.ext.web.client.WebClientOptions(),
                io.modelqos.af.nef.VertxAsSessionWithQosClient.connectionPool());
        SbiExchange exchange = new SbiExchange(vertx, io.modelqos.af.http.EventLoopClients.single(pooled, false), 5000,
                Duration.ofSeconds(1), AccessTokens.NONE, null, Clock.systemUTC());
        PcfQosSessions sessions = new PcfQosSessions(exchange, PcfLocator.fixed(URI.create(peer.baseUrl()),
                () -> Future.succeededFuture()), new PcfCallbackAddress(), new AppSessionRequests.N5Identity("modelqos",
                "internet", 1, null, "0"), JSON, () -> Future.succeededFuture(known), new LostAnswers(vertx),
                Duration.ofSeconds(1));

        List<QosSessions.HeldSession> held = sessions.list().toCompletionStage().toCompletableFuture()
                .get(60, TimeUnit.SECONDS);

        assertEquals(known.stream().filter(s -> !s.session().endsWith("7")).toList(), held,
                "every session that answered 200, in the store's order");
        assertTrue(most.get() <= io.modelqos.af.southbound.SessionProbes.AT_ONCE, "at most a window in flight: " + most.get());
        pooled.close();
    }

    @Test
    void peerFeaturesAreWhatN5OffersNatively() throws Exception {
        peer.stubFor(post(APP_SESSIONS).willReturn(aResponse().withStatus(201)
                .withHeader("Location", APP_SESSIONS + "/f")));
        QosSessions sessions = southbound(configuredPcf()).sessions();
        OpenedSession opened = await(sessions.open(request("10.45.0.14")));
        assertEquals(PcfQosSessions.N5_CAPABILITIES, opened.peerFeatures());
        assertEquals(PcfQosSessions.N5_CAPABILITIES, sessions.peerFeatures());
    }
}
