package io.modelqos.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The load generator's HTTP client: Vert.x, HTTP/1.1 keep-alive, one pool per target with as many connections as
 * the bench's concurrency, so the client never queues requests of its own. Loopback targets only.
 */
public final class LoadClient implements AutoCloseable {
    /** A whole answer: status, Location header and body. */
    public record Response(int status, String location, Buffer body) {
        public String bodyText() {
            return body == null ? "" : body.toString();
        }
    }

    private final Vertx vertx;
    private final HttpClientAgent client;
    private final long timeoutMs;
    /** Where a request asked for off Vert.x's threads (the bench's main thread) is sent from. */
    private final Context home;

    public LoadClient(Vertx vertx, int connectionsPerTarget, long timeoutMs) {
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
                        .setConnectTimeout((int) timeoutMs),
                new PoolOptions().setHttp1MaxSize(connectionsPerTarget));
        this.timeoutMs = timeoutMs;
        this.vertx = vertx;
        this.home = vertx.getOrCreateContext();
    }

    public Future<Response> send(HttpMethod method, String absoluteUri, String contentType, Buffer body) {
        return send(method, absoluteUri, contentType, body, null);
    }

    /** With an {@code Idempotency-Key} header when {@code idempotencyKey} is not null. */
    public Future<Response> send(HttpMethod method, String absoluteUri, String contentType, Buffer body,
                                 String idempotencyKey) {
        checkLoopback(absoluteUri);
        // Both bounds: a request never waits for ever, neither for a pooled connection nor for its answer.
        RequestOptions options = new RequestOptions().setMethod(method).setAbsoluteURI(absoluteUri)
                .setConnectTimeout(timeoutMs).setIdleTimeout(timeoutMs);
        if (contentType != null) {
            options.putHeader("Content-Type", contentType);
        }
        if (idempotencyKey != null) {
            options.putHeader("Idempotency-Key", idempotencyKey);
        }
        // Vert.x 5.0.7's client, asked from a thread of its own (not an event loop), now and then never completes a
        // request that reuses a pooled connection just released: one in a few hundred sequential GETs awaited from
        // the main thread, none in 60,000 sent from a context (the reads after the restart of phase 5 hit it, 2026-12-05).
        // Such a request is therefore sent from this client's context.
        Future<Response> answered;
        if (Vertx.currentContext() != null) {
            answered = exchange(options, body);
        } else {
            Promise<Response> sent = Promise.promise();
            home.runOnContext(v -> exchange(options, body).onComplete(sent));
            answered = sent.future();
        }
        // And a deadline of its own, should a request still never complete: the bench reports it instead of waiting.
        Promise<Response> settled = Promise.promise();
        long deadline = vertx.setTimer(3 * timeoutMs, id -> settled.tryFail(new java.util.concurrent.TimeoutException(
                method + " " + absoluteUri + ": no outcome within " + 3 * timeoutMs + " ms")));
        answered.onComplete(ar -> {
            vertx.cancelTimer(deadline);
            if (ar.succeeded()) {
                settled.tryComplete(ar.result());
            } else {
                settled.tryFail(ar.cause());
            }
        });
        return settled.future();
    }

    private Future<Response> exchange(RequestOptions options, Buffer body) {
        return client.request(options)
                .compose(request -> body == null ? request.send() : request.send(body))
                .compose(response -> response.body()
                        .map(b -> new Response(response.statusCode(), response.getHeader("Location"), b)));
    }

    public Future<Response> postJson(String absoluteUri, String json) {
        return send(HttpMethod.POST, absoluteUri, "application/json", Buffer.buffer(json));
    }

    /** A create as the SDK sends it: with an {@code Idempotency-Key}. */
    public Future<Response> postJson(String absoluteUri, String json, String idempotencyKey) {
        return send(HttpMethod.POST, absoluteUri, "application/json", Buffer.buffer(json), idempotencyKey);
    }

    public Future<Response> delete(String absoluteUri) {
        return send(HttpMethod.DELETE, absoluteUri, null, null);
    }

    public Future<Response> get(String absoluteUri) {
        return send(HttpMethod.GET, absoluteUri, null, null);
    }

    /** The bench sends to processes it started on this machine, never elsewhere. */
    static void checkLoopback(String absoluteUri) {
        String host = java.net.URI.create(absoluteUri).getHost();
        if (host == null || !(host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]") || host.equals("::1"))) {
            throw new IllegalArgumentException("the bench only sends to loopback addresses, not " + absoluteUri);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
