package io.modelqos.af.events;

import io.modelqos.af.events.WebhookOptions;
import io.modelqos.af.observe.AfMetrics;
import io.modelqos.af.retry.Backoff;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pushes each delivery's events to its {@code notificationUri} as CloudEvents, at least once and in
 * order: the next event of a delivery leaves only after the previous one was accepted (2xx) or given up
 * after the last retry. Failures are retried with exponential backoff and jitter ({@link Backoff#WEBHOOK} between
 * the configured bounds); giving up is logged and counted, never silent.
 *
 * <p>With a store, the dispatcher records per delivery how far it has got (the delivered-up-to cursor, moved
 * when an event is accepted or given up), and {@link #resume} sends after a restart what the cursor says is
 * still owed, in order: at least once across restarts too.
 *
 * <p>Posts with Vert.x's core HTTP client, not the WebClient: the WebClient's own request pipeline (its interceptors,
 * options merged and headers copied for each request, the absolute URI parsed again) held 4 % of the AF's samples in
 * the relay (JFR), and a webhook needs none of it.
 *
 * <p>Confined to the AF's context.
 */
public final class WebhookDispatcher implements Webhooks {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    /** Events waiting per delivery; beyond this the oldest rate report is dropped (it is superseded anyway). */
    static final int MAX_PENDING = 512;

    /** Sent with every webhook, as the WebClient's {@code userAgent} option did. */
    static final String USER_AGENT = "modelqos-af";

    private final Vertx vertx;
    private final HttpClient client;
    private final CloudEventCodec codec;
    private final WebhookOptions options;
    /** The wait before each retry of one event. */
    private final Backoff backoff;
    private final AfMetrics metrics;
    private final Map<String, Target> targets = new HashMap<>();

    /** Where the delivered-up-to cursors are kept, or null. */
    private final EventLog cursors;

    public WebhookDispatcher(Vertx vertx, HttpClient client, CloudEventCodec codec, WebhookOptions options, AfMetrics metrics) {
        this(vertx, client, codec, options, metrics, null);
    }

    /**
     * A dispatcher that keeps each delivery's delivered-up-to cursor in {@code cursors}.
     *
     * @throws IllegalArgumentException when the options' backoff bounds are not {@code 0 < initial <= max}
     */
    public WebhookDispatcher(Vertx vertx, HttpClient client, CloudEventCodec codec, WebhookOptions options, AfMetrics metrics,
                             EventLog cursors) {
        this.vertx = vertx;
        this.client = client;
        this.codec = codec;
        this.options = options.withDefaults();
        this.backoff = Backoff.WEBHOOK.withBounds(Duration.ofMillis(this.options.initialBackoffMs()),
                Duration.ofMillis(this.options.maxBackoffMs()));
        this.metrics = metrics;
        this.cursors = cursors;
    }

    /**
     * After a restart: sends {@code owed} (the logged events after the delivery's cursor, in order) to {@code uri},
     * ahead of any new event of the delivery. A delivery already registered keeps its target.
     */
    @Override
    public void resume(String deliveryId, URI uri, String token, List<DeliveryEvent> owed) {
        Target target = targets.get(deliveryId);
        if (target == null) {
            register(deliveryId, uri, token);
        } else if (target.held) {
            // Nothing of the delivery has left since the restart: the owed events go first, then those that waited,
            // each once (the owed ones were read after the cursor, so they may include some that waited).
            List<DeliveryEvent> waited = new ArrayList<>(target.pending);
            metrics.webhookBacklog(-waited.size());
            target.pending.clear();
            target.lastQueued = 0;
            target.held = false;
            owed.forEach(this::accept);
            waited.forEach(this::accept);
            return;
        }
        owed.forEach(this::accept);
    }

    @Override
    public void hold(String deliveryId, URI uri, String token) {
        if (!targets.containsKey(deliveryId)) {
            Target target = new Target(uri, token);
            target.held = true;
            targets.put(deliveryId, target);
        }
    }

    @Override
    public void release(String deliveryId) {
        Target target = targets.get(deliveryId);
        if (target != null && target.held) {
            target.held = false;
            if (!target.inFlight) {
                sendHead(deliveryId, target);
            }
        }
    }

    /** Events of this delivery go to {@code uri}, with the bearer token when one is given. */
    @Override
    public void register(String deliveryId, URI uri, String token) {
        targets.put(deliveryId, new Target(uri, token));
    }

    /** The sink to add to the {@link EventOutbox}. */
    public void accept(DeliveryEvent event) {
        Target target = targets.get(event.deliveryId());
        if (target == null || event.sequence() <= target.lastQueued) {
            return;
        }
        target.lastQueued = event.sequence();
        target.pending.addLast(event);
        metrics.webhookBacklog(1);
        if (target.pending.size() > MAX_PENDING && dropOneRateReport(target.pending)) {
            metrics.webhookBacklog(-1);
        }
        if (!target.inFlight && !target.held) {
            sendHead(event.deliveryId(), target);
        }
    }

    /** Events not yet accepted by the AI/ML server, all deliveries together. */
    public int pendingCount() {
        return targets.values().stream().mapToInt(t -> t.pending.size()).sum();
    }

    private void sendHead(String deliveryId, Target target) {
        DeliveryEvent event = target.pending.peekFirst();
        if (event == null) {
            target.inFlight = false;
            if (event == null && target.finished) {
                targets.remove(deliveryId);
            }
            return;
        }
        target.inFlight = true;
        if (event.type().terminal()) {
            target.finished = true;
        }
        byte[] body = codec.toJsonBytes(event);
        client.request(requestTo(target.uri))
                .compose(request -> send(request, target, event, body))
                .onComplete(ar -> {
                    if (ar.succeeded() && is2xx(ar.result())) {
                        metrics.webhookSent(true);
                        target.attempts = 0;
                        target.pending.pollFirst();
                        metrics.webhookBacklog(-1);
                        delivered(event);
                        sendHead(deliveryId, target);
                    } else {
                        metrics.webhookSent(false);
                        retryOrGiveUp(deliveryId, target, event, ar.succeeded()
                                ? "HTTP " + ar.result() : String.valueOf(ar.cause().getMessage()));
                    }
                });
    }

    /** A POST to {@code uri}, from the fields of the URI parsed once with its delivery (never parsed again here). */
    private RequestOptions requestTo(URI uri) {
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setSsl(tls)
                .setHost(uri.getHost())
                .setPort(uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80)
                .setURI(uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery())
                .setTimeout(options.timeoutMs());
    }

    /**
     * Sends the event's CloudEvent; the answer's status once the whole answer came (a connection lost in its body fails
     * the attempt, which is then retried like any other).
     */
    private static Future<Integer> send(HttpClientRequest request, Target target, DeliveryEvent event, byte[] body) {
        request.putHeader(HttpHeaders.CONTENT_TYPE, CloudEventCodec.CONTENT_TYPE)
                .putHeader(HttpHeaders.USER_AGENT, USER_AGENT)
                .putHeader("ce-id", event.id());
        if (target.token != null) {
            request.putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + target.token);
        }
        return request.send(Buffer.buffer(body)).compose(response -> response.end().map(ended -> response.statusCode()));
    }

    private void retryOrGiveUp(String deliveryId, Target target, DeliveryEvent event, String why) {
        target.attempts++;
        if (target.attempts >= options.maxAttempts()) {
            LOG.warn("webhook: giving up event {} ({}) of delivery {} after {} attempts to {}: {}",
                    event.sequence(), event.type().cloudEventType(), deliveryId, target.attempts, target.uri, why);
            metrics.webhookAbandoned();
            target.attempts = 0;
            target.pending.pollFirst();
            metrics.webhookBacklog(-1);
            delivered(event);
            sendHead(deliveryId, target);
            return;
        }
        long delay = backoff.delay(target.attempts).toMillis();
        LOG.debug("webhook: event {} of delivery {} failed ({}), retry {} in {} ms", event.sequence(), deliveryId, why,
                target.attempts, delay);
        metrics.webhookRetried();
        vertx.setTimer(Math.max(1, delay), id -> sendHead(deliveryId, target));
    }

    /** The webhook is done with {@code event} (accepted, or given up): the cursor moves past it. */
    private void delivered(DeliveryEvent event) {
        if (cursors != null) {
            // Not moved (the store failed): after a restart the event is sent again, which a webhook must take anyway.
            cursors.markDelivered(event.deliveryId(), event.sequence(), event.type().terminal()).onFailure(e -> LOG.warn("delivery {}: the "
                    + "webhook cursor could not be moved past event {}: {}", event.deliveryId(), event.sequence(),
                    e.toString()));
        }
    }

    private static boolean is2xx(int status) {
        return status >= 200 && status < 300;
    }

    /** Drops the oldest rate report but the head; whether there was one to drop. */
    private static boolean dropOneRateReport(Deque<DeliveryEvent> pending) {
        // Never drop the head: it may be in flight.
        var it = pending.iterator();
        it.next();
        while (it.hasNext()) {
            if (it.next().type() == EventType.RATE_REPORT) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    private static final class Target {
        final URI uri;
        final String token;
        /** Usually empty or one event; sized small because every live delivery with a webhook has one. */
        final Deque<DeliveryEvent> pending = new ArrayDeque<>(2);
        boolean inFlight;
        /** Taken up at a restart or an adoption: new events wait for the owed ones ({@link Webhooks#hold}). */
        boolean held;
        boolean finished;
        int attempts;
        /** The highest sequence queued, so that a resumed backlog and a new event are never queued twice. */
        long lastQueued;

        Target(URI uri, String token) {
            this.uri = uri;
            this.token = token;
        }
    }
}
