package io.modelqos.af.security;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObject;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.source.JWKSecurityContextJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWKSecurityContext;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import io.vertx.core.Future;
import io.vertx.ext.web.client.WebClient;

import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Verifies OAuth2 access tokens in JWS compact form (RFC 7519, RFC 9068) against one issuer, with nimbus-jose-jwt:
 * the signature with the issuer's published keys (RS256/384/512, PS256/384/512, ES256/384/512 only: never {@code none}
 * nor an HMAC, so a public key cannot be abused as a shared secret), then {@code iss}, {@code aud}, {@code exp}
 * (required) and {@code nbf}, with a small clock skew. A header with {@code crit} is refused, as RFC 7515 requires of a
 * verifier that understands no extension. The keys come from a {@link JwksCache}, which fetches them without blocking;
 * everything else is computation on the caller's thread.
 *
 * <pre>{@code
 * JwtVerifier verifier = JwtVerifier.create(webClient, options, Clock.systemUTC());
 * verifier.verify(token).onSuccess(jwt -> jwt.claim("sub"));
 * }</pre>
 */
public final class JwtVerifier {
    static final String NOT_A_JWT = "the token is not a JWT";
    static final String ALGORITHM_REFUSED = "the token's signature algorithm is not accepted";
    static final String CRITICAL_HEADER = "the token has critical header parameters";
    static final String NOT_AN_ACCESS_TOKEN = "the token is not an access token";
    static final String UNKNOWN_KEY = "the token is signed with a key the issuer does not publish";
    static final String BAD_SIGNATURE = "the token's signature does not verify";
    static final String UNTRUSTED_ISSUER = "the token's issuer is not trusted";
    static final String WRONG_AUDIENCE = "the token is not meant for this service (aud)";
    static final String NO_EXPIRY = "the token has no expiry (exp)";
    static final String EXPIRED = "the token has expired";
    static final String NOT_YET_VALID = "the token is not valid yet (nbf)";
    static final String IAT_NOT_A_NUMBER = "the token's iat is not a number";
    /** The registered claims nimbus type-checks, in the order they are checked, and the reason a wrong type gives. */
    private static final List<Map.Entry<String, String>> CLAIM_TYPE_REASONS = List.of(
            Map.entry(JWTClaimNames.ISSUER, UNTRUSTED_ISSUER), Map.entry(JWTClaimNames.AUDIENCE, WRONG_AUDIENCE),
            Map.entry(JWTClaimNames.EXPIRATION_TIME, NO_EXPIRY), Map.entry(JWTClaimNames.NOT_BEFORE, NOT_YET_VALID),
            Map.entry(JWTClaimNames.ISSUED_AT, IAT_NOT_A_NUMBER));

    /** Far above any real access token; a longer one is refused before it is decoded. */
    static final int MAX_TOKEN_CHARS = 16 * 1024;
    /** The signature algorithms accepted: RSA and EC only. */
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.ES512);
    private static final Pattern COMPACT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    /** {@code typ} absent, or one of RFC 7519's and RFC 9068's (compared ignoring case). */
    private static final DefaultJOSEObjectTypeVerifier<JWKSecurityContext> ACCESS_TOKEN_TYPES =
            new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"),
                    new JOSEObjectType("application/at+jwt"), new JOSEObjectType("application/jwt"), null);
    /** Checks the type, picks the key among the candidates it is given and checks the signature. */
    private static final DefaultJWTProcessor<JWKSecurityContext> SIGNATURE = signatureProcessor();

    static {
        // nimbus's key matching is linked and verified by the JVM on first use, which took 59 ms of an event loop on a
        // loaded CI machine at the first NEF callback. Pay it here, once, when the verifier is built.
        Jwk.primeMatching(ALGORITHMS);
    }

    private final AuthOptions.JwtOptions options;
    private final JwksCache keys;
    /** {@code exp} and {@code nbf} against the clock, with the configured skew. */
    private final DefaultJWTClaimsVerifier<SecurityContext> timeWindow;

    /** The claims of a token that passed every check, as its JSON has them. */
    public record VerifiedJwt(Map<String, Object> claims) {
        public String claim(String name) {
            return claims.get(name) instanceof String value ? value : null;
        }

        /** The scopes of {@code scope} (space-separated, RFC 8693) or {@code scp} (a list or a string). */
        public Set<String> scopes() {
            Set<String> scopes = new HashSet<>();
            for (String name : List.of("scope", "scp")) {
                Object value = claims.get(name);
                if (value instanceof String text) {
                    for (String s : text.split(" ")) {
                        if (!s.isBlank()) {
                            scopes.add(s);
                        }
                    }
                } else if (value instanceof List<?> list) {
                    list.forEach(v -> {
                        if (v instanceof String s) {
                            scopes.add(s);
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
        this.timeWindow = new DefaultJWTClaimsVerifier<>(null, null, null, null) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        timeWindow.setMaxClockSkew((int) options.clockSkewOrDefault());
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
        SignedJWT jwt;
        try {
            jwt = parse(token);
        } catch (JwtException e) {
            return Future.failedFuture(e);
        }
        JWSHeader header = jwt.getHeader();
        return keys.candidates(header.getKeyID(), header.getAlgorithm()).compose(candidates -> {
            if (candidates.isEmpty()) {
                return Future.failedFuture(new JwtException(UNKNOWN_KEY));
            }
            try {
                checkClaims(SIGNATURE.process(jwt, new JWKSecurityContext(candidates.stream().map(Jwk::key).toList())));
            } catch (BadJOSEException | JOSEException e) {
                return Future.failedFuture(new JwtException(BAD_SIGNATURE));
            } catch (JwtException e) {
                return Future.failedFuture(e);
            }
            return Future.succeededFuture(new VerifiedJwt(Collections.unmodifiableMap(jwt.getPayload().toJSONObject())));
        });
    }

    /**
     * The token as a JWS whose header this verifier accepts and whose registered claims have their types: what can be
     * refused before any key is fetched.
     */
    private static SignedJWT parse(String token) throws JwtException {
        if (token == null || !looksLikeJwt(token)) {
            throw new JwtException(NOT_A_JWT);
        }
        SignedJWT jwt;
        try {
            Base64URL[] parts = JOSEObject.split(token);
            if (!(Header.parse(parts[0]) instanceof JWSHeader header) || !ALGORITHMS.contains(header.getAlgorithm())) {
                throw new JwtException(ALGORITHM_REFUSED); // alg none parses as a PlainHeader
            }
            jwt = new SignedJWT(parts[0], parts[1], parts[2]);
        } catch (ParseException | RuntimeException e) { // nimbus meets some hostile headers (e.g. null) with an NPE
            throw new JwtException(NOT_A_JWT);
        }
        if (jwt.getHeader().getCriticalParams() != null) {
            throw new JwtException(CRITICAL_HEADER);
        }
        try {
            ACCESS_TOKEN_TYPES.verify(jwt.getHeader().getType(), null);
        } catch (BadJOSEException e) {
            throw new JwtException(NOT_AN_ACCESS_TOKEN);
        }
        try {
            jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new JwtException(claimTypeReason(jwt.getPayload().toJSONObject()));
        }
        return jwt;
    }

    /** Why nimbus cannot read {@code claims}: not a JSON object, or the first registered claim of the wrong type. */
    private static String claimTypeReason(Map<String, Object> claims) {
        if (claims == null) {
            return NOT_A_JWT;
        }
        for (Map.Entry<String, String> claim : CLAIM_TYPE_REASONS) {
            try {
                JWTClaimsSet.parse(Collections.singletonMap(claim.getKey(), claims.get(claim.getKey())));
            } catch (ParseException e) {
                return claim.getValue();
            }
        }
        return NOT_A_JWT; // another registered claim (sub, jti) of the wrong type
    }

    /** The claim checks in a fixed order, each failure with its own reason; nimbus's verifier for the time window. */
    private void checkClaims(JWTClaimsSet claims) throws JwtException {
        if (!options.issuer().equals(claims.getIssuer())) {
            throw new JwtException(UNTRUSTED_ISSUER);
        }
        if (!claims.getAudience().contains(options.audience())) {
            throw new JwtException(WRONG_AUDIENCE);
        }
        if (claims.getExpirationTime() == null) { // DefaultJWTClaimsVerifier's required claims let "exp": null through
            throw new JwtException(NO_EXPIRY);
        }
        try {
            timeWindow.verify(claims, null);
        } catch (ExpiredJWTException e) {
            throw new JwtException(EXPIRED);
        } catch (BadJWTException e) {
            throw new JwtException(NOT_YET_VALID);
        }
    }

    private static DefaultJWTProcessor<JWKSecurityContext> signatureProcessor() {
        DefaultJWTProcessor<JWKSecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(ACCESS_TOKEN_TYPES);
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, new JWKSecurityContextJWKSet()));
        processor.setJWTClaimsSetVerifier(null); // checked by checkClaims, one check per reason
        return processor;
    }
}
