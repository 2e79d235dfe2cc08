package io.modelqos.af.security;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * Tells which tenant (AI/ML server) a request comes from; a tenant sees and changes only its own deliveries.
 * Fails with an {@link io.modelqos.af.problem.AfProblem} when the caller cannot be identified.
 */
@FunctionalInterface
public interface TenantResolver {
    String TENANT_KEY = "modelqos.tenant";
    String DEFAULT_TENANT = "default";

    Future<String> resolve(RoutingContext ctx);

    /** Development mode: no authentication, every caller is the default tenant. */
    static TenantResolver open() {
        return ctx -> Future.succeededFuture(DEFAULT_TENANT);
    }
}
