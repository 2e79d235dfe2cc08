package io.modelqos.af.engine;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.events.DeliveryEvent;
import io.modelqos.af.events.EventOutbox;
import io.modelqos.af.events.Webhooks;
import io.modelqos.af.store.DeliveryStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Predicate;
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
 * Takes up a shard's part of what the store holds after a start, or of what this replica adopted from one that
 * stopped: re-arms expiries and pending releases, and sends each webhook what it is owed and the terminal events a
 * stop swallowed.
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
    private final Predicate<String> owns;
    private final Clock clock;
    private final Duration retention;

    Recovery(Vertx vertx, DeliveryStore store, EventOutbox outbox, Webhooks webhooks, Ending ending,
             ChangePublisher changes, Predicate<String> owns, Clock clock, Duration retention) {
        this.vertx = vertx;
        this.store = store;
        this.outbox = outbox;
        this.webhooks = webhooks;
        this.ending = ending;
        this.changes = changes;
        this.owns = owns;
        this.clock = clock;
        this.retention = retention;
    }

    /**
     * Resumes this shard's stored deliveries ({@code mine}, read from the store beforehand), in batches so that the AF
     * answers meanwhile: a delivery used before its turn comes is loaded on demand, the same instance the resume then
     * takes up. Completes with how many were resumed.
     */
    Future<Integer> resume(List<Delivery> mine) {
        Promise<Integer> done = Promise.promise();
        List<Delivery> unannounced = new ArrayList<>();
        resumeInBatches(mine, 0, unannounced, () -> {
            resendUndeliveredEvents(null);
            unannounced.forEach(ending::announce);
            if (store.durable()) {
                announceEndsTheStopSwallowed();
            }
            done.complete(mine.size());
        });
        return done.future();
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
            if (!owns.test(d.id())) {
                continue;
            }
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
            if (only != null && !only.contains(id) || !owns.test(id)) {
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
