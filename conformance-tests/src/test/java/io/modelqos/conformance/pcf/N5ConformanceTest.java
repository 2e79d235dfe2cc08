package io.modelqos.conformance.pcf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelqos.af.AfServer;
import io.modelqos.af.config.AfConfig;
import io.modelqos.af.config.ConfigLoader;
import io.modelqos.af.observe.AfMetrics;
import io.modelqos.af.pcf.PcfSouthbound;
import io.modelqos.af.store.InMemoryDeliveryStore;
import io.modelqos.client.ModelQosClient;
import io.modelqos.client.model.Delivery;
import io.modelqos.client.model.DeliveryRequest;
import io.modelqos.client.model.DeliveryState;
import io.modelqos.client.model.ModelCatalog;
import io.modelqos.client.model.ModelServer;
import io.modelqos.client.model.UeId;
import io.modelqos.testing.EventLoopGuard;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.modelqos.conformance.pcf.WireMockCore.APP_SESSIONS;
import static io.modelqos.conformance.pcf.WireMockCore.json;
import static io.modelqos.conformance.pcf.WireMockCore.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The AF on N5 (TS 29.514) against a WireMock core, over real sockets, driven through the SDK: discovery, token and
 * binding on the way to the PCF, then create, notifications, termination, negotiation, modify and delete with the
 * final usage, and the peer's faults. Every exchange is recorded for {@link N5RecordedTrafficConformanceTest}.
 */
class N5ConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WireMockCore core;
    private Vertx vertx;
    private AfServer af;
    private ModelQosClient client;

    @BeforeEach
    void start(TestInfo info) throws Exception {
        core = new WireMockCore();
        core.test = info.getTestMethod().map(m -> m.getName()).orElse("");
        vertx = EventLoopGuard.vertx();
        Map<String, String> settings = new HashMap<>(Map.of("host", "127.0.0.1", "port", "0",
                "allocationWaitMs", "50", "startWindowMs", "60000", "store.reconcileIntervalS", "0"));
        settings.putAll(core.afSettings());
        AfConfig config = ConfigLoader.load(null, Map.of(), settings);
        AfMetrics metrics = new AfMetrics();
        InMemoryDeliveryStore store = new InMemoryDeliveryStore();
        PcfSouthbound southbound = PcfSouthbound.create(vertx, WebClient.create(vertx), config.pcfOrDefault(), store,
                metrics, Clock.systemUTC());
        af = AfServer.start(vertx, config, southbound, store, metrics).toCompletionStage().toCompletableFuture()
                .get(20, TimeUnit.SECONDS);
        client = ModelQosClient.builder().baseUri(URI.create("http://127.0.0.1:" + af.port()))
                .timeout(Duration.ofSeconds(10)).build();
    }

    @AfterEach
    void stop() throws Exception {
        af.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        core.close();
    }

    private static DeliveryRequest resnet50(String ue) {
        return DeliveryRequest.builder().ue(UeId.ipv4(ue)).server(ModelServer.ipv4("10.0.0.10", 443))
                .model(ModelCatalog.RESNET_50).latencyBudget(Duration.ofSeconds(1)).build();
    }

    private void createdAs(String session) {
        core.server.stubFor(post(APP_SESSIONS).willReturn(WireMockCore.created(core.baseUrl() + APP_SESSIONS + "/"
                + session)));
    }

    /** The notifUri the AF gave the PCF in its create. */
    private String notifUri() throws Exception {
        var creates = core.server.findAll(postRequestedFor(urlEqualTo(APP_SESSIONS)));
        JsonNode body = JSON.readTree(creates.get(creates.size() - 1).getBodyAsString());
        return body.path("ascReqData").path("notifUri").asText();
    }

    private Delivery awaitState(String id, Predicate<Delivery> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Delivery d = client.deliveries().get(id);
        while (!done.test(d) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            d = client.deliveries().get(id);
        }
        return d;
    }

    private static String events(String session, String event, String extra) {
        return "{\"evSubsUri\":\"" + session + "\",\"evNotifs\":[{\"event\":\"" + event + "\"}]" + extra + "}";
    }

    @Test
    void discoveryTokenBindingCreateNotificationsAndDeleteWithTheFinalUsage() throws Exception {
        createdAs("as-1");
        String session = core.baseUrl() + APP_SESSIONS + "/as-1";
        core.server.stubFor(post(APP_SESSIONS + "/as-1/delete").willReturn(json(200,
                "{\"evsNotif\":{\"evSubsUri\":\"" + session + "\",\"evNotifs\":[{\"event\":\"USAGE_REPORT\"}],"
                        + "\"usgRep\":{\"duration\":2,\"downlinkVolume\":51200000,\"uplinkVolume\":100000}}}")));

        Delivery created = client.deliveries().create(resnet50("10.45.0.21"));
        assertEquals(DeliveryState.QOS_GRANTED, created.state(), created.toString());

        String notify = notifUri() + "/notify";
        assertEquals(204, core.notifyAf(notify, events(session, "SUCCESSFUL_RESOURCES_ALLOCATION",
                ",\"succResourcAllocReports\":[{\"mcResourcStatus\":\"ACTIVE\",\"flows\":[{\"medCompN\":1}]}]"))
                .statusCode());
        assertEquals(204, core.notifyAf(notify, events(session, "QOS_NOTIF",
                ",\"qncReports\":[{\"notifType\":\"NOT_GUARANTEED\",\"flows\":[{\"medCompN\":1}]}]")).statusCode());
        assertEquals(DeliveryState.DEGRADED, awaitState(created.deliveryId(),
                d -> d.state() == DeliveryState.DEGRADED).state());
        assertEquals(204, core.notifyAf(notify, events(session, "QOS_NOTIF",
                ",\"qncReports\":[{\"notifType\":\"GUARANTEED\",\"flows\":[{\"medCompN\":1}]}]")).statusCode());
        assertEquals(204, core.notifyAf(notify, events(session, "USAGE_REPORT",
                ",\"usgRep\":{\"duration\":1,\"downlinkVolume\":25600000}")).statusCode());

        Delivery cancelled = client.deliveries().cancel(created.deliveryId());
        assertEquals(DeliveryState.CANCELLED, cancelled.state());
        Delivery ended = awaitState(created.deliveryId(), d -> d.networkUsage() != null
                && Long.valueOf(51_200_000L).equals(d.networkUsage().downlinkVolume()));
        assertEquals(51_200_000L, ended.networkUsage().downlinkVolume(), "the final usage of the delete is folded in");

        core.server.verify(getRequestedFor(urlPathEqualTo("/nnrf-disc/v1/nf-instances"))
                .withQueryParam("target-nf-type", equalTo("BSF")).withQueryParam("requester-nf-type", equalTo("AF")));
        core.server.verify(getRequestedFor(urlPathEqualTo("/nbsf-management/v1/pcfBindings"))
                .withQueryParam("ipv4Addr", equalTo("10.45.0.21")).withHeader("Authorization", equalTo("Bearer n5-token")));
        core.server.verify(1, postRequestedFor(urlEqualTo(APP_SESSIONS)).withHeader("Authorization",
                equalTo("Bearer n5-token")));
        core.server.verify(1, postRequestedFor(urlEqualTo(APP_SESSIONS + "/as-1/delete")));
        // A notification for the ended delivery: no live session for it any more.
        assertEquals(404, core.notifyAf(notify, events(session, "USAGE_REPORT",
                ",\"usgRep\":{\"duration\":2,\"downlinkVolume\":51200000}")).statusCode());
    }

    @Test
    void aTerminationIsAcknowledgedAtOnceAndTheSessionDeletedForItsUsage() throws Exception {
        createdAs("as-t");
        String session = core.baseUrl() + APP_SESSIONS + "/as-t";
        core.server.stubFor(post(APP_SESSIONS + "/as-t/delete").willReturn(json(200,
                "{\"evsNotif\":{\"evSubsUri\":\"" + session + "\",\"evNotifs\":[{\"event\":\"USAGE_REPORT\"}],"
                        + "\"usgRep\":{\"duration\":1,\"downlinkVolume\":1000}}}")));
        Delivery created = client.deliveries().create(resnet50("10.45.0.22"));

        HttpResponse<String> ack = core.notifyAf(notifUri() + "/terminate",
                "{\"termCause\":\"INSUFFICIENT_QOS_FLOW_RESOURCES\",\"resUri\":\"" + session + "\"}");

        assertEquals(204, ack.statusCode());
        Delivery ended = awaitState(created.deliveryId(), d -> d.state() == DeliveryState.FAILED);
        assertEquals(DeliveryState.FAILED, ended.state(), "the network ended it before its qosDuration");
        assertEquals("SESSION_TERMINATION", String.valueOf(ended.endCause()));
        assertEquals(1000L, ended.networkUsage().downlinkVolume(), "the usage the delete returned");
        core.server.verify(postRequestedFor(urlEqualTo(APP_SESSIONS + "/as-t/delete")));
    }

    @Test
    void aRefusalWithAcceptableServiceInfoIsNegotiatedDownToTheSmallerVariant() throws Exception {
        core.server.stubFor(post(APP_SESSIONS).inScenario("offer").whenScenarioStateIs(
                com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED).willSetStateTo("offered")
                .willReturn(problem(403, "{\"status\":403,\"cause\":\"REQUESTED_SERVICE_NOT_AUTHORIZED\","
                        + "\"acceptableServInfo\":{\"accBwMedComps\":{\"1\":{\"medCompN\":1,\"marBwDl\":\"300 Mbps\"}}}}")));
        core.server.stubFor(post(APP_SESSIONS).inScenario("offer").whenScenarioStateIs("offered")
                .willReturn(WireMockCore.created(APP_SESSIONS + "/as-o")));

        Delivery created = client.deliveries().create(resnet50("10.45.0.23"));

        assertEquals(DeliveryState.QOS_GRANTED, created.state(), created.toString());
        assertEquals("resnet-50-int8", created.granted().variantId(), "INT8 fits under the 300 Mbps offered");
        var creates = core.server.findAll(postRequestedFor(urlEqualTo(APP_SESSIONS)));
        assertEquals(2, creates.size());
        JsonNode second = JSON.readTree(creates.get(1).getBodyAsString()).path("ascReqData").path("medComponents").path("1");
        assertTrue(io.modelqos.qos.BitRate.parse(second.path("mirBwDl").asText())
                .compareTo(io.modelqos.qos.BitRate.parse("300 Mbps")) <= 0, second.toString());
    }

    @Test
    void aPcfThatDropsTheIndividualParametersGetsQosReferencesByAModify() throws Exception {
        core.server.stubFor(post(APP_SESSIONS).willReturn(json(201,
                "{\"ascReqData\":{\"notifUri\":\"http://af.example/pcf-callbacks/v1/x\",\"suppFeat\":\"0\","
                        + "\"ueIpv4\":\"10.45.0.24\",\"medComponents\":{\"1\":{\"medCompN\":1,\"marBwDl\":\"850 Mbps\","
                        + "\"mirBwDl\":\"850 Mbps\"}}},\"ascRespData\":{\"suppFeat\":\"0\"}}")
                .withHeader("Location", core.baseUrl() + APP_SESSIONS + "/as-m")));
        core.server.stubFor(patch(urlEqualTo(APP_SESSIONS + "/as-m")).willReturn(aResponse().withStatus(204)));

        Delivery created = client.deliveries().create(resnet50("10.45.0.24"));

        assertEquals(DeliveryState.QOS_GRANTED, created.state(), created.toString());
        var patches = core.server.findAll(patchRequestedFor(urlEqualTo(APP_SESSIONS + "/as-m")));
        assertEquals(1, patches.size());
        assertEquals("application/merge-patch+json", patches.get(0).getHeader("Content-Type"));
        JsonNode component = JSON.readTree(patches.get(0).getBodyAsString()).path("ascReqData").path("medComponents")
                .path("1");
        assertTrue(component.hasNonNull("qosReference"), "QoS references replace the parameters: " + component);
    }

    @Test
    void aBusyPcfIsAskedAgainAfterItsRetryAfterAndA401RenewsTheToken() throws Exception {
        core.server.stubFor(post(APP_SESSIONS).inScenario("busy").whenScenarioStateIs(
                com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED).willSetStateTo("unauthorized")
                .willReturn(problem(503, "{\"status\":503,\"cause\":\"SERVICE_UNAVAILABLE\"}")
                        .withHeader("Retry-After", "0").withHeader(WireMockCore.FAULT_HEADER, "PCF busy, 503")));
        core.server.stubFor(post(APP_SESSIONS).inScenario("busy").whenScenarioStateIs("unauthorized")
                .willSetStateTo("fine").willReturn(problem(401, "{\"status\":401,\"cause\":\"UNAUTHORIZED\"}")
                        .withHeader(WireMockCore.FAULT_HEADER, "token refused, 401")));
        core.server.stubFor(post(APP_SESSIONS).inScenario("busy").whenScenarioStateIs("fine")
                .willReturn(WireMockCore.created(APP_SESSIONS + "/as-b")));

        Delivery created = client.deliveries().create(resnet50("10.45.0.25"));

        assertEquals(DeliveryState.QOS_GRANTED, created.state(), created.toString());
        assertEquals(3, core.server.findAll(postRequestedFor(urlEqualTo(APP_SESSIONS))).size());
        long pcfTokens = core.server.findAll(postRequestedFor(urlEqualTo("/oauth2/token"))).stream()
                .filter(r -> r.getBodyAsString().contains("scope=npcf-policyauthorization")).count();
        assertEquals(2, pcfTokens, "the 401 made the AF fetch a new token once");
    }

    @Test
    void aUeWithoutABindingIsRefusedWithoutAnAppSession() throws Exception {
        core.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(
                "/nbsf-management/v1/pcfBindings")).willReturn(aResponse().withStatus(204)));

        io.modelqos.client.ModelQosException refused = org.junit.jupiter.api.Assertions.assertThrows(
                io.modelqos.client.ModelQosException.class, () -> client.deliveries().create(resnet50("10.45.0.26")));

        assertTrue(refused.status() >= 400, refused.toString());
        core.server.verify(0, postRequestedFor(urlMatching(APP_SESSIONS + ".*")));
    }
}
