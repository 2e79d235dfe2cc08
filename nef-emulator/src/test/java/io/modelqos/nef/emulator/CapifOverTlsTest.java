package io.modelqos.nef.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.openapi.T8Json;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulator over real TLS with CAPIF, as an API invoker meets it: CAPIF and the NEF at https
 * roots, onboarding without a client certificate, and the NEF serving a CAPIF access token only to
 * the invoker it was issued to presenting the certificate CAPIF issued it; 403 problem+json
 * without a certificate or with another invoker's. Over plain HTTP nothing changes.
 */
class CapifOverTlsTest {

    private static final String ONBOARDING_TOKEN = "tls-onboarding-token";
    private static final String NOTIFY = "https://af.modelqos.example/af/v1/capif-notifications";

    @TempDir
    static Path dir;
    private static Vertx vertx;
    private static NefEmulator nef;
    private static TestPki.Issued serverCa;
    private static EmulatorOptions tlsOptions;

    /** An onboarded invoker: its id, its key and the certificate CAPIF issued it, and a CAPIF access token. */
    private record Invoker(String id, KeyPair keys, X509Certificate certificate, String accessToken) {
    }

    @BeforeAll
    static void start() throws Exception {
        serverCa = TestPki.ca("test operator CA");
        TestPki.Issued server = TestPki.server(serverCa);
        Path cert = Files.writeString(dir.resolve("server.crt"), server.certificatePem());
        Path key = Files.writeString(dir.resolve("server.key"), server.keyPem());
        tlsOptions = new EmulatorOptions();
        tlsOptions.getTls().setCertFile(cert.toString()).setKeyFile(key.toString());
        vertx = Vertx.vertx();
        EmulatorOptions options = tlsOptions.copy();
        options.getCapif().setEnabled(true).setOnboardingTokens(List.of(ONBOARDING_TOKEN));
        nef = NefEmulator.start(vertx, options).await();
    }

    @AfterAll
    static void stop() {
        nef.close().await();
        vertx.close().await();
    }

    @Test
    void capifAndTheNefItExposesAreServedOverHttps() throws Exception {
        URI root = URI.create(nef.apiRoot());
        assertEquals("https", root.getScheme());
        assertEquals(nef.port(), root.getPort());
        assertEquals(nef.apiRoot() + "/capif", nef.capifRoot());
        assertTrue(nef.endpoints().contains("CAPIF core function at " + nef.capifRoot() + " (the NEF requires CAPIF access"
                + " tokens and the certificate CAPIF issued the token's invoker)"), nef.endpoints());

        Invoker invoker = onboard(nef);
        T8Client.Response discovered = anonymous(nef).send("GET", nef.capifRoot()
                + "/service-apis/v1/allServiceAPIs?api-invoker-id=" + invoker.id(), null, null);

        assertEquals(200, discovered.status(), discovered.raw().body());
        assertEquals("127.0.0.1", discovered.body().at("/serviceAPIDescriptions/0/aefProfiles/0/interfaceDescriptions/0/ipv4Addr").asText());
        assertEquals(nef.port(), discovered.body().at("/serviceAPIDescriptions/0/aefProfiles/0/interfaceDescriptions/0/port").asInt());
    }

    @Test
    void theInvokerPresentingItsCertificateIsServed() throws Exception {
        Invoker invoker = onboard(nef);
        T8Client t8 = presenting(nef, invoker).bearer(invoker.accessToken());

        T8Client.Response created = t8.create("af-tls", subscription("10.92.0.1"));
        T8Client.Response read = t8.read(created.header("Location").orElseThrow());

        assertEquals(201, created.status(), created.raw().body());
        assertTrue(created.header("Location").orElseThrow().startsWith(nef.apiRoot() + "/3gpp-as-session-with-qos/v1/af-tls/"));
        assertEquals(200, read.status(), read.raw().body());
    }

    @Test
    void withoutACertificateTheTokenIsRefusedWith403() throws Exception {
        Invoker invoker = onboard(nef);

        T8Client.Response refused = anonymous(nef).bearer(invoker.accessToken()).create("af-tls-none", subscription("10.92.0.2"));

        assertProblem(403, refused);
        String detail = refused.body().get("detail").asText();
        assertTrue(detail.startsWith("no client certificate"), detail);
        assertTrue(detail.contains(invoker.id()), detail);
        assertEquals(0, nef.liveSubscriptions("af-tls-none").size());
    }

    @Test
    void anotherInvokersCertificateIsRefusedWith403NamingBoth() throws Exception {
        Invoker holder = onboard(nef);
        Invoker other = onboard(nef);

        T8Client.Response refused = presenting(nef, other).bearer(holder.accessToken())
                .create("af-tls-other", subscription("10.92.0.3"));

        assertProblem(403, refused);
        assertEquals("the client certificate is API invoker " + other.id() + "'s, but the access token was issued to API invoker "
                + holder.id(), refused.body().get("detail").asText());
        assertEquals(0, nef.liveSubscriptions("af-tls-other").size());
    }

    /** The listener names the CAPIF CA as the one it accepts, so a client offers no certificate of another. */
    @Test
    void aCertificateCapifDidNotIssueIsNoCertificate() throws Exception {
        Invoker invoker = onboard(nef);
        TestPki.Issued impostor = TestPki.client(TestPki.ca("another CA"), invoker.id());
        T8Client t8 = new T8Client(nef.apiRoot(), TestPki.clientTls(serverCa.certificate(), impostor.certificate(), impostor.key()))
                .bearer(invoker.accessToken());

        T8Client.Response refused = t8.create("af-tls-impostor", subscription("10.92.0.4"));

        assertProblem(403, refused);
        assertTrue(refused.body().get("detail").asText().startsWith("no client certificate"), refused.raw().body());
        assertEquals(0, nef.liveSubscriptions("af-tls-impostor").size());
    }

    @Test
    void withoutATokenItIsStill401BeforeAnyCertificateCheck() throws Exception {
        Invoker invoker = onboard(nef);

        T8Client.Response none = presenting(nef, invoker).create("af-tls", subscription("10.92.0.5"));

        assertProblem(401, none);
        assertTrue(none.header("WWW-Authenticate").orElseThrow().startsWith("Bearer"));
    }

    @Test
    void overPlainHttpNoCertificateIsAskedFor() throws Exception {
        EmulatorOptions options = new EmulatorOptions();
        options.getCapif().setEnabled(true).setOnboardingTokens(List.of(ONBOARDING_TOKEN));
        NefEmulator plain = NefEmulator.start(vertx, options).await();
        try {
            assertTrue(plain.apiRoot().startsWith("http://"), plain.apiRoot());
            Invoker invoker = onboard(plain);

            T8Client.Response created = new T8Client(plain.apiRoot()).bearer(invoker.accessToken())
                    .create("af-plain", subscription("10.92.0.6"));

            assertEquals(201, created.status(), created.raw().body());
        } finally {
            plain.close().await();
        }
    }

    @Test
    void tlsWithoutCapifServesWithoutClientCertificates() throws Exception {
        NefEmulator https = NefEmulator.start(vertx, tlsOptions.copy()).await();
        try {
            T8Client.Response created = anonymous(https).create("af-https", subscription("10.92.0.7"));

            assertEquals(201, created.status(), created.raw().body());
            assertTrue(created.header("Location").orElseThrow().startsWith("https://127.0.0.1:" + https.port() + "/"));
        } finally {
            https.close().await();
        }
    }

    @Test
    void aMissingKeyFileFailsTheStartNamingTheField() {
        EmulatorOptions options = tlsOptions.copy();
        options.getTls().setKeyFile(dir.resolve("missing.key").toString());

        Exception failure = assertThrows(Exception.class, () -> NefEmulator.start(vertx, options).await());

        assertEquals("tls.keyFile: no such file " + dir.resolve("missing.key"), failure.getMessage());
    }

    // ------------------------------------------------------------------------------------------

    private static void assertProblem(int status, T8Client.Response r) {
        assertEquals(status, r.status(), r.raw().body());
        assertEquals("application/problem+json", r.header("Content-Type").orElseThrow());
        assertEquals(status, r.body().get("status").asInt());
    }

    /** A client that trusts the emulator's server certificate and presents none. */
    private static T8Client anonymous(NefEmulator emulator) throws Exception {
        return new T8Client(emulator.apiRoot(), TestPki.clientTls(serverCa.certificate(), null, null));
    }

    /** A client presenting the certificate CAPIF issued {@code invoker}. */
    private static T8Client presenting(NefEmulator emulator, Invoker invoker) throws Exception {
        return new T8Client(emulator.apiRoot(), TestPki.clientTls(serverCa.certificate(), invoker.certificate(),
                invoker.keys().getPrivate()));
    }

    /** Onboards with a fresh key (no client certificate yet), sets up OAUTH and gets a token: as the AF does. */
    private static Invoker onboard(NefEmulator emulator) throws Exception {
        KeyPair keys = TestPki.newKeys();
        T8Client capif = emulator.apiRoot().startsWith("https") ? anonymous(emulator) : new T8Client(emulator.apiRoot());
        ObjectNode enrolment = T8Json.mapper().createObjectNode().put("notificationDestination", NOTIFY);
        enrolment.putObject("onboardingInformation").put("apiInvokerPublicKey", TestPki.csr(keys, "modelqos-af"));
        T8Client.Response onboarded = capif.bearer(ONBOARDING_TOKEN).send("POST",
                emulator.capifRoot() + "/api-invoker-management/v1/onboardedInvokers", json(enrolment), "application/json");
        assertEquals(201, onboarded.status(), onboarded.raw().body());
        String id = onboarded.body().get("apiInvokerId").asText();
        X509Certificate certificate = TestPki.certificate(onboarded.body().at("/onboardingInformation/apiInvokerCertificate").asText());

        ObjectNode security = T8Json.mapper().createObjectNode().put("notificationDestination", NOTIFY);
        security.putArray("securityInfo").addObject().put("aefId", CapifCore.AEF_ID).putArray("prefSecurityMethods").add("OAUTH");
        T8Client.Response trusted = capif.bearer(null).send("PUT", emulator.capifRoot() + "/capif-security/v1/trustedInvokers/" + id,
                json(security), "application/json");
        assertEquals(201, trusted.status(), trusted.raw().body());
        T8Client.Response token = capif.form(emulator.capifRoot() + "/capif-security/v1/securities/" + id + "/token",
                "grant_type=client_credentials&client_id=" + id + "&scope="
                        + T8Client.urlEncode("3gpp#" + CapifCore.AEF_ID + ":" + CapifCore.API_NAME), null);
        assertEquals(200, token.status(), token.raw().body());
        return new Invoker(id, keys, certificate, token.body().get("access_token").asText());
    }

    private static ObjectNode subscription(String ue) {
        return T8Client.subscription("http://127.0.0.1:9/cb", ue, "mq-gbr-50M");
    }

    private static String json(ObjectNode body) throws IOException {
        return T8Json.mapper().writeValueAsString(body);
    }
}
