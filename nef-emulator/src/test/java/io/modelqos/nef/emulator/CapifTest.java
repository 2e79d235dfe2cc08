package io.modelqos.nef.emulator;

import static io.modelqos.nef.emulator.TestPki.certificate;
import static io.modelqos.nef.emulator.TestPki.csr;
import static io.modelqos.nef.emulator.TestPki.newKeys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.openapi.T8Json;
import io.modelqos.openapi.validation.SpecValidator;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The CAPIF core function over real HTTP, as an API invoker (the AF) uses it: onboarding with a
 * BouncyCastle CSR, discovery of the NEF's AsSessionWithQoS, security context, token, the token
 * on the NEF, revocation and offboarding; and the failures. Every exchange is checked against the
 * project's TS 29.222 files and, when configured, the official ones.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class CapifTest {

    private static final String ONBOARDING_TOKEN = "test-onboarding-token";
    private static final String NOTIFY = "https://af.modelqos.example/af/v1/capif-notifications";

    private static Vertx vertx;
    private static NefEmulator nef;
    private static T8Client client;
    private static final List<Recorded> EXCHANGES = new ArrayList<>();

    private record Recorded(String rootFile, SpecValidator.HttpRequest request, SpecValidator.HttpResponse response) {
    }

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        EmulatorOptions options = new EmulatorOptions();
        options.getCapif().setEnabled(true).setOnboardingTokens(List.of(ONBOARDING_TOKEN, "second-token"));
        nef = NefEmulator.start(vertx, options).await();
        client = new T8Client(nef.apiRoot());
    }

    @AfterAll
    static void stop() {
        nef.close().await();
        vertx.close().await();
    }

    @Test
    void anInvokerOnboardsDiscoversGetsATokenAndUsesItOnTheNef() throws Exception {
        int onboardingsBefore = nef.onboardingCount();
        KeyPair keys = newKeys();
        T8Client.Response onboarded = onboard(ONBOARDING_TOKEN, enrolment(csr(keys, "modelqos-af")));
        assertEquals(201, onboarded.status(), onboarded.raw().body());
        String invokerId = onboarded.body().get("apiInvokerId").asText();
        assertEquals(nef.capifRoot() + "/api-invoker-management/v1/onboardedInvokers/" + invokerId,
                onboarded.header("Location").orElseThrow());
        X509Certificate certificate = certificate(onboarded.body().at("/onboardingInformation/apiInvokerCertificate").asText());
        certificate.verify(certificate(nef.capifCaCertificatePem()).getPublicKey());
        assertEquals(keys.getPublic(), certificate.getPublicKey(), "the certificate is for the key of the request");
        assertEquals("CN=" + invokerId, certificate.getSubjectX500Principal().getName());
        assertEquals(onboardingsBefore + 1, nef.onboardingCount());
        assertTrue(nef.onboardedInvokerIds().contains(invokerId));

        T8Client.Response discovered = get(discovery("api-invoker-id=" + invokerId + "&api-name=3gpp-as-session-with-qos&api-version=v1"));
        assertEquals(200, discovered.status(), discovered.raw().body());
        JsonNode aef = discovered.body().at("/serviceAPIDescriptions/0/aefProfiles/0");
        URI nefRoot = URI.create(nef.apiRoot());
        assertEquals(nefRoot.getHost(), aef.at("/interfaceDescriptions/0/ipv4Addr").asText());
        assertEquals(nefRoot.getPort(), aef.at("/interfaceDescriptions/0/port").asInt());
        assertEquals("[\"OAUTH\",\"PKI\"]", aef.get("securityMethods").toString());
        assertEquals("/{scsAsId}/subscriptions", aef.at("/versions/0/resources/0/uri").asText());
        String aefId = aef.get("aefId").asText();

        T8Client.Response trusted = put(security("trustedInvokers/" + invokerId), trust(aefId, "PKI", "OAUTH"));
        assertEquals(201, trusted.status(), trusted.raw().body());
        assertEquals("OAUTH", trusted.body().at("/securityInfo/0/selSecurityMethod").asText());
        assertEquals(nef.capifRoot() + "/capif-security/v1/trustedInvokers/" + invokerId, trusted.header("Location").orElseThrow());

        String scope = "3gpp#" + aefId + ":3gpp-as-session-with-qos";
        T8Client.Response token = token(invokerId, "grant_type=client_credentials&client_id=" + invokerId + "&scope=" + T8Client.urlEncode(scope));
        assertEquals(200, token.status(), token.raw().body());
        assertEquals("Bearer", token.body().get("token_type").asText());
        assertEquals(3600, token.body().get("expires_in").asInt());
        assertEquals("no-store", token.header("Cache-Control").orElseThrow());
        String accessToken = token.body().get("access_token").asText();

        ObjectNode subscription = T8Client.subscription("http://127.0.0.1:9/cb", "10.91.0.1", "mq-gbr-50M");
        T8Client.Response none = new T8Client(nef.apiRoot()).create("af-capif", subscription);
        T8Client.Response bogus = new T8Client(nef.apiRoot()).bearer("capif.not-issued").create("af-capif", subscription);
        T8Client.Response created = new T8Client(nef.apiRoot()).bearer(accessToken).create("af-capif", subscription);
        assertEquals(401, none.status());
        assertTrue(none.header("WWW-Authenticate").orElseThrow().startsWith("Bearer"));
        assertEquals(401, bogus.status());
        assertTrue(bogus.header("WWW-Authenticate").orElseThrow().contains("invalid_token"));
        assertEquals(201, created.status(), created.raw().body());

        // Revoked at the operator: CAPIF forgets the invoker and the NEF refuses its token.
        T8Client.Response revoke = client.send("DELETE", nef.apiRoot() + "/emulator/v1/capif/invokers/" + invokerId, null, null);
        assertEquals(204, revoke.status());
        assertEquals(404, get(discovery("api-invoker-id=" + invokerId)).status());
        T8Client.Response afterRevoke = new T8Client(nef.apiRoot()).bearer(accessToken).list("af-capif");
        assertEquals(401, afterRevoke.status());
        assertFalse(afterRevoke.raw().body().contains(accessToken), "tokens are not echoed");
        T8Client.Response tokenAfterRevoke = token(invokerId, "grant_type=client_credentials&client_id=" + invokerId + "&scope=" + T8Client.urlEncode(scope));
        assertEquals(401, tokenAfterRevoke.status());
        assertEquals("invalid_client", tokenAfterRevoke.body().get("error").asText());
        assertEquals(404, client.send("DELETE", onboarded.header("Location").orElseThrow(), null, null).status());
        assertFalse(nef.onboardedInvokerIds().contains(invokerId));
        assertEquals(404, client.send("DELETE", nef.apiRoot() + "/emulator/v1/capif/invokers/" + invokerId, null, null).status());
    }

    @Test
    void anInvokerUpdatesItsEnrolmentAndOffboards() throws Exception {
        T8Client.Response onboarded = onboard(ONBOARDING_TOKEN, enrolment(csr(newKeys(), "modelqos-af")));
        String invokerId = onboarded.body().get("apiInvokerId").asText();
        String location = onboarded.header("Location").orElseThrow();

        KeyPair newKeys = newKeys();
        ObjectNode update = enrolment(csr(newKeys, "modelqos-af"));
        update.put("apiInvokerId", invokerId);
        T8Client.Response updated = put(location, update);
        assertEquals(200, updated.status(), updated.raw().body());
        assertEquals(newKeys.getPublic(), certificate(updated.body().at("/onboardingInformation/apiInvokerCertificate").asText()).getPublicKey());

        int count = nef.onboardedInvokerCount();
        T8Client.Response offboarded = client.send("DELETE", location, null, null);
        assertEquals(204, offboarded.status());
        record(SpecValidator.CAPIF_INVOKER_ROOT_FILE, SpecValidator.HttpRequest.of("DELETE", location), offboarded);
        assertEquals(count - 1, nef.onboardedInvokerCount());
        assertEquals(404, put(location, update).status());
        assertEquals(404, client.send("DELETE", location, null, null).status());
    }

    @Test
    void onboardingNeedsAnAcceptedOnboardingToken() throws Exception {
        ObjectNode body = enrolment(csr(newKeys(), "modelqos-af"));
        int before = nef.onboardingCount();

        T8Client.Response none = onboard(null, body);
        T8Client.Response wrong = onboard("not-the-token", body);
        T8Client.Response second = onboard("second-token", body);

        assertEquals(401, none.status());
        assertEquals("application/problem+json", none.header("Content-Type").orElseThrow());
        assertTrue(none.header("WWW-Authenticate").orElseThrow().startsWith("Bearer"));
        assertEquals(401, wrong.status());
        assertTrue(wrong.header("WWW-Authenticate").orElseThrow().contains("invalid_token"));
        assertEquals(201, second.status(), "every configured onboarding token is accepted");
        assertEquals(before + 1, nef.onboardingCount());
    }

    @Test
    void aBadEnrolmentIsAProblemNamingTheAttribute() throws Exception {
        String csr = csr(newKeys(), "modelqos-af");
        String tampered = tamper(csr);

        T8Client.Response garbage = onboard(ONBOARDING_TOKEN, enrolment("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n"));
        T8Client.Response notPem = onboard(ONBOARDING_TOKEN, enrolment("MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE"));
        T8Client.Response badSignature = onboard(ONBOARDING_TOKEN, enrolment(tampered));
        ObjectNode noDestination = enrolment(csr);
        noDestination.remove("notificationDestination");
        T8Client.Response missing = onboard(ONBOARDING_TOKEN, noDestination);
        ObjectNode withId = enrolment(csr);
        withId.put("apiInvokerId", "INV-chosen-by-me");
        T8Client.Response idGiven = onboard(ONBOARDING_TOKEN, withId);

        for (T8Client.Response r : List.of(garbage, notPem, badSignature)) {
            assertEquals(400, r.status(), r.raw().body());
            assertEquals("application/problem+json", r.header("Content-Type").orElseThrow());
            assertEquals("/onboardingInformation/apiInvokerPublicKey", r.body().at("/invalidParams/0/param").asText(), r.raw().body());
        }
        assertTrue(badSignature.body().get("detail").asText().contains("signature"), badSignature.raw().body());
        assertEquals(400, missing.status());
        assertEquals("/notificationDestination", missing.body().at("/invalidParams/0/param").asText());
        assertEquals(400, idGiven.status());
        assertEquals("/apiInvokerId", idGiven.body().at("/invalidParams/0/param").asText());
    }

    @Test
    void anUnknownInvokerIsNotFoundAndGetsNoToken() throws Exception {
        T8Client.Response discovered = get(discovery("api-invoker-id=INV-unknown"));
        T8Client.Response trusted = put(security("trustedInvokers/INV-unknown"), trust(CapifCore.AEF_ID, "OAUTH"));
        T8Client.Response token = token("INV-unknown", "grant_type=client_credentials&client_id=INV-unknown&scope="
                + T8Client.urlEncode("3gpp#" + CapifCore.AEF_ID + ":3gpp-as-session-with-qos"));

        assertEquals(404, discovered.status());
        assertEquals("application/problem+json", discovered.header("Content-Type").orElseThrow());
        assertEquals(401, trusted.status(), "TS 29.222 defines no 404 for PUT trustedInvokers");
        assertTrue(trusted.header("WWW-Authenticate").isPresent());
        assertEquals(401, token.status());
        assertEquals("invalid_client", token.body().get("error").asText());
    }

    @Test
    void discoveryFiltersAndTokenRulesAreHonest() throws Exception {
        String invokerId = onboard(ONBOARDING_TOKEN, enrolment(csr(newKeys(), "modelqos-af"))).body().get("apiInvokerId").asText();

        T8Client.Response otherApi = get(discovery("api-invoker-id=" + invokerId + "&api-name=3gpp-traffic-influence"));
        T8Client.Response otherVersion = get(discovery("api-invoker-id=" + invokerId + "&api-name=3gpp-as-session-with-qos&api-version=v2"));
        T8Client.Response otherAef = get(discovery("api-invoker-id=" + invokerId + "&aef-id=AEF-elsewhere"));
        T8Client.Response all = get(discovery("api-invoker-id=" + invokerId + "&protocol=HTTP_1_1&data-format=JSON&comm-type=REQUEST_RESPONSE"));
        T8Client.Response noInvoker = get(discovery("api-name=3gpp-as-session-with-qos"));
        assertEquals(200, otherApi.status());
        assertTrue(otherApi.body().path("serviceAPIDescriptions").isMissingNode(), otherApi.raw().body());
        assertTrue(otherVersion.body().path("serviceAPIDescriptions").isMissingNode(), otherVersion.raw().body());
        assertTrue(otherAef.body().path("serviceAPIDescriptions").isMissingNode(), otherAef.raw().body());
        assertEquals(1, all.body().get("serviceAPIDescriptions").size());
        assertEquals(400, noInvoker.status());
        assertEquals("api-invoker-id", noInvoker.body().at("/invalidParams/0/param").asText());

        String scope = T8Client.urlEncode("3gpp#" + CapifCore.AEF_ID + ":3gpp-as-session-with-qos");
        T8Client.Response untrusted = token(invokerId, "grant_type=client_credentials&client_id=" + invokerId + "&scope=" + scope);
        assertEquals(400, untrusted.status());
        assertEquals("unauthorized_client", untrusted.body().get("error").asText());

        T8Client.Response pkiOnly = put(security("trustedInvokers/" + invokerId), trust(CapifCore.AEF_ID, "PKI"));
        assertEquals("PKI", pkiOnly.body().at("/securityInfo/0/selSecurityMethod").asText());
        assertEquals(400, token(invokerId, "grant_type=client_credentials&client_id=" + invokerId + "&scope=" + scope).status(),
                "no token without OAUTH selected");
        T8Client.Response pskOnly = put(security("trustedInvokers/" + invokerId), trust(CapifCore.AEF_ID, "PSK"));
        assertEquals(400, pskOnly.status());
        assertEquals("/securityInfo/0/prefSecurityMethods", pskOnly.body().at("/invalidParams/0/param").asText());
        ObjectNode noEntries = trust(CapifCore.AEF_ID, "OAUTH");
        noEntries.remove("securityInfo");
        T8Client.Response missingEntries = put(security("trustedInvokers/" + invokerId), noEntries);
        assertEquals(400, missingEntries.status());
        assertEquals("/securityInfo", missingEntries.body().at("/invalidParams/0/param").asText(), missingEntries.raw().body());
        T8Client.Response otherAefTrust = put(security("trustedInvokers/" + invokerId), trust("AEF-elsewhere", "OAUTH"));
        assertEquals("/securityInfo/0/aefId", otherAefTrust.body().at("/invalidParams/0/param").asText());

        assertEquals(201, put(security("trustedInvokers/" + invokerId), trust(CapifCore.AEF_ID, "OAUTH")).status(),
                "a second PUT replaces the context, answered 201 as TS 29.222 defines");
        T8Client.Response wrongScope = token(invokerId, "grant_type=client_credentials&client_id=" + invokerId + "&scope="
                + T8Client.urlEncode("3gpp#AEF-elsewhere:3gpp-as-session-with-qos"));
        T8Client.Response noScope = token(invokerId, "grant_type=client_credentials&client_id=" + invokerId);
        T8Client.Response password = token(invokerId, "grant_type=password&client_id=" + invokerId + "&scope=" + scope);
        T8Client.Response otherClient = token(invokerId, "grant_type=client_credentials&client_id=INV-other&scope=" + scope);
        assertEquals("invalid_scope", wrongScope.body().get("error").asText());
        assertEquals(400, wrongScope.status());
        assertEquals("invalid_scope", noScope.body().get("error").asText());
        assertEquals("unsupported_grant_type", password.body().get("error").asText());
        assertEquals(401, otherClient.status());
        T8Client.Response good = token(invokerId, "grant_type=client_credentials&client_id=" + invokerId + "&scope=" + scope);
        assertEquals(200, good.status(), good.raw().body());
        String accessToken = good.body().get("access_token").asText();

        // Removing the security context withdraws the tokens.
        T8Client.Response untrust = client.send("DELETE", security("trustedInvokers/" + invokerId), null, null);
        assertEquals(204, untrust.status());
        record(SpecValidator.CAPIF_SECURITY_ROOT_FILE, SpecValidator.HttpRequest.of("DELETE", security("trustedInvokers/" + invokerId)), untrust);
        assertEquals(401, new T8Client(nef.apiRoot()).bearer(accessToken).list("af-capif").status());
        assertEquals(404, client.send("DELETE", security("trustedInvokers/" + invokerId), null, null).status());
    }

    @Test
    void revokingAuthorizationForTheApiWithdrawsTheTokens() throws Exception {
        String invokerId = onboard(ONBOARDING_TOKEN, enrolment(csr(newKeys(), "modelqos-af"))).body().get("apiInvokerId").asText();
        put(security("trustedInvokers/" + invokerId), trust(CapifCore.AEF_ID, "OAUTH"));
        String scope = T8Client.urlEncode("3gpp#" + CapifCore.AEF_ID + ":3gpp-as-session-with-qos");
        String accessToken = token(invokerId, "grant_type=client_credentials&client_id=" + invokerId + "&scope=" + scope)
                .body().get("access_token").asText();
        ObjectNode notice = T8Json.mapper().createObjectNode().put("apiInvokerId", invokerId).put("aefId", CapifCore.AEF_ID)
                .put("cause", "UNEXPECTED_REASON");
        notice.putArray("apiIds").add(CapifCore.API_ID);

        T8Client.Response revoked = post(security("trustedInvokers/" + invokerId + "/delete"), notice);

        assertEquals(204, revoked.status(), revoked.raw().body());
        assertEquals(401, new T8Client(nef.apiRoot()).bearer(accessToken).list("af-capif").status());
        assertEquals(400, token(invokerId, "grant_type=client_credentials&client_id=" + invokerId + "&scope=" + scope).status());
    }

    @Test
    void adminRouteListsTheInvokers() throws Exception {
        String invokerId = onboard(ONBOARDING_TOKEN, enrolment(csr(newKeys(), "modelqos-af"))).body().get("apiInvokerId").asText();
        T8Client.Response list = client.send("GET", nef.apiRoot() + "/emulator/v1/capif/invokers", null, null);
        assertEquals(200, list.status());
        assertTrue(list.body().get("invokers").toString().contains(invokerId));
        assertTrue(nef.revokeInvoker(invokerId));
        assertFalse(nef.revokeInvoker(invokerId));
    }

    // ------------------------------------------------------------------------------------------
    // Conformance of everything recorded above (run last: methods run by name, these start with z)
    // ------------------------------------------------------------------------------------------

    @Test
    void zAnswersMatchTheProjectFiles() throws Exception {
        anInvokerOnboardsDiscoversGetsATokenAndUsesItOnTheNef();
        assertConforms(SpecValidator::project);
    }

    @Test
    void zAnswersMatchTheOfficialRel18Files() throws Exception {
        Optional<Path> dir = officialDir();
        assumeTrue(dir.isPresent(), "threegpp.spec.dir not set or not found: official files not checked");
        anInvokerOnboardsDiscoversGetsATokenAndUsesItOnTheNef();
        assertConforms(root -> SpecValidator.official(dir.get(), root));
    }

    private static synchronized void assertConforms(Function<String, SpecValidator> validators) {
        List<String> problems = new ArrayList<>();
        assertTrue(EXCHANGES.size() >= 30, "exchanges recorded: " + EXCHANGES.size());
        for (Recorded e : List.copyOf(EXCHANGES)) {
            SpecValidator.Result result = validators.apply(e.rootFile()).validateResponse(e.request(), e.response());
            if (!result.isValid()) {
                problems.add(result.toString());
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static Optional<Path> officialDir() {
        return SpecValidator.officialSpecDir().flatMap(dir -> {
            for (Path candidate : List.of(dir, Path.of("..").resolve(dir))) {
                if (Files.isRegularFile(candidate.resolve(SpecValidator.CAPIF_SECURITY_ROOT_FILE))) {
                    return Optional.of(candidate);
                }
            }
            return Optional.empty();
        });
    }

    // ------------------------------------------------------------------------------------------

    private static T8Client.Response onboard(String onboardingToken, ObjectNode body) throws Exception {
        String uri = nef.capifRoot() + "/api-invoker-management/v1/onboardedInvokers";
        String json = T8Json.mapper().writeValueAsString(body);
        T8Client.Response r = new T8Client(nef.apiRoot()).bearer(onboardingToken).send("POST", uri, json, "application/json");
        record(SpecValidator.CAPIF_INVOKER_ROOT_FILE, SpecValidator.HttpRequest.of("POST", uri, "application/json", json), r);
        return r;
    }

    private static T8Client.Response put(String uri, ObjectNode body) throws Exception {
        return send("PUT", uri, body);
    }

    private static T8Client.Response post(String uri, ObjectNode body) throws Exception {
        return send("POST", uri, body);
    }

    private static T8Client.Response send(String method, String uri, ObjectNode body) throws Exception {
        String json = T8Json.mapper().writeValueAsString(body);
        T8Client.Response r = client.send(method, uri, json, "application/json");
        record(uri.contains("/capif-security/") ? SpecValidator.CAPIF_SECURITY_ROOT_FILE : SpecValidator.CAPIF_INVOKER_ROOT_FILE,
                SpecValidator.HttpRequest.of(method, uri, "application/json", json), r);
        return r;
    }

    private static T8Client.Response get(String uri) throws Exception {
        T8Client.Response r = client.send("GET", uri, null, null);
        record(SpecValidator.CAPIF_DISCOVER_ROOT_FILE, SpecValidator.HttpRequest.of("GET", uri), r);
        return r;
    }

    private static T8Client.Response token(String securityId, String form) throws Exception {
        String uri = security("securities/" + securityId + "/token");
        T8Client.Response r = client.form(uri, form, null);
        record(SpecValidator.CAPIF_SECURITY_ROOT_FILE, SpecValidator.HttpRequest.of("POST", uri, "application/x-www-form-urlencoded", form), r);
        return r;
    }

    private static synchronized void record(String rootFile, SpecValidator.HttpRequest request, T8Client.Response r) {
        EXCHANGES.add(new Recorded(rootFile, request, new SpecValidator.HttpResponse(r.status(), Map.copyOf(r.raw().headers().map()),
                r.raw().body())));
    }

    private static String discovery(String query) {
        return nef.capifRoot() + "/service-apis/v1/allServiceAPIs?" + query;
    }

    private static String security(String path) {
        return nef.capifRoot() + "/capif-security/v1/" + path;
    }

    private static ObjectNode enrolment(String publicKey) {
        ObjectNode body = T8Json.mapper().createObjectNode();
        body.putObject("onboardingInformation").put("apiInvokerPublicKey", publicKey);
        body.put("notificationDestination", NOTIFY);
        body.put("apiInvokerInformation", "ModelQoS AF (test)");
        return body;
    }

    private static ObjectNode trust(String aefId, String... methods) {
        ObjectNode body = T8Json.mapper().createObjectNode();
        ObjectNode entry = body.putArray("securityInfo").addObject().put("aefId", aefId).put("apiId", CapifCore.API_ID);
        var preferred = entry.putArray("prefSecurityMethods");
        for (String m : methods) {
            preferred.add(m);
        }
        body.put("notificationDestination", NOTIFY);
        return body;
    }

    /** The same request with one byte of its signature changed: well-formed, but the signature fails. */
    private static String tamper(String csrPem) {
        String base64 = csrPem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = java.util.Base64.getDecoder().decode(base64);
        der[der.length - 1] ^= 0x01;
        String changed = java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        assertNotEquals(base64, changed.replace("\n", ""));
        return "-----BEGIN CERTIFICATE REQUEST-----\n" + changed + "\n-----END CERTIFICATE REQUEST-----\n";
    }
}
