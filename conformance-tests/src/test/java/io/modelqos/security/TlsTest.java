package io.modelqos.security;

import io.modelqos.client.ModelQosClient;
import io.modelqos.client.model.Delivery;
import io.modelqos.client.model.DeliveryRequest;
import io.modelqos.client.model.DeliveryState;
import io.modelqos.client.model.ModelCatalog;
import io.modelqos.client.model.ModelServer;
import io.modelqos.client.model.UeId;
import io.modelqos.nef.emulator.NefEmulator;
import io.modelqos.nef.emulator.NotificationOptions;
import io.modelqos.testing.EventLoopGuard;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verifies TLS everywhere with real handshakes and the development PKI of {@code modelqos certs}: the SDK reaches the
 * AF over HTTPS; the AF reaches the NEF over mutual TLS (its client certificate on the NEF client's WebClient); the
 * NEF's notifications reach a callback listener of their own that requires the NEF's client certificate and bearer
 * token. The NEF emulator speaks plain HTTP, so relays on loopback terminate and originate the TLS it does not.
 *
 * <pre>
 *   SDK --https--> AF --mTLS--> [relay] --http--> NEF emulator --http--> [relay] --mTLS + bearer--> AF callback port
 * </pre>
 */
class TlsTest {
    static final String KEY = "tls-tenant-0123456789abcdef";
    static final String CALLBACK_TOKEN = "nef-callback-token-0123456789";
    private static Vertx vertx;
    private static Pki pki;
    private static NefEmulator emulator;
    private static Relay nefRelay;
    private static Relay callbackRelay;
    private static SecureAf env;

    @BeforeAll
    static void start() throws Exception {
        pki = Pki.get();
        vertx = EventLoopGuard.vertx();
        nefRelay = Relay.start(vertx, new HttpServerOptions().setSsl(true)
                        .setKeyCertOptions(new PemKeyCertOptions().setCertPath(pki.file("server.crt")).setKeyPath(pki.file("server.key")))
                        .setClientAuth(ClientAuth.REQUIRED)
                        .setTrustOptions(new PemTrustOptions().addCertPath(pki.file("ca.crt"))),
                new WebClientOptions(), Map.of());
        callbackRelay = Relay.start(vertx, new HttpServerOptions(), new WebClientOptions().setSsl(true).setVerifyHost(true)
                        .setTrustOptions(new PemTrustOptions().addCertPath(pki.file("ca.crt")))
                        .setKeyCertOptions(new PemKeyCertOptions().setCertPath(pki.file("nef-client.crt"))
                                .setKeyPath(pki.file("nef-client.key"))),
                Map.of("Authorization", "Bearer " + CALLBACK_TOKEN));
        String nefRoot = "https://127.0.0.1:" + nefRelay.port();
        emulator = SecureAf.await(NefEmulator.start(vertx, SecureAf.emulatorOptions().setApiRoot(nefRoot)
                .setNotifications(new NotificationOptions().setAllocationDelayMs(10))));
        nefRelay.target("http://127.0.0.1:" + emulator.port());
        env = SecureAf.start(vertx, emulator, nefRoot, Map.ofEntries(
                Map.entry("tls.server.certFile", pki.file("server.crt")),
                Map.entry("tls.server.keyFile", pki.file("server.key")),
                Map.entry("tls.callbacks.port", "0"),
                Map.entry("tls.callbacks.clientCaFile", pki.file("ca.crt")),
                Map.entry("tls.nef.trustFile", pki.file("ca.crt")),
                Map.entry("tls.nef.certFile", pki.file("client.crt")),
                Map.entry("tls.nef.keyFile", pki.file("client.key")),
                Map.entry("auth.apiKeys", "tenant-tls:" + KEY),
                Map.entry("auth.callbacks.bearerToken", CALLBACK_TOKEN),
                Map.entry("callbackBaseUri", "http://127.0.0.1:" + callbackRelay.port()),
                Map.entry("management.port", "0")), pki.trustingCa(), false);
        callbackRelay.target("https://127.0.0.1:" + env.af.callbackPort());
    }

    @AfterAll
    static void stop() throws Exception {
        env.close();
        SecureAf.await(emulator.close());
        SecureAf.await(vertx.close());
    }

    @Test
    void aDeliveryLivesItsWholeLifeOverTlsAndMutualTls() throws Exception {
        ModelQosClient sdk = ModelQosClient.builder().baseUri(env.root()).bearerToken(KEY)
                .httpClient(HttpClient.newBuilder().sslContext(pki.trustingCa()).build())
                .timeout(Duration.ofSeconds(20)).build();
        assertTrue(env.root().toString().startsWith("https://"));
        int callbacksBefore = callbackRelay.forwarded.get();
        Delivery created = sdk.deliveries().create(DeliveryRequest.builder().ue(UeId.ipv4("10.45.4.1"))
                .server(ModelServer.ipv4("10.0.0.10", 443)).model(ModelCatalog.RESNET_50)
                .latencyBudget(Duration.ofSeconds(1)).build());
        assertEquals(DeliveryState.QOS_GRANTED, created.state());
        assertTrue(nefRelay.forwarded.get() >= 1, "the create crossed the NEF's mutual TLS");
        assertEquals(0, nefRelay.failed.get());
        assertEquals(1, emulator.liveSubscriptionCount());
        long deadline = System.currentTimeMillis() + 5_000;
        while (callbackRelay.forwarded.get() == callbacksBefore && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(callbackRelay.forwarded.get() > callbacksBefore, "the NEF's notifications crossed mutual TLS");
        Delivery ended = sdk.deliveries().cancel(created.deliveryId());
        assertEquals(DeliveryState.CANCELLED, ended.state());
        assertEquals(0, emulator.liveSubscriptionCount(), "the delete crossed mutual TLS too");
    }

    @Test
    void theCallbackListenerRequiresTheNefsCertificateThenItsToken() throws Exception {
        String url = "https://127.0.0.1:" + env.af.callbackPort() + "/nef-callbacks/v1/" + "0".repeat(32);
        Buffer notification = Buffer.buffer(new JsonObject().put("transaction", "t").put("eventReports",
                new JsonArray().add(new JsonObject().put("event", "QOS_GUARANTEED"))).encode());
        WebClientOptions trustOnly = new WebClientOptions().setSsl(true)
                .setTrustOptions(new PemTrustOptions().addCertPath(pki.file("ca.crt")));
        WebClient noCert = WebClient.create(vertx, new WebClientOptions(trustOnly));
        assertThrows(ExecutionException.class, () -> send(noCert, url, null, notification), "no client certificate");
        WebClient stranger = WebClient.create(vertx, new WebClientOptions(trustOnly).setKeyCertOptions(new PemKeyCertOptions()
                .setCertValue(Buffer.buffer(pki.strangerClient.certificatePem()))
                .setKeyValue(Buffer.buffer(pki.strangerClient.keyPem()))));
        assertThrows(ExecutionException.class, () -> send(stranger, url, null, notification), "another CA's certificate");

        WebClient nef = WebClient.create(vertx, new WebClientOptions(trustOnly).setKeyCertOptions(new PemKeyCertOptions()
                .setCertPath(pki.file("nef-client.crt")).setKeyPath(pki.file("nef-client.key"))));
        HttpResponse<Buffer> noToken = send(nef, url, null, notification);
        assertEquals(401, noToken.statusCode());
        assertEquals("application/problem+json", noToken.getHeader("Content-Type"));
        assertTrue(noToken.getHeader("WWW-Authenticate").startsWith("Bearer"));
        assertEquals(401, send(nef, url, "not-the-token", notification).statusCode());
        assertEquals(404, send(nef, url, CALLBACK_TOKEN, notification).statusCode(), "authenticated, unknown subscription");
    }

    @Test
    void theApiListenerServesNoCallbacksAndNoPlainHttp() throws Exception {
        WebClient client = WebClient.create(vertx, new WebClientOptions().setSsl(true)
                .setTrustOptions(new PemTrustOptions().addCertPath(pki.file("ca.crt"))));
        HttpResponse<Buffer> onApiPort = send(client, env.root() + "/nef-callbacks/v1/" + "0".repeat(32), CALLBACK_TOKEN,
                Buffer.buffer("{}"));
        assertEquals(404, onApiPort.statusCode(), "callbacks live on their own listener only");
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI plainUri = URI.create("http://127.0.0.1:" + env.af.port() + "/health/live");
        assertThrows(java.io.IOException.class, () -> plain.send(java.net.http.HttpRequest.newBuilder(plainUri)
                .timeout(Duration.ofSeconds(5)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()));
        HttpClient jdkTrust = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThrows(javax.net.ssl.SSLHandshakeException.class, () -> jdkTrust.send(java.net.http.HttpRequest.newBuilder(
                env.root().resolve("/health/live")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()),
                "the development CA is trusted by no default trust store");
    }

    @Test
    void theManagementListenerSpeaksTheApisTls() throws Exception {
        URI health = URI.create("https://127.0.0.1:" + env.af.managementPort() + "/health/live");
        java.net.http.HttpResponse<String> live = env.http.send(java.net.http.HttpRequest.newBuilder(health).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, live.statusCode());
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThrows(java.io.IOException.class, () -> plain.send(java.net.http.HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + env.af.managementPort() + "/health/live")).timeout(Duration.ofSeconds(5))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString()), "no plain HTTP beside the API's TLS");
    }

    @Test
    void managementTlsFalseServesHealthAndMetricsInPlainHttpBesideAnHttpsApi() throws Exception {
        try (SecureAf plainManagement = SecureAf.start(vertx, emulator, "http://127.0.0.1:" + emulator.port(), Map.of(
                "tls.server.certFile", pki.file("server.crt"),
                "tls.server.keyFile", pki.file("server.key"),
                "management.port", "0",
                "management.tls", "false"), pki.trustingCa(), false)) {
            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            java.net.http.HttpResponse<String> metrics = plain.send(java.net.http.HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + plainManagement.af.managementPort() + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, metrics.statusCode());
            assertTrue(plainManagement.root().toString().startsWith("https://"));
            assertEquals(200, plainManagement.call("GET", "/model-delivery/v1/deliveries", null, null).statusCode(),
                    "the API stays on HTTPS");
        }
    }

    @Test
    void theNefRefusesAnAfWithoutItsClientCertificate() {
        WebClient noCert = WebClient.create(vertx, new WebClientOptions().setSsl(true)
                .setTrustOptions(new PemTrustOptions().addCertPath(pki.file("ca.crt"))));
        assertThrows(ExecutionException.class, () -> SecureAf.await(noCert.getAbs("https://127.0.0.1:" + nefRelay.port()
                + "/3gpp-as-session-with-qos/v1/" + SecureAf.SCS_AS_ID + "/subscriptions").send()));
    }

    private static HttpResponse<Buffer> send(WebClient client, String url, String token, Buffer body) throws Exception {
        var request = client.postAbs(url).putHeader("Content-Type", "application/json").timeout(10_000);
        if (token != null) {
            request.putHeader("Authorization", "Bearer " + token);
        }
        try {
            return request.sendBuffer(body).toCompletionStage().toCompletableFuture().get(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e;
        }
    }
}
