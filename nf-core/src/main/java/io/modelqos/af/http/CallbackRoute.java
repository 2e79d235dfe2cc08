package io.modelqos.af.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SecurityPolicyHandler;

/**
 * The route of a network's notification callback: its guard, then its body limit, then its handler, on one route, so
 * that the router matches the path once per notification instead of once per handler.
 */
public final class CallbackRoute {
    private CallbackRoute() {
    }

    /**
     * Mounts {@code POST path} on {@code router}.
     *
     * @param guard checks the peer (client certificate, bearer token) before the body is read; null = none configured
     */
    public static void post(Router router, String path, Handler<RoutingContext> guard, long maxBodyBytes,
                            Handler<RoutingContext> handler) {
        Route route = router.post(path);
        if (guard != null) {
            // Vert.x lets only a security-policy handler come before the body handler on one route.
            route.handler((SecurityPolicyHandler) guard::handle);
        }
        route.handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes)).handler(handler);
    }
}
