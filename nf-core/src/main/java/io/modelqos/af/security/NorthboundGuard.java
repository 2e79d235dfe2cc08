package io.modelqos.af.security;

import io.modelqos.af.security.TenantResolver;
import io.modelqos.af.problem.AfProblem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Who calls the northbound API, and whether they may: authenticates the bearer token (a static API key, or an OAuth2
 * access token verified against the configured issuer), checks the scope the operation needs, then takes one token of
 * the tenant's rate-limit bucket. Answers are problems: 401 with {@code WWW-Authenticate: Bearer} when the credentials
 * are missing or not valid, 403 for a missing scope, 429 with {@code Retry-After} over the rate limit.
 *
 * <p>With neither keys nor an issuer configured it is open: every caller is tenant {@code default} with every scope
 * (still rate-limited), and {@link #fromConfig} says so loudly at start.
 *
 * <pre>{@code
 * TenantResolver tenants = NorthboundGuard.create(vertx, auth, limits, tls.clients(), Clock.systemUTC());
 * ModelQosAf.create(vertx, config, nef, store, metrics, tenants, clock);
 * }</pre>
 */
public final class NorthboundGuard implements TenantResolver {
    /** Where the {@link Principal} of the request is kept in the routing context. */
    public static final String PRINCIPAL_KEY = "modelqos.principal";
    static final String REALM = "modelqos";
    private static final Logger LOG = LoggerFactory.getLogger(NorthboundGuard.class);
    /** Tenants named by a token claim: printable ASCII without spaces. */
    private static final Pattern TOKEN_TENANT = Pattern.compile("[\\x21-\\x7E]{1,128}");

    private final ApiKeys apiKeys;
    private final JwtVerifier jwt;
    private final String tenantClaim;
    private final RateLimiter limiter;

    NorthboundGuard(ApiKeys apiKeys, JwtVerifier jwt, String tenantClaim, RateLimiter limiter) {
        this.apiKeys = apiKeys;
        this.jwt = jwt;
        this.tenantClaim = tenantClaim;
        this.limiter = limiter;
    }

    /**
     * The guard {@code auth} and {@code limits} describe; the issuer's keys are fetched with a client that trusts
     * {@code clientTls} (null = the JDK's CAs).
     */
    public static NorthboundGuard create(Vertx vertx, AuthOptions auth, LimitsOptions limits, TlsOptions.ClientTls clientTls,
                                         Clock clock) {
        AuthOptions a = auth == null ? AuthOptions.NONE : auth;
        LimitsOptions l = limits == null ? LimitsOptions.DEFAULTS : limits;
        ApiKeys keys = a.apiKeys() == null || a.apiKeys().isBlank() ? null : ApiKeys.parse(a.apiKeys());
        JwtVerifier verifier = null;
        AuthOptions.JwtOptions jwtOptions = a.jwtOrNull();
        if (jwtOptions != null) {
            verifier = JwtVerifier.create(jwksClient(vertx, clientTls), jwtOptions, clock);
        }
        RateLimiter limiter = new RateLimiter(l.requestsPerSecondOrDefault(), l.burstOrDefault(), System::nanoTime);
        NorthboundGuard guard = new NorthboundGuard(keys, verifier, jwtOptions == null ? null : jwtOptions.tenantClaim(), limiter);
        guard.announce(a, l);
        return guard;
    }

    /** A client for an issuer's JWKS: TLS as configured for the AF's clients, no redirects. */
    static WebClient jwksClient(Vertx vertx, TlsOptions.ClientTls clientTls) {
        return WebClient.create(vertx, TlsSetup.client(new WebClientOptions().setUserAgent("modelqos-af")
                .setFollowRedirects(false).setConnectTimeout(5_000), clientTls));
    }

    /** Whether any credentials are asked for. */
    public boolean open() {
        return apiKeys == null && jwt == null;
    }

    JwtVerifier jwtVerifier() {
        return jwt;
    }

    private void announce(AuthOptions auth, LimitsOptions limits) {
        if (open()) {
            LOG.warn("SECURITY: the northbound API is OPEN - no API keys (MODELQOS_API_KEYS, auth.apiKeys) and no JWT"
                    + " issuer (auth.jwt.issuer) are configured, so every caller is tenant '{}' with every scope."
                    + " Use this for development only.", DEFAULT_TENANT);
        } else {
            LOG.info("northbound authentication: {}{}", apiKeys == null ? "" : apiKeys.size() + " API key(s)",
                    jwt == null ? "" : (apiKeys == null ? "" : " and ") + "JWTs of " + auth.jwt().issuer()
                            + " for audience " + auth.jwt().audience());
            if (apiKeys != null) {
                List<String> weak = ApiKeys.weakTenants(auth.apiKeys());
                if (!weak.isEmpty()) {
                    LOG.warn("SECURITY: the API keys of tenant(s) {} are shorter than {} characters; fit for development"
                            + " only", weak, ApiKeys.WEAK_BELOW);
                }
            }
        }
        if (limiter.unlimited()) {
            LOG.warn("northbound rate limit: none (limits.requestsPerSecond = 0)");
        } else {
            LOG.info("northbound rate limit: {} request(s)/s per tenant, bursts of {}", limits.requestsPerSecondOrDefault(),
                    limits.burstOrDefault());
        }
    }

    @Override
    public Future<String> resolve(RoutingContext ctx) {
        return authenticate(ctx)
                .compose(principal -> authorize(ctx, principal))
                .compose(principal -> {
                    long waitMs = limiter.acquire(principal.tenant());
                    if (waitMs > 0) {
                        long seconds = Math.max(1, (waitMs + 999) / 1000);
                        LOG.debug("northbound: tenant {} over its rate limit; retry after {} s", principal.tenant(), seconds);
                        return Future.failedFuture(AfProblem.rateLimited("tenant '" + principal.tenant()
                                + "' is over its rate limit of " + limiter.perSecond() + " request(s)/s", seconds));
                    }
                    ctx.put(PRINCIPAL_KEY, principal);
                    return Future.succeededFuture(principal.tenant());
                });
    }

    private Future<Principal> authenticate(RoutingContext ctx) {
        if (open()) {
            return Future.succeededFuture(new Principal(DEFAULT_TENANT, Scopes.ALL, "open"));
        }
        BearerToken.Presented presented = BearerToken.of(ctx);
        if (presented instanceof BearerToken.None) {
            return unauthenticated(ctx, null, "credentials are required: Authorization: Bearer <token>");
        }
        if (presented instanceof BearerToken.Malformed m) {
            return unauthenticated(ctx, "invalid_request", m.reason());
        }
        String token = ((BearerToken.Token) presented).value();
        if (apiKeys != null) {
            var tenant = apiKeys.tenantOf(token);
            if (tenant.isPresent()) {
                return Future.succeededFuture(new Principal(tenant.get(), Scopes.ALL, "api-key"));
            }
        }
        if (jwt == null || !JwtVerifier.looksLikeJwt(token)) {
            return unauthenticated(ctx, "invalid_token", "the bearer token is not valid");
        }
        return jwt.verify(token).transform(ar -> {
            if (ar.failed()) {
                String reason = ar.cause() instanceof JwtException ? ar.cause().getMessage() : "the token cannot be verified";
                return unauthenticated(ctx, "invalid_token", reason);
            }
            String tenant = tenantOf(ar.result());
            if (tenant == null) {
                return unauthenticated(ctx, "invalid_token", "the token names no tenant ("
                        + (tenantClaim == null ? "client_id or sub" : tenantClaim) + ")");
            }
            return Future.succeededFuture(new Principal(tenant, ar.result().scopes(), "jwt"));
        });
    }

    private String tenantOf(JwtVerifier.VerifiedJwt token) {
        String tenant = tenantClaim != null ? token.claim(tenantClaim)
                : token.claim("client_id") != null ? token.claim("client_id") : token.claim("sub");
        return tenant != null && TOKEN_TENANT.matcher(tenant).matches() ? tenant : null;
    }

    private Future<Principal> authorize(RoutingContext ctx, Principal principal) {
        String needed = Scopes.required(ctx.request().method(), ctx.normalizedPath());
        if (principal.has(needed)) {
            return Future.succeededFuture(principal);
        }
        LOG.debug("northbound: tenant {} lacks scope {} for {} {}", principal.tenant(), needed, ctx.request().method(),
                ctx.request().path());
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"" + REALM + "\", error=\"insufficient_scope\", scope=\""
                + needed + "\"");
        return Future.failedFuture(AfProblem.forbidden("this operation needs the scope " + needed));
    }

    private static <T> Future<T> unauthenticated(RoutingContext ctx, String error, String reason) {
        LOG.debug("northbound: {} {} not authenticated: {}", ctx.request().method(), ctx.request().path(), reason);
        ctx.response().putHeader("WWW-Authenticate", error == null ? "Bearer realm=\"" + REALM + "\""
                : "Bearer realm=\"" + REALM + "\", error=\"" + error + "\"");
        return Future.failedFuture(AfProblem.unauthenticated(reason));
    }
}
