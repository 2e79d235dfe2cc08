package io.modelqos.af.security;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Who may call the AF (section {@code auth} of the configuration). With neither API keys nor a JWT issuer the
 * northbound API is open: every caller is tenant {@code default} (a warning at start).
 *
 * <pre>{@code
 * auth:
 *   apiKeys: "tenant-a:key-a,tenant-b:key-b"      # better: MODELQOS_API_KEYS_FILE
 *   jwt: {issuer: https://idp.example, jwksUri: https://idp.example/jwks, audience: modelqos-af}
 *   callbacks:
 *     bearerToken: ...                              # better: MODELQOS_CALLBACK_TOKEN_FILE
 *     jwt: {issuer: https://nrf.example, jwksUri: https://nrf.example/jwks, audience: modelqos-af}
 * }</pre>
 *
 * @param apiKeys   static development keys, {@code tenant:key} pairs separated by commas or new lines
 * @param jwt       OAuth2 access tokens (JWT) of the AI/ML servers
 * @param callbacks what the NEF's notifications must carry besides their unguessable URL
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record AuthOptions(String apiKeys, JwtOptions jwt, CallbackAuth callbacks) {

    public static final AuthOptions NONE = new AuthOptions(null, null, null);

    /**
     * A JWT issuer the AF trusts.
     *
     * @param issuer           the {@code iss} a token must carry, exactly
     * @param jwksUri          where the issuer publishes its signing keys (JWKS)
     * @param audience         an {@code aud} a token must carry
     * @param tenantClaim      the claim naming the tenant; null = {@code client_id}, else {@code sub}
     * @param clockSkewS       the leeway on {@code exp} and {@code nbf} (default 30 s)
     * @param jwksRefreshS     how long fetched keys are used before they are fetched again (default 600 s)
     * @param jwksMinRefreshS  the least time between two fetches caused by an unknown {@code kid} (default 30 s)
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record JwtOptions(String issuer, String jwksUri, String audience, String tenantClaim, Long clockSkewS,
                             Long jwksRefreshS, Long jwksMinRefreshS) {
        public boolean configured() {
            return issuer != null && !issuer.isBlank();
        }

        public long clockSkewOrDefault() {
            return clockSkewS == null ? 30 : clockSkewS;
        }

        public long jwksRefreshOrDefault() {
            return jwksRefreshS == null ? 600 : jwksRefreshS;
        }

        public long jwksMinRefreshOrDefault() {
            return jwksMinRefreshS == null ? 30 : jwksMinRefreshS;
        }

        void problems(String prefix, List<String> problems) {
            if (!configured()) {
                if (jwksUri != null || audience != null) {
                    problems.add(prefix + ".issuer: required with " + prefix + ".jwksUri / audience");
                }
                return;
            }
            if (jwksUri == null || jwksUri.isBlank()) {
                problems.add(prefix + ".jwksUri: required with " + prefix + ".issuer");
            } else {
                try {
                    URI uri = URI.create(jwksUri);
                    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                    if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                        problems.add(prefix + ".jwksUri: '" + jwksUri + "' must be an absolute http(s) URI");
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(prefix + ".jwksUri: '" + jwksUri + "' is not a URI");
                }
            }
            if (audience == null || audience.isBlank()) {
                problems.add(prefix + ".audience: required with " + prefix + ".issuer (a token for another service"
                        + " must not be accepted here)");
            }
            if (clockSkewS != null && (clockSkewS < 0 || clockSkewS > 300)) {
                problems.add(prefix + ".clockSkewS: must be within 0..300");
            }
            if (jwksRefreshS != null && jwksRefreshS < 1) {
                problems.add(prefix + ".jwksRefreshS: must be at least 1");
            }
            if (jwksMinRefreshS != null && jwksMinRefreshS < 0) {
                problems.add(prefix + ".jwksMinRefreshS: must not be negative");
            }
        }
    }

    /**
     * @param bearerToken a static token the NEF sends as {@code Authorization: Bearer}
     * @param jwt         or: a JWT from this issuer (e.g. the operator's NRF)
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record CallbackAuth(String bearerToken, JwtOptions jwt) {
        public boolean configured() {
            return bearerToken != null && !bearerToken.isBlank() || jwt != null && jwt.configured();
        }

        @Override
        public String toString() {
            return "CallbackAuth[bearerToken=" + (bearerToken == null ? "none" : "***") + ", jwt=" + jwt + "]";
        }
    }

    public JwtOptions jwtOrNull() {
        return jwt != null && jwt.configured() ? jwt : null;
    }

    public CallbackAuth callbacksOrNull() {
        return callbacks != null && callbacks.configured() ? callbacks : null;
    }

    /** Whether the northbound API asks for credentials at all. */
    public boolean northboundConfigured() {
        return apiKeys != null && !apiKeys.isBlank() || jwtOrNull() != null;
    }

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (apiKeys != null && !apiKeys.isBlank()) {
            try {
                ApiKeys.parse(apiKeys);
            } catch (IllegalArgumentException e) {
                problems.add("auth.apiKeys: " + e.getMessage());
            }
        }
        if (jwt != null) {
            jwt.problems("auth.jwt", problems);
        }
        if (callbacks != null && callbacks.jwt() != null) {
            callbacks.jwt().problems("auth.callbacks.jwt", problems);
        }
        return problems;
    }

    /** Never print a key or a token. */
    @Override
    public String toString() {
        return "AuthOptions[apiKeys=" + (apiKeys == null ? "none" : "***") + ", jwt=" + jwt + ", callbacks=" + callbacks + "]";
    }
}
