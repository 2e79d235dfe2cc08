package io.modelqos.security;

import io.modelqos.af.nef.NefAccess;
import io.modelqos.nef.emulator.NefEmulator;
import io.modelqos.testing.EventLoopGuard;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mutual TLS as the only way into the NEF: the NEF (a TLS listener that requires a client certificate of the
 * development CA, relaying to the emulator) lets in the AF that presents its certificate, with no bearer token on any
 * call; the same AF without its certificate does not get past the handshake, and its delivery fails.
 */
class NefMutualTlsAloneTest {
    private static Vertx vertx;
    private static Pki pki;
    private static NefEmulator emulator;
    private static Relay nef;
    private static String nefRoot;

    @BeforeAll
    static void start() throws Exception {
        pki = Pki.get();
        vertx = EventLoopGuard.vertx();
        nef = Relay.start(vertx, new HttpServerOptions().setSsl(true)
                        .setKeyCertOptions(new PemKeyCertOptions().setCertPath(pki.file("server.crt")).setKeyPath(pki.file("server.key")))
                        .setClientAuth(ClientAuth.REQUIRED)
                        .setTrustOptions(new PemTrustOptions().addCertPath(pki.file("ca.crt"))),
                new WebClientOptions(), Map.of());
        nefRoot = "https://127.0.0.1:" + nef.port();
        emulator = SecureAf.await(NefEmulator.start(vertx, SecureAf.emulatorOptions().setApiRoot(nefRoot)));
        nef.target("http://127.0.0.1:" + emulator.port());
    }

    @AfterAll
    static void stop() throws Exception {
        nef.close();
        SecureAf.await(emulator.close());
        SecureAf.await(vertx.close());
    }

    @Test
    void theAfsClientCertificateAloneLetsItInAndNoBearerTokenIsSent() throws Exception {
        int forwardedBefore = nef.forwarded.get();
        try (SecureAf af = SecureAf.start(vertx, emulator, nefRoot, Map.of(
                "tls.nef.trustFile", pki.file("ca.crt"),
                "tls.nef.certFile", pki.file("client.crt"),
                "tls.nef.keyFile", pki.file("client.key")), null, false)) {
            assertEquals(NefAccess.Tokens.NONE, NefAccess.tokens(af.config.nefOrDefault()));
            assertEquals("mutual TLS alone (client certificate " + pki.file("client.crt") + "), no bearer token",
                    NefAccess.describe(af.config.nefOrDefault(), af.config.tlsOrDefault().nef()));

            HttpResponse<String> created = af.call("POST", "deliveries", null, SecureAf.validBody("10.45.7.1").encode());

            assertEquals(201, created.statusCode(), created.body());
            assertEquals("QOS_GRANTED", new JsonObject(created.body()).getString("state"));
            assertTrue(nef.forwarded.get() > forwardedBefore, "the create crossed the NEF's mutual TLS");
            assertEquals(Set.of(), nef.authorizations, "no bearer token on any call");
            String id = new JsonObject(created.body()).getString("deliveryId");
            assertEquals(200, af.call("DELETE", "deliveries/" + id, null, null).statusCode());
        }
    }

    @Test
    void withoutItsCertificateTheAfDoesNotGetPastTheHandshake() throws Exception {
        int forwardedBefore = nef.forwarded.get();
        try (SecureAf af = SecureAf.start(vertx, emulator, nefRoot, Map.of(
                "tls.nef.trustFile", pki.file("ca.crt")), null, false)) {
            HttpResponse<String> created = af.call("POST", "deliveries", null, SecureAf.validBody("10.45.7.2").encode());

            assertTrue(created.statusCode() >= 500, created.statusCode() + " " + created.body());
            assertEquals(forwardedBefore, nef.forwarded.get(), "nothing reached the NEF");
        }
    }
}
