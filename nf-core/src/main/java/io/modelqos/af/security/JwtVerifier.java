package io.modelqos.af.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.ext.web.client.WebClient;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Verifies OAuth2 access tokens in JWS compact form (RFC 7519, RFC 9068) against one issuer: the signature with the
 * issuer's published keys (RS256/384/512, PS256/384/512, ES256/384/512 only: never {@code none} nor an HMAC, so a
 * public key cannot be abused as a shared secret), then {@code iss}, {@code aud}, {@code exp} (required) and
 * {@code nbf}, with a small clock skew. A header with {@code crit} is refused, as RFC 7515 requires of a verifier that
 * understands no extension.
 *
 * <pre>{@code
 * JwtVerifier verifier = JwtVerifier.create(webClient, options, Clock.systemUTC());
 * verifier.verify(token).onSuccess(jwt -> jwt.claim("sub"));
 * }</pre>
 */
public final class JwtVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Far above any real access token; a longer one is refused before it is decoded. */
    static final int MAX_TOKEN_CHARS = 16 * 1024;
    private static final Pattern COMPACT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    private static final Set<String> TYPES = Set.of("jwt", "at+jwt", "application/at+jwt", "application/jwt");

    private final AuthOptions.JwtOptions options;
    private final JwksCache keys;
    private final Clock clock;

    /** The claims of a token that passed every check. */
    public record VerifiedJwt(JsonNode claims) {
        public String claim(String name) {
            JsonNode value = claims.get(name);
            return value != null && value.isTextual() ? value.asText() : null;
        }

        /** The scopes of {@code scope} (space-separated, RFC 8693) or {@code scp} (a list or a string). */
        public Set<String> scopes() {
            Set<String> scopes = new HashSet<>();
            for (String name : List.of("scope", "scp")) {
                JsonNode value = claims.get(name);
                if (value == null) {
                    continue;
                }
                if (value.isTextual()) {
                    for (String s : value.asText().split(" ")) {
                        if (!s.isBlank()) {
                            scopes.add(s);
                        }
                    }
                } else if (value.isArray()) {
                    value.forEach(v -> {
                        if (v.isTextual()) {
                            scopes.add(v.asText());
                        }
                    });
                }
            }
            return scopes;
        }

        @Override
        public String toString() {
            return "VerifiedJwt[iss=" + claim("iss") + ", sub=" + claim("sub") + "]";
        }
    }

    JwtVerifier(AuthOptions.JwtOptions options, JwksCache keys, Clock clock) {
        this.options = options;
        this.keys = keys;
        this.clock = clock;
    }

    /** A verifier for the issuer of {@code options}, fetching its keys with {@code web}. */
    public static JwtVerifier create(WebClient web, AuthOptions.JwtOptions options, Clock clock) {
        return new JwtVerifier(options, new JwksCache(web, URI.create(options.jwksUri()),
                Duration.ofSeconds(options.jwksRefreshOrDefault()), Duration.ofSeconds(options.jwksMinRefreshOrDefault()),
                clock), clock);
    }

    /** Whether {@code token} has the shape of a JWS (three base64url parts), so it is worth verifying as one. */
    public static boolean looksLikeJwt(String token) {
        return token.length() <= MAX_TOKEN_CHARS && COMPACT.matcher(token).matches();
    }

    /** How many times the issuer's keys were fetched. */
    public long jwksFetches() {
        return keys.fetches();
    }

    /** Completes with the verified claims, or fails with a {@link JwtException} saying why not. */
    public Future<VerifiedJwt> verify(String token) {
        if (token == null || !looksLikeJwt(token)) {
            return Future.failedFuture(new JwtException("the token is not a JWT"));
        }
        String[] parts = token.split("\\.");
        JsonNode header;
        JsonNode claims;
        try {
            header = json(parts[0]);
            claims = json(parts[1]);
        } catch (JwtException e) {
            return Future.failedFuture(e);
        }
        String alg = text(header, "alg");
        String typ = text(header, "typ");
        if (alg == null || algorithm(alg) == null) {
            return Future.failedFuture(new JwtException("the token's signature algorithm is not accepted"));
        }
        if (header.has("crit")) {
            return Future.failedFuture(new JwtException("the token has critical header parameters"));
        }
        if (typ != null && !TYPES.contains(typ.toLowerCase(java.util.Locale.ROOT))) {
            return Future.failedFuture(new JwtException("the token is not an access token"));
        }
        if (header.has("kid") && !header.get("kid").isTextual()) {
            return Future.failedFuture(new JwtException("the token's key id is not a string"));
        }
        String kid = text(header, "kid");
        byte[] signed = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(new JwtException("the token is not a JWT"));
        }
        return keys.candidates(kid, alg).compose(candidates -> {
            if (candidates.isEmpty()) {
                return Future.failedFuture(new JwtException("the token is signed with a key the issuer does not publish"));
            }
            for (Jwk key : candidates) {
                if (verifies(alg, key, signed, signature)) {
                    try {
                        checkClaims(claims);
                    } catch (JwtException e) {
                        return Future.failedFuture(e);
                    }
                    return Future.succeededFuture(new VerifiedJwt(claims));
                }
            }
            return Future.failedFuture(new JwtException("the token's signature does not verify"));
        });
    }

    private void checkClaims(JsonNode claims) throws JwtException {
        if (!options.issuer().equals(text(claims, "iss"))) {
            throw new JwtException("the token's issuer is not trusted");
        }
        JsonNode aud = claims.get("aud");
        boolean audienceOk = aud != null && (aud.isTextual() && aud.asText().equals(options.audience())
                || aud.isArray() && containsText(aud, options.audience()));
        if (!audienceOk) {
            throw new JwtException("the token is not meant for this service (aud)");
        }
        long now = clock.instant().getEpochSecond();
        long skew = options.clockSkewOrDefault();
        JsonNode exp = claims.get("exp");
        if (exp == null || !exp.isNumber()) {
            throw new JwtException("the token has no expiry (exp)");
        }
        if (now >= exp.asDouble() + skew) {
            throw new JwtException("the token has expired");
        }
        JsonNode nbf = claims.get("nbf");
        if (nbf != null && (!nbf.isNumber() || now + skew < nbf.asDouble())) {
            throw new JwtException("the token is not valid yet (nbf)");
        }
        JsonNode iat = claims.get("iat");
        if (iat != null && !iat.isNumber()) {
            throw new JwtException("the token's iat is not a number");
        }
    }

    private static boolean containsText(JsonNode array, String value) {
        for (JsonNode item : array) {
            if (item.isTextual() && item.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean verifies(String alg, Jwk key, byte[] signed, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(algorithm(alg));
            if (alg.startsWith("PS")) {
                int bits = Integer.parseInt(alg.substring(2));
                String digest = "SHA-" + bits;
                verifier.setParameter(new PSSParameterSpec(digest, "MGF1", new MGF1ParameterSpec(digest), bits / 8, 1));
            }
            if (alg.startsWith("ES") && signature.length != expectedEcSignatureLength(alg)) {
                return false;
            }
            verifier.initVerify(key.key());
            verifier.update(signed);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static int expectedEcSignatureLength(String alg) {
        return switch (alg) {
            case "ES256" -> 64;
            case "ES384" -> 96;
            default -> 132;
        };
    }

    /** The JCA name of an accepted JWS algorithm, or null. */
    static String algorithm(String alg) {
        return switch (alg) {
            case "RS256" -> "SHA256withRSA";
            case "RS384" -> "SHA384withRSA";
            case "RS512" -> "SHA512withRSA";
            case "PS256", "PS384", "PS512" -> "RSASSA-PSS";
            case "ES256" -> "SHA256withECDSAinP1363Format";
            case "ES384" -> "SHA384withECDSAinP1363Format";
            case "ES512" -> "SHA512withECDSAinP1363Format";
            default -> null;
        };
    }

    private static JsonNode json(String base64url) throws JwtException {
        try {
            JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(base64url));
            if (node == null || !node.isObject()) {
                throw new JwtException("the token is not a JWT");
            }
            return node;
        } catch (IOException | IllegalArgumentException e) {
            throw new JwtException("the token is not a JWT");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
