package io.modelqos.af.security;

import io.modelqos.af.http.ProblemWriter;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a scrape of {@code /metrics} through only with the configured bearer token ({@code management.metricsToken}),
 * compared in constant time. A refused scrape gets 401 with {@code WWW-Authenticate: Bearer} and a problem body that
 * never quotes what was sent.
 *
 * <pre>{@code
 * router.get("/metrics").handler(MetricsGuard.create(token)).handler(scrape);
 * }</pre>
 */
public final class MetricsGuard implements Handler<RoutingContext> {
    /** Tokens shorter than this work but are reported at start as fit for development only. */
    public static final int WEAK_BELOW = 16;
    private static final Logger LOG = LoggerFactory.getLogger(MetricsGuard.class);

    private final StaticToken token;

    private MetricsGuard(StaticToken token) {
        this.token = token;
    }

    /** The guard for {@code token}; null when no token is configured (the metrics are open). */
    public static MetricsGuard create(String token) {
        StaticToken configured = StaticToken.ofNullable(token);
        if (configured == null) {
            return null;
        }
        if (token.strip().length() < WEAK_BELOW) {
            LOG.warn("SECURITY: the metrics token (management.metricsToken) is shorter than {} characters; fit for"
                    + " development only", WEAK_BELOW);
        }
        return new MetricsGuard(configured);
    }

    /**
     * Why {@code token} cannot be the metrics token (a scraper could not send it as {@code Authorization: Bearer}),
     * never quoting it; null when it can.
     */
    public static String problemWith(String token) {
        if (token == null || token.isBlank() || BearerToken.sendable(token.strip())) {
            return null;
        }
        return "must be a bearer token of at most " + BearerToken.MAX_CHARS
                + " characters of A-Z a-z 0-9 - . _ ~ + / (then = padding only)";
    }

    @Override
    public void handle(RoutingContext ctx) {
        BearerToken.Presented presented = BearerToken.of(ctx);
        if (presented instanceof BearerToken.Token sent && token.matches(sent.value())) {
            ctx.next();
            return;
        }
        String error;
        String detail;
        if (presented instanceof BearerToken.None) {
            error = null;
            detail = "the metrics need Authorization: Bearer <metrics token>";
        } else if (presented instanceof BearerToken.Malformed m) {
            error = "invalid_request";
            detail = m.reason();
        } else {
            error = "invalid_token";
            detail = "the bearer token is not the metrics token";
        }
        LOG.debug("metrics scrape refused: {}", detail);
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"" + NorthboundGuard.REALM + "\""
                + (error == null ? "" : ", error=\"" + error + "\""));
        // Shaped like the listener's other answers (its 404s): about:blank, with the path.
        ProblemWriter.write(ctx.response(), ProblemWriter.Body.of(401, "Unauthorized", detail)
                .type(ProblemWriter.ABOUT_BLANK).instance(ctx.request().path()));
    }

    @Override
    public String toString() {
        return "MetricsGuard[token=***]";
    }
}
