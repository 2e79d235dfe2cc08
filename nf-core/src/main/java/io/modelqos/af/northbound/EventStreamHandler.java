package io.modelqos.af.northbound;

import io.modelqos.af.events.CloudEventCodec;
import io.modelqos.af.events.DeliveryEvent;
import io.modelqos.af.events.EventOutbox;
import io.modelqos.af.problem.AfProblem;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/**
 * Serves a delivery's events as Server-Sent Events: the kept events after {@code Last-Event-ID} first, then
 * the live ones, until the terminal event. Each message carries {@code id} (the sequence), {@code event} (the
 * CloudEvent type) and {@code data} (the CloudEvent JSON) — the same events the webhook receives.
 */
public final class EventStreamHandler {
    private static final long HEARTBEAT_MS = 15_000;
    /** How often a stream of a delivery another replica owns reads the store when no NOTIFY told it of an event. */
    static final long REMOTE_POLL_MS = 5_000;

    private final Vertx vertx;
    /** The event outbox of a delivery's shard; streams are served on that shard's context. */
    private final java.util.function.Function<String, EventOutbox> outboxOf;
    private final CloudEventCodec codec;
    private final EventStreamLimits limits;
    /** The store shared with other replicas, or null for a single AF. */
    private final io.modelqos.af.store.SharedDeliveryStore shared;

    EventStreamHandler(Vertx vertx, java.util.function.Function<String, EventOutbox> outboxOf, CloudEventCodec codec,
                       io.modelqos.af.store.SharedDeliveryStore shared, EventStreamLimits limits) {
        this.vertx = vertx;
        this.limits = limits;
        this.outboxOf = outboxOf;
        this.codec = codec;
        this.shared = shared;
    }

    /** Streams the events of {@code deliveryId}, which the caller has already checked exists and is visible. */
    void stream(RoutingContext ctx, String tenant, String deliveryId) {
        long after = lastEventId(ctx.request().getHeader("Last-Event-ID"));
        Runnable giveBack = limits.take(tenant, deliveryId); // 429 when the tenant or the delivery has all it may
        HttpServerResponse response = ctx.response()
                .setChunked(true)
                .putHeader("Content-Type", "text/event-stream")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        response.write(": modelqos delivery " + deliveryId + "\n\n");

        if (shared != null && !shared.owns(deliveryId)) {
            streamFromStore(response, deliveryId, after, giveBack);
            return;
        }
        EventOutbox outbox = outboxOf.apply(deliveryId);
        long[] lastSent = {after};
        // Subscribed before the backlog is read: what is appended meanwhile waits, and goes after the backlog.
        List<DeliveryEvent> early = new java.util.ArrayList<>();
        boolean[] backlogSent = {false};
        Runnable[] unsubscribe = new Runnable[1];
        long heartbeat = vertx.setPeriodic(HEARTBEAT_MS, id -> {
            if (!response.ended() && !response.closed()) {
                response.write(": keep-alive\n\n");
            }
        });
        Runnable close = () -> {
            vertx.cancelTimer(heartbeat);
            if (unsubscribe[0] != null) {
                unsubscribe[0].run();
            }
        };
        java.util.function.Consumer<DeliveryEvent> send = event -> {
            if (response.ended() || response.closed() || event.sequence() <= lastSent[0]) {
                return;
            }
            write(response, event);
            lastSent[0] = event.sequence();
            if (event.type().terminal()) {
                close.run();
                response.end();
            }
        };
        unsubscribe[0] = outbox.subscribe(deliveryId, event -> {
            if (backlogSent[0]) {
                send.accept(event);
            } else {
                early.add(event);
            }
        });
        response.closeHandler(v -> {
            close.run();
            giveBack.run();
        });
        response.endHandler(v -> {
            close.run();
            giveBack.run();
        });
        outbox.after(deliveryId, after).onComplete(backlog -> {
            if (backlog.failed()) {
                // The caller reconnects with Last-Event-ID and gets the backlog then.
                close.run();
                response.end(": the delivery's events could not be read; reconnect\n\n");
                return;
            }
            backlog.result().forEach(send);
            backlogSent[0] = true;
            early.forEach(send);
            early.clear();
        });
    }

    /**
     * The events of a delivery another replica owns: what the shared store holds, then each new one as the store tells
     * of it (PostgreSQL LISTEN/NOTIFY); a slow read every {@value #REMOTE_POLL_MS} ms covers a notice lost meanwhile.
     */
    private void streamFromStore(HttpServerResponse response, String deliveryId, long after, Runnable giveBack) {
        long[] lastSent = {after};
        long[] timer = new long[1];
        long[] quietMs = {0};
        Runnable[] unsubscribe = {() -> { }};
        boolean[] reading = {false};
        boolean[] again = {false};
        Runnable[] self = new Runnable[1];
        Runnable poll = () -> {
            if (response.ended() || response.closed()) {
                vertx.cancelTimer(timer[0]);
                unsubscribe[0].run();
                return;
            }
            if (reading[0]) {
                again[0] = true; // told of an event while a read was under way: read once more after it
                return;
            }
            reading[0] = true;
            shared.events(deliveryId, lastSent[0]).onComplete(read -> {
                reading[0] = false;
                if (read.succeeded()) {
                    sendFresh(response, read.result(), lastSent, quietMs, () -> {
                        vertx.cancelTimer(timer[0]);
                        unsubscribe[0].run();
                    });
                } // else the store did not answer this time; the next poll tries again
                if (again[0]) {
                    again[0] = false;
                    self[0].run();
                }
            });
        };
        self[0] = poll;

        io.vertx.core.Context here = vertx.getOrCreateContext();
        unsubscribe[0] = shared.onEventsAppended(deliveryId, () -> here.runOnContext(v -> poll.run()));
        timer[0] = vertx.setPeriodic(REMOTE_POLL_MS, id -> poll.run());
        response.closeHandler(v -> {
            vertx.cancelTimer(timer[0]);
            unsubscribe[0].run();
            giveBack.run();
        });
        response.endHandler(v -> giveBack.run());
        poll.run();
    }

    /** Sends what a read of the shared store found; ends the stream (and {@code stop}s) at the terminal event. */
    private void sendFresh(HttpServerResponse response, List<DeliveryEvent> fresh, long[] lastSent, long[] quietMs,
                           Runnable stop) {
        if (response.ended() || response.closed()) {
            return;
        }
        quietMs[0] = fresh.isEmpty() ? quietMs[0] + REMOTE_POLL_MS : 0;
        for (DeliveryEvent event : fresh) {
            if (event.sequence() <= lastSent[0]) {
                continue;
            }
            write(response, event);
            lastSent[0] = event.sequence();
            if (event.type().terminal()) {
                stop.run();
                response.end();
                return;
            }
        }
        if (quietMs[0] >= HEARTBEAT_MS) {
            quietMs[0] = 0;
            response.write(": keep-alive\n\n");
        }
    }

    private void write(HttpServerResponse response, DeliveryEvent event) {
        response.write("id: " + event.sequence() + "\n"
                + "event: " + event.type().cloudEventType() + "\n"
                + "data: " + codec.toJsonString(event) + "\n\n");
    }

    private static long lastEventId(String header) {
        if (header == null || header.isBlank()) {
            return 0;
        }
        try {
            long value = Long.parseLong(header.trim());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw AfProblem.invalid("Last-Event-ID", "must be a non-negative event sequence number");
        }
    }
}
