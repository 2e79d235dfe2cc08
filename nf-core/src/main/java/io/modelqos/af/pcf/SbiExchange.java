package io.modelqos.af.pcf;

import io.modelqos.af.http.EventLoopClients;
import io.modelqos.af.nef.RetryAfter;
import io.modelqos.af.observe.AfMetrics;
import io.modelqos.af.retry.Backoff;
import io.modelqos.af.southbound.SessionFailure;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * One call to a PCF, BSF or NRF: timed out, with the scope's access token (fetched again once on a 401), retried on
 * 429 and 503 (the peer did not act on the request) within a retry budget, and recorded in the metrics. It fails only
 * when no answer came, as a {@link SessionFailure} of kind TIMEOUT or UNAVAILABLE; every answer is the caller's to read.
 */
final class SbiExchange {
    private static final Logger LOG = LoggerFactory.getLogger(SbiExchange.class);
    static final String JSON = "application/json";
    static final String MERGE_PATCH = "application/merge-patch+json";
    static final String PROBLEM = "application/problem+json";

    private final Vertx vertx;
    private final EventLoopClients clients;
    private final long timeoutMs;
    private final Duration retryBudget;
    private final AccessTokens tokens;
    private final AfMetrics metrics;
    private final Clock clock;

    SbiExchange(Vertx vertx, EventLoopClients clients, long timeoutMs, Duration retryBudget, AccessTokens tokens,
                AfMetrics metrics, Clock clock) {
        this.vertx = vertx;
        this.clients = clients;
        this.timeoutMs = timeoutMs;
        this.retryBudget = retryBudget;
        this.tokens = tokens;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** A call to the PCF, its answer, or a failure when none came. */
    Future<SbiAnswer> call(SbiCall call) {
        return withRetries(call, System.nanoTime(), 1);
    }

    private Future<SbiAnswer> withRetries(SbiCall call, long start, int retry) {
        return withToken(call).compose(answer -> {
            if (answer.status() != 429 && answer.status() != 503) {
                return Future.succeededFuture(answer);
            }
            Optional<Duration> retryAfter = RetryAfter.parse(answer.header("Retry-After"), clock.instant());
            Duration wait = retryAfter.orElse(Backoff.NEF_CALL.delay(retry));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            if (elapsed.plus(wait).compareTo(retryBudget) > 0) {
                return Future.succeededFuture(answer); // the caller reads the 429/503 as the peer's error
            }
            LOG.info("{} {} -> {}, retry {} in {} ms", call.operation(), call.uri(), answer.status(), retry,
                    wait.toMillis());
            Promise<Void> slept = Promise.promise();
            vertx.setTimer(Math.max(1, wait.toMillis()), id -> slept.complete());
            return slept.future().compose(v -> withRetries(call, start, retry + 1));
        });
    }

    private Future<SbiAnswer> withToken(SbiCall call) {
        if (call.scope() == null) {
            return send(call, null);
        }
        return token(call).compose(token -> send(call, token).compose(answer -> {
            if (answer.status() != 401 || token == null) {
                return Future.succeededFuture(answer);
            }
            LOG.info("{} {} -> 401, fetching a new access token and sending once more", call.operation(), call.uri());
            tokens.invalidate(call.scope(), token);
            return token(call).compose(fresh -> send(call, fresh));
        }));
    }

    private Future<String> token(SbiCall call) {
        return tokens.token(call.scope(), call.targetNfType()).recover(e -> Future.failedFuture(new SessionFailure(
                SessionFailure.Kind.UNAVAILABLE, call.operation() + ": no access token for scope " + call.scope() + ": "
                + e.getMessage(), "NO_ACCESS_TOKEN", null, e)));
    }

    private Future<SbiAnswer> send(SbiCall call, String token) {
        HttpRequest<Buffer> request = clients.current().requestAbs(call.method(), call.uri().toString())
                .timeout(timeoutMs)
                .followRedirects(false)
                .putHeader("Accept", JSON + ", " + PROBLEM);
        if (token != null) {
            request.putHeader("Authorization", "Bearer " + token);
        }
        long started = System.nanoTime();
        Future<io.vertx.ext.web.client.HttpResponse<Buffer>> sent;
        if (call.form() != null) {
            sent = request.sendForm(call.form());
        } else if (call.body() != null) {
            request.putHeader("Content-Type", call.contentType());
            sent = request.sendBuffer(call.body());
        } else {
            sent = request.send();
        }
        return sent.transform(ar -> {
            if (ar.succeeded()) {
                var r = ar.result();
                record(call, r.statusCode(), started);
                LOG.debug("{} {} {} -> {}", call.operation(), call.method(), call.uri(), r.statusCode());
                return Future.succeededFuture(new SbiAnswer(call.uri(), r.statusCode(), r.headers(),
                        r.body() == null || r.body().length() == 0 ? null : r.body()));
            }
            record(call, 0, started);
            boolean timedOut = ar.cause() instanceof TimeoutException;
            return Future.failedFuture(new SessionFailure(timedOut ? SessionFailure.Kind.TIMEOUT
                    : SessionFailure.Kind.UNAVAILABLE, call.operation() + " " + call.uri() + ": "
                    + (timedOut ? "no answer within " + timeoutMs + " ms" : "no answer (" + ar.cause() + ")"),
                    call.nf().toUpperCase(java.util.Locale.ROOT) + (timedOut ? "_TIMEOUT" : "_UNREACHABLE"), null,
                    ar.cause()));
        });
    }

    private void record(SbiCall call, int status, long startedNanos) {
        if (metrics != null) {
            metrics.sbiCall(call.nf(), call.operation(), status, Duration.ofNanos(System.nanoTime() - startedNanos));
        }
    }

    /**
     * One request.
     *
     * @param nf           the peer's kind as the metrics name it: "pcf", "bsf", "nrf"
     * @param operation    the operation as the logs and metrics name it, e.g. "create"
     * @param scope        the OAuth2 scope of the token to send; null = none
     * @param targetNfType the peer's NF type, for the token request (e.g. "PCF")
     * @param body         the body (null: none, or a form)
     * @param form         a form body (client credentials), or null
     */
    record SbiCall(String nf, String operation, HttpMethod method, URI uri, String scope, String targetNfType,
                   String contentType, Buffer body, io.vertx.core.MultiMap form) {

        static SbiCall of(String nf, String operation, HttpMethod method, URI uri, String scope, String targetNfType) {
            return new SbiCall(nf, operation, method, uri, scope, targetNfType, null, null, null);
        }

        SbiCall withBody(String type, Buffer content) {
            return new SbiCall(nf, operation, method, uri, scope, targetNfType, type, content, null);
        }

        SbiCall withForm(io.vertx.core.MultiMap content) {
            return new SbiCall(nf, operation, method, uri, scope, targetNfType, null, null, content);
        }
    }
}
