package io.modelqos.af.security;

import io.modelqos.testing.EventLoopGuard;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verifies JWT access tokens signed by keys made in the test, whose JWKS a real HTTP server publishes: what passes,
 * what fails and why, and when the keys are fetched again.
 */
class JwtVerifierTest {
    private static Vertx vertx;
    private static TestIssuer issuer;
    private static WebClient web;

    @BeforeAll
    static void start() throws Exception {
        vertx = EventLoopGuard.vertx();
        issuer = new TestIssuer(vertx);
        web = WebClient.create(vertx);
    }

    @AfterAll
    static void stop() throws Exception {
        issuer.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static JwtVerifier verifier(long minRefreshS) {
        return JwtVerifier.create(web, issuer.options(minRefreshS), Clock.systemUTC());
    }

    @Test
    void acceptsRs256Es256AndPs256TokensOfTheIssuer() throws Exception {
        JwtVerifier verifier = verifier(30);
        var rs = await(verifier.verify(issuer.sign("rsa-1", TestIssuer.claims("tenant-a", "modelqos.deliveries.read"))));
        assertEquals("tenant-a", rs.claim("client_id"));
        assertEquals(Set.of("modelqos.deliveries.read"), rs.scopes());
        var es = await(verifier.verify(issuer.sign("ec-1", TestIssuer.claims("tenant-b", "a b"))));
        assertEquals(Set.of("a", "b"), es.scopes());
        var ps = await(verifier.verify(issuer.sign("rsa-1", "PS256", new JsonObject(), TestIssuer.claims("tenant-c", "x"))));
        assertEquals("tenant-c", ps.claim("sub"));
    }

    @Test
    void readsScopesFromScpListsToo() throws Exception {
        JsonObject claims = TestIssuer.claims("tenant-a", null);
        claims.remove("scope");
        claims.put("scp", new JsonArray().add("modelqos.deliveries.write").add("modelqos.deliveries.read"));
        var jwt = await(verifier(30).verify(issuer.sign("ec-1", claims)));
        assertEquals(Set.of("modelqos.deliveries.write", "modelqos.deliveries.read"), jwt.scopes());
    }

    @Test
    void acceptsAnAudienceListContainingOurs() throws Exception {
        JsonObject claims = TestIssuer.claims("tenant-a", "x").put("aud", new JsonArray().add("other").add(TestIssuer.AUDIENCE));
        assertEquals("tenant-a", await(verifier(30).verify(issuer.sign("rsa-1", claims))).claim("sub"));
    }

    @Test
    void refusesTokensThatFailAClaimCheck() throws Exception {
        JwtVerifier verifier = verifier(30);
        long now = Instant.now().getEpochSecond();
        assertRefused(verifier, issuer.sign("rsa-1", TestIssuer.claims("a", "x").put("exp", now - 60)), "expired");
        assertRefused(verifier, issuer.sign("rsa-1", TestIssuer.claims("a", "x").put("nbf", now + 600)), "not valid yet");
        assertRefused(verifier, issuer.sign("rsa-1", TestIssuer.claims("a", "x").put("iss", "https://evil.test")), "issuer");
        assertRefused(verifier, issuer.sign("rsa-1", TestIssuer.claims("a", "x").put("aud", "another-service")), "aud");
        JsonObject noExpiry = TestIssuer.claims("a", "x");
        noExpiry.remove("exp");
        assertRefused(verifier, issuer.sign("rsa-1", noExpiry), "expiry");
        assertRefused(verifier, issuer.sign("rsa-1", TestIssuer.claims("a", "x").put("exp", "tomorrow")), "expiry");
    }

    @Test
    void allowsTheClockSkewAroundExpiry() throws Exception {
        long now = Instant.now().getEpochSecond();
        // skew is 5 s in TestIssuer.options: expired 2 s ago still passes
        assertEquals("a", await(verifier(30).verify(issuer.sign("rsa-1", TestIssuer.claims("a", "x").put("exp", now - 2))))
                .claim("sub"));
    }

    @Test
    void refusesForgedAndMalformedTokens() throws Exception {
        JwtVerifier verifier = verifier(3600);
        String good = issuer.sign("rsa-1", TestIssuer.claims("tenant-a", "x"));
        List<String> parts = TestIssuer.parts(good);
        String otherClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                TestIssuer.claims("tenant-b", "x").encode().getBytes(StandardCharsets.UTF_8));
        assertRefused(verifier, parts.get(0) + "." + otherClaims + "." + parts.get(2), "signature");
        assertRefused(verifier, TestIssuer.unsigned(TestIssuer.claims("tenant-a", "x")), "not a JWT");
        String noneWithSignature = TestIssuer.unsigned(TestIssuer.claims("tenant-a", "x")) + "AAAA";
        assertRefused(verifier, noneWithSignature, "algorithm");
        // HS256 with the RSA public key as the HMAC secret: the classic algorithm confusion
        assertRefused(verifier, TestIssuer.hmac("rsa-1", issuer.key("rsa-1").getPublic().getEncoded(),
                TestIssuer.claims("tenant-a", "x")), "algorithm");
        // signed by a key the issuer does not publish, under a published kid
        issuer.addKey("stranger", TestIssuer.rsa(), false);
        String strangers = issuer.sign("stranger", TestIssuer.claims("tenant-a", "x"));
        List<String> s = TestIssuer.parts(strangers);
        String relabelled = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}".getBytes(StandardCharsets.UTF_8)) + "." + s.get(1) + "." + s.get(2);
        assertRefused(verifier, relabelled, "signature");
        // an RSA kid with an EC algorithm
        assertRefused(verifier, issuer.sign("ec-1", "ES256", new JsonObject().put("kid", "rsa-1"),
                TestIssuer.claims("tenant-a", "x")), "does not publish");
        assertRefused(verifier, issuer.sign("rsa-1", "RS256", new JsonObject().put("crit", new JsonArray().add("exp")),
                TestIssuer.claims("tenant-a", "x")), "critical");
        assertRefused(verifier, issuer.sign("rsa-1", "RS256", new JsonObject().put("typ", "JWE"),
                TestIssuer.claims("tenant-a", "x")), "access token");
        for (String junk : List.of("", "a.b", "a.b.c.d", "....", "e30.e30.!!", "eyJ.eyJ.x", "a".repeat(20_000),
                "e30.W10.AAAA", "bnVsbA.e30.AAAA")) {
            assertRefused(verifier, junk, "JWT");
        }
    }

    @Test
    void fetchesTheKeysAgainForAnUnknownKidAfterRotation() throws Exception {
        JwtVerifier verifier = verifier(0);
        await(verifier.verify(issuer.sign("rsa-1", TestIssuer.claims("a", "x"))));
        long before = verifier.jwksFetches();
        issuer.addKey("rsa-2", TestIssuer.rsa(), true);   // the issuer rotates
        assertEquals("b", await(verifier.verify(issuer.sign("rsa-2", TestIssuer.claims("b", "x")))).claim("sub"));
        assertEquals(before + 1, verifier.jwksFetches(), "one fetch for the new kid");
        await(verifier.verify(issuer.sign("rsa-2", TestIssuer.claims("b", "x"))));
        assertEquals(before + 1, verifier.jwksFetches(), "the new key is cached");
    }

    @Test
    void unknownKidsDoNotMakeItFetchMoreThanOncePerInterval() throws Exception {
        JwtVerifier verifier = verifier(3600);
        await(verifier.verify(issuer.sign("ec-1", TestIssuer.claims("a", "x"))));
        int requests = issuer.jwksRequests.get();
        issuer.addKey("made-up", TestIssuer.ec(), false);
        for (int i = 0; i < 20; i++) {
            assertRefused(verifier, issuer.sign("made-up", TestIssuer.claims("a", "x")), "does not publish");
        }
        assertTrue(issuer.jwksRequests.get() - requests <= 1, "at most one fetch: " + (issuer.jwksRequests.get() - requests));
    }

    @Test
    void keepsTheKeysItHasWhenTheIssuerIsDown() throws Exception {
        JwtVerifier verifier = JwtVerifier.create(web, new AuthOptions.JwtOptions(TestIssuer.ISSUER, issuer.jwksUri(),
                TestIssuer.AUDIENCE, null, 5L, 1L, 0L), Clock.systemUTC());
        await(verifier.verify(issuer.sign("rsa-1", TestIssuer.claims("a", "x"))));
        issuer.jwksStatus = 503;
        try {
            Thread.sleep(1100); // the keys are stale now; the refresh fails
            assertEquals("a", await(verifier.verify(issuer.sign("rsa-1", TestIssuer.claims("a", "x")))).claim("sub"));
            assertEquals("a", await(verifier.verify(issuer.sign("rsa-1", TestIssuer.claims("a", "x")))).claim("sub"));
        } finally {
            issuer.jwksStatus = 200;
        }
    }

    @Test
    void refusesEverythingWhileTheKeysWereNeverFetched() throws Exception {
        JwtVerifier verifier = JwtVerifier.create(web, new AuthOptions.JwtOptions(TestIssuer.ISSUER,
                "http://127.0.0.1:1/jwks", TestIssuer.AUDIENCE, null, 5L, 600L, 0L), Clock.systemUTC());
        assertRefused(verifier, issuer.sign("rsa-1", TestIssuer.claims("a", "x")), "does not publish");
    }

    @Test
    void skipsUnusableKeysOfASet() throws Exception {
        JsonObject set = new JsonObject().put("keys", new JsonArray()
                .add(new JsonObject().put("kty", "oct").put("k", "c2VjcmV0"))
                .add(TestIssuer.jwk("enc", issuer.key("rsa-1")).put("use", "enc"))
                .add(new JsonObject().put("kty", "RSA").put("n", "AQAB").put("e", "AQAB"))      // 17 bits
                .add(new JsonObject().put("kty", "EC").put("crv", "P-192").put("x", "AA").put("y", "AA"))
                .add(new JsonObject().put("kty", "EC").put("crv", "P-256").put("x", "!!").put("y", "AA"))
                .add(TestIssuer.jwk("ok", issuer.key("ec-1"))));
        var keys = Jwk.readSet(new com.fasterxml.jackson.databind.ObjectMapper().readTree(set.encode()));
        assertEquals(1, keys.size());
        assertEquals("ok", keys.get(0).kid());
        assertTrue(keys.get(0).fits("ES256"));
        assertFalse(keys.get(0).fits("RS256"));
    }

    private static void assertRefused(JwtVerifier verifier, String token, String reasonPart) throws Exception {
        try {
            Object value = verifier.verify(token).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            throw new AssertionError("accepted: " + value);
        } catch (ExecutionException e) {
            JwtException refusal = assertInstanceOf(JwtException.class, e.getCause());
            assertTrue(refusal.getMessage().contains(reasonPart), refusal.getMessage() + " should say " + reasonPart);
            assertFalse(token.length() > 8 && refusal.getMessage().contains(token.substring(0, 8)), "no token in the reason");
        }
    }

    static <T> T await(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("refused: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
