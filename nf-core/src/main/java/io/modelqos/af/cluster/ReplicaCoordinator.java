package io.modelqos.af.cluster;

import io.modelqos.af.engine.ShardedEngine;
import io.modelqos.af.store.SharedDeliveryStore;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * This replica's part in a cluster of AFs on one shared store: sends its heartbeat and adopts the deliveries of
 * replicas that stopped sending theirs, and applies the notifications and requests other replicas relayed for the
 * deliveries it owns. Runs on the AF's context, like the {@link ShardedEngine} it feeds.
 */
public final class ReplicaCoordinator {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaCoordinator.class);
    private static final int RELAY_BATCH = 200;

    private final Vertx vertx;
    private final SharedDeliveryStore store;
    private final ShardedEngine deliveries;
    private final Duration heartbeat;
    private final Duration relayPoll;
    private Long heartbeatTimer;
    private Long relayTimer;
    private volatile boolean polling;
    /** A wake-up came while a batch was being applied: one more pass follows it. */
    private volatile boolean wokenMeanwhile;
    /** The coordinator's own context (it runs there; relayed messages are applied on their delivery's shard). */
    private io.vertx.core.Context context;

    public ReplicaCoordinator(Vertx vertx, SharedDeliveryStore store, ShardedEngine deliveries, Duration heartbeat,
                              Duration relayPoll) {
        this.vertx = vertx;
        this.store = store;
        this.deliveries = deliveries;
        this.heartbeat = heartbeat;
        this.relayPoll = relayPoll;
    }

    /** Starts the heartbeat and the relay polling; call on the AF's context after the deliveries were resumed. */
    public void start() {
        LOG.info("replica {}: heartbeat every {} ms, relayed messages pushed (LISTEN/NOTIFY) and polled every {} ms",
                store.replicaId(),
                heartbeat.toMillis(), relayPoll.toMillis());
        beat();
        heartbeatTimer = vertx.setPeriodic(heartbeat.toMillis(), id -> beat());
        // Told at once through the store (PostgreSQL LISTEN/NOTIFY); the slow poll only covers a notice lost meanwhile.
        context = vertx.getOrCreateContext();
        store.onRelayedToMe(() -> context.runOnContext(v -> applyRelayed()));
        relayTimer = vertx.setPeriodic(relayPoll.toMillis(), id -> applyRelayed());
    }

    public void stop() {
        if (heartbeatTimer != null) {
            vertx.cancelTimer(heartbeatTimer);
        }
        if (relayTimer != null) {
            vertx.cancelTimer(relayTimer);
        }
    }

    /** One heartbeat, then adoption of what dead replicas left. */
    void beat() {
        store.heartbeat().compose(alive -> {
            if (!alive) {
                deliveries.forgetNotOwned(store);
            }
            return store.adoptFromDeadReplicas();
        }).onSuccess(deliveries::adopted).onFailure(e -> LOG.warn("replica {}: heartbeat or adoption failed, trying "
                + "again in {} ms: {}", store.replicaId(), heartbeat.toMillis(), e.toString()));
    }

    /** Applies, oldest first, what other replicas relayed for this replica's deliveries. */
    void applyRelayed() {
        if (polling) {
            wokenMeanwhile = true;
            return;
        }
        wokenMeanwhile = false;
        polling = true;
        store.relayedToMe(RELAY_BATCH).compose(messages -> {
            java.util.List<io.vertx.core.Future<Void>> applied = new java.util.ArrayList<>();
            java.util.Map<String, io.vertx.core.Future<Void>> lastOfDelivery = new java.util.HashMap<>();
            for (SharedDeliveryStore.Relayed message : messages) {
                // Each on the shard of its delivery; the messages of one delivery one after the other, as relayed.
                io.vertx.core.Future<Void> before = lastOfDelivery.get(message.deliveryId());
                io.vertx.core.Future<Void> next = before == null ? deliveries.applyRelayed(message)
                        : before.transform(x -> deliveries.applyRelayed(message));
                lastOfDelivery.put(message.deliveryId(), next);
                applied.add(next);
            }
            return io.vertx.core.Future.join(applied).map(applied.size());
        }).onComplete(ar -> context.runOnContext(v -> {
            polling = false;
            if (ar.failed()) {
                LOG.warn("replica {}: applying relayed messages failed: {}", store.replicaId(), ar.cause().toString());
            }
            if (wokenMeanwhile || ar.succeeded() && ar.result() == RELAY_BATCH) {
                applyRelayed();
            }
        }));
    }
}
