package io.modelqos.af.nef;

import io.modelqos.af.http.EventLoopClients;
import io.modelqos.af.observe.AfMetrics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.ConnectException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One call to the NEF, as every operation of {@link VertxAsSessionWithQosClient} makes it: retried on 429 and 503
 * within the {@link RetryPolicy}, following 307/308 where {@link Redirects} allows, with a bearer token from its {@link AccessTokens}
 * (fetched again once on a 401), each HTTP request timed out and recorded in the metrics. The operations only
 * decide what the final {@link NefAnswer} means.
 */
final class NefExchange {

    /** Logs under the client's name, as all of the client's parts do. */
    private static final Logger LOG = LoggerFactory.getLogger(VertxAsSessionWithQosClient.class);

    private final Vertx vertx;
    private final EventLoopClients clients;
    private final long timeoutMs;
    private final RetryPolicy retryPolicy;
    private final AccessTokens tokens;
    private final AfMetrics metrics;
    private final Clock clock;

    /**
     * @param clients       the WebClient of each event loop that calls ({@link #close()} closes those it owns)
     * @param tokens        null when the NEF takes no token
     * @param metrics       null to record nothing
     */
    NefExchange(Vertx vertx, EventLoopClients clients, long timeoutMs, RetryPolicy retryPolicy,
                AccessTokens tokens, AfMetrics metrics, Clock clock) {
        this.vertx = vertx;
        this.clients = clients;
        this.timeoutMs = timeoutMs;
        this.retryPolicy = retryPolicy;
        this.tokens = tokens;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** How long 429/503 retries may go on, from the first attempt. */
    Duration retryBudget() {
        return retryPolicy.budget();
    }

    /** Closes the WebClients the client created. */
    void close() {
        clients.close();
    }

    /**
     * The timeout of one call: the configured one, but ten times that for a list of every subscription (a list
     * without a filter; TS 29.122's filters are query parameters): its answer grows with the AF's live deliveries, tens
     * of MB at tens of thousands, which no NEF builds and sends within the time a single subscription takes.
     */
    long timeoutOf(NefOperation op, URI uri) {
        return op == NefOperation.LIST && uri.getRawQuery() == null ? timeoutMs * WHOLE_LIST_TIMEOUT_FACTOR : timeoutMs;
    }

    static final int WHOLE_LIST_TIMEOUT_FACTOR = 10;

    /** Sends {@code body} (null for none) with {@code op}'s method to {@code uri}; fails only when no answer came. */
    Future<NefAnswer> call(NefOperation op, URI uri, Buffer body) {
        return withRetries(op, uri, body, System.nanoTime(), 1);
    }

    private Future<NefAnswer> withRetries(NefOperation op, URI uri, Buffer body, long start, int retry) {
        return withRedirects(op, uri, body, 0).compose(answer -> {
            if (answer.status() != 429 && answer.status() != 503) {
                return Future.succeededFuture(answer);
            }
            Optional<Duration> retryAfter = RetryAfter.parse(answer.header("Retry-After"), clock.instant());
            Optional<Duration> wait = retryPolicy.delay(retry, retryAfter, Duration.ofNanos(System.nanoTime() - start));
            if (wait.isEmpty()) {
                NefProblemException last = NefAnswerDecoder.problem(op, answer, retryAfter);
                return Future.failedFuture(new NefUnavailableException(op, uri,
                        NefUnavailableException.Reason.RETRIES_EXHAUSTED, answer.status(), retryAfter.orElse(null), null,
                        "NEF " + op.label() + " still answered " + answer.status() + " after " + (retry - 1)
                                + " retries; retry budget of " + retryPolicy.budget().toMillis() + " ms used up"
                                + retryAfter.map(d -> " (Retry-After " + d.toSeconds() + " s)").orElse(""), last));
            }
            LOG.info("NEF {} {} -> {}, retry {} in {} ms{}", op.label(), uri, answer.status(), retry,
                    wait.get().toMillis(), retryAfter.isPresent() ? " (Retry-After)" : "");
            return sleep(wait.get()).compose(v -> withRetries(op, uri, body, start, retry + 1));
        });
    }

    private Future<NefAnswer> withRedirects(NefOperation op, URI uri, Buffer body, int hops) {
        return withToken(op, uri, body).compose(answer -> {
            if (!Redirects.isRedirect(answer.status())) {
                return Future.succeededFuture(answer);
            }
            if (!Redirects.follows(op)) {
                return Future.failedFuture(new NefProtocolException(op, uri, answer.status(),
                        "NEF answered " + op.label() + " with " + answer.status()
                                + ", which TS 29.122 does not declare for it; not followed", null));
            }
            if (hops >= Redirects.MAX_HOPS) {
                return Future.failedFuture(new NefProtocolException(op, uri, answer.status(),
                        "NEF redirected " + op.label() + " more than " + Redirects.MAX_HOPS + " times", null));
            }
            URI target;
            try {
                target = Redirects.resolve(answer.uri(), answer.header("Location"));
            } catch (IllegalArgumentException e) {
                return Future.failedFuture(new NefProtocolException(op, uri, answer.status(),
                        "NEF redirected " + op.label() + " with an unusable Location: " + e.getMessage(), e));
            }
            LOG.info("NEF {} {} -> {}, following to {}", op.label(), answer.uri(), answer.status(), target);
            return withRedirects(op, target, body, hops + 1);
        });
    }

    private Future<NefAnswer> withToken(NefOperation op, URI uri, Buffer body) {
        if (tokens == null) {
            return sendAgainIfDropped(op, uri, body, null);
        }
        return token(op, uri).compose(token -> sendAgainIfDropped(op, uri, body, token).compose(answer -> {
            if (answer.status() != 401) {
                return Future.succeededFuture(answer);
            }
            LOG.info("NEF {} {} -> 401, fetching a new access token and sending once more", op.label(), uri);
            tokens.invalidate(token);
            return token(op, uri).compose(fresh -> send(op, uri, body, fresh).onSuccess(again -> {
                if (again.status() == 401) {
                    tokens.invalidate(fresh);
                }
            }));
        }));
    }

    private Future<String> token(NefOperation op, URI uri) {
        return tokens.token().recover(e -> Future.failedFuture(new NefUnavailableException(op, uri,
                NefUnavailableException.Reason.NO_TOKEN, 0, null, null,
                "NEF " + op.label() + ": no access token: " + e.getMessage(), e)));
    }

    /**
     * A read or list whose connection dropped before any answer is sent once more: a keep-alive connection of the pool
     * that the NEF (or a proxy) closed while it was idle fails the first request sent on it, which the NEF never saw.
     * Only the safe methods are (RFC 9110 9.2.2): a write may have been done, and what then is decided by the
     * operation's owner (a create looks up, the others are reported as of unknown outcome). A refused connection is
     * not: the NEF is not there.
     */
    private Future<NefAnswer> sendAgainIfDropped(NefOperation op, URI uri, Buffer body, String token) {
        Future<NefAnswer> first = send(op, uri, body, token);
        if (op.method() != HttpMethod.GET) {
            return first;
        }
        return first.recover(e -> {
            if (e instanceof NefUnavailableException u && u.reason() == NefUnavailableException.Reason.CONNECTION
                    && !(u.getCause() instanceof ConnectException)) {
                LOG.info("NEF {} {}: the connection dropped before an answer ({}); sending it once more", op.label(),
                        uri, u.getCause() == null ? "?" : u.getCause().toString());
                return send(op, uri, body, token);
            }
            return Future.failedFuture(e);
        });
    }

    private Future<NefAnswer> send(NefOperation op, URI uri, Buffer body, String token) {
        long limitMs = timeoutOf(op, uri);
        HttpRequest<Buffer> request = clients.current().requestAbs(op.method(), uri.toString())
                .as(op == NefOperation.LIST ? ChunkedBodyCodec.INSTANCE : BodyCodec.buffer())
                .timeout(limitMs)
                .followRedirects(false)
                .putHeader("Accept", VertxAsSessionWithQosClient.ACCEPT);
        if (token != null) {
            request.putHeader("Authorization", "Bearer " + token);
        }
        long started = System.nanoTime();
        Promise<NefAnswer> promise = Promise.promise();
        AtomicBoolean settled = new AtomicBoolean();
        long timer = vertx.setTimer(limitMs, id -> {
            if (settled.compareAndSet(false, true)) {
                record(op, 0, started);
                LOG.debug("NEF {} {}: no answer within {} ms", op.label(), uri, limitMs);
                promise.fail(NefUnavailableException.noAnswer(op, uri, true,
                        new TimeoutException("no answer within " + limitMs + " ms")));
            }
        });
        Future<HttpResponse<Buffer>> sent;
        if (body != null) {
            request.putHeader("Content-Type", op == NefOperation.MODIFY
                    ? VertxAsSessionWithQosClient.MERGE_PATCH : VertxAsSessionWithQosClient.JSON);
            sent = request.sendBuffer(body);
        } else {
            sent = request.send();
        }
        sent.onComplete(ar -> {
            vertx.cancelTimer(timer);
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            if (ar.succeeded()) {
                HttpResponse<Buffer> r = ar.result();
                Buffer responseBody = r.body() == null || r.body().length() == 0 ? null : r.body();
                record(op, r.statusCode(), started);
                LOG.debug("NEF {} {} {} -> {}", op.label(), op.method(), uri, r.statusCode());
                promise.complete(new NefAnswer(uri, r.statusCode(), r.headers(), responseBody));
            } else {
                Throwable cause = ar.cause();
                record(op, 0, started);
                LOG.debug("NEF {} {} {}: {}", op.label(), op.method(), uri, cause.toString());
                promise.fail(NefUnavailableException.noAnswer(op, uri, isTimeout(cause), cause));
            }
        });
        return promise.future();
    }

    private static boolean isTimeout(Throwable cause) {
        return cause instanceof TimeoutException;
    }

    private void record(NefOperation op, int status, long startedNanos) {
        if (metrics != null) {
            metrics.nefCall(op.label(), status, Duration.ofNanos(System.nanoTime() - startedNanos));
        }
    }

    private Future<Void> sleep(Duration wait) {
        Promise<Void> promise = Promise.promise();
        vertx.setTimer(Math.max(1, wait.toMillis()), id -> promise.complete());
        return promise.future();
    }
}
