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
import java.util.Set;

/**
 * Takes up a shard's part of what the store holds after a start, or of what this replica adopted from one that
 * stopped: re-arms expiries and pending releases, and sends each webhook what it is owed and the terminal events a
 * stop swallowed.
 */
final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    private static final int RESUME_BATCH = 2_000;
    /** Deliveries looked at per turn after the resume: each reads a record or its last event, from the file at first. */
    private static final int END_CHECK_BATCH = 500;
    private static final long TURN_BUDGET_NANOS = 10_000_000;

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
        Promise<Void> taken = Promise.promise();
        List<Future<Delivery>> unannounced = new ArrayList<>();
        resumeInBatches(mine, 0, unannounced, taken::complete);
        return taken.future()
                .compose(x -> announceAfterOwed(unannounced, null, mine))
                .compose(x -> store.durable() ? announceEndsTheStopSwallowed() : Future.succeededFuture())
                .map(mine.size());
    }

    private void resumeInBatches(List<Delivery> live, int from, List<Future<Delivery>> unannounced, Runnable then) {
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
        List<Future<Delivery>> unannounced = new ArrayList<>();
        takeUp(deliveries, unannounced);
        announceAfterOwed(unannounced, ids, deliveries)
                .onFailure(e -> LOG.warn("taking up adopted deliveries: {}", e.toString()));
    }

    /**
     * Each webhook first gets what it is owed; the webhooks {@link #takeUp} held are released, owed something or not
     * (and if the store could not say: their new events must not wait for ever); then the ended deliveries whose
     * terminal event is owed get it.
     */
    private Future<Void> announceAfterOwed(List<Future<Delivery>> unannounced, Set<String> only, List<Delivery> held) {
        return resendUndeliveredEvents(only)
                .andThen(owed -> held.forEach(d -> webhooks.release(d.id())))
                .compose(x -> Future.join(unannounced)).transform(x -> {
            for (Future<Delivery> f : unannounced) {
                if (f.succeeded() && f.result() != null) {
                    ending.announce(f.result());
                }
            }
            return Future.<Void>succeededFuture();
        });
    }

    /**
     * Re-arms each delivery's expiry or pending release; for an ended one whose terminal event is owed, adds to
     * {@code unannounced} a future of it (of null when it was told).
     */
    private void takeUp(List<Delivery> deliveries, List<Future<Delivery>> unannounced) {
        for (Delivery d : deliveries) {
            changes.counted(d);
            if (d.request().notificationUri() != null) {
                // Held until what its webhook is owed is known (resendUndeliveredEvents): no new event overtakes.
                webhooks.hold(d.id(), d.request().notificationUri(), d.request().notificationToken());
            }
            if (d.state().isFinal() && d.releasePending()) {
                ending.releaseLater(d, 1);
                unannounced.add(outbox.after(d.id(), 0).map(told ->
                        told.isEmpty() || !told.get(told.size() - 1).type().terminal() ? d : null));
            } else if (d.expiresAt() != null) {
                ending.scheduleExpiry(d);
            }
        }
    }

    /**
     * After a restart: a delivery whose final state was stored just before the stop, but not yet its terminal event
     * (the two are separate writes), gets that event now. Every delivery ended within the retention is looked at (tens
     * of thousands after a busy hour): they are read on a worker, and checked in batches
     * ({@link #inBatches}). Read and checked at once, 37,000 held an event loop for 2.3 s at a restart of the bench.
     */
    private Future<Void> announceEndsTheStopSwallowed() {
        return vertx.executeBlocking(() -> store.endedSince(clock.instant().minus(retention)), false)
                .compose(read -> read)
                .compose(ended -> inBatches(ended.stream().filter(d -> owns.test(d.id())).toList(),
                        this::announceIfSwallowed));
    }

    /**
     * Runs {@code each} on the items, a batch per event-loop turn (at most {@value #END_CHECK_BATCH}, or 10 ms), so that requests are served in
     * between; completes once every one is done, failed if one failed.
     */
    private <T> Future<Void> inBatches(List<T> items, java.util.function.Function<T, Future<Void>> each) {
        Promise<Void> done = Promise.promise();
        nextBatch(items, 0, each, new ArrayList<>(), done);
        return done.future();
    }

    private <T> void nextBatch(List<T> items, int from, java.util.function.Function<T, Future<Void>> each,
                               List<Future<Void>> all, Promise<Void> done) {
        // A batch ends after END_CHECK_BATCH items or TURN_BUDGET_NANOS, whichever comes first: the first ones may
        // read the file and run before the JIT has compiled the decoding.
        long started = System.nanoTime();
        int to = from;
        List<Future<Void>> batch = new ArrayList<>();
        while (to < items.size() && to - from < END_CHECK_BATCH && (to == from || System.nanoTime() - started < TURN_BUDGET_NANOS)) {
            batch.add(each.apply(items.get(to++)));
        }
        int next = to;
        all.addAll(batch);
        Future.join(batch).onComplete(x -> {
            if (next < items.size()) {
                vertx.runOnContext(v -> nextBatch(items, next, each, all, done));
            } else {
                Future.all(all).onComplete(ar -> done.handle(ar.mapEmpty()));
            }
        });
    }

    private Future<Void> announceIfSwallowed(Delivery d) {
        return store.lastSequence(d.id())
                .compose(last -> last == 0 ? Future.succeededFuture(List.<DeliveryEvent>of()) : store.events(d.id(), last - 1))
                .map(last -> {
                    if (last.isEmpty() || !last.get(last.size() - 1).type().terminal()) {
                        LOG.info("delivery {}: ended ({}) just before the stop; sending its terminal event now", d.id(),
                                d.state());
                        if (d.request().notificationUri() != null) {
                            webhooks.resume(d.id(), d.request().notificationUri(), d.request().notificationToken(),
                                    List.of());
                        }
                        ending.announce(d);
                    }
                    return null;
                });
    }

    /**
     * Each webhook gets the events it had not yet got, from the store's cursor on, in order ({@code only}: null = all).
     * Which deliveries are behind is read from a durable store on a worker: the file store walks a map as long as the
     * deliveries whose webhooks were behind at the stop, from a file not yet in the page cache (53 ms on an event loop
     * at a restart of {@code RecoveryAtScaleTest}, a clean-clone CI run of 2026-12-05).
     */
    private Future<Void> resendUndeliveredEvents(Set<String> only) {
        Future<List<String>> behind = store.durable()
                ? vertx.executeBlocking(store::withUndeliveredEvents, false).compose(read -> read)
                : store.withUndeliveredEvents();
        return behind.compose(ids -> inBatches(ids.stream()
                        .filter(id -> (only == null || only.contains(id)) && owns.test(id)).toList(), this::resend));
    }

    private Future<Void> resend(String id) {
        return store.get(id).compose(d -> {
            if (d.isEmpty() || d.get().request().notificationUri() == null) {
                return store.lastSequence(id).compose(last -> store.markDelivered(id, last));
            }
            return store.deliveredUpTo(id).compose(upTo -> store.events(id, upTo)).map(owed -> {
                LOG.info("delivery {}: resending {} event(s) its webhook had not acknowledged", id, owed.size());
                webhooks.resume(id, d.get().request().notificationUri(), d.get().request().notificationToken(), owed);
                return null;
            });
        });
    }
}
