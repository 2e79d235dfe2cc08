package io.modelqos.af.security;

import io.modelqos.testing.EventLoopGuard;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * Tokens that nimbus-jose-jwt, configured the obvious way, would accept or refuse for another reason than the
 * verifier gives: a null {@code exp} (its required-claims check only asks for the name), registered claims of the wrong
 * type (it fails them all with one parse error), and an EC algorithm naming a key of another curve (its header matcher
 * does not look at the curve).
 */
class JwtVerifierEdgeCasesTest {
    private static Vertx vertx;
    private static TestIssuer issuer;
    private static JwtVerifier verifier;

    @BeforeAll
    static void start() throws Exception {
        vertx = EventLoopGuard.vertx();
        issuer = new TestIssuer(vertx);
        verifier = JwtVerifier.create(WebClient.create(vertx), issuer.options(30), Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        issuer.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aNullExpiryIsNoExpiry() throws Exception {
        assertRefused(issuer.sign("rsa-1", TestIssuer.claims("a", "x").putNull("exp")), JwtVerifier.NO_EXPIRY);
    }

    @Test
    void registeredClaimsOfTheWrongTypeAreRefusedWithTheirOwnReason() throws Exception {
        assertRefused(issuer.sign("rsa-1", TestIssuer.claims("a", "x").put("iss", 42)), JwtVerifier.UNTRUSTED_ISSUER);
        assertRefused(issuer.sign("rsa-1", TestIssuer.claims("a", "x").put("aud", new JsonObject())),
                JwtVerifier.WRONG_AUDIENCE);
        assertRefused(issuer.sign("rsa-1", TestIssuer.claims("a", "x").put("nbf", "soon")), JwtVerifier.NOT_YET_VALID);
        assertRefused(issuer.sign("rsa-1", TestIssuer.claims("a", "x").put("iat", "today")), JwtVerifier.IAT_NOT_A_NUMBER);
        assertRefused(issuer.sign("rsa-1", TestIssuer.claims("a", "x").put("jti", 7)), JwtVerifier.NOT_A_JWT);
    }

    @Test
    void anEcAlgorithmFindsNoKeyOfAnotherCurve() throws Exception {
        // signed with ES256 by the P-256 key, but labelled ES384: no published key is on P-384
        String token = issuer.sign("ec-1", "ES256", new JsonObject().put("alg", "ES384"), TestIssuer.claims("a", "x"));
        assertRefused(token, JwtVerifier.UNKNOWN_KEY);
    }

    @Test
    void theTypeIsComparedIgnoringCase() throws Exception {
        String token = issuer.sign("ec-1", "ES256", new JsonObject().put("typ", "Application/AT+JWT"),
                TestIssuer.claims("a", "x"));
        assertEquals("a", JwtVerifierTest.await(verifier.verify(token)).claim("sub"));
    }

    private static void assertRefused(String token, String reason) throws Exception {
        try {
            Object value = verifier.verify(token).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            throw new AssertionError("accepted: " + value);
        } catch (ExecutionException e) {
            assertEquals(reason, assertInstanceOf(JwtException.class, e.getCause()).getMessage());
        }
    }
}
