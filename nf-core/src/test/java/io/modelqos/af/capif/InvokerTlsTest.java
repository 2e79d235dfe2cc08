package io.modelqos.af.capif;

import io.modelqos.af.security.DevCertificates;
import io.modelqos.af.security.TlsWarmUp;
import io.modelqos.testing.EventLoopGuard;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real mutual TLS: a server that requires a client certificate from the CAPIF CA sees the invoker certificate the AF
 * presents from memory, on a client made with it and on one given it later (as after a re-onboarding).
 */
class InvokerTlsTest {
    @TempDir
    static Path dir;
    private static Vertx vertx;
    private static HttpServer server;
    private static DevCertificates.Issued capifCa;
    private static InvokerTls tls;

    @BeforeAll
    static void start() throws Exception {
        DevCertificates.Issued serverCa = DevCertificates.ca("operator CA", Duration.ofDays(1));
        DevCertificates.Issued serverCert = DevCertificates.server(serverCa, "localhost", List.of("localhost"),
                List.of("127.0.0.1"), Duration.ofDays(1));
        capifCa = DevCertificates.ca("CAPIF CA", Duration.ofDays(1));
        Path trust = dir.resolve("operator-ca.pem");
        Files.writeString(trust, serverCa.certificatePem());
        tls = InvokerTls.trusting(trust.toString());
        // As the AF does at its start (ModelQosAf): the JVM's first TLS client otherwise starts JSSE on the event
        // loop, 55-60 ms, over the guard's 50 ms limit on a busy machine.
        TlsWarmUp.run();
        vertx = EventLoopGuard.vertx();
        server = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setHost("127.0.0.1").setPort(0)
                        .setKeyCertOptions(new PemKeyCertOptions().setCertValue(Buffer.buffer(serverCert.certificatePem()))
                                .setKeyValue(Buffer.buffer(serverCert.keyPem())))
                        .setClientAuth(ClientAuth.REQUIRED)
                        .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(capifCa.certificatePem()))))
                .requestHandler(req -> {
                    try {
                        X509Certificate peer = (X509Certificate) req.connection().peerCertificates().get(0);
                        req.response().end(peer.getSubjectX500Principal().getName());
                    } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                        req.response().setStatusCode(403).end("no peer certificate");
                    }
                })
                .listen().await();
    }

    @AfterAll
    static void stop() {
        vertx.close().await();
    }

    private static InvokerCredentials issued(String invoker) {
        DevCertificates.Issued cert = DevCertificates.client(capifCa, invoker, Duration.ofHours(24));
        return new InvokerCredentials(URI.create("https://127.0.0.1"), invoker, URI.create("https://127.0.0.1/o/1"),
                cert.certificatePem(), cert.keyPem(), Instant.now());
    }

    private static String ask(WebClient web) {
        return web.getAbs("https://localhost:" + server.actualPort() + "/").send().await().bodyAsString();
    }

    @Test
    void theInvokerCertificateIsPresentedFromMemory() {
        InvokerCredentials first = issued("INV-1");
        WebClient web = WebClient.create(vertx, tls.clientOptions(URI.create("https://localhost"), 5000, first));
        assertEquals("CN=INV-1", ask(web));
        assertTrue(first.certificateExpiry().isAfter(Instant.now()));
    }

    /**
     * A client made from options of its own (the operator's NEF TLS, which trusts other CAs) presents the invoker
     * certificate from its first call, and trusts as a client given it later would.
     */
    @Test
    void optionsOfAnotherTlsSetupPresentTheInvokerCertificateFromTheStart() {
        WebClientOptions operators = new WebClientOptions().setSsl(true)
                .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(capifCa.certificatePem())));
        WebClient web = WebClient.create(vertx, tls.presenting(operators, issued("INV-3")));
        assertEquals("CN=INV-3", ask(web));
        assertSame(operators, tls.presenting(operators, null), "nothing issued yet: the options as they were");
    }

    @Test
    void aClientMadeBeforeOnboardingPresentsTheCertificateItIsGivenLater() {
        WebClient web = WebClient.create(vertx, tls.clientOptions(URI.create("https://localhost"), 5000, null));
        assertThrows(Exception.class, () -> ask(web), "no client certificate: the server refuses the handshake");
        tls.present(web, issued("INV-2")).await();
        assertEquals("CN=INV-2", ask(web));
    }
}
