package io.modelqos.af;

import io.modelqos.af.config.AfConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;

/** Runs a {@link ModelQosAf} on its own HTTP server, as {@code modelqos serve} does. */
public final class AfServer {
    private static final Logger LOG = LoggerFactory.getLogger(AfServer.class);

    private final ModelQosAf af;
    private final SharedListener server;
    private final SharedListener callbackServer;
    private final SharedListener managementServer;
    private final URI callbackBase;

    private AfServer(ModelQosAf af, SharedListener server, SharedListener callbackServer, SharedListener managementServer,
                     URI callbackBase) {
        this.af = af;
        this.server = server;
        this.callbackServer = callbackServer;
        this.managementServer = managementServer;
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
        return start(vertx, config, new io.modelqos.af.nef.NefSouthbound(nef), store, metrics);
    }

    /** As above, on the network {@code southbound} reaches (the NEF over T8, or the PCF over N5). */
    public static Future<AfServer> start(Vertx vertx, AfConfig config, Southbound southbound,
                                         io.modelqos.af.store.DeliveryStore store, io.modelqos.af.observe.AfMetrics metrics) {
        // The northbound guard reads keys and certificates: on a worker; the AF is then composed on the context.
        return vertx.getOrCreateContext().executeBlocking(() -> io.modelqos.af.security.NorthboundGuard.create(vertx,
                        config.authOrDefault(), config.limitsOrDefault(), config.tlsOrDefault().clients(),
                        java.time.Clock.systemUTC()), false)
                .compose(guard -> ModelQosAf.create(vertx, config, southbound, store, metrics, guard,
                        java.time.Clock.systemUTC()))
                .compose(af -> start(vertx, af, config));
    }

    /**
     * Binds the configured host and port (TLS when {@code tls.server} is configured); with {@code tls.callbacks.port},
     * a listener of its own for the NEF's callbacks (mutual TLS when {@code tls.callbacks.clientCaFile} is set); with
     * {@code management.port}, a listener of its own for {@code /health/*} and {@code /metrics}, which the API listener
     * then no longer serves. Tells the AF its callback base and resumes stored deliveries.
     */
    public static Future<AfServer> start(Vertx vertx, ModelQosAf af, AfConfig config) {
        io.modelqos.af.security.TlsOptions tls = config.tlsOrDefault();
        io.modelqos.af.config.ManagementOptions management = config.managementOrDefault();
        boolean separateCallbacks = tls.separateCallbackListener();
        boolean separateManagement = management.separateListener();
        Router router = Router.router(vertx);
        af.mountNorthbound(router);
        if (!separateCallbacks) {
            af.mountCallbacks(router);
        }
        if (!separateManagement) {
            af.mountOperations(router);
        }
        answerTheRest(router);
        HttpServerOptions options = io.modelqos.af.security.TlsSetup.server(
                listenerOptions(config.hostOrDefault(), config.portOrDefault()), tls.serverOrNull());
        if (!separateCallbacks && tls.callbackClientCertRequired()) {
            // One listener for both: ask for a client certificate; only the callback route insists on one.
            io.modelqos.af.security.TlsSetup.clientCertificates(options, tls.callbacks().clientCaFile(),
                    io.vertx.core.http.ClientAuth.REQUEST);
        }
        if (tls.serverOrNull() == null) {
            LOG.warn("SECURITY: the northbound listener is plain HTTP (no tls.server / MODELQOS_TLS_CERT_FILE):"
                    + " bearer tokens and API keys cross the network in clear text");
        }
        // The API and the callbacks on every shard's event loop; health and metrics on the first only.
        java.util.List<io.vertx.core.Context> loops = af.deliveries().shards().stream()
                .map(io.modelqos.af.engine.ShardedEngine.Shard::context).toList();
        Future<SharedListener> main = listen(vertx, loops, options, router);
        Future<SharedListener> callbacks = Future.succeededFuture();
        if (separateCallbacks) {
            Router callbackRouter = Router.router(vertx);
            af.mountCallbacks(callbackRouter);
            answerTheRest(callbackRouter);
            HttpServerOptions callbackOptions = io.modelqos.af.security.TlsSetup.server(
                    listenerOptions(config.hostOrDefault(), tls.callbacks().port()), tls.callbackServerOrNull());
            if (tls.callbackClientCertRequired()) {
                io.modelqos.af.security.TlsSetup.clientCertificates(callbackOptions, tls.callbacks().clientCaFile(),
                        io.vertx.core.http.ClientAuth.REQUIRED);
            }
            callbacks = listen(vertx, loops, callbackOptions, callbackRouter);
        }
        io.modelqos.af.security.TlsOptions.ServerTls managementTls = managementTls(config);
        Future<SharedListener> operations = Future.succeededFuture();
        if (separateManagement) {
            Router managementRouter = Router.router(vertx);
            af.mountOperations(managementRouter);
            answerTheRest(managementRouter);
            operations = listen(vertx, loops.subList(0, 1), io.modelqos.af.security.TlsSetup.server(
                    listenerOptions(management.hostOrDefault(), management.port()), managementTls), managementRouter);
        }
        Future<SharedListener> callbackListener = callbacks;
        Future<SharedListener> managementListener = operations;
        return Future.all(main, callbackListener, managementListener)
                .recover(e -> {
                    // Close whichever listeners did bind; another failed.
                    for (Future<SharedListener> listener : java.util.List.of(main, callbackListener, managementListener)) {
                        if (listener.succeeded() && listener.result() != null) {
                            listener.result().close();
                        }
                    }
                    return Future.failedFuture(e);
                })
                .map(all -> {
                    SharedListener server = main.result();
                    SharedListener callbackServer = callbackListener.result();
                    SharedListener managementServer = managementListener.result();
                    int callbackPort = callbackServer != null ? callbackServer.actualPort() : server.actualPort();
                    boolean callbackTls = separateCallbacks ? tls.callbackServerOrNull() != null : tls.serverOrNull() != null;
                    URI callbackBase = callbackBase(config, callbackPort, callbackTls);
                    af.callbackBase(callbackBase);
                    af.resume();
                    LOG.info("ModelQoS AF listening on {}:{} ({}; NEF callbacks at {})", config.hostOrDefault(),
                            server.actualPort(), tls.serverOrNull() == null ? "HTTP" : "HTTPS", callbackBase);
                    String metricsAccess = management.metricsTokenOrNull() == null ? "open" : "bearer token required";
                    if (managementServer != null) {
                        LOG.info("health and metrics on their own listener {}:{} ({}; metrics {}); not on the API"
                                        + " listener", management.hostOrDefault(), managementServer.actualPort(),
                                managementTls == null ? "HTTP" : "HTTPS", metricsAccess);
                    } else {
                        LOG.info("health and metrics on the API listener (metrics {}; management.port gives them a"
                                + " listener of their own)", metricsAccess);
                    }
                    return new AfServer(af, server, callbackServer, managementServer, callbackBase);
                });
    }

    /** The management listener's certificate: the API's, unless {@code management.tls} is false (null = plain HTTP). */
    public static io.modelqos.af.security.TlsOptions.ServerTls managementTls(AfConfig config) {
        return config.managementOrDefault().tlsAllowed() ? config.tlsOrDefault().serverOrNull() : null;
    }

    /** What every listener of the AF shares. */
    private static HttpServerOptions listenerOptions(String host, int port) {
        return new HttpServerOptions()
                .setHost(host)
                .setPort(port)
                .setCompressionSupported(false)
                .setHttp2ClearTextEnabled(false) // HTTP/1.1 only: no h2c upgrade to a protocol nothing here was tested on
                .setIdleTimeout(120);
    }

    /** Unknown paths and failures outside the API's own router get a problem+json answer too (404, 413, ...). */
    private static void answerTheRest(Router router) {
        io.modelqos.af.northbound.ProblemResponder problems =
                new io.modelqos.af.northbound.ProblemResponder(io.modelqos.af.json.AfJson.mapper());
        router.route().last().handler(ctx -> problems.send(ctx, io.modelqos.af.problem.AfProblem.notFound("no such resource")));
        router.route().failureHandler(problems::handle);
    }

    private static Future<SharedListener> listen(Vertx vertx, java.util.List<io.vertx.core.Context> loops,
                                                 HttpServerOptions options, Router router) {
        return SharedListener.listen(vertx, loops, options, io.modelqos.af.security.InvalidRequests.guard(router),
                io.modelqos.af.security.InvalidRequests.HANDLER);
    }

    /** The configured callback base, or this listener's: https when it has TLS. */
    static URI callbackBase(AfConfig config, int port, boolean tls) {
        URI derived = config.callbackBaseFor(port);
        if (config.callbackBaseUri() != null && !config.callbackBaseUri().isBlank() || !tls) {
            return derived;
        }
        return URI.create("https://" + derived.getRawAuthority());
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

    /** The port of the NEF callback listener (the API's port when callbacks share it). */
    public int callbackPort() {
        return callbackServer != null ? callbackServer.actualPort() : server.actualPort();
    }

    /**
     * The port of the listener serving {@code /health/*} and {@code /metrics}: the management listener's, or the API's
     * when they share it.
     */
    public int managementPort() {
        return managementServer != null ? managementServer.actualPort() : server.actualPort();
    }

    /** Whether {@code /health/*} and {@code /metrics} have a listener of their own ({@code management.port}). */
    public boolean separateManagementListener() {
        return managementServer != null;
    }

    /** Graceful stop: no new deliveries, then the servers close; live deliveries stay for the next start. */
    public Future<Void> stop() {
        return af.close().compose(v -> {
            java.util.List<Future<Void>> closing = new java.util.ArrayList<>(java.util.List.of(server.close()));
            if (callbackServer != null) {
                closing.add(callbackServer.close());
            }
            if (managementServer != null) {
                closing.add(managementServer.close());
            }
            return Future.all(closing).mapEmpty();
        });
    }
}
