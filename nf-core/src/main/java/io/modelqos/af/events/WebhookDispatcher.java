package io.modelqos.af.events;

import io.modelqos.af.config.WebhookOptions;
import io.modelqos.af.observe.AfMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Pushes each delivery's events to its {@code notificationUri} as CloudEvents, at least once and in
 * order: the next event of a delivery leaves only after the previous one was accepted (2xx) or given up
 * after the last retry. Failures are retried with exponential backoff and jitter; giving up is logged and
 * counted, never silent.
 *
 * <p>Confined to the AF's context.
 */
public final class WebhookDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    /** Events waiting per delivery; beyond this the oldest rate report is dropped (it is superseded anyway). */
    static final int MAX_PENDING = 512;

    private final Vertx vertx;
    private final WebClient client;
    private final CloudEventCodec codec;
    private final WebhookOptions options;
    private final AfMetrics metrics;
    private final Map<String, Target> targets = new HashMap<>();

    public WebhookDispatcher(Vertx vertx, WebClient client, CloudEventCodec codec, WebhookOptions options, AfMetrics metrics) {
        this.vertx = vertx;
        this.client = client;
        this.codec = codec;
        this.options = options.withDefaults();
        this.metrics = metrics;
    }

    /** Events of this delivery go to {@code uri}, with the bearer token when one is given. */
    public void register(String deliveryId, URI uri, String token) {
        targets.put(deliveryId, new Target(uri, token));
    }

    /** The sink to add to the {@link EventOutbox}. */
    public void accept(DeliveryEvent event) {
        Target target = targets.get(event.deliveryId());
        if (target == null) {
            return;
        }
        target.pending.addLast(event);
        if (target.pending.size() > MAX_PENDING) {
            dropOneRateReport(target.pending);
        }
        if (!target.inFlight) {
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
        var request = client.postAbs(target.uri.toString())
                .timeout(options.timeoutMs())
                .putHeader("Content-Type", CloudEventCodec.CONTENT_TYPE)
                .putHeader("ce-id", event.id());
        if (target.token != null) {
            request.putHeader("Authorization", "Bearer " + target.token);
        }
        request.sendBuffer(Buffer.buffer(codec.toJsonString(event)))
                .onComplete(ar -> {
                    if (ar.succeeded() && is2xx(ar.result())) {
                        metrics.webhookSent(true);
                        target.attempts = 0;
                        target.pending.pollFirst();
                        sendHead(deliveryId, target);
                    } else {
                        metrics.webhookSent(false);
                        retryOrGiveUp(deliveryId, target, event, ar.succeeded()
                                ? "HTTP " + ar.result().statusCode() : String.valueOf(ar.cause().getMessage()));
                    }
                });
    }

    private void retryOrGiveUp(String deliveryId, Target target, DeliveryEvent event, String why) {
        target.attempts++;
        if (target.attempts >= options.maxAttempts()) {
            LOG.warn("webhook: giving up event {} ({}) of delivery {} after {} attempts to {}: {}",
                    event.sequence(), event.type().cloudEventType(), deliveryId, target.attempts, target.uri, why);
            metrics.webhookAbandoned();
            target.attempts = 0;
            target.pending.pollFirst();
            sendHead(deliveryId, target);
            return;
        }
        long base = Math.min(options.maxBackoffMs(), options.initialBackoffMs() << Math.min(20, target.attempts - 1));
        long delay = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        LOG.debug("webhook: event {} of delivery {} failed ({}), retry {} in {} ms", event.sequence(), deliveryId, why,
                target.attempts, delay);
        metrics.webhookRetried();
        vertx.setTimer(Math.max(1, delay), id -> sendHead(deliveryId, target));
    }

    private static boolean is2xx(HttpResponse<Buffer> response) {
        return response.statusCode() >= 200 && response.statusCode() < 300;
    }

    private static void dropOneRateReport(Deque<DeliveryEvent> pending) {
        // Never drop the head: it may be in flight.
        var it = pending.iterator();
        it.next();
        while (it.hasNext()) {
            if (it.next().type() == EventType.RATE_REPORT) {
                it.remove();
                return;
            }
        }
    }

    private static final class Target {
        final URI uri;
        final String token;
        final Deque<DeliveryEvent> pending = new ArrayDeque<>();
        boolean inFlight;
        boolean finished;
        int attempts;

        Target(URI uri, String token) {
            this.uri = uri;
            this.token = token;
        }
    }
}
