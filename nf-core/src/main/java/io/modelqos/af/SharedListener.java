package io.modelqos.af;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * One listening address served by an HTTP server on each of the engine's event loops. Vert.x shares a port among the
 * servers of one Vert.x instance and hands each new connection to the next of them, so every request is read on a
 * shard's own event loop: a create taken there stays there ({@code ShardedEngine#forCreate}), and a request for that
 * shard's deliveries is served without waking another thread. With one server, every request was read on one event
 * loop and half of them crossed to the other shard's loop and back.
 */
final class SharedListener {
    /** Vert.x's key for a shared random port: one negative number per listener of this JVM. */
    private static final java.util.concurrent.atomic.AtomicInteger NEXT_RANDOM_PORT =
            new java.util.concurrent.atomic.AtomicInteger(-1);
    private final List<HttpServer> servers;

    private SharedListener(List<HttpServer> servers) {
        this.servers = List.copyOf(servers);
    }

    /**
     * Listens on each of {@code loops} at the port of {@code options} (port 0: one free port for all of them), first on
     * one, then on the others. Fails, with every server that did bind closed, when one does not bind.
     */
    static Future<SharedListener> listen(Vertx vertx, List<Context> loops, HttpServerOptions options,
                                         Handler<HttpServerRequest> requests, Handler<HttpServerRequest> invalid) {
        // Any free port, the same for all: Vert.x shares one random port among servers given the same negative number
        // (a server given the port the first one found would try to bind it again).
        HttpServerOptions samePort = options.getPort() == 0 && loops.size() > 1
                ? new HttpServerOptions(options).setPort(NEXT_RANDOM_PORT.getAndDecrement())
                : options;
        return listenOn(loops.get(0), vertx, samePort, requests, invalid).compose(server -> {
            List<Future<HttpServer>> others = new ArrayList<>();
            for (Context loop : loops.subList(1, loops.size())) {
                others.add(listenOn(loop, vertx, samePort, requests, invalid));
            }
            return Future.join(others).map(all -> {
                List<HttpServer> servers = new ArrayList<>(List.of(server));
                others.forEach(f -> servers.add(f.result()));
                return new SharedListener(servers);
            }).recover(e -> {
                server.close();
                others.stream().filter(Future::succeeded).forEach(f -> f.result().close());
                return Future.failedFuture(e);
            });
        });
    }

    private static Future<HttpServer> listenOn(Context loop, Vertx vertx, HttpServerOptions options,
                                               Handler<HttpServerRequest> requests, Handler<HttpServerRequest> invalid) {
        Promise<HttpServer> bound = Promise.promise();
        // A server serves its connections on the event loop of the context it listens from.
        loop.runOnContext(v -> vertx.createHttpServer(options).requestHandler(requests).invalidRequestHandler(invalid)
                .listen().onComplete(bound));
        return bound.future();
    }

    int actualPort() {
        return servers.get(0).actualPort();
    }

    Future<Void> close() {
        List<Future<Void>> closing = new ArrayList<>();
        servers.forEach(s -> closing.add(s.close()));
        return Future.join(closing).mapEmpty();
    }
}
