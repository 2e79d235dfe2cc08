package io.modelqos.af.engine;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.delivery.EndRules;
import io.modelqos.af.delivery.FailureCause;
import io.modelqos.af.observe.AfMetrics;
import io.modelqos.af.problem.AfProblem;
import io.modelqos.af.retry.Backoff;
import io.modelqos.af.southbound.QosSessions;
import io.modelqos.af.store.DeliveryStore;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * How deliveries end: completed, cancelled, expired or failed; the network session closed, its final usage folded in,
 * and the model server told last. A close that fails is retried with backoff until the network confirms it, so no
 * reservation is left behind. Owns each live delivery's one timer: the end of its start window while its model server
 * has not begun, then its expiry. The end a session's end leads to is {@link EndRules}'.
 */
final class Ending {
    private static final Logger LOG = LoggerFactory.getLogger(Ending.class);

    private final DeliveryStore store;
    private final QosSessions network;
    private final ChangePublisher changes;
    private final Timers timers;
    private final AfMetrics metrics;
    private final Clock clock;
    private final InFlight inFlight;
    private final Map<String, Long> expiryTimers = new HashMap<>();

    Ending(DeliveryStore store, QosSessions network, ChangePublisher changes, Timers timers, AfMetrics metrics,
           Clock clock, InFlight inFlight) {
        this.store = store;
        this.network = network;
        this.changes = changes;
        this.timers = timers;
        this.metrics = metrics;
        this.clock = clock;
        this.inFlight = inFlight;
    }

    /**
     * Ends a delivery: stops the accounting, moves to the final state, closes the session (folding in its final
     * usage), then tells the model server. Never fails: a failed close is retried in the background.
     */
    Future<Delivery> end(Delivery d, DeliveryState finalState, FailureCause cause) {
        if (d.state().isFinal()) {
            return Future.succeededFuture(d);
        }
        LOG.debug("delivery {}: ends {} ({})", d.id(), finalState, cause);
        cancelExpiry(d.id());
        changes.publish(d, d.end(finalState, cause, clock.instant()));
        store.put(d);
        if (inFlight.opening(d.id()) && d.nefSubscriptionText() == null) {
            // The network is still opening the session; the negotiation closes it when its answer arrives.
            announce(d);
            return Future.succeededFuture(d);
        }
        return release(d).map(v -> {
            announce(d);
            return d;
        });
    }

    /**
     * Ends a delivery that reconciliation found out of line with the network: its create was interrupted by a stop
     * ({@code found} = the session the network made for it, closed here; or null), or its session vanished. A session
     * that vanished once its qosDuration had run was ended by the network then, unseen (the AF was away or the
     * notification was lost): it ends as {@link EndRules} says, like a session end the AF saw. Otherwise FAILED.
     */
    Future<Delivery> endUnmatched(Delivery d, String found, FailureCause cause) {
        if (d.state().isFinal()) {
            return Future.succeededFuture(d); // it ended while the reconciliation judged it (off its shard)
        }
        if (found != null && d.nefSubscriptionText() == null) {
            d.nefSubscriptionText(found);
        }
        if (d.granted() == null) {
            d.creationProblem(AfProblem.serviceUnavailable("the AF stopped while the NEF was creating this delivery; "
                    + "nothing is reserved for it"));
        }
        if (cause == FailureCause.NEF_SUBSCRIPTION_GONE && EndRules.ranQosDuration(d, clock.instant())) {
            FailureCause end = EndRules.afterQosDuration(d);
            return end(d, end.state(), end);
        }
        return end(d, DeliveryState.FAILED, cause);
    }

    /** Tells the model server how its delivery ended. */
    void announce(Delivery d) {
        changes.tell(d, d.terminal());
    }

    /** Closes the delivery's session; completes (never fails) once done or handed to the retry loop. */
    Future<Void> release(Delivery d) {
        if (d.nefSubscriptionText() == null) {
            return Future.succeededFuture();
        }
        d.releasePending(true);
        store.put(d);
        // The release is owed in the store before the network closes anything.
        return store.flushed().compose(stored -> network.close(d.nefSubscriptionText())).transform(ar -> {
            if (ar.succeeded()) {
                ar.result().ifPresent(usage -> d.rate().usage(usage));
                released(d);
            } else {
                LOG.warn("delivery {}: closing session {} failed, will retry: {}", d.id(), d.nefSubscriptionText(),
                        ar.cause().toString());
                releaseLater(d, 1);
            }
            return Future.succeededFuture();
        });
    }

    /** Retries a pending release with backoff until the network confirms it. */
    void releaseLater(Delivery d, int attempt) {
        timers.schedule(Backoff.RELEASE.delay(attempt).toMillis(), () -> {
            if (!d.releasePending()) {
                return;
            }
            metrics.nefReleaseRetried();
            network.close(d.nefSubscriptionText()).onComplete(ar -> {
                if (ar.succeeded()) {
                    ar.result().ifPresent(usage -> d.rate().usage(usage));
                    released(d);
                } else {
                    releaseLater(d, attempt + 1);
                }
            });
        });
    }

    /** The network confirmed that it no longer holds the delivery's session. */
    void released(Delivery d) {
        d.releasePending(false);
        store.put(d);
        LOG.info("delivery {}: session {} released", d.id(), d.nefSubscriptionText());
    }

    /**
     * The network ended the delivery's session: at or after its planned qosDuration, the end {@link EndRules} gives
     * (COMPLETED or EXPIRED); earlier, FAILED with SESSION_TERMINATION.
     */
    Future<Delivery> sessionEnded(Delivery d) {
        FailureCause cause = EndRules.sessionEnded(d, clock.instant());
        LOG.info("delivery {}: the network ended its session; {}", d.id(), cause);
        return end(d, cause.state(), cause);
    }

    /**
     * Arms (or re-arms) the delivery's timer: the end of its start window while its model server has not begun (a
     * delivery still waiting then is released early, EXPIRED), else its expiry.
     */
    void scheduleExpiry(Delivery d) {
        Instant due = d.awaitingStart() ? d.startBy() : d.expiresAt();
        long delay = Math.max(1, due.toEpochMilli() - clock.millis());
        Long previous = expiryTimers.put(d.id(), timers.schedule(delay, () -> {
            expiryTimers.remove(d.id());
            if (d.state().isFinal()) {
                return;
            }
            if (d.awaitingStart()) {
                LOG.info("delivery {}: no progress within its start window; releasing its session early", d.id());
                end(d, DeliveryState.EXPIRED, FailureCause.NO_PROGRESS_IN_START_WINDOW);
            } else if (clock.millis() < d.expiresAt().toEpochMilli()) {
                scheduleExpiry(d); // the model server began within its start window: the expiry is next
            } else {
                expired(d);
            }
        }));
        if (previous != null) {
            timers.cancel(previous);
        }
    }

    /**
     * The delivery outlived its qosDuration (and the margin) while live: the session is closed first, so that the
     * network's final usage counts in the end {@link EndRules#afterQosDuration} gives.
     */
    private void expired(Delivery d) {
        LOG.info("delivery {}: expired", d.id());
        String session = d.nefSubscriptionText();
        if (session == null || inFlight.opening(d.id())) {
            FailureCause cause = EndRules.afterQosDuration(d);
            end(d, cause.state(), cause);
            return;
        }
        d.releasePending(true);
        store.put(d);
        // The release is owed in the store before the network closes anything.
        store.flushed().compose(stored -> network.close(session)).onComplete(ar -> {
            if (ar.succeeded()) {
                ar.result().ifPresent(usage -> d.rate().usage(usage));
            }
            if (d.state().isFinal()) {
                // Ended meanwhile (completed, cancelled, terminated), and released by that end as well.
                store.put(d);
                return;
            }
            FailureCause cause = EndRules.afterQosDuration(d);
            changes.publish(d, d.end(cause.state(), cause, clock.instant()));
            if (ar.succeeded()) {
                released(d);
            } else {
                LOG.warn("delivery {}: closing session {} failed, will retry: {}", d.id(), session, ar.cause().toString());
                store.put(d);
                releaseLater(d, 1);
            }
            announce(d);
        });
    }

    private void cancelExpiry(String deliveryId) {
        Long timer = expiryTimers.remove(deliveryId);
        if (timer != null) {
            timers.cancel(timer);
        }
    }

    /** Stops the expiry timers of the deliveries {@code gone} names (all, at a stop). */
    void cancelExpiries(Predicate<String> gone) {
        for (String id : new ArrayList<>(expiryTimers.keySet())) {
            if (gone.test(id)) {
                cancelExpiry(id);
            }
        }
    }
}
