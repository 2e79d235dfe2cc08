package io.modelqos.af.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.RSAKey;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One public signing key of a JWKS (RFC 7517) that this AF accepts: RSA of at least 2048 bits, or EC on P-256, P-384
 * or P-521. When a set is read, each key is parsed on its own (nimbus-jose-jwt), so that one key of an unknown type,
 * for encryption ({@code use: enc}), too weak or malformed is skipped instead of costing the whole set.
 *
 * @param key the public key, as nimbus-jose-jwt holds it
 */
record Jwk(JWK key) {
    private static final Set<Curve> CURVES = Set.of(Curve.P_256, Curve.P_384, Curve.P_521);
    private static final int MIN_RSA_BITS = 2048;
    private static final JsonNode SAMPLE_KEY = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
            .put("kty", "EC").put("crv", "P-256").put("kid", "1")
            .put("x", "MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4").put("y", "4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM");

    /** The usable keys of a JWKS document ({@code {"keys": [...]}}). */
    static List<Jwk> readSet(JsonNode jwks) {
        JsonNode array = jwks == null ? null : jwks.get("keys");
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("not a JWKS: no keys array");
        }
        List<Jwk> keys = new ArrayList<>();
        for (JsonNode node : array) {
            JWK key = usable(node);
            if (key != null) {
                keys.add(new Jwk(key));
            }
        }
        return keys;
    }

    /** Runs the key matching of each of {@code algorithms} once, against a public key of RFC 7517 appendix A.1. */
    static void primeMatching(Set<JWSAlgorithm> algorithms) {
        JWK sample = usable(SAMPLE_KEY);
        for (JWSAlgorithm alg : algorithms) {
            matcher("1", alg).matches(sample);
        }
    }

    /** The key id, or null. */
    String kid() {
        return key.getKeyID();
    }

    /** Whether this key may verify a signature made with {@code jwsAlg}. */
    boolean fits(String jwsAlg) {
        JWSAlgorithm alg = JWSAlgorithm.parse(jwsAlg);
        return JwtVerifier.ALGORITHMS.contains(alg) && matcher(null, alg).matches(key);
    }

    /**
     * What a key must match to verify a signature made with {@code alg}, one of {@link JwtVerifier#ALGORITHMS}, under
     * {@code kid} (any kid when null): the key type, for EC the algorithm's curve (which nimbus's own header matcher
     * leaves open), and {@code use} and {@code alg} absent or fitting.
     */
    static JWKMatcher matcher(String kid, JWSAlgorithm alg) {
        JWKMatcher.Builder matcher = new JWKMatcher.Builder().keyType(KeyType.forAlgorithm(alg)).keyID(kid)
                .keyUses(KeyUse.SIGNATURE, null).algorithms(alg, null);
        if (JWSAlgorithm.Family.EC.contains(alg)) {
            matcher.curves(Curve.forJWSAlgorithm(alg));
        }
        return matcher.build();
    }

    /** The public part of the key {@code node} describes, or null when it is not one this AF accepts. */
    private static JWK usable(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JWK key;
        try {
            key = JWK.parse(node.toString());
        } catch (ParseException | RuntimeException e) { // hostile input: nimbus throws more than ParseException
            return null;
        }
        if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
            return null;
        }
        boolean strong = key instanceof RSAKey rsa && rsa.getModulus().decodeToBigInteger().bitLength() >= MIN_RSA_BITS
                || key instanceof ECKey ec && CURVES.contains(ec.getCurve());
        return strong ? key.toPublicJWK() : null;
    }
}
