package io.modelqos.conformance.capif;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.modelqos.af.AfServer;
import io.modelqos.af.capif.CapifConnection;
import io.modelqos.af.capif.CapifException;
import io.modelqos.af.capif.CapifSouthbound;
import io.modelqos.af.config.AfConfig;
import io.modelqos.af.config.ConfigLoader;
import io.modelqos.af.observe.AfMetrics;
import io.modelqos.af.store.InMemoryDeliveryStore;
import io.modelqos.client.ModelQosClient;
import io.modelqos.client.model.DeliveryRequest;
import io.modelqos.client.model.ModelCatalog;
import io.modelqos.client.model.ModelServer;
import io.modelqos.client.model.UeId;
import io.modelqos.testing.EventLoopGuard;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.modelqos.conformance.capif.WireMockCapif.ACCESS_TOKEN;
import static io.modelqos.conformance.capif.WireMockCapif.AEF;
import static io.modelqos.conformance.capif.WireMockCapif.DISCOVERY;
import static io.modelqos.conformance.capif.WireMockCapif.FAULT_HEADER;
import static io.modelqos.conformance.capif.WireMockCapif.INVOKER;
import static io.modelqos.conformance.capif.WireMockCapif.NEF_PREFIX;
import static io.modelqos.conformance.capif.WireMockCapif.ONBOARDED;
import static io.modelqos.conformance.capif.WireMockCapif.ONBOARDING_TOKEN;
import static io.modelqos.conformance.capif.WireMockCapif.json;
import static io.modelqos.conformance.capif.WireMockCapif.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The AF as a CAPIF API invoker against a WireMock CAPIF core function (and the NEF it exposes), over real sockets:
 * onboarding with the operator's token, discovery, the security context and the token, the NEF reached with what CAPIF
 * gave, and CAPIF's failures (revoked invoker, no matching API, token refused, CAPIF down at start). Every CAPIF
 * exchange is recorded for {@link CapifRecordedTrafficConformanceTest}.
 */
class CapifConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static WireMockCapif capif;

    @TempDir
    Path dir;
    private Vertx vertx;
    private AfServer af;

    @BeforeAll
    static void startCapif() {
        capif = new WireMockCapif();
    }

    @AfterAll
    static void stopCapif() {
        capif.close();
    }

    @BeforeEach
    void start(TestInfo info) {
        capif.server.resetAll();
        capif.test = info.getTestMethod().map(m -> m.getName()).orElse("");
        vertx = EventLoopGuard.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        if (af != null) {
            af.stop().await();
        }
        vertx.close().await();
    }

    private AfConfig config(String capifRoot) throws Exception {
        Path token = dir.resolve("onboarding-token");
        Files.writeString(token, ONBOARDING_TOKEN + "\n");
        Map<String, String> settings = new HashMap<>(Map.of("host", "127.0.0.1", "port", "0", "allocationWaitMs", "50",
                "startWindowMs", "60000", "store.kind", "memory", "dataDir", dir.resolve("data").toString(),
                "capif.capifRoot", capifRoot, "capif.onboardingTokenFile", token.toString(),
                "capif.timeoutMs", "2000"));
        return ConfigLoader.load(null, Map.of(), settings);
    }

    /** The AF's start as AfRuntime does it: CAPIF first, then the server with the NEF CAPIF gave. */
    private void startAf(AfConfig config) {
        AfMetrics metrics = new AfMetrics();
        CapifSouthbound southbound = new CapifSouthbound(vertx, config).connect();
        InMemoryDeliveryStore store = new InMemoryDeliveryStore();
        af = AfServer.start(vertx, config, southbound.southbound(metrics), store, metrics).await();
    }

    private CapifConnection connection(AfConfig config) {
        return new CapifSouthbound(vertx, config).connection();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return form;
    }

    @Test
    void theAfOnboardsDiscoversTrustsGetsATokenAndCallsTheDiscoveredNefWithIt() throws Exception {
        capif.healthy(INVOKER);
        AfConfig config = config(capif.baseUrl());
        startAf(config);

        var onboard = capif.server.findAll(postRequestedFor(urlPathEqualTo(ONBOARDED))).get(0);
        assertEquals("Bearer " + ONBOARDING_TOKEN, onboard.getHeader("Authorization"));
        JsonNode enrolment = JSON.readTree(onboard.getBodyAsString());
        assertTrue(enrolment.path("onboardingInformation").path("apiInvokerPublicKey").asText()
                .startsWith("-----BEGIN CERTIFICATE REQUEST-----"), "a PKCS#10 request as the public key");
        assertTrue(enrolment.path("notificationDestination").asText().endsWith("/capif/v1/notifications"));
        capif.server.verify(getRequestedFor(urlPathEqualTo(DISCOVERY))
                .withQueryParam("api-invoker-id", equalTo(INVOKER))
                .withQueryParam("api-name", equalTo("3gpp-as-session-with-qos")));
        JsonNode trust = JSON.readTree(capif.server.findAll(putRequestedFor(
                urlPathEqualTo("/capif-security/v1/trustedInvokers/" + INVOKER))).get(0).getBodyAsString());
        assertEquals(AEF, trust.path("securityInfo").path(0).path("aefId").asText());
        assertEquals("[\"OAUTH\",\"PKI\"]", trust.path("securityInfo").path(0).path("prefSecurityMethods").toString());
        Map<String, String> token = form(capif.server.findAll(postRequestedFor(
                urlPathEqualTo("/capif-security/v1/securities/" + INVOKER + "/token"))).get(0).getBodyAsString());
        assertEquals(Map.of("grant_type", "client_credentials", "client_id", INVOKER,
                "scope", "3gpp#" + AEF + ":3gpp-as-session-with-qos"), token);

        // The credentials are kept, owner-only, for the next start.
        Path kept = dir.resolve("data").resolve("capif");
        for (String name : new String[]{"invoker.json", "invoker.key", "invoker.crt"}) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(kept.resolve(name))));
        }

        // A delivery goes to the NEF CAPIF named, with CAPIF's token, as the AF's invoker id.
        ModelQosClient client = ModelQosClient.builder().baseUri(URI.create("http://127.0.0.1:" + af.port()))
                .timeout(Duration.ofSeconds(10)).build();
        try {
            client.deliveries().create(DeliveryRequest.builder().ue(UeId.ipv4("10.45.0.2"))
                    .server(ModelServer.ipv4("10.0.0.10", 443)).model(ModelCatalog.RESNET_50)
                    .latencyBudget(Duration.ofSeconds(1)).build());
        } catch (RuntimeException outcome) {
            // What the AF makes of this stub NEF's grant is the NEF suites' business; here: where it went, with what.
        }
        capif.server.verify(postRequestedFor(urlPathEqualTo(NEF_PREFIX + "/3gpp-as-session-with-qos/v1/" + INVOKER
                + "/subscriptions")).withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN)));

        // Readiness names the invoker, the exposing function and the apiRoot in use.
        HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + af.port() + "/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode checks = JSON.readTree(ready.body()).path("checks").path("capif");
        assertEquals(INVOKER, checks.path("apiInvokerId").asText(), ready.body());
        assertEquals(AEF, checks.path("aefId").asText(), ready.body());
        assertEquals("http://127.0.0.1:" + capif.server.port() + NEF_PREFIX, checks.path("apiRoot").asText());
    }

    @Test
    void aRestartWithTheSameDataDirectoryReusesTheOnboarding() throws Exception {
        capif.healthy(INVOKER);
        AfConfig config = config(capif.baseUrl());
        assertEquals(AEF, connection(config).connect().await().aefId());
        CapifConnection restarted = connection(config);
        restarted.connect().await();
        assertEquals(1, capif.server.findAll(postRequestedFor(urlPathEqualTo(ONBOARDED))).size(), "onboarded once");
        assertEquals(0, restarted.onboardings());
        assertEquals(INVOKER, restarted.credentials().apiInvokerId());
    }

    @Test
    void aRevokedInvokerIsOnboardedExactlyOnceMore() throws Exception {
        capif.healthy(INVOKER);
        AfConfig config = config(capif.baseUrl());
        connection(config).connect().await();
        // CAPIF revoked INV-a1b2c3: it no longer knows it; the next onboarding gives INV-second.
        capif.server.stubFor(get(urlPathEqualTo(DISCOVERY)).withQueryParam("api-invoker-id", equalTo(INVOKER))
                .willReturn(problem(404, "API_INVOKER_NOT_ONBOARDED")));
        capif.onboardsAs("INV-second");
        CapifConnection restarted = connection(config);
        restarted.connect().await();
        assertEquals("INV-second", restarted.credentials().apiInvokerId());
        assertEquals(2, capif.server.findAll(postRequestedFor(urlPathEqualTo(ONBOARDED))).size());
        assertEquals(1, restarted.onboardings());
        capif.server.verify(postRequestedFor(urlPathEqualTo("/capif-security/v1/securities/INV-second/token")));
    }

    @Test
    void anInvokerRefusedAgainRightAfterOnboardingFailsInsteadOfOnboardingInALoop() throws Exception {
        capif.healthy(INVOKER);
        capif.server.stubFor(get(urlPathEqualTo(DISCOVERY)).willReturn(problem(401, "UNAUTHORIZED")));
        CapifException e = assertThrows(CapifException.class, () -> connection(config(capif.baseUrl())).connect().await());
        assertEquals(401, e.status());
        assertEquals(2, capif.server.findAll(postRequestedFor(urlPathEqualTo(ONBOARDED))).size(),
                "the first onboarding and a single one more");
    }

    @Test
    void noMatchingApiIsAClearStartError() throws Exception {
        capif.healthy(INVOKER);
        capif.server.stubFor(get(urlPathEqualTo(DISCOVERY)).willReturn(json(200, "{}")));
        CapifException e = assertThrows(CapifException.class, () -> startAf(config(capif.baseUrl())));
        assertTrue(e.getMessage().contains("CAPIF lists no API named 3gpp-as-session-with-qos"), e.getMessage());
    }

    @Test
    void onlyAnotherVersionOfTheApiIsAClearStartError() throws Exception {
        capif.healthy(INVOKER);
        capif.server.stubFor(get(urlPathEqualTo(DISCOVERY)).willReturn(json(200,
                capif.discovered(AEF).replace("\"v1\"", "\"v2\""))));
        CapifException e = assertThrows(CapifException.class, () -> startAf(config(capif.baseUrl())));
        assertTrue(e.getMessage().contains("no exposing function serves version v1"), e.getMessage());
    }

    @Test
    void aRefusedTokenIsAClearStartError() throws Exception {
        capif.healthy(INVOKER);
        capif.server.stubFor(post(urlMatching("/capif-security/v1/securities/[^/]+/token"))
                .willReturn(json(400, "{\"error\":\"invalid_scope\"}")));
        CapifException e = assertThrows(CapifException.class, () -> startAf(config(capif.baseUrl())));
        assertTrue(e.getMessage().contains("CAPIF refused an access token for scope 3gpp#" + AEF
                + ":3gpp-as-session-with-qos: 400 invalid_scope"), e.getMessage());
    }

    @Test
    void capifDownAtStartFailsTheStartWithItsReason() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        CapifException e = assertThrows(CapifException.class,
                () -> startAf(config("http://127.0.0.1:" + closedPort)));
        assertEquals(0, e.status());
        assertTrue(e.getMessage().contains("CAPIF onboard http://127.0.0.1:" + closedPort
                + ONBOARDED + ": no answer"), e.getMessage());
    }

    @Test
    void anOnboardingAnsweredWithoutItsLocationIsRefused() throws Exception {
        capif.healthy(INVOKER);
        capif.server.stubFor(post(ONBOARDED).willReturn(json(201, "{\"apiInvokerId\":\"x\"}")
                .withHeader(FAULT_HEADER, "201 without Location or onboardingInformation")));
        CapifException e = assertThrows(CapifException.class, () -> connection(config(capif.baseUrl())).connect().await());
        assertTrue(e.getMessage().contains("without an apiInvokerId or a Location"), e.getMessage());
    }

    @Test
    void offboardingDeletesTheOnboardingAtCapifAndTheKeptFiles() throws Exception {
        capif.healthy(INVOKER);
        AfConfig config = config(capif.baseUrl());
        connection(config).connect().await();
        assertTrue(connection(config).offboard().await());
        capif.server.verify(deleteRequestedFor(urlPathEqualTo(ONBOARDED + "/onb-" + INVOKER)));
        assertTrue(!Files.exists(dir.resolve("data").resolve("capif").resolve("invoker.json")));
        assertEquals(false, connection(config).offboard().await(), "nothing left to offboard");
    }

    @Test
    void anUpdateSendsANewKeyAndKeepsTheCertificateCapifIssuesForIt() throws Exception {
        capif.healthy(INVOKER);
        AfConfig config = config(capif.baseUrl());
        var before = connection(config).connect().await();
        String keyBefore = Files.readString(dir.resolve("data/capif/invoker.key"));
        String issued = io.modelqos.af.security.DevCertificates.client(io.modelqos.af.security.DevCertificates.ca("CAPIF CA",
                Duration.ofDays(1)), INVOKER, Duration.ofDays(1)).certificatePem();
        capif.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.put(urlPathEqualTo(ONBOARDED + "/onb-" + INVOKER))
                .willReturn(json(200, JSON.createObjectNode().put("apiInvokerId", INVOKER)
                        .put("notificationDestination", "http://127.0.0.1/capif")
                        .set("onboardingInformation", JSON.createObjectNode().put("apiInvokerPublicKey", "(csr)")
                                .put("apiInvokerCertificate", issued)).toString())));
        var updated = connection(config).update().await();
        JsonNode sent = JSON.readTree(capif.server.findAll(putRequestedFor(urlPathEqualTo(ONBOARDED + "/onb-" + INVOKER)))
                .get(0).getBodyAsString());
        assertEquals(INVOKER, sent.path("apiInvokerId").asText());
        assertTrue(sent.path("onboardingInformation").path("apiInvokerPublicKey").asText()
                .startsWith("-----BEGIN CERTIFICATE REQUEST-----"));
        assertEquals(issued, updated.certificatePem());
        assertEquals(issued, Files.readString(dir.resolve("data/capif/invoker.crt")));
        assertTrue(!keyBefore.equals(Files.readString(dir.resolve("data/capif/invoker.key"))), "a new key");
        assertEquals(AEF, before.aefId());
    }

    @Test
    void aNefThatKeepsFailingIsLeftForAnotherExposingFunctionCapifNames() throws Exception {
        capif.healthy(INVOKER);
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        // Two exposing functions: the first (listed first, so chosen first) answers nothing.
        String two = capif.discovered(AEF).replace("\"aefProfiles\":[", "\"aefProfiles\":[{\"aefId\":\"AEF-dead\","
                + "\"versions\":[{\"apiVersion\":\"v1\"}],\"securityMethods\":[\"OAUTH\"],\"interfaceDescriptions\":"
                + "[{\"ipv4Addr\":\"127.0.0.1\",\"port\":" + closedPort + "}]},");
        capif.server.stubFor(get(urlPathEqualTo(DISCOVERY)).willReturn(json(200, two)));
        capif.server.stubFor(get(urlPathEqualTo(NEF_PREFIX + "/3gpp-as-session-with-qos/v1/" + INVOKER + "/subscriptions"))
                .willReturn(json(200, "[]")));
        Map<String, String> settings = new HashMap<>(Map.of("nef.readinessCheckMs", "0", "nef.timeoutMs", "500"));
        AfConfig base = config(capif.baseUrl());
        startAf(ConfigLoader.load(null, Map.of(), merged(base, settings)));
        assertEquals("DOWN", ready().path("status").asText(), "the dead one first");
        ready();
        JsonNode third = ready(); // the third call in a row without an answer: discover again
        assertEquals("AEF-dead", third.path("checks").path("capif").path("aefId").asText(), third.toString());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode now = ready();
        while (!"UP".equals(now.path("status").asText()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            now = ready();
        }
        assertEquals("UP", now.path("status").asText(), now.toString());
        assertEquals(AEF, now.path("checks").path("capif").path("aefId").asText());
        assertEquals(2, capif.server.findAll(getRequestedFor(urlPathEqualTo(DISCOVERY))).size(), "discovered twice");
    }

    /** The settings of {@code base}'s test plus {@code more}. */
    private Map<String, String> merged(AfConfig base, Map<String, String> more) throws Exception {
        Map<String, String> all = new HashMap<>(Map.of("host", "127.0.0.1", "port", "0", "store.kind", "memory",
                "dataDir", base.dataDir(), "capif.capifRoot", base.capifOrDefault().capifRoot(),
                "capif.onboardingTokenFile", base.capifOrDefault().onboardingTokenFile(), "capif.timeoutMs", "2000"));
        all.putAll(more);
        return all;
    }

    private JsonNode ready() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + af.port() + "/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    @Test
    void aTokenTheNefRejectsIsFetchedAgainOnceFromCapif() throws Exception {
        capif.healthy(INVOKER);
        String collection = NEF_PREFIX + "/3gpp-as-session-with-qos/v1/" + INVOKER + "/subscriptions";
        capif.server.stubFor(get(urlPathEqualTo(collection)).inScenario("expired").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(problem(401, "TOKEN_EXPIRED")).willSetStateTo("renewed"));
        capif.server.stubFor(get(urlPathEqualTo(collection)).inScenario("expired").whenScenarioStateIs("renewed")
                .willReturn(json(200, "[]")));
        startAf(config(capif.baseUrl()));
        HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + af.port() + "/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ready.statusCode(), ready.body());
        assertEquals(2, capif.server.findAll(postRequestedFor(urlMatching("/capif-security/v1/securities/.+/token")))
                .size(), "the start's token, and one more after the NEF's 401");
        capif.server.verify(2, getRequestedFor(urlPathEqualTo(collection))
                .withHeader("Authorization", matching("Bearer " + ACCESS_TOKEN)));
    }
}
