package io.modelqos.nef.emulator;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OAuth 2.0 client-credentials grant (RFC 6749 4.4) for configured clients, and the bearer check
 * the AsSessionWithQoS API applies when OAuth2 is enabled. Tokens are opaque random strings kept in
 * memory until they expire. Neither secrets nor tokens are logged.
 */
final class TokenEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(TokenEndpoint.class);

    private final OAuth2Options options;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Long> expiryByToken = new ConcurrentHashMap<>();

    TokenEndpoint(OAuth2Options options) {
        this.options = options;
    }

    boolean enabled() {
        return options.isEnabled();
    }

    /** {@code POST /oauth2/token}, form {@code grant_type=client_credentials&client_id&client_secret} or HTTP Basic. */
    void issue(RoutingContext ctx) {
        ctx.response().putHeader("Cache-Control", "no-store").putHeader("Pragma", "no-cache");
        String contentType = ctx.request().getHeader("Content-Type");
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            tokenError(ctx, 400, "invalid_request", "the body must be application/x-www-form-urlencoded");
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
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long ttl = options.getTokenTtlSeconds();
        expiryByToken.put(token, System.nanoTime() + ttl * 1_000_000_000L);
        purgeExpired();
        LOG.info("token issued to client {} for {} s", clientId, ttl);
        ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("access_token", token).put("token_type", "Bearer").put("expires_in", ttl).encode());
    }

    /** Route handler: lets the request through with a valid unexpired bearer token, else 401. */
    Handler<RoutingContext> requireBearer() {
        return ctx -> {
            if (!options.isEnabled()) {
                ctx.next();
                return;
            }
            String authorization = ctx.request().getHeader("Authorization");
            if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                ctx.fail(ApiException.unauthorized("an OAuth2 bearer token is required"));
                return;
            }
            String token = authorization.substring(7).trim();
            Long expiry = expiryByToken.get(token);
            if (expiry == null || expiry - System.nanoTime() <= 0) {
                ctx.fail(ApiException.unauthorized("the bearer token is unknown or expired")
                        .header("WWW-Authenticate", "Bearer error=\"invalid_token\""));
                return;
            }
            ctx.next();
        };
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
        expiryByToken.values().removeIf(expiry -> expiry - now <= 0);
    }

    private static void tokenError(RoutingContext ctx, int status, String error, String description) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", error).put("error_description", description).encode());
    }
}
