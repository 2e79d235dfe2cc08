package io.modelqos.af.nef;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.af.config.NefOptions;
import io.modelqos.af.observe.AfMetrics;
import io.modelqos.af.retry.Backoff;
import io.modelqos.openapi.t8.model.AsSessionWithQoSSubscription;
import io.modelqos.openapi.t8.model.ProblemDetailsAsSessionWithQos;
import io.modelqos.openapi.t8.model.UserPlaneNotificationData;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;

/**
 * {@link AsSessionWithQosClient} on the Vert.x WebClient: the AF's side of TS 29.122 AsSessionWithQoS.
 *
 * <pre>{@code
 * AsSessionWithQosClient nef = VertxAsSessionWithQosClient.builder(vertx, config.nef())
 *         .metrics(metrics)
 *         .build();
 * nef.create(subscription).onSuccess(created -> store(created.uri()));
 * }</pre>
 *
 * <p>Every call:
 * <ul>
 *   <li>times out after {@link NefOptions#timeoutOrDefault()} per HTTP request;</li>
 *   <li>is retried on 429 and 503 with backoff and jitter, or after the NEF's {@code Retry-After}, while the
 *       retry budget ({@link NefOptions#retryBudgetOrDefault()}) lasts;</li>
 *   <li>follows 307/308 (same method and body, at most {@value Redirects#MAX_HOPS} in a row) except for the
 *       create, where the specification declares none;</li>
 *   <li>carries an OAuth2 bearer token when a token URL is configured; on a 401 the token is fetched again once
 *       and the request repeated once;</li>
 *   <li>is recorded in {@link AfMetrics#nefCall} (each HTTP request) and logged with its operation, status and
 *       URI, never with a body.</li>
 * </ul>
 * Transport failures (timeout, dropped connection) of read, list, replace, modify and delete are not retried:
 * they fail with {@link NefUnavailableException} for the caller to decide.
 *
 * <p>A create is never repeated blindly. When a POST was sent but got no answer, the client lists the
 * subscriptions of the UE ({@code ip-addrs}, or all of them when the subscription names no UE IP address) and
 * looks for its {@code notificationDestination}, which must be unique per subscription the AF makes. If the NEF
 * holds one, that is the create's result (further copies are deleted); if it holds none, the POST is sent again,
 * at most {@value #MAX_CREATE_ATTEMPTS} times in all; if the lookup fails, the create fails with
 * {@link NefUnavailableException.Reason#CREATE_OUTCOME_UNKNOWN}. A refused connection fails at once (nothing was
 * sent). A 201 whose body cannot be read is undone with a DELETE before the create fails with
 * {@link NefProtocolException}.
 */
public final class VertxAsSessionWithQosClient implements AsSessionWithQosClient {

    /** The API's name and version as they appear in its URIs (TS 29.122 clause 5.14.1). */
    public static final String API_PATH = "3gpp-as-session-with-qos/v1";
    static final int MAX_CREATE_ATTEMPTS = 3;
    static final String ACCEPT = "application/json, application/problem+json";
    static final String JSON = "application/json";
    static final String MERGE_PATCH = "application/merge-patch+json";

    private static final Logger LOG = LoggerFactory.getLogger(VertxAsSessionWithQosClient.class);

    private final Vertx vertx;
    private final WebClient web;
    private final boolean ownsWebClient;
    private final URI collection;
    private final long timeoutMs;
    private final RetryPolicy retryPolicy;
    private final OAuth2TokenSource tokens;
    private final AfMetrics metrics;
    private final Clock clock;
    private final AtomicReference<String> negotiatedFeatures = new AtomicReference<>();

    /** Keep-alive connections to the NEF: Vert.x's default of 5 per host queues every create beyond the fifth. */
    public static final int MAX_CONNECTIONS = 64;

    /** The connection pool the AF's NEF client uses (also for a client made with TLS settings). */
    public static io.vertx.core.http.PoolOptions connectionPool() {
        return new io.vertx.core.http.PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS).setMaxWaitQueueSize(4_096);
    }

    private VertxAsSessionWithQosClient(Builder b) {
        this.vertx = b.vertx;
        this.ownsWebClient = b.webClient == null;
        this.web = ownsWebClient
                ? WebClient.create(vertx, new WebClientOptions()
                        .setFollowRedirects(false)
                        .setUserAgent("ModelQoS-AF")
                        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, b.timeoutMs)), connectionPool())
                : b.webClient;
        this.collection = b.collection;
        this.timeoutMs = b.timeoutMs;
        this.clock = b.clock;
        this.retryPolicy = new RetryPolicy(b.backoffInitial, b.backoffMax, Duration.ofMillis(b.retryBudgetMs), b.random);
        this.metrics = b.metrics;
        this.tokens = b.tokens != null ? b.tokens
                : b.tokenUrl == null ? null
                : new OAuth2TokenSource(web, b.tokenUrl, b.clientId, b.clientSecret, b.clientAuthentication,
                        b.timeoutMs, b.clock);
    }

    /** A builder for the NEF described by {@code options} (its apiRoot must be set). */
    public static Builder builder(Vertx vertx, NefOptions options) {
        return new Builder(vertx, options);
    }

    /** The collection URI: {@code {apiRoot}/3gpp-as-session-with-qos/v1/{scsAsId}/subscriptions}. */
    public URI collection() {
        return collection;
    }

    // ------------------------------------------------------------------------------------------
    // Operations
    // ------------------------------------------------------------------------------------------

    @Override
    public Future<NefSubscription> create(AsSessionWithQoSSubscription subscription) {
        Objects.requireNonNull(subscription, "subscription == null");
        if (subscription.getNotificationDestination() == null || subscription.getNotificationDestination().isBlank()) {
            return Future.failedFuture(new IllegalArgumentException("notificationDestination is required"));
        }
        Buffer body;
        try {
            body = T8Bodies.subscription(subscription);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        return createAttempt(subscription, body, 1, System.nanoTime())
                .onSuccess(created -> LOG.info("NEF create -> {} (notificationDestination {})", created.uri(),
                        LogSafe.destination(subscription.getNotificationDestination())))
                .onFailure(e -> logFailure(NefOperation.CREATE, collection, e));
    }

    @Override
    public Future<AsSessionWithQoSSubscription> read(URI subscription) {
        return checked(NefOperation.READ, subscription)
                .compose(uri -> call(NefOperation.READ, uri, null))
                .compose(answer -> {
                    if (answer.status() != 200) {
                        return Future.failedFuture(unexpected(NefOperation.READ, answer));
                    }
                    return parse(NefOperation.READ, answer, AsSessionWithQoSSubscription.class);
                })
                .onSuccess(s -> LOG.debug("NEF read {} -> 200", subscription))
                .onFailure(e -> logFailure(NefOperation.READ, subscription, e));
    }

    @Override
    public Future<List<NefSubscription>> list(Optional<String> ueIpAddress) {
        URI uri;
        try {
            uri = ueIpAddress.isEmpty() ? collection
                    : URI.create(collection + "?ip-addrs="
                    + URLEncoder.encode(T8Bodies.ipAddrs(ueIpAddress.get()), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        return call(NefOperation.LIST, uri, null)
                .compose(answer -> {
                    if (answer.status() != 200) {
                        return Future.failedFuture(unexpected(NefOperation.LIST, answer));
                    }
                    List<AsSessionWithQoSSubscription> bodies;
                    try {
                        bodies = T8Bodies.readSubscriptions(answer.body());
                    } catch (IOException | IllegalArgumentException e) {
                        return Future.failedFuture(malformed(NefOperation.LIST, answer, e));
                    }
                    List<NefSubscription> result = new ArrayList<>(bodies.size());
                    for (AsSessionWithQoSSubscription body : bodies) {
                        if (body.getSelf() == null || body.getSelf().isBlank()) {
                            return Future.failedFuture(new NefProtocolException(NefOperation.LIST, uri, 200,
                                    "NEF listed a subscription without self (notificationDestination "
                                            + LogSafe.destination(body.getNotificationDestination()) + ")", null));
                        }
                        try {
                            result.add(new NefSubscription(Redirects.resolve(answer.uri(), body.getSelf()), body));
                        } catch (IllegalArgumentException e) {
                            return Future.failedFuture(new NefProtocolException(NefOperation.LIST, uri, 200,
                                    "NEF listed a subscription whose self is not an http(s) URI: " + body.getSelf(), e));
                        }
                    }
                    return Future.succeededFuture(List.copyOf(result));
                })
                .onSuccess(l -> LOG.debug("NEF list {} -> 200, {} subscription(s)", uri, l.size()))
                .onFailure(e -> logFailure(NefOperation.LIST, uri, e));
    }

    @Override
    public Future<Optional<AsSessionWithQoSSubscription>> replace(URI subscription, AsSessionWithQoSSubscription body) {
        Objects.requireNonNull(body, "body == null");
        Buffer payload;
        try {
            payload = T8Bodies.subscription(body);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        return updated(NefOperation.REPLACE, subscription, payload);
    }

    @Override
    public Future<Optional<AsSessionWithQoSSubscription>> modify(URI subscription, ObjectNode mergePatch) {
        Objects.requireNonNull(mergePatch, "mergePatch == null");
        Buffer payload;
        try {
            payload = T8Bodies.mergePatch(mergePatch);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        return updated(NefOperation.MODIFY, subscription, payload);
    }

    @Override
    public Future<Optional<UserPlaneNotificationData>> delete(URI subscription) {
        return checked(NefOperation.DELETE, subscription)
                .compose(uri -> call(NefOperation.DELETE, uri, null))
                .compose(answer -> {
                    if (answer.status() == 204) {
                        return Future.succeededFuture(Optional.<UserPlaneNotificationData>empty());
                    }
                    if (answer.status() != 200) {
                        return Future.failedFuture(unexpected(NefOperation.DELETE, answer));
                    }
                    return parse(NefOperation.DELETE, answer, UserPlaneNotificationData.class).map(Optional::of);
                })
                .onSuccess(report -> LOG.info("NEF delete {} -> {}", subscription, report.isPresent() ? 200 : 204))
                .onFailure(e -> logFailure(NefOperation.DELETE, subscription, e));
    }

    @Override
    public String negotiatedFeatures() {
        return negotiatedFeatures.get();
    }

    /** Closes the WebClient if this client created it. */
    public void close() {
        if (ownsWebClient) {
            web.close();
        }
    }

    // ------------------------------------------------------------------------------------------
    // Create and its recovery
    // ------------------------------------------------------------------------------------------

    private Future<NefSubscription> createAttempt(AsSessionWithQoSSubscription s, Buffer body, int attempt, long start) {
        return call(NefOperation.CREATE, collection, body).transform(ar -> {
            if (ar.succeeded()) {
                return created(ar.result(), s, attempt);
            }
            if (ar.cause() instanceof NefUnavailableException u && u.getCause() instanceof ConnectException) {
                // Never connected: the POST was not sent, so there is nothing to look for.
                return Future.failedFuture(u);
            }
            if (ar.cause() instanceof NefUnavailableException u
                    && (u.reason() == NefUnavailableException.Reason.TIMEOUT
                    || u.reason() == NefUnavailableException.Reason.CONNECTION)) {
                return recoverCreate(s, body, attempt, start, u);
            }
            return Future.failedFuture(ar.cause());
        });
    }

    private Future<NefSubscription> recoverCreate(AsSessionWithQoSSubscription s, Buffer body, int attempt, long start,
                                                  NefUnavailableException noAnswer) {
        String destination = s.getNotificationDestination();
        String shown = LogSafe.destination(destination);
        LOG.warn("NEF create for {} got no answer ({}), attempt {}: asking the NEF whether it made the subscription",
                shown, noAnswer.reason(), attempt);
        return findByDestination(s).transform(found -> {
            if (found.failed()) {
                NefUnavailableException unknown = new NefUnavailableException(NefOperation.CREATE, collection,
                        NefUnavailableException.Reason.CREATE_OUTCOME_UNKNOWN, 0, null, destination,
                        "NEF create got no answer (" + noAnswer.reason() + ") and the lookup of "
                                + shown + " failed: " + found.cause().getMessage(), noAnswer);
                unknown.addSuppressed(found.cause());
                return Future.failedFuture(unknown);
            }
            List<NefSubscription> matches = found.result();
            if (!matches.isEmpty()) {
                NefSubscription kept = matches.get(0);
                LOG.info("NEF had made subscription {} for {} before the answer was lost; using it",
                        kept.uri(), shown);
                recordFeatures(kept.body());
                return deleteAll(matches.subList(1, matches.size()), "duplicate").map(kept);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            if (attempt >= MAX_CREATE_ATTEMPTS || elapsed.compareTo(retryPolicy.budget()) > 0) {
                return Future.failedFuture(new NefUnavailableException(NefOperation.CREATE, collection,
                        noAnswer.reason(), 0, null, destination,
                        "NEF create got no answer in " + attempt + " attempt(s); the NEF holds no subscription for "
                                + shown, noAnswer));
            }
            LOG.info("NEF holds no subscription for {}; sending the create again (attempt {})", shown, attempt + 1);
            return createAttempt(s, body, attempt + 1, start);
        });
    }

    private Future<NefSubscription> created(Answer answer, AsSessionWithQoSSubscription s, int attempt) {
        int status = answer.status();
        if (status < 200 || status >= 300) {
            return Future.failedFuture(unexpected(NefOperation.CREATE, answer));
        }
        URI location = null;
        String locationHeader = answer.header("Location");
        if (locationHeader != null) {
            try {
                location = Redirects.resolve(answer.uri(), locationHeader);
            } catch (IllegalArgumentException e) {
                LOG.warn("NEF create -> {} with an unusable Location '{}'", status, locationHeader);
            }
        }
        AsSessionWithQoSSubscription body;
        try {
            body = T8Bodies.read(answer.body(), AsSessionWithQoSSubscription.class);
        } catch (IOException | IllegalArgumentException e) {
            NefProtocolException failure = malformed(NefOperation.CREATE, answer, e);
            return undo(location, s, failure);
        }
        if (status != 201) {
            LOG.warn("NEF create -> {} instead of 201", status);
        }
        if (location == null && body.getSelf() != null) {
            try {
                location = Redirects.resolve(answer.uri(), body.getSelf());
                LOG.warn("NEF create -> {} without a usable Location; using self {}", status, location);
            } catch (IllegalArgumentException e) {
                // handled below
            }
        }
        if (location == null) {
            return undo(null, s, new NefProtocolException(NefOperation.CREATE, collection, status,
                    "NEF create -> " + status + " without Location (nor self): the subscription has no known URI", null));
        }
        recordFeatures(body);
        NefSubscription result = new NefSubscription(location, body);
        if (attempt == 1) {
            return Future.succeededFuture(result);
        }
        // An earlier POST that got no answer may have been made after the lookup: remove such a copy.
        URI kept = location;
        return findByDestination(s)
                .compose(matches -> deleteAll(matches.stream().filter(m -> !m.uri().equals(kept)).toList(), "late duplicate"))
                .recover(e -> {
                    LOG.warn("NEF create: could not check for duplicates of {}: {}", kept, e.getMessage());
                    return Future.succeededFuture();
                })
                .map(result);
    }

    /** Undoes a create whose answer was unusable, then fails with {@code failure}. */
    private Future<NefSubscription> undo(URI location, AsSessionWithQoSSubscription s, NefProtocolException failure) {
        Future<List<NefSubscription>> made = location != null
                ? Future.succeededFuture(List.of(new NefSubscription(location, null)))
                : findByDestination(s);
        return made.compose(list -> deleteAll(list, "unusable create answer"))
                .transform(ar -> {
                    if (ar.failed()) {
                        failure.addSuppressed(ar.cause());
                        LOG.warn("NEF create: could not undo the subscription made for {}: {}",
                                LogSafe.destination(s.getNotificationDestination()), ar.cause().getMessage());
                    }
                    return Future.failedFuture(failure);
                });
    }

    private Future<List<NefSubscription>> findByDestination(AsSessionWithQoSSubscription s) {
        Optional<String> ue = Optional.ofNullable(s.getUeIpv4Addr()).or(() -> Optional.ofNullable(s.getUeIpv6Addr()));
        String destination = s.getNotificationDestination();
        return list(ue).map(all -> all.stream()
                .filter(m -> destination.equals(m.body().getNotificationDestination()))
                .toList());
    }

    private Future<Void> deleteAll(List<NefSubscription> subscriptions, String why) {
        Future<Void> chain = Future.succeededFuture();
        for (NefSubscription sub : subscriptions) {
            chain = chain.compose(v -> {
                LOG.info("NEF create: deleting {} ({})", sub.uri(), why);
                return delete(sub.uri()).<Void>mapEmpty();
            });
        }
        return chain;
    }

    private void recordFeatures(AsSessionWithQoSSubscription body) {
        String features = body.getSupportedFeatures() == null ? "" : body.getSupportedFeatures();
        String before = negotiatedFeatures.getAndSet(features);
        if (!features.equals(before)) {
            LOG.info("NEF supportedFeatures: '{}'", features);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Replace and modify
    // ------------------------------------------------------------------------------------------

    private Future<Optional<AsSessionWithQoSSubscription>> updated(NefOperation op, URI subscription, Buffer payload) {
        return checked(op, subscription)
                .compose(uri -> call(op, uri, payload))
                .compose(answer -> {
                    if (answer.status() == 204) {
                        return Future.succeededFuture(Optional.<AsSessionWithQoSSubscription>empty());
                    }
                    if (answer.status() != 200) {
                        return Future.failedFuture(unexpected(op, answer));
                    }
                    return parse(op, answer, AsSessionWithQoSSubscription.class).map(Optional::of);
                })
                .onSuccess(b -> LOG.info("NEF {} {} -> {}", op.label(), subscription, b.isPresent() ? 200 : 204))
                .onFailure(e -> logFailure(op, subscription, e));
    }

    // ------------------------------------------------------------------------------------------
    // One call: retries on 429/503, redirects, token, one HTTP request
    // ------------------------------------------------------------------------------------------

    /** An answer of the NEF: the URI that gave it, status, headers, body (null when empty). */
    private record Answer(URI uri, int status, MultiMap headers, Buffer body) {
        String header(String name) {
            return headers.get(name);
        }
    }

    private Future<Answer> call(NefOperation op, URI uri, Buffer body) {
        return withRetries(op, uri, body, System.nanoTime(), 1);
    }

    private Future<Answer> withRetries(NefOperation op, URI uri, Buffer body, long start, int retry) {
        return withRedirects(op, uri, body, 0).compose(answer -> {
            if (answer.status() != 429 && answer.status() != 503) {
                return Future.succeededFuture(answer);
            }
            Optional<Duration> retryAfter = RetryAfter.parse(answer.header("Retry-After"), clock.instant());
            Optional<Duration> wait = retryPolicy.delay(retry, retryAfter, Duration.ofNanos(System.nanoTime() - start));
            if (wait.isEmpty()) {
                NefProblemException last = problem(op, answer, retryAfter);
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

    private Future<Answer> withRedirects(NefOperation op, URI uri, Buffer body, int hops) {
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

    private Future<Answer> withToken(NefOperation op, URI uri, Buffer body) {
        if (tokens == null) {
            return send(op, uri, body, null);
        }
        return token(op, uri).compose(token -> send(op, uri, body, token).compose(answer -> {
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

    private Future<Answer> send(NefOperation op, URI uri, Buffer body, String token) {
        HttpRequest<Buffer> request = web.requestAbs(op.method(), uri.toString())
                .timeout(timeoutMs)
                .followRedirects(false)
                .putHeader("Accept", ACCEPT);
        if (token != null) {
            request.putHeader("Authorization", "Bearer " + token);
        }
        long started = System.nanoTime();
        Promise<Answer> promise = Promise.promise();
        AtomicBoolean settled = new AtomicBoolean();
        long timer = vertx.setTimer(timeoutMs, id -> {
            if (settled.compareAndSet(false, true)) {
                record(op, 0, started);
                LOG.debug("NEF {} {}: no answer within {} ms", op.label(), uri, timeoutMs);
                promise.fail(NefUnavailableException.noAnswer(op, uri, true,
                        new TimeoutException("no answer within " + timeoutMs + " ms")));
            }
        });
        Future<HttpResponse<Buffer>> sent;
        if (body != null) {
            request.putHeader("Content-Type", op == NefOperation.MODIFY ? MERGE_PATCH : JSON);
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
                promise.complete(new Answer(uri, r.statusCode(), r.headers(), responseBody));
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

    // ------------------------------------------------------------------------------------------
    // Answers to exceptions
    // ------------------------------------------------------------------------------------------

    private static Future<URI> checked(NefOperation op, URI subscription) {
        Objects.requireNonNull(subscription, "subscription == null");
        String scheme = subscription.getScheme();
        if (!subscription.isAbsolute() || subscription.getHost() == null
                || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            return Future.failedFuture(new IllegalArgumentException(
                    "NEF " + op.label() + ": not an absolute http(s) subscription URI: " + subscription));
        }
        return Future.succeededFuture(subscription);
    }

    private <T> Future<T> parse(NefOperation op, Answer answer, Class<T> type) {
        try {
            return Future.succeededFuture(T8Bodies.read(answer.body(), type));
        } catch (IOException | IllegalArgumentException e) {
            return Future.failedFuture(malformed(op, answer, e));
        }
    }

    private static NefProtocolException malformed(NefOperation op, Answer answer, Exception e) {
        String reason = e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                ? j.getOriginalMessage() : e.getMessage();
        return new NefProtocolException(op, answer.uri(), answer.status(),
                "NEF answered " + op.label() + " with " + answer.status() + " and a body that is not the expected JSON: "
                        + reason, e);
    }

    private NefException unexpected(NefOperation op, Answer answer) {
        if (answer.status() >= 400) {
            return problem(op, answer, RetryAfter.parse(answer.header("Retry-After"), clock.instant()));
        }
        return new NefProtocolException(op, answer.uri(), answer.status(),
                "NEF answered " + op.label() + " with " + answer.status() + ", which TS 29.122 does not declare for it",
                null);
    }

    private static NefProblemException problem(NefOperation op, Answer answer, Optional<Duration> retryAfter) {
        ProblemDetailsAsSessionWithQos problem = null;
        if (answer.body() != null) {
            try {
                problem = T8Bodies.read(answer.body(), ProblemDetailsAsSessionWithQos.class);
            } catch (IOException | IllegalArgumentException e) {
                LOG.debug("NEF {} -> {}: the error body is not a ProblemDetails", op.label(), answer.status());
            }
        }
        return new NefProblemException(op, answer.uri(), answer.status(), problem, retryAfter.orElse(null));
    }

    private static void logFailure(NefOperation op, URI uri, Throwable e) {
        if (e instanceof NefException n) {
            LOG.warn("NEF {} {} failed (status {}): {}", op.label(), uri, n.status() == 0 ? "none" : n.status(),
                    n.getMessage());
        } else {
            LOG.warn("NEF {} {} failed: {}", op.label(), uri, e.toString());
        }
    }

    // ------------------------------------------------------------------------------------------
    // Builder
    // ------------------------------------------------------------------------------------------

    /** Builds a {@link VertxAsSessionWithQosClient}; fails fast on missing or invalid settings. */
    public static final class Builder {
        private final Vertx vertx;
        private final URI collection;
        private final long timeoutMs;
        private final long retryBudgetMs;
        private final URI tokenUrl;
        private final String clientId;
        private final String clientSecret;
        private WebClient webClient;
        private AfMetrics metrics;
        private OAuth2TokenSource tokens;
        private OAuth2TokenSource.ClientAuthentication clientAuthentication = OAuth2TokenSource.ClientAuthentication.BASIC;
        private Clock clock = Clock.systemUTC();
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
        private Duration backoffInitial = Backoff.NEF_CALL.initial();
        private Duration backoffMax = Backoff.NEF_CALL.max();

        private Builder(Vertx vertx, NefOptions options) {
            this.vertx = Objects.requireNonNull(vertx, "vertx == null");
            Objects.requireNonNull(options, "options == null");
            if (options.embedded()) {
                throw new IllegalArgumentException("NefOptions.apiRoot == null: no NEF to call");
            }
            if (options.scsAsId() == null || options.scsAsId().isBlank()) {
                throw new IllegalArgumentException("NefOptions.scsAsId == null");
            }
            this.collection = collection(options.apiRoot(), options.scsAsId());
            this.timeoutMs = options.timeoutOrDefault();
            this.retryBudgetMs = options.retryBudgetOrDefault();
            if (timeoutMs <= 0 || retryBudgetMs < 0) {
                throw new IllegalArgumentException("NefOptions: timeoutMs must be > 0 and retryBudgetMs >= 0");
            }
            if (options.tokenUrl() != null && !options.tokenUrl().isBlank()) {
                if (options.clientId() == null || options.clientSecret() == null) {
                    throw new IllegalArgumentException("NefOptions.tokenUrl is set: clientId and clientSecret are required");
                }
                this.tokenUrl = URI.create(options.tokenUrl().trim());
                this.clientId = options.clientId();
                this.clientSecret = options.clientSecret();
            } else {
                this.tokenUrl = null;
                this.clientId = null;
                this.clientSecret = null;
            }
        }

        /** A WebClient to share (then redirects are still handled here, per request); default: a new one. */
        public Builder webClient(WebClient webClient) {
            this.webClient = Objects.requireNonNull(webClient, "webClient == null");
            return this;
        }

        /** Where every NEF call is recorded; default: nowhere. */
        public Builder metrics(AfMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics == null");
            return this;
        }

        /** A token source to use instead of one made from the options' token URL. */
        public Builder tokenSource(OAuth2TokenSource tokens) {
            this.tokens = Objects.requireNonNull(tokens, "tokens == null");
            return this;
        }

        /** How the token source made from the options authenticates; default {@code BASIC}. */
        public Builder clientAuthentication(OAuth2TokenSource.ClientAuthentication authentication) {
            this.clientAuthentication = Objects.requireNonNull(authentication, "authentication == null");
            return this;
        }

        /** The clock for {@code Retry-After} dates and token expiry; default UTC system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock == null");
            return this;
        }

        /**
         * The bounds of the backoff of 429/503 retries without {@code Retry-After}; default those of
         * {@link Backoff#NEF_CALL}, 100 ms doubling up to 2 s.
         */
        public Builder backoff(Duration initial, Duration max) {
            this.backoffInitial = Objects.requireNonNull(initial, "initial == null");
            this.backoffMax = Objects.requireNonNull(max, "max == null");
            return this;
        }

        /** The jitter source, uniform in [0, 1); for tests. */
        Builder random(DoubleSupplier random) {
            this.random = Objects.requireNonNull(random, "random == null");
            return this;
        }

        public VertxAsSessionWithQosClient build() {
            return new VertxAsSessionWithQosClient(this);
        }

        private static URI collection(String apiRoot, String scsAsId) {
            String root = apiRoot.trim();
            while (root.endsWith("/")) {
                root = root.substring(0, root.length() - 1);
            }
            URI uri;
            try {
                uri = new URI(root + "/" + API_PATH + "/"
                        + URLEncoder.encode(scsAsId, StandardCharsets.UTF_8).replace("+", "%20") + "/subscriptions");
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("NefOptions.apiRoot is not a URI: " + apiRoot, e);
            }
            String scheme = uri.getScheme();
            if (scheme == null || uri.getHost() == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                throw new IllegalArgumentException("NefOptions.apiRoot must be an absolute http(s) URI: " + apiRoot);
            }
            return uri;
        }
    }
}
