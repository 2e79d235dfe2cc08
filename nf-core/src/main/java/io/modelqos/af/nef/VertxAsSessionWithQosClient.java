package io.modelqos.af.nef;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.af.config.NefOptions;
import io.modelqos.af.http.EventLoopClients;
import io.modelqos.af.observe.AfMetrics;
import io.modelqos.af.retry.Backoff;
import io.modelqos.openapi.t8.model.AsSessionWithQoSSubscription;
import io.modelqos.openapi.t8.model.UserPlaneNotificationData;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

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
 *   <li>carries a bearer token when one is configured: from an OAuth2 token endpoint ({@code tokenUrl}), the
 *       operator's static token ({@code token}) or a file holding it ({@code tokenFile}, read again when it
 *       changes), or from the {@link Builder#tokenSource(AccessTokens)} given; on a 401 the token is asked for
 *       again once and the request repeated once;</li>
 *   <li>is recorded in {@link AfMetrics#nefCall} (each HTTP request) and logged with its operation, status and
 *       URI, never with a body.</li>
 * </ul>
 * Transport failures (timeout, dropped connection) of replace, modify and delete are not retried: they fail with
 * {@link NefUnavailableException} for the caller to decide. Nor are those of read and list, but for one: a GET whose
 * connection drops before any answer is sent once more (a pooled keep-alive connection the NEF closed while idle
 * fails the first request sent on it, unseen by the NEF); a second drop, or a timeout, is reported.
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

    /**
     * A list answer longer than this is decoded on a worker: the NEF lists every subscription of the AF, and at tens of
     * thousands (tens of MB) decoding takes seconds, which no event loop may spend. A short one is cheaper decoded here.
     */
    static final int DECODE_ON_WORKER_BYTES = 64 * 1024;

    private final Vertx vertx;
    private final NefEndpoint endpoint;
    private final Clock clock;
    private final NefExchange exchange;
    private final CreateWithRecovery creation;

    /**
     * Keep-alive connections to the NEF from each event loop that calls it (each has a WebClient of its own:
     * {@link EventLoopClients}): Vert.x's default of 5 per host queues every create beyond the fifth.
     */
    public static final int MAX_CONNECTIONS = 64;

    /** The connection pool of each of the AF's NEF WebClients (also those made with TLS settings). */
    public static io.vertx.core.http.PoolOptions connectionPool() {
        return new io.vertx.core.http.PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS).setMaxWaitQueueSize(4_096);
    }

    private VertxAsSessionWithQosClient(Builder b) {
        NefClientSettings settings = b.settings;
        WebClientOptions plain = new WebClientOptions().setFollowRedirects(false).setUserAgent("ModelQoS-AF")
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, settings.timeoutMs()));
        EventLoopClients clients = b.clients != null ? b.clients.get()
                : EventLoopClients.perEventLoop(() -> WebClient.create(b.vertx, plain, connectionPool()));
        this.vertx = b.vertx;
        this.endpoint = b.endpoint != null ? b.endpoint
                : NefEndpoint.of(b.options.apiRoot(), b.options.scsAsId());
        this.clock = b.clock;
        RetryPolicy retryPolicy = new RetryPolicy(b.backoffInitial, b.backoffMax,
                Duration.ofMillis(settings.retryBudgetMs()), b.random);
        // Tokens are fetched seldom: on the client of whichever thread builds this one.
        AccessTokens tokens = b.tokens != null ? b.tokens : tokensFor(settings, b, clients.current());
        this.exchange = new NefExchange(b.vertx, clients, settings.timeoutMs(), retryPolicy, tokens,
                b.metrics, b.clock);
        this.creation = new CreateWithRecovery(this, exchange, endpoint, b.clock);
    }

    /** The token source the settings name: OAuth2 client credentials, the operator's static token or its file; else none. */
    private static AccessTokens tokensFor(NefClientSettings settings, Builder b, WebClient web) {
        if (settings.tokenUrl() != null) {
            return new OAuth2TokenSource(web, settings.tokenUrl(), settings.clientId(), settings.clientSecret(),
                    b.clientAuthentication, settings.timeoutMs(), b.clock);
        }
        if (settings.staticToken() != null) {
            return new StaticAccessToken(settings.staticToken());
        }
        if (settings.tokenFile() != null) {
            return new AccessTokenFile(b.vertx.fileSystem(), settings.tokenFile(), b.clock);
        }
        return null;
    }

    /** A builder for the NEF described by {@code options} (its apiRoot must be set). */
    public static Builder builder(Vertx vertx, NefOptions options) {
        return new Builder(vertx, options);
    }

    /** The collection URI: {@code {apiRoot}/3gpp-as-session-with-qos/v1/{scsAsId}/subscriptions}. */
    public URI collection() {
        return endpoint.collection();
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
        return creation.create(subscription, body)
                .onSuccess(created -> LOG.info("NEF create -> {} (notificationDestination {})", created.uri(),
                        LogSafe.destination(subscription.getNotificationDestination())))
                .onFailure(e -> logFailure(NefOperation.CREATE, endpoint.collection(), e));
    }

    @Override
    public Future<AsSessionWithQoSSubscription> read(URI subscription) {
        return checked(NefOperation.READ, subscription)
                .compose(uri -> exchange.call(NefOperation.READ, uri, null))
                .compose(answer -> {
                    if (answer.status() != 200) {
                        return Future.failedFuture(NefAnswerDecoder.unexpected(NefOperation.READ, answer, clock));
                    }
                    return NefAnswerDecoder.parse(NefOperation.READ, answer, AsSessionWithQoSSubscription.class);
                })
                .onSuccess(s -> LOG.debug("NEF read {} -> 200", subscription))
                .onFailure(e -> logFailure(NefOperation.READ, subscription, e));
    }

    @Override
    public Future<List<NefSubscription>> list(Optional<String> ueIpAddress) {
        URI uri;
        URI collection = endpoint.collection();
        try {
            uri = ueIpAddress.isEmpty() ? collection
                    : URI.create(collection + "?ip-addrs="
                    + URLEncoder.encode(T8Bodies.ipAddrs(ueIpAddress.get()), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        return exchange.call(NefOperation.LIST, uri, null)
                .compose(answer -> {
                    if (answer.status() != 200) {
                        return Future.failedFuture(NefAnswerDecoder.unexpected(NefOperation.LIST, answer, clock));
                    }
                    if (answer.body() != null && answer.body().length() > DECODE_ON_WORKER_BYTES) {
                        return vertx.executeBlocking(() -> NefAnswerDecoder.subscriptions(uri, answer), false)
                                .compose(decoded -> decoded);
                    }
                    return NefAnswerDecoder.subscriptions(uri, answer);
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
                .compose(uri -> exchange.call(NefOperation.DELETE, uri, null))
                .compose(answer -> {
                    if (answer.status() < 200 || answer.status() >= 300) {
                        return Future.failedFuture(NefAnswerDecoder.unexpected(NefOperation.DELETE, answer, clock));
                    }
                    // Any 2xx: the subscription is gone. A body is the final report when it reads as one.
                    Optional<UserPlaneNotificationData> report = NefAnswerDecoder.finalReport(answer);
                    // DEBUG: the engine's "session ... released" says it at INFO, for every southbound.
                    LOG.debug("NEF delete {} -> {}{}", subscription, answer.status(),
                            report.isPresent() ? " with its final report" : "");
                    return Future.succeededFuture(report);
                })
                .onFailure(e -> logFailure(NefOperation.DELETE, subscription, e));
    }

    @Override
    public String negotiatedFeatures() {
        return creation.negotiatedFeatures();
    }

    /** Closes the WebClients this client created. */
    public void close() {
        exchange.close();
    }

    /** A replace or a modify: 200 with the subscription, or 204 without. */
    private Future<Optional<AsSessionWithQoSSubscription>> updated(NefOperation op, URI subscription, Buffer payload) {
        return checked(op, subscription)
                .compose(uri -> exchange.call(op, uri, payload))
                .compose(answer -> {
                    if (answer.status() == 204) {
                        return Future.succeededFuture(Optional.<AsSessionWithQoSSubscription>empty());
                    }
                    if (answer.status() != 200) {
                        return Future.failedFuture(NefAnswerDecoder.unexpected(op, answer, clock));
                    }
                    return NefAnswerDecoder.parse(op, answer, AsSessionWithQoSSubscription.class).map(Optional::of);
                })
                .onSuccess(b -> LOG.info("NEF {} {} -> {}", op.label(), subscription, b.isPresent() ? 200 : 204))
                .onFailure(e -> logFailure(op, subscription, e));
    }

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
        private final NefClientSettings settings;
        private final NefOptions options;
        private NefEndpoint endpoint;
        private Supplier<EventLoopClients> clients;
        private AfMetrics metrics;
        private AccessTokens tokens;
        private OAuth2TokenSource.ClientAuthentication clientAuthentication = OAuth2TokenSource.ClientAuthentication.BASIC;
        private Clock clock = Clock.systemUTC();
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
        private Duration backoffInitial = Backoff.NEF_CALL.initial();
        private Duration backoffMax = Backoff.NEF_CALL.max();

        private Builder(Vertx vertx, NefOptions options) {
            this.vertx = Objects.requireNonNull(vertx, "vertx == null");
            this.settings = NefClientSettings.of(options);
            this.options = options;
        }

        /** The endpoint to read the collection from, for a NEF whose apiRoot may move (CAPIF); default: the options'. */
        public Builder endpoint(NefEndpoint endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint == null");
            return this;
        }

        /** A WebClient to share (then redirects are still handled here, per request); default: a new one. */
        public Builder webClient(WebClient webClient) {
            Objects.requireNonNull(webClient, "webClient == null");
            this.clients = () -> EventLoopClients.single(webClient, false);
            return this;
        }

        /** A WebClient made for this client alone: closed when the client is. */
        public Builder ownWebClient(WebClient webClient) {
            Objects.requireNonNull(webClient, "webClient == null");
            this.clients = () -> EventLoopClients.single(webClient, true);
            return this;
        }

        /**
         * Makes this client's WebClients (with its TLS, say): one for each event loop that calls the NEF, and one for
         * other threads ({@link EventLoopClients}); all closed when the client is. Default: a factory of plain ones.
         */
        public Builder ownWebClients(Supplier<WebClient> factory) {
            Objects.requireNonNull(factory, "factory == null");
            this.clients = () -> EventLoopClients.perEventLoop(factory);
            return this;
        }

        /** Where every NEF call is recorded; default: nowhere. */
        public Builder metrics(AfMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics == null");
            return this;
        }

        /** A token source to use instead of one made from the options' token URL. */
        public Builder tokenSource(AccessTokens tokens) {
            this.tokens = Objects.requireNonNull(tokens, "tokens == null");
            return this;
        }

        /** How the token source made from the options authenticates; default {@code BASIC}. */
        public Builder clientAuthentication(OAuth2TokenSource.ClientAuthentication authentication) {
            this.clientAuthentication = Objects.requireNonNull(authentication, "authentication == null");
            return this;
        }

        /**
         * The clock for {@code Retry-After} dates, token expiry and how often a token file is looked at; default UTC
         * system clock.
         */
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
    }
}
