package io.modelqos.e2e;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real HTTP server standing in for the AI/ML server's webhook: it records every POST it receives. */
final class WebhookSink implements AutoCloseable {
    record Received(String authorization, String contentType, JsonObject event) {
    }

    private final HttpServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private volatile int failFirst;

    private WebhookSink(HttpServer server) {
        this.server = server;
    }

    static WebhookSink start(Vertx vertx) throws Exception {
        WebhookSink[] sink = new WebhookSink[1];
        HttpServer server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            if (sink[0].failFirst > 0) {
                sink[0].failFirst--;
                req.response().setStatusCode(503).end();
                return;
            }
            sink[0].received.add(new Received(req.getHeader("Authorization"), req.getHeader("Content-Type"),
                    body.toJsonObject()));
            req.response().setStatusCode(204).end();
        }));
        sink[0] = new WebhookSink(server);
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return sink[0];
    }

    String uri() {
        return "http://127.0.0.1:" + server.actualPort() + "/events";
    }

    /** The next {@code n} POSTs answer 503, to exercise the AF's retries. */
    void failNext(int n) {
        failFirst = n;
    }

    /** Waits for events until one of {@code type} arrives; returns all received so far, in arrival order. */
    List<Received> awaitType(String type, long timeoutMs) throws InterruptedException {
        List<Received> all = new ArrayList<>();
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            Received r = received.poll(50, TimeUnit.MILLISECONDS);
            if (r != null) {
                all.add(r);
                if (type.equals(r.event().getString("type"))) {
                    return all;
                }
            }
        }
        throw new AssertionError("no " + type + " event within " + timeoutMs + " ms; got " + all.stream()
                .map(x -> x.event().getString("type")).toList());
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
