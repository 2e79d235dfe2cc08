package io.modelqos.security;

import io.modelqos.client.ModelQosClient;
import io.modelqos.client.NotFoundException;
import io.modelqos.client.model.Delivery;
import io.modelqos.client.model.DeliveryRequest;
import io.modelqos.client.model.ModelCatalog;
import io.modelqos.client.model.ModelServer;
import io.modelqos.client.model.UeId;
import io.modelqos.testing.EventLoopGuard;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verifies northbound authentication over real HTTP against a real AF: static API keys and JWTs signed by keys made in
 * the test (JWKS served by a real HTTP server), scopes per operation, and tenant isolation (another tenant's delivery
 * is 404, another tenant's Idempotency-Key does not collide).
 */
class NorthboundAuthTest {
    static final String KEY_A = "key-a-0123456789abcdef";
    static final String KEY_B = "key-b-0123456789abcdef";
    private static SecureAf env;
    private static Issuer issuer;

    @BeforeAll
    static void start() throws Exception {
        io.vertx.core.Vertx vertx = EventLoopGuard.vertx();
        issuer = new Issuer(vertx, "https://idp.security.test");
        var emulator = SecureAf.await(io.modelqos.nef.emulator.NefEmulator.start(vertx, SecureAf.emulatorOptions()));
        env = SecureAf.start(vertx, emulator, emulator.apiRoot(), Map.of(
                "auth.apiKeys", "tenant-a:" + KEY_A + ",tenant-b:" + KEY_B,
                "auth.jwt.issuer", issuer.issuer,
                "auth.jwt.jwksUri", issuer.jwksUri(),
                "auth.jwt.audience", Issuer.AUDIENCE,
                "auth.jwt.jwksMinRefreshS", "0"), null, true);
    }

    @AfterAll
    static void stop() throws Exception {
        issuer.close();
        env.close();
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals(status, new JsonObject(response.body()).getInteger("status"));
    }

    @Test
    void missingOrInvalidCredentialsAre401WithWwwAuthenticate() throws Exception {
        HttpResponse<String> none = env.call("GET", "deliveries", null, null);
        assertProblem(none, 401);
        assertEquals("Bearer realm=\"modelqos\"", none.headers().firstValue("WWW-Authenticate").orElse(""));

        for (String header : List.of("Bearer wrong-key", "Bearer " + KEY_A + "x", "Bearer " + KEY_A.substring(1))) {
            HttpResponse<String> wrong = env.call("GET", "deliveries", null, null, "Authorization", header);
            assertProblem(wrong, 401);
            assertTrue(wrong.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"invalid_token\""));
            assertFalse(wrong.body().contains(KEY_A.substring(1)), "the token is not echoed");
        }
        for (String header : List.of("Basic dGVuYW50LWE6a2V5LWE=", "Bearer", "Bearer a b", KEY_A)) {
            HttpResponse<String> malformed = env.call("GET", "deliveries", null, null, "Authorization", header);
            assertProblem(malformed, 401);
            assertTrue(malformed.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer realm="));
        }
        // before validation and routing: an unknown path or a bad body still gets 401, not 400/404
        assertProblem(env.call("GET", "no-such-resource", null, null), 401);
        assertProblem(env.call("POST", "deliveries", null, "{not json"), 401);
    }

    @Test
    void apiKeysNameTheirTenantAndOthersSeeNothingOfIt() throws Exception {
        HttpResponse<String> created = env.call("POST", "deliveries", KEY_A, SecureAf.validBody("10.45.1.1").encode());
        assertEquals(201, created.statusCode(), created.body());
        String id = new JsonObject(created.body()).getString("deliveryId");

        assertEquals(200, env.call("GET", "deliveries/" + id, KEY_A, null).statusCode());
        assertProblem(env.call("GET", "deliveries/" + id, KEY_B, null), 404);
        assertProblem(env.call("GET", "deliveries/" + id + "/events", KEY_B, null), 404);
        assertProblem(env.call("POST", "deliveries/" + id + "/progress", KEY_B,
                new JsonObject().put("bytes", 10).put("elapsedMs", 10).encode()), 404);
        assertProblem(env.call("DELETE", "deliveries/" + id, KEY_B, null), 404);
        String listB = env.call("GET", "deliveries", KEY_B, null).body();
        assertFalse(listB.contains(id), listB);
        assertTrue(env.call("GET", "deliveries", KEY_A, null).body().contains(id));
        assertEquals("QOS_GRANTED", new JsonObject(env.call("GET", "deliveries/" + id, KEY_A, null).body()).getString("state"),
                "tenant b's attempts changed nothing");
        assertEquals(200, env.call("DELETE", "deliveries/" + id, KEY_A, null).statusCode());
    }

    @Test
    void anotherTenantsIdempotencyKeyDoesNotCollide() throws Exception {
        String body = SecureAf.validBody("10.45.1.2").encode();
        HttpResponse<String> a = env.call("POST", "deliveries", KEY_A, body, "Idempotency-Key", "shared-key-1");
        HttpResponse<String> b = env.call("POST", "deliveries", KEY_B, body, "Idempotency-Key", "shared-key-1");
        assertEquals(201, a.statusCode(), a.body());
        assertEquals(201, b.statusCode(), "not a replay of a's and not a 409: " + b.body());
        String idA = new JsonObject(a.body()).getString("deliveryId");
        String idB = new JsonObject(b.body()).getString("deliveryId");
        assertNotEquals(idA, idB);
        HttpResponse<String> againA = env.call("POST", "deliveries", KEY_A, body, "Idempotency-Key", "shared-key-1");
        assertEquals(idA, new JsonObject(againA.body()).getString("deliveryId"), "a's own key replays a's delivery");
        HttpResponse<String> otherBodyB = env.call("POST", "deliveries", KEY_B, SecureAf.validBody("10.45.1.3").encode(),
                "Idempotency-Key", "shared-key-1");
        assertProblem(otherBodyB, 409);
        assertFalse(otherBodyB.body().contains(idA), "the conflict names nothing of a's");
        env.call("DELETE", "deliveries/" + idA, KEY_A, null);
        env.call("DELETE", "deliveries/" + idB, KEY_B, null);
    }

    @Test
    void jwtsOfTheIssuerAuthenticateTheirClientAsTheTenant() throws Exception {
        String all = "modelqos.deliveries.read modelqos.deliveries.write modelqos.deliveries.delete";
        String rs = issuer.token("rsa-1", issuer.claims("tenant-jwt", all));
        String es = issuer.token("ec-1", issuer.claims("tenant-jwt", all));
        HttpResponse<String> created = env.call("POST", "deliveries", rs, SecureAf.validBody("10.45.1.4").encode());
        assertEquals(201, created.statusCode(), created.body());
        String id = new JsonObject(created.body()).getString("deliveryId");
        assertEquals(200, env.call("GET", "deliveries/" + id, es, null).statusCode(), "same client_id, same tenant");
        assertProblem(env.call("GET", "deliveries/" + id, KEY_A, null), 404);
        String otherClient = issuer.token("ec-1", issuer.claims("tenant-other", all));
        assertProblem(env.call("GET", "deliveries/" + id, otherClient, null), 404);
        assertEquals(200, env.call("DELETE", "deliveries/" + id, es, null).statusCode());
    }

    @Test
    void scopesGateReadWriteAndDelete() throws Exception {
        String readOnly = issuer.token("rsa-1", issuer.claims("tenant-scoped", "modelqos.deliveries.read"));
        HttpResponse<String> create = env.call("POST", "deliveries", readOnly, SecureAf.validBody("10.45.1.5").encode());
        assertProblem(create, 403);
        assertTrue(create.headers().firstValue("WWW-Authenticate").orElse("").contains("insufficient_scope"));
        assertTrue(create.body().contains("modelqos.deliveries.write"), create.body());
        assertEquals(200, env.call("GET", "deliveries", readOnly, null).statusCode());
        assertEquals(200, env.call("POST", "plans", readOnly, new JsonObject()
                .put("model", SecureAf.validBody("10.0.0.1").getJsonObject("model")).put("latencyBudgetMs", 1000).encode())
                .statusCode(), "a dry run only reads");

        String write = issuer.token("rsa-1", issuer.claims("tenant-scoped", "modelqos.deliveries.write modelqos.deliveries.read"));
        HttpResponse<String> created = env.call("POST", "deliveries", write, SecureAf.validBody("10.45.1.5").encode());
        assertEquals(201, created.statusCode(), created.body());
        String id = new JsonObject(created.body()).getString("deliveryId");
        HttpResponse<String> delete = env.call("DELETE", "deliveries/" + id, write, null);
        assertProblem(delete, 403);
        assertTrue(delete.body().contains("modelqos.deliveries.delete"));
        String noScope = issuer.token("ec-1", issuer.claims("tenant-scoped", ""));
        assertProblem(env.call("GET", "deliveries/" + id, noScope, null), 403);
        String deleter = issuer.token("ec-1", issuer.claims("tenant-scoped", "modelqos.deliveries.delete"));
        assertEquals(200, env.call("DELETE", "deliveries/" + id, deleter, null).statusCode());
    }

    /**
     * Changes one character in the middle of the signature. (The last base64url character carries only 2
     * significant bits of an RSA-2048 signature, so changing it may leave the decoded signature as it was.)
     */
    private static String tamperSignature(String jwt) {
        int at = jwt.lastIndexOf('.') + 20;
        char c = jwt.charAt(at);
        return jwt.substring(0, at) + (c == 'A' ? 'B' : 'A') + jwt.substring(at + 1);
    }

    @Test
    void jwtsFailingAnyCheckAre401() throws Exception {
        String scope = "modelqos.deliveries.read";
        long now = Instant.now().getEpochSecond();
        List<String> refused = List.of(
                issuer.token("rsa-1", issuer.claims("t", scope).put("exp", now - 120)),
                issuer.token("rsa-1", issuer.claims("t", scope).put("aud", "another-api")),
                issuer.token("rsa-1", issuer.claims("t", scope).put("iss", "https://evil.test")),
                tamperSignature(issuer.token("rsa-1", issuer.claims("t", scope))),
                new Issuer(env.vertx, issuer.issuer).token("rsa-1", issuer.claims("t", scope)));   // right kid, other key
        for (String token : refused) {
            HttpResponse<String> response = env.call("GET", "deliveries", token, null);
            assertProblem(response, 401);
            assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_token"));
        }
    }

    @Test
    void aRotatedKeyIsFetchedOnItsFirstToken() throws Exception {
        int before = issuer.jwksRequests.get();
        issuer.addKey("rsa-rotated", Issuer.rsa(), true);
        String token = issuer.token("rsa-rotated", issuer.claims("tenant-rot", "modelqos.deliveries.read"));
        assertEquals(200, env.call("GET", "deliveries", token, null).statusCode());
        assertTrue(issuer.jwksRequests.get() > before, "the AF fetched the JWKS again");
        int after = issuer.jwksRequests.get();
        assertEquals(200, env.call("GET", "deliveries", token, null).statusCode());
        assertEquals(after, issuer.jwksRequests.get(), "and keeps the new key");
    }

    @Test
    void theSdkAuthenticatesWithABearerToken() throws Exception {
        ModelQosClient a = ModelQosClient.builder().baseUri(env.root()).bearerToken(KEY_A).timeout(Duration.ofSeconds(20)).build();
        ModelQosClient b = ModelQosClient.builder().baseUri(env.root()).bearerToken(KEY_B).timeout(Duration.ofSeconds(20)).build();
        Delivery delivery = a.deliveries().create(DeliveryRequest.builder().ue(UeId.ipv4("10.45.1.9"))
                .server(ModelServer.ipv4("10.0.0.10", 443)).model(ModelCatalog.RESNET_50)
                .latencyBudget(Duration.ofSeconds(1)).build());
        assertEquals(delivery.deliveryId(), a.deliveries().get(delivery.deliveryId()).deliveryId());
        assertThrows(NotFoundException.class, () -> b.deliveries().get(delivery.deliveryId()));
        a.deliveries().cancel(delivery.deliveryId());
    }
}
