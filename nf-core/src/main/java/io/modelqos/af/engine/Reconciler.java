package io.modelqos.af.engine;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.FailureCause;
import io.modelqos.af.retry.Backoff;
import io.modelqos.af.southbound.QosSessions;
import io.modelqos.af.southbound.QosSessions.HeldSession;
import io.modelqos.af.southbound.SessionProbes;
import io.modelqos.af.store.DeliveryStore;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Brings the network in line with the store after a start (and then every {@code period}): lists the AF's sessions,
 * works out a {@link ReconciliationPlan} and carries it out — closes the orphans, fails the deliveries whose create a
 * stop interrupted (closing what the network made for them) and those whose session vanished, and closes releases
 * the network already forgot. Sessions the store does not prove this AF's are left alone and counted. A network that
 * cannot be listed is tried again with backoff; nothing is changed until a list succeeds.
 *
 * <p>A session missing from the list is not taken for gone on the list's word: the network is asked about each one
 * ({@link QosSessions#holds}), and only those it says it no longer holds end their delivery or their pending release.
 * A NEF may leave subscriptions out of its list (a paged list; one made under another SCS/AS id, as after a CAPIF
 * re-onboarding): those are kept and counted, and those it cannot tell about wait for the next reconciliation.
 */
public final class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    /** How many sessions held though not listed are named in the log, per reconciliation. */
    private static final int NAMED_UNLISTED = 10;

    private final QosSessions network;
    private final DeliveryStore store;
    private final Actions actions;
    private final InFlight inFlight;
    private final Timers timers;
    private final Duration period;
    private final Offload offload;
    private Long timer;
    private boolean running;
    private boolean stopped;
    private volatile Report last;

    /**
     * What one reconciliation did.
     *
     * @param listed           sessions the network listed
     * @param matched          live deliveries whose session the network holds
     * @param orphansDeleted   sessions no delivery owned, closed (already gone counted as closed)
     * @param orphansLeft      orphans whose close failed (tried again at the next reconciliation)
     * @param foreign          sessions the network listed that the store does not prove this AF's (another
     *                         application's, or an address or callback id no record holds): left alone
     * @param interrupted      deliveries failed because the AF stopped during their create
     * @param interruptedAtNef of those, how many the network had made a session for (closed)
     * @param vanished         live deliveries ended because the network no longer holds their session (FAILED, or as
     *                         EndRules says when their qosDuration had run)
     * @param released         pending releases the network had already done
     * @param unlisted         sessions of live deliveries or pending releases that the list left out but the network,
     *                         asked, still holds: kept as they are
     * @param unconfirmed      sessions the list left out that the network could not tell about: judged again at the
     *                         next reconciliation
     * @param tookMs           how long it took
     */
    public record Report(int listed, int matched, int orphansDeleted, int orphansLeft, int foreign, int interrupted,
                         int interruptedAtNef, int vanished, int released, int unlisted, int unconfirmed, long tookMs) {
        @Override
        public String toString() {
            return "listed " + listed + ", matched " + matched + ", orphans deleted " + orphansDeleted
                    + (orphansLeft > 0 ? " (" + orphansLeft + " left)" : "") + ", not this AF's (left alone) " + foreign
                    + ", interrupted creates " + interrupted
                    + " (" + interruptedAtNef + " made at the NEF), vanished " + vanished + ", releases already done "
                    + released + (unlisted > 0 ? ", held though not listed " + unlisted : "")
                    + (unconfirmed > 0 ? ", not listed and not confirmed gone " + unconfirmed : "") + ", " + tookMs + " ms";
        }
    }

    /** What the reconciliation does to a delivery, carried out by the shard that owns it. */
    interface Actions {
        /** Fails a delivery out of line with the network (closing {@code found}, the session made for it, if any). */
        Future<Delivery> endUnmatched(Delivery d, String found, FailureCause cause);

        /** The network no longer holds the session of an ended delivery whose release was pending. */
        void released(Delivery d);
    }

    Reconciler(QosSessions network, DeliveryStore store, Actions actions, InFlight inFlight, Timers timers,
               Offload offload, Duration period) {
        this.network = network;
        this.store = store;
        this.actions = actions;
        this.inFlight = inFlight;
        this.timers = timers;
        this.period = period;
        this.offload = offload;
    }

    /** Reconciles now (retrying until the network answers), then every period (if positive). */
    void start() {
        run(1);
    }

    void stop() {
        stopped = true;
        if (timer != null) {
            timers.cancel(timer);
        }
    }

    /** The last completed reconciliation, or null. */
    public Report last() {
        return last;
    }

    private void run(int attempt) {
        if (stopped) {
            return;
        }
        reconcile().onComplete(ar -> {
            if (ar.succeeded()) {
                if (!stopped && period.toMillis() > 0) {
                    timer = timers.schedule(period.toMillis(), () -> run(1));
                }
            } else {
                long delay = Backoff.RECONCILE.delay(attempt).toMillis();
                LOG.warn("reconciliation with the network failed (attempt {}), trying again in {} ms: {}", attempt, delay,
                        ar.cause().toString());
                if (!stopped) {
                    timer = timers.schedule(delay, () -> run(attempt + 1));
                }
            }
        });
    }

    /**
     * One reconciliation; fails (changing nothing) when the network cannot be listed. What grows with the number of
     * deliveries (judging every live one, matching every listed session) runs on a worker ({@link Offload}): at tens of
     * thousands it took seconds, and an event loop must not wait for it.
     */
    public Future<Report> reconcile() {
        if (running) {
            return Future.failedFuture(new IllegalStateException("a reconciliation is already running"));
        }
        running = true;
        long start = System.nanoTime();
        // Judge only what was live before the list was asked for: a delivery granted while the list is on its way
        // would otherwise look vanished, one created meanwhile interrupted.
        return store.live().compose(live -> offload.run(() -> Judged.of(live, inFlight)))
                .compose(judged -> network.list().compose(listed -> owners(listed, judged)
                        .compose(owners -> offload.run(() -> ReconciliationPlan.of(judged.before(), listed,
                                callbackId -> owners.getOrDefault(callbackId, Optional.empty()),
                                id -> inFlight.opening(id) || !judged.ids().contains(id))))
                        .compose(plan -> confirmGone(plan).compose(gone -> apply(plan, gone, listed.size(), start)))))
                .onComplete(ar -> running = false);
    }

    /**
     * The live deliveries a reconciliation judges (those not being created in this process when the store was read),
     * and the delivery each of their callback ids names.
     */
    private record Judged(List<Delivery> before, Set<String> ids, Map<String, Delivery> byCallbackId) {
        static Judged of(List<Delivery> live, InFlight inFlight) {
            List<Delivery> before = new ArrayList<>(live.size());
            Set<String> ids = new HashSet<>();
            Map<String, Delivery> byCallbackId = new HashMap<>();
            for (Delivery d : live) {
                if (!inFlight.opening(d.id())) {
                    before.add(d);
                    ids.add(d.id());
                    byCallbackId.put(d.callbackId(), d);
                }
            }
            return new Judged(before, ids, byCallbackId);
        }
    }

    /**
     * The delivery each listed session notifies, by callback id: the live ones known already, the others (ended, or
     * made meanwhile) looked up in the store. Only the look-ups are made here; the live ones are read from
     * {@code judged} as the plan is worked out.
     */
    private Future<Map<String, Optional<Delivery>>> owners(List<HeldSession> listed, Judged judged) {
        Map<String, Optional<Delivery>> owners = new ConcurrentHashMap<>();
        return offload.run(() -> {
            Set<String> unknown = new HashSet<>();
            for (HeldSession s : listed) {
                String callbackId = s.callbackId();
                if (callbackId != null) {
                    Delivery live = judged.byCallbackId().get(callbackId);
                    if (live != null) {
                        owners.put(callbackId, Optional.of(live));
                    } else {
                        unknown.add(callbackId);
                    }
                }
            }
            return unknown;
        }).compose(unknown -> {
            List<Future<?>> lookups = new ArrayList<>(unknown.size());
            for (String callbackId : unknown) {
                lookups.add(store.byCallbackId(callbackId).onSuccess(found -> owners.put(callbackId, found)));
            }
            return Future.all(lookups).map(owners);
        });
    }

    /** The network's answer for each delivery whose session the list left out: true held, false gone, null unknown. */
    private Future<Map<Delivery, Boolean>> confirmGone(ReconciliationPlan plan) {
        List<Delivery> unlisted = new ArrayList<>(plan.vanished());
        unlisted.addAll(plan.released());
        return SessionProbes.holds(network, unlisted.stream().map(Delivery::nefSubscriptionText).toList())
                .map(answers -> {
                    Map<Delivery, Boolean> byDelivery = new java.util.IdentityHashMap<>();
                    for (int i = 0; i < unlisted.size(); i++) {
                        byDelivery.put(unlisted.get(i), answers.get(i));
                    }
                    return byDelivery;
                });
    }

    private Future<Report> apply(ReconciliationPlan plan, Map<Delivery, Boolean> held, int listed, long start) {
        List<Future<Boolean>> orphanCloses = new ArrayList<>();
        for (HeldSession other : plan.foreign()) {
            LOG.debug("reconciliation: leaving session {} alone: no record proves it this AF's (callback id {})",
                    other.session(), other.callbackId() == null ? "none of this AF's shape" : "unknown to the store");
        }
        for (HeldSession orphan : plan.orphans()) {
            LOG.warn("reconciliation: closing session {} of this AF that no live delivery owns (callback id {})",
                    orphan.session(), orphan.callbackId());
            orphanCloses.add(network.close(orphan.session()).map(x -> true).recover(e -> {
                LOG.warn("reconciliation: closing orphan {} failed: {}", orphan.session(), e.toString());
                return Future.succeededFuture(false);
            }));
        }
        int interruptedAtNef = 0;
        for (ReconciliationPlan.Interrupted i : plan.interrupted()) {
            Delivery d = i.delivery();
            if (i.foundAtNef() != null) {
                interruptedAtNef++;
            }
            LOG.warn("reconciliation: delivery {} was being created when the AF stopped; {}; failing it", d.id(),
                    i.foundAtNef() == null ? "the network made no session" : "closing the session the network made, "
                            + i.foundAtNef());
            actions.endUnmatched(d, i.foundAtNef(), FailureCause.NEF_CREATE_INTERRUPTED);
        }
        int vanished = 0;
        int released = 0;
        int unlisted = 0;
        int unconfirmed = 0;
        for (Delivery d : plan.vanished()) {
            Boolean holds = held.get(d);
            if (Boolean.FALSE.equals(holds)) {
                vanished++;
                LOG.warn("reconciliation: the network no longer holds session {} of live delivery {}; ending it",
                        d.nefSubscriptionText(), d.id());
                actions.endUnmatched(d, null, FailureCause.NEF_SUBSCRIPTION_GONE);
            } else if (holds != null) {
                // After a change of SCS/AS id every live delivery may be one: the first few are named, the report counts all.
                if (++unlisted <= NAMED_UNLISTED) {
                    LOG.warn("reconciliation: session {} of live delivery {} is missing from the network's list, but the "
                            + "network still holds it; kept", d.nefSubscriptionText(), d.id());
                }
            } else {
                unconfirmed++;
            }
        }
        for (Delivery d : plan.released()) {
            Boolean holds = held.get(d);
            if (Boolean.FALSE.equals(holds)) {
                released++;
                LOG.info("reconciliation: the network already forgot session {} of ended delivery {}",
                        d.nefSubscriptionText(), d.id());
                actions.released(d);
            } else if (holds != null) {
                unlisted++; // its release goes on being retried
            } else {
                unconfirmed++;
            }
        }
        if (unconfirmed > 0) {
            LOG.warn("reconciliation: {} session(s) missing from the network's list could not be confirmed gone; "
                    + "judged again at the next reconciliation", unconfirmed);
        }
        int atNef = interruptedAtNef;
        int ended = vanished;
        int forgotten = released;
        int kept = unlisted;
        int unknown = unconfirmed;
        return Future.all(orphanCloses).map(all -> {
            int deleted = 0;
            for (Future<Boolean> f : orphanCloses) {
                deleted += f.result() ? 1 : 0;
            }
            Report report = new Report(listed, plan.matched(), deleted, orphanCloses.size() - deleted,
                    plan.foreign().size(), plan.interrupted().size(), atNef, ended, forgotten, kept, unknown,
                    (System.nanoTime() - start) / 1_000_000);
            if (plan.clean() && plan.foreign().isEmpty()) {
                LOG.debug("reconciliation with the network: {}", report);
            } else if (plan.clean()) {
                LOG.info("reconciliation with the network: {}", report);
            } else {
                LOG.warn("reconciliation with the network: {}", report);
            }
            last = report;
            return report;
        });
    }
}
