package io.modelqos.af.capif;

import io.modelqos.af.security.DevCertificates;
import io.modelqos.af.security.TlsWarmUp;
import io.modelqos.testing.EventLoopGuard;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verifies that a CAPIF call whose TLS handshake fails says so, with the reason the JDK gave and what to check, not
 * "no answer": over real TLS, against a server whose certificate the AF does not accept.
 */
class CapifApiTlsTest {
    @TempDir
    static Path dir;
    private static Vertx vertx;
    private static HttpServer server;
    private static DevCertificates.Issued operatorCa;
    private static Path operatorCaFile;

    @BeforeAll
    static void start() throws Exception {
        operatorCa = DevCertificates.ca("operator CA", Duration.ofDays(1));
        operatorCaFile = Files.writeString(dir.resolve("operator-ca.pem"), operatorCa.certificatePem());
        TlsWarmUp.run(); // as the AF does at its start: JSSE's first start is not the event loop's to pay
        vertx = EventLoopGuard.vertx();
        server = https(DevCertificates.server(operatorCa, "localhost", List.of("localhost"), List.of("127.0.0.1"),
                Duration.ofDays(1)));
    }

    @AfterAll
    static void stop() {
        vertx.close().await();
    }

    private static HttpServer https(DevCertificates.Issued certificate) {
        return vertx.createHttpServer(new HttpServerOptions().setSsl(true).setHost("127.0.0.1").setPort(0)
                        .setKeyCertOptions(new PemKeyCertOptions().setCertValue(Buffer.buffer(certificate.certificatePem()))
                                .setKeyValue(Buffer.buffer(certificate.keyPem()))))
                .requestHandler(req -> req.response().setStatusCode(503).end())
                .listen().await();
    }

    private static CapifException onboardAt(HttpServer capif, Path trustFile) {
        URI root = URI.create("https://127.0.0.1:" + capif.actualPort() + "/capif");
        InvokerTls tls = InvokerTls.trusting(trustFile.toString());
        CapifApi api = new CapifApi(WebClient.create(vertx, tls.clientOptions(root, 2000, null)), root, 2000);
        return assertThrows(CapifException.class,
                () -> api.onboard("token", "csr", "http://127.0.0.1/notifications", "test").await());
    }

    @Test
    void aCertificateOfACaNotInTheTrustFileIsNamedAsTheReason() throws Exception {
        Path otherCa = Files.writeString(dir.resolve("other-ca.pem"),
                DevCertificates.ca("another CA", Duration.ofDays(1)).certificatePem());

        CapifException refused = onboardAt(server, otherCa);

        assertEquals(CapifException.Operation.ONBOARD, refused.operation());
        assertEquals(0, refused.status(), "no HTTP answer came");
        assertEquals("CAPIF onboard https://127.0.0.1:" + server.actualPort() + "/capif/api-invoker-management/v1"
                + "/onboardedInvokers: the TLS handshake failed, CAPIF's certificate was not accepted (unable to find"
                + " valid certification path to requested target): capif.trustFile must hold the CA that issued it, and"
                + " it must name the host of capif.capifRoot", refused.getMessage());
    }

    @Test
    void aCertificateForAnotherHostIsNamedAsTheReason() {
        HttpServer elsewhere = https(DevCertificates.server(operatorCa, "capif.example", List.of("capif.example"), List.of(),
                Duration.ofDays(1)));
        try {
            CapifException refused = onboardAt(elsewhere, operatorCaFile);

            assertTrue(refused.getMessage().endsWith(": the TLS handshake failed, CAPIF's certificate was not accepted (No"
                    + " subject alternative names matching IP address 127.0.0.1 found): capif.trustFile must hold the CA"
                    + " that issued it, and it must name the host of capif.capifRoot"), refused.getMessage());
        } finally {
            elsewhere.close().await();
        }
    }

    @Test
    void aHandshakeFailingForAnotherReasonSaysSoWithoutBlamingTheTrustFile() throws Exception {
        HttpServer plain = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(req -> req.response().end()).listen().await();
        try {
            CapifException refused = onboardAt(plain, operatorCaFile);

            assertTrue(refused.getMessage().contains(": the TLS handshake failed ("), refused.getMessage());
            assertFalse(refused.getMessage().contains("capif.trustFile"), "not a certificate problem: " + refused.getMessage());
        } finally {
            plain.close().await();
        }
    }
}
