package io.modelqos.af.observe;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.function.Supplier;

/**
 * {@code /health/live} (the process answers), {@code /health/ready} (the NEF and the store answer; 503 with the
 * failing checks otherwise) and {@code /metrics} (Prometheus text format, behind a guard when one is given).
 */
public final class OperationsRoutes {
    private final AfMetrics metrics;
    private final Supplier<Future<JsonObject>> readiness;
    private final Handler<RoutingContext> metricsGuard;

    /**
     * @param readiness    completes with the checks as {@code {"nef": "UP"|..., "store": ...}}; ready when all are "UP"
     *                     (objects, such as {@code "capif": {...}}, describe and do not count)
     * @param metricsGuard runs before {@code /metrics} is scraped (e.g. checks a bearer token); null = none
     */
    public OperationsRoutes(AfMetrics metrics, Supplier<Future<JsonObject>> readiness, Handler<RoutingContext> metricsGuard) {
        this.metrics = metrics;
        this.readiness = readiness;
        this.metricsGuard = metricsGuard;
    }

    public void mount(Router router) {
        router.get("/health/live").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("status", "UP").encode()));
        router.get("/health/ready").handler(ctx -> readiness.get().onComplete(ar -> {
            JsonObject checks = ar.succeeded() ? ar.result() : new JsonObject().put("error", String.valueOf(ar.cause()));
            // An object among the checks describes a dependency (e.g. "capif": the exposing function in use); not a state.
            boolean up = ar.succeeded() && checks.stream()
                    .allMatch(e -> e.getValue() instanceof JsonObject || "UP".equals(e.getValue()));
            ctx.response().setStatusCode(up ? 200 : 503)
                    .putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("status", up ? "UP" : "DOWN").put("checks", checks).encode());
        }));
        var scrape = router.get("/metrics");
        if (metricsGuard != null) {
            scrape.handler(metricsGuard);
        }
        scrape.handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(metrics.scrape()));
    }
}
