package io.modelqos.af.recovery;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryService;
import io.modelqos.af.nef.AsSessionWithQosClient;
import io.modelqos.af.nef.NefProblemException;
import io.modelqos.af.nef.NefSubscription;
import io.modelqos.af.retry.Backoff;
import io.modelqos.af.store.DeliveryStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Brings the NEF in line with the store after a start (and then every {@code period}): lists the AF's
 * subscriptions at the NEF, works out a {@link ReconciliationPlan} and carries it out — deletes the orphans, fails
 * the deliveries whose create a stop interrupted (deleting what the NEF made for them) and those whose subscription
 * vanished (each gets its {@code failed} event), and closes releases the NEF already forgot.
 *
 * <p>Runs on the AF's context, like the {@link DeliveryService} it calls. A NEF that cannot be listed is tried
 * again with backoff ({@link Backoff#RECONCILE}); nothing is changed until a list succeeds.
 */
public final class NefReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(NefReconciler.class);
    /** Cause of a delivery whose NEF create was under way when the AF stopped. */
    public static final String INTERRUPTED = "NEF_CREATE_INTERRUPTED";
    /** Cause of a delivery whose NEF subscription the NEF no longer holds. */
    public static final String VANISHED = "NEF_SUBSCRIPTION_GONE";

    private final Vertx vertx;
    private final AsSessionWithQosClient nef;
    private final DeliveryStore store;
    private final DeliveryService deliveries;
    private final Duration period;
    private Long timer;
    private boolean running;
    private boolean stopped;
    private Report last;

    /**
     * What one reconciliation did.
     *
     * @param listed            subscriptions the NEF listed
     * @param matched           live deliveries whose subscription the NEF holds
     * @param orphansDeleted    subscriptions no delivery owned, deleted (404 counted as deleted)
     * @param orphansLeft       orphans whose delete failed (tried again at the next reconciliation)
     * @param interrupted       deliveries failed because the AF stopped during their create
     * @param interruptedAtNef  of those, how many the NEF had made a subscription for (deleted)
     * @param vanished          live deliveries failed because the NEF no longer holds their subscription
     * @param released          pending releases the NEF had already done
     * @param tookMs            how long it took
     */
    public record Report(int listed, int matched, int orphansDeleted, int orphansLeft, int interrupted,
                         int interruptedAtNef, int vanished, int released, long tookMs) {
        @Override
        public String toString() {
            return "listed " + listed + ", matched " + matched + ", orphans deleted " + orphansDeleted
                    + (orphansLeft > 0 ? " (" + orphansLeft + " left)" : "") + ", interrupted creates " + interrupted
                    + " (" + interruptedAtNef + " made at the NEF), vanished " + vanished + ", releases already done "
                    + released + ", " + tookMs + " ms";
        }
    }

    public NefReconciler(Vertx vertx, AsSessionWithQosClient nef, DeliveryStore store, DeliveryService deliveries,
                         Duration period) {
        this.vertx = vertx;
        this.nef = nef;
        this.store = store;
        this.deliveries = deliveries;
        this.period = period;
    }

    /** Reconciles now (retrying until the NEF answers), then every period (if positive). Call on the AF's context. */
    public void start() {
        run(1);
    }

    public void stop() {
        stopped = true;
        if (timer != null) {
            vertx.cancelTimer(timer);
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
                scheduleNext(period.toMillis());
            } else {
                long delay = Backoff.RECONCILE.delay(attempt).toMillis();
                LOG.warn("reconciliation with the NEF failed (attempt {}), trying again in {} ms: {}", attempt, delay,
                        ar.cause().toString());
                if (!stopped) {
                    timer = vertx.setTimer(delay, id -> run(attempt + 1));
                }
            }
        });
    }

    private void scheduleNext(long delayMs) {
        if (!stopped && delayMs > 0) {
            timer = vertx.setTimer(delayMs, id -> run(1));
        }
    }

    /** One reconciliation; fails (changing nothing) when the NEF cannot be listed. Call on the AF's context. */
    public Future<Report> reconcile() {
        if (running) {
            return Future.failedFuture(new IllegalStateException("a reconciliation is already running"));
        }
        running = true;
        long start = System.nanoTime();
        // Judge only what was live before the list was asked for: a delivery granted while the list is on its way
        // would otherwise look vanished, one created meanwhile interrupted.
        List<Delivery> before = new ArrayList<>();
        java.util.Set<String> judged = new java.util.HashSet<>();
        for (Delivery d : store.live()) {
            if (!deliveries.creatingNow(d.id())) {
                before.add(d);
                judged.add(d.id());
            }
        }
        return nef.list(Optional.empty())
                .compose(listed -> apply(before, judged, listed, start))
                .onComplete(ar -> running = false);
    }

    private Future<Report> apply(List<Delivery> before, java.util.Set<String> judged, List<NefSubscription> listed,
                                 long start) {
        ReconciliationPlan plan = ReconciliationPlan.of(before, listed, store::byCallbackId,
                id -> deliveries.creatingNow(id) || !judged.contains(id));
        List<Future<Boolean>> orphanDeletes = new ArrayList<>();
        for (NefSubscription orphan : plan.orphans()) {
            LOG.warn("reconciliation: deleting NEF subscription {} that no live delivery owns (notificationDestination {})",
                    orphan.uri(), orphan.body() == null ? null : orphan.body().getNotificationDestination());
            orphanDeletes.add(nef.delete(orphan.uri()).map(x -> true).recover(e -> {
                if (e instanceof NefProblemException p && p.status() == 404) {
                    return Future.succeededFuture(true);
                }
                LOG.warn("reconciliation: deleting orphan {} failed: {}", orphan.uri(), e.toString());
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
                    i.foundAtNef() == null ? "the NEF made no subscription" : "deleting the subscription the NEF made, "
                            + i.foundAtNef());
            deliveries.endUnmatched(d, i.foundAtNef(), INTERRUPTED);
        }
        for (Delivery d : plan.vanished()) {
            LOG.warn("reconciliation: the NEF no longer holds subscription {} of live delivery {}; failing it",
                    d.nefSubscription(), d.id());
            deliveries.endUnmatched(d, null, VANISHED);
        }
        for (Delivery d : plan.released()) {
            LOG.info("reconciliation: the NEF already forgot subscription {} of ended delivery {}", d.nefSubscription(), d.id());
            d.releasePending(false);
            store.put(d);
        }
        int atNef = interruptedAtNef;
        return Future.all(orphanDeletes).map(all -> {
            int deleted = 0;
            for (Future<Boolean> f : orphanDeletes) {
                deleted += f.result() ? 1 : 0;
            }
            Report report = new Report(listed.size(), plan.matched(), deleted, orphanDeletes.size() - deleted,
                    plan.interrupted().size(), atNef, plan.vanished().size(), plan.released().size(),
                    (System.nanoTime() - start) / 1_000_000);
            last = report;
            if (plan.clean()) {
                LOG.debug("reconciliation with the NEF: {}", report);
            } else {
                LOG.warn("reconciliation with the NEF: {}", report);
            }
            return report;
        });
    }
}
