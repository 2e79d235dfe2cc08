package io.modelqos.af.engine;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.events.DeliveryEvent;
import io.modelqos.af.events.EventOutbox;
import io.modelqos.af.events.Webhooks;
import io.modelqos.af.store.DeliveryStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Takes up what the store holds after a start, or what this replica adopted from one that stopped: re-arms expiries
 * and pending releases, sends each webhook what it is owed and the terminal events a stop swallowed, and starts the
 * reconciliation with the network.
 */
final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    private static final int RESUME_BATCH = 2_000;

    private final Vertx vertx;
    private final DeliveryStore store;
    private final EventOutbox outbox;
    private final Webhooks webhooks;
    private final Ending ending;
    private final ChangePublisher changes;
    private final Reconciler reconciler;
    private final Clock clock;
    private final Duration retention;
    private boolean reconciling;

    Recovery(Vertx vertx, DeliveryStore store, EventOutbox outbox, Webhooks webhooks, Ending ending,
             ChangePublisher changes, Reconciler reconciler, Clock clock, Duration retention) {
        this.vertx = vertx;
        this.store = store;
        this.outbox = outbox;
        this.webhooks = webhooks;
        this.ending = ending;
        this.changes = changes;
        this.reconciler = reconciler;
        this.clock = clock;
        this.retention = retention;
    }

    /**
     * Resumes the stored deliveries. The records are decoded on a worker thread and taken up on the engine's context in
     * batches, so the AF answers meanwhile: a delivery used before its turn comes is loaded on demand, the same
     * instance the resume then takes up. Completes with how many were resumed.
     */
    Future<Integer> resume() {
        long start = System.nanoTime();
        Promise<Integer> done = Promise.promise();
        vertx.executeBlocking(store::live, false).onComplete(ar -> {
            if (ar.failed()) {
                LOG.error("resuming the stored deliveries failed: {}", ar.cause().toString());
                done.fail(ar.cause());
                return;
            }
            List<Delivery> live = ar.result();
            List<Delivery> unannounced = new ArrayList<>();
            resumeInBatches(live, 0, unannounced, () -> {
                resendUndeliveredEvents(null);
                unannounced.forEach(ending::announce);
                if (store.durable()) {
                    announceEndsTheStopSwallowed();
                    // The store outlived the last run: make the network hold exactly the sessions of the live ones.
                    startReconciling();
                }
                if (!live.isEmpty()) {
                    LOG.info("resumed {} live deliveries in {} ms", live.size(), (System.nanoTime() - start) / 1_000_000);
                }
                done.complete(live.size());
            });
        });
        return done.future();
    }

    private void startReconciling() {
        if (!reconciling) {
            reconciling = true;
            reconciler.start();
        }
    }

    /** Whether the reconciliation with the network has started (after the resume of a durable store). */
    boolean reconciling() {
        return reconciling;
    }

    private void resumeInBatches(List<Delivery> live, int from, List<Delivery> unannounced, Runnable then) {
        int to = Math.min(live.size(), from + RESUME_BATCH);
        takeUp(live.subList(from, to), unannounced);
        if (to < live.size()) {
            vertx.runOnContext(v -> resumeInBatches(live, to, unannounced, then)); // let requests in between batches
        } else {
            then.run();
        }
    }

    /** Takes up deliveries this replica adopted from replicas that stopped: as after a restart, they are its own now. */
    void adopted(List<Delivery> deliveries) {
        Set<String> ids = new HashSet<>();
        for (Delivery d : deliveries) {
            ids.add(d.id());
            // A stream this replica read while another owned the delivery is stale: numbering goes on from the store.
            outbox.forget(d.id());
        }
        List<Delivery> unannounced = new ArrayList<>();
        takeUp(deliveries, unannounced);
        resendUndeliveredEvents(ids);
        unannounced.forEach(ending::announce);
    }

    /** Re-arms each delivery's expiry or pending release; collects the ended ones whose terminal event is owed. */
    private void takeUp(List<Delivery> deliveries, List<Delivery> unannounced) {
        for (Delivery d : deliveries) {
            changes.counted(d);
            if (d.request().notificationUri() != null) {
                webhooks.register(d.id(), d.request().notificationUri(), d.request().notificationToken());
            }
            if (d.state().isFinal() && d.releasePending()) {
                ending.releaseLater(d, 1);
                List<DeliveryEvent> told = outbox.after(d.id(), 0);
                if (told.isEmpty() || !told.get(told.size() - 1).type().terminal()) {
                    unannounced.add(d);
                }
            } else if (d.expiresAt() != null) {
                ending.scheduleExpiry(d);
            }
        }
    }

    /**
     * After a restart: a delivery whose final state was stored just before the stop, but not yet its terminal event
     * (the two are separate writes), gets that event now.
     */
    private void announceEndsTheStopSwallowed() {
        for (Delivery d : store.endedSince(clock.instant().minus(retention))) {
            long lastSequence = store.lastSequence(d.id());
            List<DeliveryEvent> last = lastSequence == 0 ? List.of() : store.events(d.id(), lastSequence - 1);
            if (!last.isEmpty() && last.get(last.size() - 1).type().terminal()) {
                continue;
            }
            LOG.info("delivery {}: ended ({}) just before the stop; sending its terminal event now", d.id(), d.state());
            if (d.request().notificationUri() != null) {
                webhooks.resume(d.id(), d.request().notificationUri(), d.request().notificationToken(), List.of());
            }
            ending.announce(d);
        }
    }

    /** Each webhook gets the events it had not yet got, from the store's cursor on, in order ({@code only}: null = all). */
    private void resendUndeliveredEvents(Set<String> only) {
        for (String id : store.withUndeliveredEvents()) {
            if (only != null && !only.contains(id)) {
                continue;
            }
            Optional<Delivery> d = store.get(id);
            if (d.isEmpty() || d.get().request().notificationUri() == null) {
                store.markDelivered(id, store.lastSequence(id));
                continue;
            }
            List<DeliveryEvent> owed = store.events(id, store.deliveredUpTo(id));
            LOG.info("delivery {}: resending {} event(s) its webhook had not acknowledged", id, owed.size());
            webhooks.resume(id, d.get().request().notificationUri(), d.get().request().notificationToken(), owed);
        }
    }
}
