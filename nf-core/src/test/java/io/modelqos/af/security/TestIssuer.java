package io.modelqos.af.security;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real OAuth2 issuer for tests: RSA and EC signing keys made in the test, their JWKS served over HTTP from a Vert.x
 * server on loopback, and access tokens signed with them.
 */
final class TestIssuer implements AutoCloseable {
    static final String ISSUER = "https://issuer.test";
    static final String AUDIENCE = "modelqos-af";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final Map<String, KeyPair> keys = new LinkedHashMap<>();
    private final Map<String, KeyPair> published = new LinkedHashMap<>();
    private final HttpServer server;
    final AtomicInteger jwksRequests = new AtomicInteger();
    volatile int jwksStatus = 200;

    TestIssuer(Vertx vertx) throws Exception {
        addKey("rsa-1", rsa(), true);
        addKey("ec-1", ec(), true);
        server = vertx.createHttpServer().requestHandler(req -> {
            jwksRequests.incrementAndGet();
            if (jwksStatus != 200) {
                req.response().setStatusCode(jwksStatus).end();
                return;
            }
            req.response().putHeader("Content-Type", "application/jwk-set+json").end(jwks().encode());
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    String jwksUri() {
        return "http://127.0.0.1:" + server.actualPort() + "/jwks";
    }

    AuthOptions.JwtOptions options(long minRefreshS) {
        return new AuthOptions.JwtOptions(ISSUER, jwksUri(), AUDIENCE, null, 5L, 600L, minRefreshS);
    }

    static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    /** Adds a signing key; {@code publish} = it appears in the JWKS at once. */
    synchronized void addKey(String kid, KeyPair pair, boolean publish) {
        keys.put(kid, pair);
        if (publish) {
            published.put(kid, pair);
        }
    }

    synchronized void publish(String kid) {
        published.put(kid, keys.get(kid));
    }

    synchronized void unpublish(String kid) {
        published.remove(kid);
    }

    synchronized JsonObject jwks() {
        JsonArray array = new JsonArray();
        published.forEach((kid, pair) -> array.add(jwk(kid, pair)));
        return new JsonObject().put("keys", array);
    }

    static JsonObject jwk(String kid, KeyPair pair) {
        if (pair.getPublic() instanceof RSAPublicKey rsa) {
            return new JsonObject().put("kty", "RSA").put("kid", kid).put("use", "sig")
                    .put("n", B64.encodeToString(unsigned(rsa.getModulus())))
                    .put("e", B64.encodeToString(unsigned(rsa.getPublicExponent())));
        }
        ECPublicKey ec = (ECPublicKey) pair.getPublic();
        return new JsonObject().put("kty", "EC").put("kid", kid).put("crv", "P-256")
                .put("x", B64.encodeToString(fixed(ec.getW().getAffineX(), 32)))
                .put("y", B64.encodeToString(fixed(ec.getW().getAffineY(), 32)));
    }

    /** Claims of a valid access token for {@code clientId} with {@code scope}. */
    static JsonObject claims(String clientId, String scope) {
        long now = Instant.now().getEpochSecond();
        return new JsonObject().put("iss", ISSUER).put("aud", AUDIENCE).put("sub", clientId).put("client_id", clientId)
                .put("scope", scope).put("iat", now).put("exp", now + 300);
    }

    String sign(String kid, JsonObject claims) throws Exception {
        String alg = keys.get(kid).getPublic() instanceof RSAPublicKey ? "RS256" : "ES256";
        return sign(kid, alg, new JsonObject().put("typ", "at+jwt"), claims);
    }

    /** Signs with the key {@code kid} and algorithm {@code alg}; {@code extraHeader} is merged into the header. */
    String sign(String kid, String alg, JsonObject extraHeader, JsonObject claims) throws Exception {
        JsonObject header = new JsonObject().put("alg", alg).put("kid", kid).mergeIn(extraHeader);
        String signingInput = B64.encodeToString(header.encode().getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance(switch (alg) {
            case "RS256" -> "SHA256withRSA";
            case "ES256" -> "SHA256withECDSAinP1363Format";
            case "PS256" -> "RSASSA-PSS";
            default -> throw new IllegalArgumentException(alg);
        });
        if (alg.equals("PS256")) {
            signature.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
                    java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
        }
        signature.initSign(keys.get(kid).getPrivate());
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + B64.encodeToString(signature.sign());
    }

    /** An unsigned token ({@code alg: none}). */
    static String unsigned(JsonObject claims) {
        return B64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    /** An HS256 token whose HMAC key is {@code secret}. */
    static String hmac(String kid, byte[] secret, JsonObject claims) throws Exception {
        String signingInput = B64.encodeToString(new JsonObject().put("alg", "HS256").put("kid", kid).encode()
                .getBytes(StandardCharsets.UTF_8)) + "." + B64.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
        return signingInput + "." + B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    KeyPair key(String kid) {
        return keys.get(kid);
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 && bytes.length > 1 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static byte[] fixed(BigInteger value, int length) {
        byte[] bytes = unsigned(value);
        byte[] out = new byte[length];
        System.arraycopy(bytes, 0, out, length - bytes.length, bytes.length);
        return out;
    }

    static List<String> parts(String token) {
        return new ArrayList<>(List.of(token.split("\\.", -1)));
    }

    @Override
    public void close() {
        server.close();
    }
}
