package io.modelqos.af.store;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;

/**
 * PostgreSQL LISTEN/NOTIFY between the replicas of one schema, so that relaying is pushed instead of polled: a
 * replica hears at once that a message was relayed to it ({@code to:<replica>}), the replica that relayed a caller's
 * request hears at once that the owner applied it ({@code done:<number>}), and a replica that streams the events of a
 * delivery another one owns hears of each new event ({@code event:<delivery id>}). The notifications are sent by
 * the same statements that write the {@code relayed} table (they go out when those commit); a notification lost
 * while the listening connection reconnects is covered by the coordinator's slow poll and the relay's deadline.
 */
final class PgRelaySignals {
    /** Logs under the store's name, as all of the store's parts do. */
    private static final Logger LOG = LoggerFactory.getLogger(PgDeliveryStore.class);

    private final PgSubscriber subscriber;
    private final String channel;
    private final String me;
    private final List<Runnable> relayedToMe = new CopyOnWriteArrayList<>();
    private final List<LongConsumer> relayDone = new CopyOnWriteArrayList<>();
    private final java.util.Map<String, java.util.Set<Runnable>> eventsOf = new java.util.concurrent.ConcurrentHashMap<>();

    PgRelaySignals(Vertx vertx, PgConnectOptions connect, String schema, String me) {
        this.channel = channelOf(schema);
        this.me = me;
        this.subscriber = PgSubscriber.subscriber(vertx, connect).reconnectPolicy(retries -> 500L);
        subscriber.channel(channel).handler(this::heard);
    }

    /** The channel of a schema's replicas (a plain lower-case name, the same in LISTEN and in pg_notify). */
    static String channelOf(String schema) {
        return ("modelqos_relay_" + schema).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    String channel() {
        return channel;
    }

    /** Starts listening; a failure is logged and listening is retried by the subscriber's reconnect policy. */
    void start() {
        subscriber.connect().onFailure(e -> LOG.warn("replica {}: LISTEN on {} failed, relaying falls back to polling: {}",
                me, channel, e.toString()));
    }

    void onRelayedToMe(Runnable wake) {
        relayedToMe.add(wake);
    }

    void onRelayDone(LongConsumer done) {
        relayDone.add(done);
    }

    /** Calls {@code wake} whenever an event of the delivery is appended by any replica; returns how to stop. */
    Runnable onEvents(String deliveryId, Runnable wake) {
        eventsOf.computeIfAbsent(deliveryId, id -> java.util.concurrent.ConcurrentHashMap.newKeySet()).add(wake);
        return () -> eventsOf.computeIfPresent(deliveryId, (id, wakes) -> {
            wakes.remove(wake);
            return wakes.isEmpty() ? null : wakes;
        });
    }

    private void heard(String payload) {
        if (payload == null) {
            return;
        }
        if (payload.startsWith("event:")) {
            java.util.Set<Runnable> wakes = eventsOf.get(payload.substring("event:".length()));
            if (wakes != null) {
                wakes.forEach(Runnable::run);
            }
            return;
        }
        if (payload.equals("to:" + me)) {
            relayedToMe.forEach(Runnable::run);
        } else if (payload.startsWith("done:")) {
            try {
                long number = Long.parseLong(payload.substring("done:".length()));
                relayDone.forEach(listener -> listener.accept(number));
            } catch (NumberFormatException e) {
                LOG.debug("replica {}: unreadable relay notification '{}'", me, payload);
            }
        }
    }

    void close() {
        subscriber.close();
    }
}
