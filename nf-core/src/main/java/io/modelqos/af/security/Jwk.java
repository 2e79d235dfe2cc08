package io.modelqos.af.security;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * One public signing key of a JWKS (RFC 7517): RSA (at least 2048 bits) or EC on P-256, P-384 or P-521. Keys of other
 * types, for encryption ({@code use: enc}), or malformed ones are skipped when a set is read.
 *
 * @param kid the key id, or null
 * @param alg the algorithm the key is restricted to, or null
 * @param key the key
 */
record Jwk(String kid, String alg, PublicKey key) {
    private static final Map<String, String> CURVES = Map.of("P-256", "secp256r1", "P-384", "secp384r1", "P-521", "secp521r1");
    private static final Map<String, Integer> CURVE_BITS = Map.of("P-256", 256, "P-384", 384, "P-521", 521);

    /** The usable keys of a JWKS document ({@code {"keys": [...]}}). */
    static List<Jwk> readSet(JsonNode jwks) {
        List<Jwk> keys = new ArrayList<>();
        JsonNode array = jwks == null ? null : jwks.get("keys");
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("not a JWKS: no keys array");
        }
        for (JsonNode node : array) {
            Jwk key = read(node);
            if (key != null) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** Whether this key may verify a signature made with {@code jwsAlg}. */
    boolean fits(String jwsAlg) {
        if (alg != null && !alg.equals(jwsAlg)) {
            return false;
        }
        if (key instanceof RSAPublicKey) {
            return jwsAlg.startsWith("RS") || jwsAlg.startsWith("PS");
        }
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return jwsAlg.equals("ES256") && bits == 256 || jwsAlg.equals("ES384") && bits == 384
                    || jwsAlg.equals("ES512") && bits == 521;
        }
        return false;
    }

    private static Jwk read(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        String use = text(node, "use");
        if (use != null && !use.equals("sig")) {
            return null;
        }
        String kid = text(node, "kid");
        String alg = text(node, "alg");
        try {
            switch (String.valueOf(text(node, "kty"))) {
                case "RSA" -> {
                    BigInteger n = unsigned(text(node, "n"));
                    BigInteger e = unsigned(text(node, "e"));
                    if (n.bitLength() < 2048) {
                        return null;
                    }
                    return new Jwk(kid, alg, KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e)));
                }
                case "EC" -> {
                    String crv = text(node, "crv");
                    if (crv == null || !CURVES.containsKey(crv)) {
                        return null;
                    }
                    AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
                    parameters.init(new ECGenParameterSpec(CURVES.get(crv)));
                    ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
                    ECPoint point = new ECPoint(unsigned(text(node, "x")), unsigned(text(node, "y")));
                    if (point.getAffineX().bitLength() > CURVE_BITS.get(crv) || point.getAffineY().bitLength() > CURVE_BITS.get(crv)) {
                        return null;
                    }
                    return new Jwk(kid, alg, KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, spec)));
                }
                default -> {
                    return null;
                }
            }
        } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static BigInteger unsigned(String base64url) {
        return new BigInteger(1, Base64.getUrlDecoder().decode(base64url));
    }
}
