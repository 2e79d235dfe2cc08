package io.modelqos.af.security;

import io.modelqos.testing.EventLoopGuard;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verifies the development certificates: the chain, names and usages, the CSR's self-signature, and that a real mutual
 * TLS handshake succeeds with them (and fails without a client certificate or with another CA).
 */
class DevCertificatesTest {
    @TempDir
    static Path dir;
    private static Vertx vertx;
    private static HttpServer server;

    @BeforeAll
    static void write() throws Exception {
        DevCertificates.writeDevelopmentSet(dir, "af.example.net", List.of("af.example.net"), List.of("10.0.0.7"),
                Duration.ofDays(2), false);
        vertx = EventLoopGuard.vertx();
        server = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setHost("127.0.0.1").setPort(0)
                        .setKeyCertOptions(new PemKeyCertOptions().setCertPath(file("server.crt")).setKeyPath(file("server.key")))
                        .setClientAuth(ClientAuth.REQUIRED)
                        .setTrustOptions(new PemTrustOptions().addCertPath(file("ca.crt"))))
                .requestHandler(req -> {
                    try {
                        req.response().end(req.connection().peerCertificates().size() + " peer cert(s)");
                    } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                        req.response().setStatusCode(403).end("no peer certificate");
                    }
                })
                .listen().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static String file(String name) {
        return dir.resolve(name).toString();
    }

    private static X509Certificate cert(String name) throws Exception {
        try (var in = Files.newInputStream(dir.resolve(name))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    @Test
    void writesTheWholeSetWithPrivateKeysForTheOwnerOnly() throws Exception {
        for (String name : DevCertificates.FILES.keySet()) {
            assertTrue(Files.size(dir.resolve(name)) > 100, name);
            if (name.endsWith(".key")) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name))));
                assertTrue(Files.readString(dir.resolve(name)).startsWith("-----BEGIN PRIVATE KEY-----"), name + " is PKCS#8");
            }
        }
        assertThrows(FileAlreadyExistsException.class, () -> DevCertificates.writeDevelopmentSet(dir, "af",
                List.of(), List.of(), Duration.ofDays(1), false));
    }

    @Test
    void certificatesChainToTheCaWithTheirNamesAndUsages() throws Exception {
        X509Certificate ca = cert("ca.crt");
        X509Certificate server = cert("server.crt");
        X509Certificate client = cert("client.crt");
        ca.verify(ca.getPublicKey());
        server.verify(ca.getPublicKey());
        client.verify(ca.getPublicKey());
        cert("nef-client.crt").verify(ca.getPublicKey());
        assertTrue(ca.getBasicConstraints() >= 0, "the CA is a CA");
        assertEquals(-1, server.getBasicConstraints(), "a leaf is not a CA");
        List<String> sans = server.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList();
        assertTrue(sans.containsAll(List.of("localhost", "af.example.net", "127.0.0.1", "10.0.0.7")), sans.toString());
        assertTrue(sans.stream().anyMatch(s -> s.startsWith("0:0:0:0:0:0:0:1")), "::1 in " + sans);
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), server.getExtendedKeyUsage(), "serverAuth");
        assertEquals(List.of("1.3.6.1.5.5.7.3.2"), client.getExtendedKeyUsage(), "clientAuth");
        assertEquals("CN=af.example.net", client.getSubjectX500Principal().getName());
    }

    @Test
    void theCsrIsSignedByTheKeyItCertifies() throws Exception {
        PKCS10CertificationRequest csr;
        try (PEMParser parser = new PEMParser(new StringReader(Files.readString(dir.resolve("af.csr"))))) {
            csr = (PKCS10CertificationRequest) parser.readObject();
        }
        assertEquals("CN=af.example.net", csr.getSubject().toString());
        // BouncyCastle trap: EC keys must become a JDK PublicKey before building the verifier.
        var publicKey = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(
                csr.getSubjectPublicKeyInfo().getEncoded()));
        assertTrue(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(publicKey)));
        assertEquals(1, csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest).length, "SANs requested");
        // and af.key is that key pair's private half
        String key = Files.readString(dir.resolve("af.key"));
        assertTrue(key.startsWith("-----BEGIN PRIVATE KEY-----"));
    }

    @Test
    void mutualTlsHandshakeSucceedsWithTheClientCertificate() throws Exception {
        for (String host : List.of("127.0.0.1", "localhost")) {
            WebClient client = WebClient.create(vertx, new WebClientOptions().setSsl(true).setVerifyHost(true)
                    .setTrustOptions(new PemTrustOptions().addCertPath(file("ca.crt")))
                    .setKeyCertOptions(new PemKeyCertOptions().setCertPath(file("client.crt")).setKeyPath(file("client.key"))));
            var response = client.get(server.actualPort(), host, "/").send()
                    .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
            assertEquals("1 peer cert(s)", response.bodyAsString(), host);
            client.close();
        }
    }

    @Test
    void handshakeFailsWithoutAClientCertificateOrWithAnotherCa() throws Exception {
        WebClient noCert = WebClient.create(vertx, new WebClientOptions().setSsl(true)
                .setTrustOptions(new PemTrustOptions().addCertPath(file("ca.crt"))));
        assertThrows(ExecutionException.class, () -> noCert.get(server.actualPort(), "127.0.0.1", "/").send()
                .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS));
        DevCertificates.Issued otherCa = DevCertificates.ca("another CA", Duration.ofDays(1));
        WebClient otherTrust = WebClient.create(vertx, new WebClientOptions().setSsl(true)
                .setTrustOptions(new PemTrustOptions().addCertValue(io.vertx.core.buffer.Buffer.buffer(otherCa.certificatePem())))
                .setKeyCertOptions(new PemKeyCertOptions().setCertPath(file("client.crt")).setKeyPath(file("client.key"))));
        assertThrows(ExecutionException.class, () -> otherTrust.get(server.actualPort(), "127.0.0.1", "/").send()
                .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS));
        DevCertificates.Issued strangerCert = DevCertificates.client(otherCa, "stranger", Duration.ofDays(1));
        WebClient stranger = WebClient.create(vertx, new WebClientOptions().setSsl(true)
                .setTrustOptions(new PemTrustOptions().addCertPath(file("ca.crt")))
                .setKeyCertOptions(new PemKeyCertOptions()
                        .setCertValue(io.vertx.core.buffer.Buffer.buffer(strangerCert.certificatePem()))
                        .setKeyValue(io.vertx.core.buffer.Buffer.buffer(strangerCert.keyPem()))));
        assertThrows(ExecutionException.class, () -> stranger.get(server.actualPort(), "127.0.0.1", "/").send()
                .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS));
    }
}
