package io.modelqos.nef.emulator;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one {@code POST /oauth2/token} and the bearer checks of the faces. Two kinds of request:
 * <ul>
 *   <li>The NRF's Nnrf_AccessToken (TS 29.510), recognised by its {@code nfInstanceId}: the
 *       client credentials grant of an NF service consumer for a {@code scope} of the emulator's
 *       services ({@value #KNOWN_SCOPES_TEXT}); answered with AccessTokenRsp (with the scope), or 400
 *       with AccessTokenErr. Served whether or not OAuth2 is enforced. The consumer is trusted as
 *       an NRF trusts its mutually authenticated peers, unless {@code oauth2.nfConsumers} lists the
 *       NF instances allowed.</li>
 *   <li>The NEF's RFC 6749 client credentials grant (4.4) for configured clients ({@code client_id}
 *       and {@code client_secret} in the form or HTTP Basic), only when OAuth2 is enabled.</li>
 * </ul>
 * When OAuth2 is enabled the AsSessionWithQoS API takes a token of the second kind
 * ({@link #requireBearer()}), the PCF and BSF a token of the first kind for their scope
 * ({@link #requireScope(String)}). Tokens are opaque random strings kept in memory until they
 * expire. Neither secrets nor tokens are logged.
 */
final class TokenEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(TokenEndpoint.class);
    /** The scopes the NRF issues tokens for: the services the emulator plays. */
    static final Set<String> KNOWN_SCOPES = Set.of("npcf-policyauthorization", "npcf-policyauthorization:policy-auth-mgmt",
            "nbsf-management", "nnrf-disc", "nnrf-disc:nf-instances:read-complete-profile");
    static final String KNOWN_SCOPES_TEXT = "npcf-policyauthorization, nbsf-management, nnrf-disc and their sub-scopes";
    private static final Pattern SCOPE = Pattern.compile("^([a-zA-Z0-9_:-]+)( [a-zA-Z0-9_:-]+)*$");

    /** A token's expiry and, for an NRF token, its scopes (null for a NEF client's token). */
    private record Grant(long expiryNanos, Set<String> scopes) {
    }

    private final OAuth2Options options;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    /** When CAPIF is enabled: the CAPIF core function whose access tokens the NEF face requires. */
    private final CapifCore capif;

    TokenEndpoint(OAuth2Options options) {
        this(options, null);
    }

    TokenEndpoint(OAuth2Options options, CapifCore capif) {
        this.options = options;
        this.capif = capif;
    }

    boolean enabled() {
        return options.isEnabled();
    }

    /** {@code POST /oauth2/token}: an NRF access token request, or the NEF's client credentials grant. */
    void issue(RoutingContext ctx) {
        ctx.response().putHeader("Cache-Control", "no-store").putHeader("Pragma", "no-cache");
        String contentType = ctx.request().getHeader("Content-Type");
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            tokenError(ctx, 400, "invalid_request", "the body must be application/x-www-form-urlencoded");
            return;
        }
        if (ctx.request().getFormAttribute("nfInstanceId") != null) {
            issueForNf(ctx);
            return;
        }
        if (!options.isEnabled()) {
            ctx.fail(ApiException.notFound("no NEF client credentials here: OAuth2 is off (an NRF access token "
                    + "request names its nfInstanceId)"));
            return;
        }
        String grantType = ctx.request().getFormAttribute("grant_type");
        String clientId = ctx.request().getFormAttribute("client_id");
        String clientSecret = ctx.request().getFormAttribute("client_secret");
        boolean basic = false;
        String authorization = ctx.request().getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon < 0) {
                    throw new IllegalArgumentException("no colon");
                }
                clientId = java.net.URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
                clientSecret = java.net.URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
                basic = true;
            } catch (IllegalArgumentException e) {
                tokenError(ctx, 400, "invalid_request", "malformed HTTP Basic credentials");
                return;
            }
        }
        if (grantType == null) {
            tokenError(ctx, 400, "invalid_request", "grant_type is missing");
            return;
        }
        if (!"client_credentials".equals(grantType)) {
            tokenError(ctx, 400, "unsupported_grant_type", "only client_credentials is supported");
            return;
        }
        if (clientId == null || clientSecret == null || !known(clientId, clientSecret)) {
            LOG.info("token refused for client {}", clientId);
            if (basic) {
                ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"nef-emulator\"");
            }
            tokenError(ctx, 401, "invalid_client", "unknown client or wrong secret");
            return;
        }
        String token = newToken(null);
        LOG.info("token issued to client {} for {} s", clientId, options.getTokenTtlSeconds());
        ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("access_token", token).put("token_type", "Bearer")
                        .put("expires_in", options.getTokenTtlSeconds()).encode());
    }

    /** Nnrf_AccessToken: {@code grant_type=client_credentials&nfInstanceId=...&scope=...} (AccessTokenReq). */
    private void issueForNf(RoutingContext ctx) {
        String grantType = ctx.request().getFormAttribute("grant_type");
        String nfInstanceId = ctx.request().getFormAttribute("nfInstanceId");
        String scope = ctx.request().getFormAttribute("scope");
        if (grantType == null) {
            tokenError(ctx, 400, "invalid_request", "grant_type is missing");
            return;
        }
        if (!"client_credentials".equals(grantType)) {
            tokenError(ctx, 400, "unsupported_grant_type", "only client_credentials is supported");
            return;
        }
        try {
            java.util.UUID.fromString(nfInstanceId);
        } catch (IllegalArgumentException e) {
            tokenError(ctx, 400, "invalid_request", "nfInstanceId must be a UUID");
            return;
        }
        if (scope == null || !SCOPE.matcher(scope).matches()) {
            tokenError(ctx, 400, "invalid_request", "scope is missing or malformed");
            return;
        }
        Set<String> scopes = new LinkedHashSet<>(List.of(scope.split(" ")));
        for (String s : scopes) {
            if (!KNOWN_SCOPES.contains(s)) {
                tokenError(ctx, 400, "invalid_scope", "no service here for scope " + s + " (" + KNOWN_SCOPES_TEXT + ")");
                return;
            }
        }
        if (!options.getNfConsumers().isEmpty() && !options.getNfConsumers().contains(nfInstanceId)) {
            LOG.info("token refused for NF instance {}", nfInstanceId);
            tokenError(ctx, 400, "invalid_client", "this NF instance may not get tokens here");
            return;
        }
        String token = newToken(scopes);
        LOG.info("token issued to NF instance {} for {} ({} s)", nfInstanceId, scope, options.getTokenTtlSeconds());
        ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("access_token", token).put("token_type", "Bearer")
                        .put("expires_in", options.getTokenTtlSeconds()).put("scope", scope).encode());
    }

    private String newToken(Set<String> scopes) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        grants.put(token, new Grant(System.nanoTime() + options.getTokenTtlSeconds() * 1_000_000_000L,
                scopes == null ? null : Set.copyOf(scopes)));
        purgeExpired();
        return token;
    }

    /**
     * Route handler of the NEF face: a valid unexpired token of a NEF client, else 401. With CAPIF
     * enabled, a CAPIF access token for AsSessionWithQoS is required (a NEF client's token is
     * still accepted when OAuth2 is enabled too).
     */
    Handler<RoutingContext> requireBearer() {
        return ctx -> {
            if (capif != null) {
                String authorization = ctx.request().getHeader("Authorization");
                String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                        ? authorization.substring(7).trim() : null;
                String refusal = capif.refusal(token);
                if (refusal == null) {
                    ctx.next();
                    return;
                }
                if (!options.isEnabled() || token == null || !grants.containsKey(token)) {
                    ctx.fail(ApiException.unauthorized(token == null ? "a CAPIF access token is required (Authorization: Bearer)"
                            : refusal).header("WWW-Authenticate", token == null ? "Bearer realm=\"capif\""
                            : "Bearer realm=\"capif\", error=\"invalid_token\""));
                    return;
                }
            }
            Grant grant = grant(ctx);
            if (grant == null) {
                return;
            }
            if (grant != OPEN && grant.scopes() != null) {
                ctx.fail(ApiException.unauthorized("the bearer token was issued for " + String.join(" ", grant.scopes())
                        + ", not for this NEF's clients").header("WWW-Authenticate", "Bearer error=\"invalid_token\""));
                return;
            }
            ctx.next();
        };
    }

    /** Route handler of the PCF and BSF faces: a valid unexpired NRF token for {@code scope}, else 401 or 403. */
    Handler<RoutingContext> requireScope(String scope) {
        return ctx -> {
            Grant grant = grant(ctx);
            if (grant == null) {
                return;
            }
            if (grant != OPEN && (grant.scopes() == null || !grant.scopes().contains(scope))) {
                ctx.fail(ApiException.of(403, "Forbidden", "INSUFFICIENT_SCOPE", "the bearer token does not cover " + scope)
                        .header("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"" + scope + "\""));
                return;
            }
            ctx.next();
        };
    }

    /** Stands for "OAuth2 is off": every request passes. */
    private static final Grant OPEN = new Grant(Long.MAX_VALUE, null);

    /** The grant of the request's bearer token; OPEN when OAuth2 is off; null after failing the request with 401. */
    private Grant grant(RoutingContext ctx) {
        if (!options.isEnabled()) {
            return OPEN;
        }
        String authorization = ctx.request().getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            ctx.fail(ApiException.unauthorized("an OAuth2 bearer token is required"));
            return null;
        }
        Grant grant = grants.get(authorization.substring(7).trim());
        if (grant == null || grant.expiryNanos() - System.nanoTime() <= 0) {
            ctx.fail(ApiException.unauthorized("the bearer token is unknown or expired")
                    .header("WWW-Authenticate", "Bearer error=\"invalid_token\""));
            return null;
        }
        return grant;
    }

    private boolean known(String clientId, String clientSecret) {
        for (OAuth2Options.Client client : options.getClients()) {
            if (client.clientId().equals(clientId) && MessageDigest.isEqual(
                    client.clientSecret().getBytes(StandardCharsets.UTF_8), clientSecret.getBytes(StandardCharsets.UTF_8))) {
                return true;
            }
        }
        return false;
    }

    private void purgeExpired() {
        long now = System.nanoTime();
        grants.values().removeIf(grant -> grant.expiryNanos() - now <= 0);
    }

    private static void tokenError(RoutingContext ctx, int status, String error, String description) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", error).put("error_description", description).encode());
    }
}
