package io.modelqos.app;

import io.modelqos.af.config.AfConfig;
import io.modelqos.af.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verifies {@code modelqos certs}: the files it writes, that it does not overwrite them unasked, and that {@code serve}
 * answers over HTTPS with its server certificate to a client that trusts its CA (and to no other).
 */
class CertsCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesTheSetAndTellsHowToUseIt() throws Exception {
        CommandRun run = CommandRun.of("certs", "--dir", dir.toString(), "--af-id", "af.test", "--dns", "af.test",
                "--ip", "10.1.2.3", "--days", "30");
        assertEquals(0, run.exitCode(), run.err());
        for (String name : List.of("ca.crt", "ca.key", "server.crt", "server.key", "client.crt", "client.key",
                "nef-client.crt", "nef-client.key", "af.csr", "af.key")) {
            assertTrue(Files.exists(dir.resolve(name)), name);
            assertTrue(run.out().contains(name), name + " listed in " + run.out());
        }
        assertTrue(Files.readString(dir.resolve("af.csr")).startsWith("-----BEGIN CERTIFICATE REQUEST-----"));
        assertTrue(run.out().contains("MODELQOS_TLS_CERT_FILE="), run.out());
        X509Certificate server = certificate(dir.resolve("server.crt"));
        assertTrue(server.getSubjectAlternativeNames().stream().anyMatch(n -> "10.1.2.3".equals(n.get(1))));

        CommandRun again = CommandRun.of("certs", "--dir", dir.toString());
        assertEquals(1, again.exitCode());
        assertTrue(again.err().contains("--force"), again.err());
        assertEquals(0, CommandRun.of("certs", "--dir", dir.toString(), "--force").exitCode());
        assertEquals(2, CommandRun.of("certs", "--dir", dir.resolve("x").toString(), "--ip", "not-an-ip").exitCode());
    }

    @Test
    void serveAnswersOverHttpsWithTheDevelopmentCertificate() throws Exception {
        assertEquals(0, CommandRun.of("certs", "--dir", dir.toString()).exitCode());
        AfConfig config = ConfigLoader.load(null, Map.of(
                "MODELQOS_TLS_CERT_FILE", dir.resolve("server.crt").toString(),
                "MODELQOS_TLS_KEY_FILE", dir.resolve("server.key").toString(),
                "MODELQOS_API_KEYS", "tenant-a:0123456789abcdef-tenant-a"), Map.of("host", "127.0.0.1", "port", "0"));
        try (AfRuntime runtime = AfRuntime.start(config)) {
            assertTrue(runtime.baseUri().startsWith("https://"), runtime.baseUri());
            HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(dir.resolve("ca.crt")))
                    .connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> health = trusting.send(HttpRequest.newBuilder(URI.create(runtime.baseUri() + "/health/live"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            HttpResponse<String> list = trusting.send(HttpRequest.newBuilder(URI.create(runtime.baseUri()
                    + "/model-delivery/v1/deliveries")).header("Authorization", "Bearer 0123456789abcdef-tenant-a").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, list.statusCode(), list.body());
            HttpResponse<String> created = trusting.send(HttpRequest.newBuilder(URI.create(runtime.baseUri()
                    + "/model-delivery/v1/deliveries")).header("Authorization", "Bearer 0123456789abcdef-tenant-a")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"ue\":{\"ipv4Addr\":\"10.45.0.9\"},\"server\":{\"ipv4Addr\":\"10.0.0.10\",\"port\":443},"
                            + "\"model\":{\"name\":\"m\",\"variants\":[{\"id\":\"fp32\",\"precision\":\"FP32\","
                            + "\"sizeBytes\":100000000}]},\"latencyBudgetMs\":1000}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
            String id = created.body().replaceAll(".*\"deliveryId\":\"([^\"]+)\".*", "$1");
            String delivery = "";
            for (int i = 0; i < 50 && !delivery.contains("\"dlRate\""); i++) {
                Thread.sleep(100);
                delivery = trusting.send(HttpRequest.newBuilder(URI.create(runtime.baseUri() + "/model-delivery/v1/deliveries/"
                        + id)).header("Authorization", "Bearer 0123456789abcdef-tenant-a").build(),
                        HttpResponse.BodyHandlers.ofString()).body();
            }
            assertTrue(delivery.contains("\"dlRate\""), "the embedded emulator's rate reports reach the AF (on a plain"
                    + " callback listener of their own): " + delivery);
            HttpClient jdkTrust = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            assertThrows(SSLHandshakeException.class, () -> jdkTrust.send(HttpRequest.newBuilder(
                    URI.create(runtime.baseUri() + "/health/live")).build(), HttpResponse.BodyHandlers.ofString()));
        }
    }

    static X509Certificate certificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    static SSLContext trusting(Path caPem) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("ca", certificate(caPem));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
