package io.modelqos.af;

import io.modelqos.af.config.AfConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;

/** Runs a {@link ModelQosAf} on its own HTTP server, as {@code modelqos serve} does. */
public final class AfServer {
    private static final Logger LOG = LoggerFactory.getLogger(AfServer.class);

    private final ModelQosAf af;
    private final HttpServer server;
    private final URI callbackBase;

    private AfServer(ModelQosAf af, HttpServer server, URI callbackBase) {
        this.af = af;
        this.server = server;
        this.callbackBase = callbackBase;
    }

    /**
     * Creates the AF on a context of its own and serves it: the usual way to run it.
     */
    public static Future<AfServer> start(Vertx vertx, AfConfig config, io.modelqos.af.nef.AsSessionWithQosClient nef,
                                         io.modelqos.af.store.DeliveryStore store) {
        return start(vertx, config, nef, store, new io.modelqos.af.observe.AfMetrics());
    }

    /** As above, with the metrics the NEF client reports to as well. */
    public static Future<AfServer> start(Vertx vertx, AfConfig config, io.modelqos.af.nef.AsSessionWithQosClient nef,
                                         io.modelqos.af.store.DeliveryStore store, io.modelqos.af.observe.AfMetrics metrics) {
        io.vertx.core.Promise<AfServer> started = io.vertx.core.Promise.promise();
        vertx.getOrCreateContext().runOnContext(v -> ModelQosAf.create(vertx, config, nef, store, metrics,
                        io.modelqos.af.northbound.TenantResolver.open(), java.time.Clock.systemUTC())
                .compose(af -> start(vertx, af, config))
                .onComplete(started));
        return started.future();
    }

    /** Binds the configured host and port, tells the AF its callback base and resumes stored deliveries. */
    public static Future<AfServer> start(Vertx vertx, ModelQosAf af, AfConfig config) {
        Router router = Router.router(vertx);
        af.mount(router);
        return vertx.createHttpServer(new HttpServerOptions()
                        .setHost(config.hostOrDefault())
                        .setPort(config.portOrDefault())
                        .setCompressionSupported(false)
                        .setIdleTimeout(120))
                .requestHandler(router)
                .listen()
                .map(server -> {
                    URI callbackBase = config.callbackBaseFor(server.actualPort());
                    af.callbackBase(callbackBase);
                    af.resume();
                    LOG.info("ModelQoS AF listening on {}:{} (NEF callbacks at {})", config.hostOrDefault(),
                            server.actualPort(), callbackBase);
                    return new AfServer(af, server, callbackBase);
                });
    }

    public int port() {
        return server.actualPort();
    }

    public URI callbackBase() {
        return callbackBase;
    }

    public ModelQosAf af() {
        return af;
    }

    /** Graceful stop: no new deliveries, then the server closes; live deliveries stay for the next start. */
    public Future<Void> stop() {
        return af.close().compose(v -> server.close());
    }
}
