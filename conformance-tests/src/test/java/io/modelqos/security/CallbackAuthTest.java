package io.modelqos.security;

import io.modelqos.nef.emulator.NefEmulator;
import io.modelqos.testing.EventLoopGuard;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
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

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Verifies the callback endpoint sharing the API's TLS listener: the listener asks for a client certificate without
 * requiring one (the API works without), the callback route insists on one from the NEF's CA, and on a JWT of the
 * configured issuer for the AF's audience.
 */
class CallbackAuthTest {
    private static Vertx vertx;
    private static Pki pki;
    private static Issuer nrf;
    private static SecureAf env;

    @BeforeAll
    static void start() throws Exception {
        pki = Pki.get();
        vertx = EventLoopGuard.vertx();
        nrf = new Issuer(vertx, "https://nrf.security.test");
        NefEmulator emulator = SecureAf.await(NefEmulator.start(vertx, SecureAf.emulatorOptions()));
        env = SecureAf.start(vertx, emulator, emulator.apiRoot(), Map.of(
                "tls.server.certFile", pki.file("server.crt"),
                "tls.server.keyFile", pki.file("server.key"),
                "tls.callbacks.clientCaFile", pki.file("ca.crt"),
                "auth.apiKeys", "tenant-cb:cb-0123456789abcdef",
                "auth.callbacks.jwt.issuer", nrf.issuer,
                "auth.callbacks.jwt.jwksUri", nrf.jwksUri(),
                "auth.callbacks.jwt.audience", Issuer.AUDIENCE), pki.trustingCa(), true);
    }

    @AfterAll
    static void stop() throws Exception {
        nrf.close();
        env.close();
    }

    private static WebClient client(boolean withNefCertificate) {
        WebClientOptions options = new WebClientOptions().setSsl(true)
                .setTrustOptions(new PemTrustOptions().addCertPath(pki.file("ca.crt")));
        if (withNefCertificate) {
            options.setKeyCertOptions(new PemKeyCertOptions().setCertPath(pki.file("nef-client.crt"))
                    .setKeyPath(pki.file("nef-client.key")));
        }
        return WebClient.create(vertx, options);
    }

    private static HttpResponse<Buffer> notify(WebClient client, String token) throws Exception {
        var request = client.postAbs(env.root() + "/nef-callbacks/v1/" + "ab".repeat(16))
                .putHeader("Content-Type", "application/json");
        if (token != null) {
            request.putHeader("Authorization", "Bearer " + token);
        }
        return SecureAf.await(request.sendBuffer(Buffer.buffer(new JsonObject().put("transaction", "t")
                .put("eventReports", new JsonArray().add(new JsonObject().put("event", "QOS_GUARANTEED"))).encode())));
    }

    @Test
    void theApiNeedsNoClientCertificateOnTheSharedListener() throws Exception {
        assertEquals(200, SecureAf.await(client(false).getAbs(env.root() + "/model-delivery/v1/deliveries")
                .putHeader("Authorization", "Bearer cb-0123456789abcdef").send()).statusCode());
    }

    @Test
    void aCallbackNeedsTheNefsCertificateAndAValidJwt() throws Exception {
        String token = nrf.token("ec-1", nrf.claims("nef", "nnef-callback"));
        assertEquals(403, notify(client(false), token).statusCode(), "no client certificate");
        WebClient nef = client(true);
        assertEquals(401, notify(nef, null).statusCode(), "no token");
        assertEquals(401, notify(nef, "cb-0123456789abcdef").statusCode(), "an API key is no NEF token");
        assertEquals(401, notify(nef, nrf.token("rsa-1", nrf.claims("nef", "x").put("aud", "another-af"))).statusCode());
        assertEquals(401, notify(nef, nrf.token("rsa-1", nrf.claims("nef", "x").put("exp", Instant.now().getEpochSecond() - 600)))
                .statusCode());
        assertEquals(404, notify(nef, token).statusCode(), "authenticated; no live subscription for this URI");
    }

    /**
     * The guard answers before the body is read: a body over the callback's limit is refused for want of a token, not
     * for its size.
     */
    @Test
    void aCallbackIsRefusedBeforeItsBodyIsRead() throws Exception {
        var request = client(true).postAbs(env.root() + "/nef-callbacks/v1/" + "ab".repeat(16))
                .putHeader("Content-Type", "application/json");
        assertEquals(401, SecureAf.await(request.sendBuffer(Buffer.buffer("{\"transaction\":\"" + "x".repeat(300 * 1024)
                + "\"}"))).statusCode());
    }
}
