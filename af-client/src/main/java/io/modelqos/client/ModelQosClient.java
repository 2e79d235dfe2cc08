package io.modelqos.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.modelqos.client.internal.Json;
import io.modelqos.client.model.DeliveryRequest;
import io.modelqos.client.model.Plan;
import io.modelqos.client.model.PlanRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;

/**
 * A client of the ModelQoS AF's model-delivery API, for AI/ML model servers that deliver models to UEs
 * with guaranteed QoS. Immutable and thread-safe: build one and share it.
 *
 * <pre>{@code
 * ModelQosClient client = ModelQosClient.builder()
 *         .baseUri(URI.create("http://localhost:8080"))   // the AF root; the client adds /model-delivery/v1
 *         .bearerToken(token)
 *         .timeout(Duration.ofSeconds(5))
 *         .build();
 *
 * Delivery delivery = client.deliveries().create(DeliveryRequest.builder()
 *         .ue(UeId.ipv4("10.45.0.2"))
 *         .server(ModelServer.ipv4("10.0.0.10", 443))
 *         .model(ModelCatalog.RESNET_50)
 *         .latencyBudget(Duration.ofSeconds(1))
 *         .build());
 * try (Subscription events = client.deliveries().events(delivery.deliveryId(),
 *         event -> System.out.println(event.type() + " " + event.data().state()))) {
 *     // ... send the model, then:
 *     client.deliveries().reportProgress(delivery.deliveryId(), 100_000_000, Duration.ofMillis(800), true);
 * }
 * }</pre>
 *
 * <p>Every call carries {@code Authorization: Bearer <token>} (the provider is asked on each attempt),
 * {@code Accept: application/json} and {@code User-Agent: modelqos-af-client/<version>}. Failures are
 * {@link ModelQosException}s; calls that are safe to repeat are retried per the {@link RetryPolicy}.
 */
public final class ModelQosClient {

    /** The path of the model-delivery API below the AF root. */
    public static final String API_PATH = "/model-delivery/v1";

    private final Builder settings;
    private final URI apiRoot;
    private final HttpTransport transport;
    private final Deliveries deliveries;

    private ModelQosClient(Builder builder) {
        this.settings = builder.copy();
        this.apiRoot = URI.create(trimTrailingSlash(builder.baseUri.toString()) + API_PATH);
        Executor executor = builder.executor != null ? builder.executor : ForkJoinPool.commonPool();
        HttpClient http = builder.httpClient != null ? builder.httpClient : newHttpClient(builder);
        this.transport = new HttpTransport(http, apiRoot, builder.tokenProvider, builder.timeout,
                builder.retryPolicy, executor);
        this.deliveries = new Deliveries(transport, builder.eventRetryPolicy);
    }

    /** A builder with the defaults: 10 s timeout, {@link RetryPolicy#ofDefaults()}, no token. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this client's settings, to derive a client that differs in some. */
    public Builder newBuilder() {
        return settings.copy();
    }

    /** The AF root this client was built with. */
    public URI baseUri() {
        return settings.baseUri;
    }

    /** The model-delivery API root: the base URI with {@value #API_PATH}. */
    public URI apiRoot() {
        return apiRoot;
    }

    /** The deliveries: create, read, list, report progress on, listen to and end them. */
    public Deliveries deliveries() {
        return deliveries;
    }

    /** The QoS plan the AF would ask the network for, without asking (a dry run). */
    public Plan plan(PlanRequest request) {
        return Deliveries.await(planAsync(request));
    }

    /** {@link #plan(PlanRequest)} without blocking. */
    public CompletableFuture<Plan> planAsync(PlanRequest request) {
        Objects.requireNonNull(request, "request == null");
        return postPlan(request);
    }

    /**
     * The QoS plan the AF would ask the network for if this very request were created, without creating it (a dry
     * run: nothing is stored, nothing reaches the network).
     */
    public Plan plan(DeliveryRequest request) {
        return Deliveries.await(planAsync(request));
    }

    /** {@link #plan(DeliveryRequest)} without blocking. */
    public CompletableFuture<Plan> planAsync(DeliveryRequest request) {
        Objects.requireNonNull(request, "request == null");
        return postPlan(request);
    }

    private CompletableFuture<Plan> postPlan(Object request) {
        byte[] body;
        try {
            body = Json.mapper().writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the plan request as JSON", e);
        }
        // A plan is a dry run with no effect at the AF or the network, so it is safe to repeat.
        return transport.send(Call.post("/plans", body, Map.of(), true, Plan.class));
    }

    @Override
    public String toString() {
        return "ModelQosClient[" + apiRoot + "]";
    }

    private static HttpClient newHttpClient(Builder builder) {
        HttpClient.Builder http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(builder.timeout);
        if (builder.executor != null) {
            http.executor(builder.executor);
        }
        return http.build();
    }

    private static String trimTrailingSlash(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    /** Collects a client's settings; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {
        private URI baseUri;
        private Supplier<String> tokenProvider;
        private Duration timeout = Duration.ofSeconds(10);
        private Executor executor;
        private HttpClient httpClient;
        private RetryPolicy retryPolicy = RetryPolicy.ofDefaults();
        private RetryPolicy eventRetryPolicy = RetryPolicy.custom()
                .maxAttempts(10).backoff(Duration.ofMillis(250), Duration.ofSeconds(10)).build();

        private Builder() {
        }

        private Builder copy() {
            Builder copy = new Builder();
            copy.baseUri = baseUri;
            copy.tokenProvider = tokenProvider;
            copy.timeout = timeout;
            copy.executor = executor;
            copy.httpClient = httpClient;
            copy.retryPolicy = retryPolicy;
            copy.eventRetryPolicy = eventRetryPolicy;
            return copy;
        }

        /**
         * The AF root, e.g. {@code http://localhost:8080} (required); an http or https URI without query
         * or fragment. The client appends {@value ModelQosClient#API_PATH}.
         */
        public Builder baseUri(URI baseUri) {
            if (baseUri == null) {
                throw new IllegalArgumentException("baseUri must be the AF's root, e.g. http://localhost:8080; was null");
            }
            String scheme = baseUri.getScheme() == null ? "" : baseUri.getScheme().toLowerCase(Locale.ROOT);
            if (!baseUri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))
                    || baseUri.getHost() == null) {
                throw new IllegalArgumentException("baseUri must be an absolute http or https URI with a host, was "
                        + baseUri);
            }
            if (baseUri.getRawQuery() != null || baseUri.getRawFragment() != null) {
                throw new IllegalArgumentException("baseUri must not have a query or fragment, was " + baseUri);
            }
            this.baseUri = baseUri;
            return this;
        }

        /**
         * A fixed bearer token (an OAuth2 access token or, in development, an API key); null sends none, for an AF
         * whose API is open (e.g. {@code ./modelqos serve} without API keys), so that
         * {@code bearerToken(System.getenv("MODELQOS_TOKEN"))} works with and without the variable set.
         *
         * @throws IllegalArgumentException when the token is blank (an empty variable is a mistake worth seeing)
         */
        public Builder bearerToken(String token) {
            if (token == null) {
                this.tokenProvider = null;
                return this;
            }
            if (token.isBlank()) {
                throw new IllegalArgumentException("token is blank");
            }
            return tokenProvider(() -> token);
        }

        /** Supplies the bearer token; asked before every attempt of every call, so it may refresh tokens. */
        public Builder tokenProvider(Supplier<String> tokenProvider) {
            this.tokenProvider = Objects.requireNonNull(tokenProvider, "tokenProvider == null");
            return this;
        }

        /** The timeout to connect and to receive an answer's headers, per attempt (default 10 s). */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout == null");
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * The executor for the HTTP client the SDK builds (when none is given) and for retries and
         * reconnects; the common fork-join pool by default.
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor == null");
            return this;
        }

        /** An HTTP client to reuse instead of one the SDK builds; its own timeouts and executor apply. */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient == null");
            return this;
        }

        /** When and how to retry calls that are safe to repeat (default {@link RetryPolicy#ofDefaults()}). */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy == null");
            return this;
        }

        /**
         * How an event stream reconnects: the backoff between connection attempts and how many failed
         * attempts in a row end it (default 10 attempts, 250 ms up to 10 s).
         */
        public Builder eventRetryPolicy(RetryPolicy eventRetryPolicy) {
            this.eventRetryPolicy = Objects.requireNonNull(eventRetryPolicy, "eventRetryPolicy == null");
            return this;
        }

        /**
         * The client.
         *
         * @throws IllegalStateException naming the setting when a required one is missing ({@code baseUri})
         */
        public ModelQosClient build() {
            if (baseUri == null) {
                throw new IllegalStateException("baseUri is required: the AF's root, e.g. http://localhost:8080");
            }
            return new ModelQosClient(this);
        }
    }
}
