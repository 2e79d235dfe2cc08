package io.modelqos.security;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP relay on loopback, for putting TLS where the emulator speaks plain HTTP: it terminates one kind of
 * connection (plain, TLS, or TLS requiring a client certificate) and forwards each request, with extra headers if
 * asked, over another (plain, TLS, TLS presenting a client certificate). Answers 502 when the forward fails.
 */
final class Relay implements AutoCloseable {
    private static final Set<String> HOP = Set.of("host", "connection", "content-length", "transfer-encoding", "keep-alive");

    private final HttpServer server;
    private final WebClient client;
    private volatile String target;
    final AtomicInteger forwarded = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    /** Every Authorization header value forwarded (to know which tokens crossed, e.g. the NEF's access tokens). */
    final Set<String> authorizations = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Authorization header values answered 401 here instead of forwarded (a token the NEF no longer takes). */
    final Set<String> refused = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private Relay(HttpServer server, WebClient client) {
        this.server = server;
        this.client = client;
    }

    /**
     * @param serverOptions how clients connect (host/port are set here)
     * @param clientOptions how the relay connects onwards
     * @param extraHeaders  added to every forwarded request
     */
    static Relay start(Vertx vertx, HttpServerOptions serverOptions, WebClientOptions clientOptions,
                       Map<String, String> extraHeaders) throws Exception {
        WebClient client = WebClient.create(vertx, clientOptions.setFollowRedirects(false));
        Relay[] relay = new Relay[1];
        HttpServer server = vertx.createHttpServer(serverOptions.setHost("127.0.0.1").setPort(0))
                .requestHandler(req -> req.body().onSuccess(body -> {
                    if (relay[0].refused.contains(String.valueOf(req.getHeader("Authorization")))) {
                        req.response().setStatusCode(401).putHeader("Content-Type", "application/problem+json")
                                .end("{\"title\":\"Unauthorized\",\"status\":401,\"cause\":\"UNAUTHORIZED\"}");
                        return;
                    }
                    HttpRequest<Buffer> out = client.requestAbs(req.method(), relay[0].target + req.uri());
                    req.headers().forEach((name, value) -> {
                        if (!HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                            out.headers().add(name, value);
                        }
                    });
                    extraHeaders.forEach(out::putHeader);
                    if (out.headers().get("Authorization") != null) {
                        relay[0].authorizations.add(out.headers().get("Authorization"));
                    }
                    out.sendBuffer(body).onComplete(ar -> {
                        if (ar.failed()) {
                            relay[0].failed.incrementAndGet();
                            req.response().setStatusCode(502).end(String.valueOf(ar.cause()));
                            return;
                        }
                        relay[0].forwarded.incrementAndGet();
                        var response = req.response().setStatusCode(ar.result().statusCode());
                        ar.result().headers().forEach((name, value) -> {
                            if (!HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                                response.headers().add(name, value);
                            }
                        });
                        Buffer answer = ar.result().body();
                        response.end(answer == null ? Buffer.buffer() : answer);
                    });
                }));
        relay[0] = new Relay(server, client);
        server.listen().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        return relay[0];
    }

    /** Where requests go: scheme, host and port, e.g. {@code https://127.0.0.1:8443}. */
    Relay target(String target) {
        this.target = target;
        return this;
    }

    int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        server.close();
        client.close();
    }
}
