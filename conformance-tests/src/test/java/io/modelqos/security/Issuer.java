package io.modelqos.security;

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
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real OAuth2 issuer for the tests: an RSA and an EC key made here, their JWKS on a real HTTP server, and access
 * tokens (RS256 / ES256) signed with them. Keys can be added and published later (rotation).
 */
final class Issuer implements AutoCloseable {
    static final String AUDIENCE = "modelqos-af";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    final String issuer;
    private final Map<String, KeyPair> keys = new LinkedHashMap<>();
    private final Map<String, KeyPair> published = new LinkedHashMap<>();
    private final HttpServer server;
    final AtomicInteger jwksRequests = new AtomicInteger();

    Issuer(Vertx vertx, String issuer) throws Exception {
        this.issuer = issuer;
        addKey("rsa-1", rsa(), true);
        addKey("ec-1", ec(), true);
        server = vertx.createHttpServer().requestHandler(req -> {
            jwksRequests.incrementAndGet();
            req.response().putHeader("Content-Type", "application/jwk-set+json").end(jwks().encode());
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    String jwksUri() {
        return "http://127.0.0.1:" + server.actualPort() + "/.well-known/jwks.json";
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

    synchronized void addKey(String kid, KeyPair pair, boolean publish) {
        keys.put(kid, pair);
        if (publish) {
            published.put(kid, pair);
        }
    }

    synchronized JsonObject jwks() {
        JsonArray array = new JsonArray();
        published.forEach((kid, pair) -> {
            if (pair.getPublic() instanceof RSAPublicKey rsa) {
                array.add(new JsonObject().put("kty", "RSA").put("kid", kid).put("use", "sig").put("alg", "RS256")
                        .put("n", B64.encodeToString(unsigned(rsa.getModulus())))
                        .put("e", B64.encodeToString(unsigned(rsa.getPublicExponent()))));
            } else {
                ECPublicKey ec = (ECPublicKey) pair.getPublic();
                array.add(new JsonObject().put("kty", "EC").put("kid", kid).put("use", "sig").put("crv", "P-256")
                        .put("x", B64.encodeToString(fixed(ec.getW().getAffineX())))
                        .put("y", B64.encodeToString(fixed(ec.getW().getAffineY()))));
            }
        });
        return new JsonObject().put("keys", array);
    }

    /** The claims of a valid access token of {@code clientId} with the space-separated {@code scope}. */
    JsonObject claims(String clientId, String scope) {
        long now = Instant.now().getEpochSecond();
        return new JsonObject().put("iss", issuer).put("aud", AUDIENCE).put("sub", "svc-" + clientId)
                .put("client_id", clientId).put("scope", scope).put("iat", now).put("exp", now + 600)
                .put("jti", java.util.UUID.randomUUID().toString());
    }

    String token(String kid, JsonObject claims) throws Exception {
        boolean rsa;
        KeyPair pair;
        synchronized (this) {
            pair = keys.get(kid);
        }
        rsa = pair.getPublic() instanceof RSAPublicKey;
        String header = new JsonObject().put("alg", rsa ? "RS256" : "ES256").put("typ", "at+jwt").put("kid", kid).encode();
        String input = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance(rsa ? "SHA256withRSA" : "SHA256withECDSAinP1363Format");
        signature.initSign(pair.getPrivate());
        signature.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + B64.encodeToString(signature.sign());
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 && bytes.length > 1 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static byte[] fixed(BigInteger value) {
        byte[] bytes = unsigned(value);
        byte[] out = new byte[32];
        System.arraycopy(bytes, 0, out, 32 - bytes.length, bytes.length);
        return out;
    }

    @Override
    public void close() {
        server.close();
    }
}
