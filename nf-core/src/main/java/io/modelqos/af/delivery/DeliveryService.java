package io.modelqos.af.delivery;

import io.modelqos.af.catalog.ModelVariant;
import io.modelqos.af.catalog.Precision;
import io.modelqos.af.events.EventOutbox;
import io.modelqos.af.events.EventType;
import io.modelqos.af.events.WebhookDispatcher;
import io.modelqos.af.nef.AsSessionWithQosClient;
import io.modelqos.af.nef.NefProblemException;
import io.modelqos.af.nef.NefSubscription;
import io.modelqos.af.nef.NefUnavailableException;
import io.modelqos.af.nef.SubscriptionRequests;
import io.modelqos.af.observe.AfMetrics;
import io.modelqos.af.problem.AfProblem;
import io.modelqos.af.problem.BestOffer;
import io.modelqos.qos.NefFeature;
import io.modelqos.af.qos.NothingFits;
import io.modelqos.af.qos.PlanOutcome;
import io.modelqos.af.qos.PlanRequest;
import io.modelqos.af.qos.PlannedQos;
import io.modelqos.af.qos.QosMode;
import io.modelqos.af.qos.QosPlan;
import io.modelqos.af.qos.QosPlanner;
import io.modelqos.qos.SupportedFeatures;
import io.modelqos.qos.BitRate;
import io.modelqos.af.sizing.InvalidPlanInputException;
import io.modelqos.af.sizing.TransferSizing;
import io.modelqos.af.store.DeliveryStore;
import io.modelqos.af.store.SharedDeliveryStore;
import io.modelqos.openapi.t8.model.AccumulatedUsage;
import io.modelqos.openapi.t8.model.UserPlaneEvent;
import io.modelqos.openapi.t8.model.UserPlaneEventReport;
import io.modelqos.openapi.t8.model.UserPlaneNotificationData;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Runs model deliveries from request to release: plans the QoS, asks the NEF for it and negotiates when the
 * NEF refuses, follows the NEF's notifications, accounts what the delivery achieved, reports every change
 * as an event, and deletes the NEF subscription when the delivery ends, expires or is cancelled — retrying
 * the delete until the NEF confirms it, so no reservation is left behind.
 *
 * <p>Every method runs on the AF's Vert.x context; deliveries are never touched concurrently.
 */
public final class DeliveryService {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long MAX_RELEASE_BACKOFF_MS = 60_000;

    /**
     * @param announcedFeatures the TS 29.122 features the AF announces to the NEF
     * @param expiryMargin      how long after the plan's qosDuration a delivery expires
     * @param setupAllowance    the part of each budget kept for connection set-up
     * @param retention         how long an ended delivery stays readable
     * @param allocationWait    how long a create waits for the NEF's resource allocation report, so that its answer
     *                          names the QoS (and variant) the network actually applied
     */
    public record Settings(SupportedFeatures announcedFeatures, Duration expiryMargin, Duration setupAllowance,
                           Duration retention, Duration allocationWait) {
        /** The features the AF uses: alternative QoS (as references or individual parameters) and QoS monitoring. */
        public static final SupportedFeatures AF_FEATURES = SupportedFeatures.of(NefFeature.ALTERNATIVE_QOS_5G,
                NefFeature.QOS_MONITORING_5G, NefFeature.ALT_QOS_WITH_IND_PARAMS_5G);
    }

    private final Vertx vertx;
    private final DeliveryStore store;
    private final QosPlanner planner;
    private final AsSessionWithQosClient nef;
    private final EventOutbox outbox;
    private final WebhookDispatcher webhooks;
    private final AfMetrics metrics;
    private final DeliveryJson json;
    private final Clock clock;
    private final Settings settings;
    private final Map<String, Long> expiryTimers = new HashMap<>();
    private final Map<String, Boolean> creating = new HashMap<>();
    /** Creates waiting for SUCCESSFUL_/FAILED_RESOURCES_ALLOCATION, by delivery id. */
    private final Map<String, AllocationWait> awaitingAllocation = new HashMap<>();
    /** Allocation reports that arrived before the NEF's 201 did. */
    private final Map<String, UserPlaneEventReport> earlyAllocation = new HashMap<>();
    private URI callbackBase;
    private volatile boolean accepting = true;
    private Long housekeeping;
    private static final long HOUSEKEEPING_PERIOD_MS = 60_000;

    public DeliveryService(Vertx vertx, DeliveryStore store, QosPlanner planner, AsSessionWithQosClient nef,
                           EventOutbox outbox, WebhookDispatcher webhooks, AfMetrics metrics, DeliveryJson json,
                           Clock clock, Settings settings) {
        this.vertx = vertx;
        this.store = store;
        this.planner = planner;
        this.nef = nef;
        this.outbox = outbox;
        this.webhooks = webhooks;
        this.metrics = metrics;
        this.json = json;
        this.clock = clock;
        this.settings = settings;
    }

    /** Where the NEF reaches this AF: set once the HTTP server knows its port. */
    public void callbackBase(URI base) {
        this.callbackBase = base;
    }

    /**
     * Admits or refuses a tenant's new delivery before anything is stored or asked of the NEF, given the largest GBR
     * (downlink) the delivery would ask for: null admits it, a problem refuses it (e.g. a per-tenant GBR cap).
     */
    @FunctionalInterface
    public interface Admission {
        AfProblem check(String tenant, io.modelqos.qos.BitRate gbrDl);
    }

    private Admission admission = (tenant, gbrDl) -> null;

    /** The admission check of every create (by default: admit all). */
    public void admission(Admission admission) {
        this.admission = java.util.Objects.requireNonNull(admission, "admission");
    }

    /** The path under which the NEF's notifications arrive; the last segment is the delivery's secret. */
    public static final String CALLBACK_PATH = "/nef-callbacks/v1/";

    public URI callbackUri(Delivery d) {
        return URI.create(callbackBase + CALLBACK_PATH + d.callbackId());
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * Resumes the deliveries the store holds: reschedules expiries and pending releases, resends owed events, then
     * reconciles with the NEF; starts housekeeping. The records are decoded on a worker thread and taken up on the AF's
     * context in batches, so the AF answers (and is ready) meanwhile: a delivery used before its turn comes is loaded
     * on demand, the same instance the resume then takes up. Call on the AF's context; completes when all are resumed.
     */
    public Future<Integer> resume() {
        if (housekeeping == null) {
            housekeeping = vertx.setPeriodic(HOUSEKEEPING_PERIOD_MS, id -> purgeEnded());
        }
        long start = System.nanoTime();
        io.vertx.core.Promise<Integer> done = io.vertx.core.Promise.promise();
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
                announce(unannounced);
                if (store.durable()) {
                    announceEndsTheStopSwallowed();
                }
                if (store.durable() && reconciler == null) {
                    // The store outlived the last run: make the NEF hold exactly the subscriptions of the live ones.
                    reconciler = new io.modelqos.af.recovery.NefReconciler(vertx, nef, store, this, reconcilePeriod);
                    reconciler.start();
                }
                if (!live.isEmpty()) {
                    LOG.info("resumed {} live deliveries in {} ms", live.size(), (System.nanoTime() - start) / 1_000_000);
                }
                done.complete(live.size());
            });
        });
        return done.future();
    }

    private static final int RESUME_BATCH = 2_000;

    private void resumeInBatches(List<Delivery> live, int from, List<Delivery> unannounced, Runnable then) {
        int to = Math.min(live.size(), from + RESUME_BATCH);
        takeUp(live.subList(from, to), unannounced);
        if (to < live.size()) {
            vertx.runOnContext(v -> resumeInBatches(live, to, unannounced, then)); // let requests in between batches
        } else {
            then.run();
        }
    }

    /**
     * Takes up live deliveries this AF now acts on: re-arms expiries and pending releases, registers webhooks and
     * sends what each webhook is owed. {@code only} limits the resending of owed events to these ids (null: all).
     */
    private void resumeEach(List<Delivery> deliveries, java.util.Set<String> only) {
        List<Delivery> unannounced = new ArrayList<>();
        takeUp(deliveries, unannounced);
        resendUndeliveredEvents(only);
        announce(unannounced);
    }

    /** Re-arms each delivery's expiry or pending release; collects the ended ones whose terminal event is owed. */
    private void takeUp(List<Delivery> deliveries, List<Delivery> unannounced) {
        for (Delivery d : deliveries) {
            metrics.stateChanged(null, d.state());
            if (d.request().notificationUri() != null) {
                webhooks.register(d.id(), d.request().notificationUri(), d.request().notificationToken());
            }
            if (d.state().isFinal() && d.releasePending()) {
                releaseLater(d, 1);
                List<io.modelqos.af.events.DeliveryEvent> told = outbox.after(d.id(), 0);
                if (told.isEmpty() || !told.get(told.size() - 1).type().terminal()) {
                    unannounced.add(d);
                }
            } else if (d.expiresAt() != null) {
                scheduleExpiry(d);
            }
        }
    }

    /**
     * Ended, release under way when the AF stopped: the terminal event (sent after the release) is sent now, after
     * what was still owed, without the NEF's final usage report, which went with the stopped process.
     */
    private void announce(List<Delivery> unannounced) {
        unannounced.forEach(d -> emitTerminal(d, d.state(), d.failureCause()));
    }

    /**
     * Takes up the live deliveries this replica adopted from replicas that stopped (shared store): as after a restart,
     * their expiries, pending releases and owed events are this replica's now.
     */
    public void adopted(List<Delivery> deliveries) {
        if (deliveries.isEmpty() || !accepting) {
            return;
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Delivery d : deliveries) {
            ids.add(d.id());
            // A stream this replica read while another owned the delivery is stale: numbering goes on from the store.
            outbox.forget(d.id());
        }
        resumeEach(deliveries, ids);
        if (reconciler != null && deliveries.stream().anyMatch(d -> d.state() == DeliveryState.NEGOTIATING)) {
            // A create its owner did not finish: the reconciliation fails it and deletes what the NEF made for it.
            reconciler.reconcile().onFailure(e -> LOG.debug("reconciliation after adoption: {}", e.toString()));
        }
    }

    private Duration reconcilePeriod = Duration.ofMinutes(5);
    private io.modelqos.af.recovery.NefReconciler reconciler;

    /** How often, after the one at start, the NEF is reconciled with a durable store (zero: only at start). */
    public void reconcileEvery(Duration period) {
        this.reconcilePeriod = java.util.Objects.requireNonNull(period, "period");
    }

    /** The reconciliation with the NEF, or null when the store is not durable or before {@link #resume()}. */
    public io.modelqos.af.recovery.NefReconciler reconciler() {
        return reconciler;
    }

    /**
     * After a restart: a delivery whose final state was stored just before the stop, but not yet its terminal
     * event (the two are separate writes), gets that event now.
     */
    private void announceEndsTheStopSwallowed() {
        for (Delivery d : store.endedSince(clock.instant().minus(settings.retention()))) {
            long lastSequence = store.lastSequence(d.id());
            List<io.modelqos.af.events.DeliveryEvent> last = lastSequence == 0 ? List.of()
                    : store.events(d.id(), lastSequence - 1);
            if (!last.isEmpty() && last.get(last.size() - 1).type().terminal()) {
                continue;
            }
            LOG.info("delivery {}: ended ({}) just before the stop; sending its terminal event now", d.id(), d.state());
            if (d.request().notificationUri() != null) {
                webhooks.resume(d.id(), d.request().notificationUri(), d.request().notificationToken(), List.of());
            }
            emitTerminal(d, d.state(), d.failureCause());
        }
    }

    /** After a restart: each webhook gets the events it had not yet got, from the store's cursor on, in order. */
    private void resendUndeliveredEvents(java.util.Set<String> only) {
        for (String id : store.withUndeliveredEvents()) {
            if (only != null && !only.contains(id)) {
                continue;
            }
            Optional<Delivery> d = store.get(id);
            if (d.isEmpty() || d.get().request().notificationUri() == null) {
                store.markDelivered(id, store.lastSequence(id));
                continue;
            }
            List<io.modelqos.af.events.DeliveryEvent> owed = store.events(id, store.deliveredUpTo(id));
            LOG.info("delivery {}: resending {} event(s) its webhook had not acknowledged", id, owed.size());
            webhooks.resume(id, d.get().request().notificationUri(), d.get().request().notificationToken(), owed);
        }
    }

    /**
     * After this replica was taken for dead and its deliveries adopted by others: stops the timers of the deliveries
     * it no longer owns (their writes would be refused anyway), so that only the adopter acts on them.
     */
    public void forgetNotOwned() {
        if (!(store instanceof SharedDeliveryStore shared)) {
            return;
        }
        for (String id : new ArrayList<>(expiryTimers.keySet())) {
            if (!shared.owns(id)) {
                vertx.cancelTimer(expiryTimers.remove(id));
            }
        }
    }

    /** Whether this delivery's NEF create is under way in this process (reconciliation leaves it alone). */
    public boolean creatingNow(String deliveryId) {
        return creating.containsKey(deliveryId);
    }

    /**
     * Fails a delivery that reconciliation found out of line with the NEF: its create was interrupted by a stop
     * ({@code found} = the subscription the NEF made for it, deleted here; or null), or its subscription vanished.
     * The caller's repeat of an interrupted create (same Idempotency-Key) makes the delivery anew.
     */
    public Future<Delivery> endUnmatched(Delivery d, URI found, String cause) {
        if (found != null && d.nefSubscriptionText() == null) {
            d.nefSubscription(found);
        }
        if (d.granted() == null) {
            d.creationProblem(AfProblem.serviceUnavailable("the AF stopped while the NEF was creating this delivery; "
                    + "nothing is reserved for it"));
        }
        return end(d, DeliveryState.FAILED, cause);
    }

    /** Forgets ended deliveries (and their event history) once they are older than the retention. */
    public int purgeEnded() {
        int purged = store.purgeEndedBefore(clock.instant().minus(settings.retention()));
        if (purged > 0) {
            outbox.retain(id -> store.get(id).isPresent());
        }
        return purged;
    }

    /** Stops taking new deliveries; the live ones stay in the store to be resumed by the next start. */
    public void stopAccepting() {
        accepting = false;
        if (reconciler != null) {
            reconciler.stop();
        }
        if (housekeeping != null) {
            vertx.cancelTimer(housekeeping);
        }
        expiryTimers.values().forEach(vertx::cancelTimer);
        expiryTimers.clear();
    }

    public boolean accepting() {
        return accepting;
    }

    // ---------------------------------------------------------------- queries

    public Delivery get(String tenant, String deliveryId) {
        return store.get(deliveryId)
                .filter(d -> d.tenant().equals(tenant))
                .orElseThrow(() -> AfProblem.notFound("no delivery " + deliveryId));
    }

    public DeliveryStore.Page list(String tenant, String ueKey, DeliveryState state, int pageSize, String pageToken) {
        return store.list(tenant, ueKey, state, pageSize, pageToken);
    }

    /** Completes once everything this AF wrote so far is stored (see {@link DeliveryStore#flushed()}). */
    public Future<Void> stored() {
        return store.flushed();
    }

    public DeliveryJson json() {
        return json;
    }

    public Instant now() {
        return clock.instant();
    }

    /** The dry run: the plan the AF would ask the NEF for. */
    public PlanOutcome plan(DeliveryRequest request, SupportedFeatures nefFeatures) {
        return planner.plan(planRequest(request, nefFeatures == null ? nefFeatures() : nefFeatures));
    }

    /** The features the AF plans for: what it announces, narrowed to what the NEF answered once it has. */
    public SupportedFeatures nefFeatures() {
        String negotiated = nef.negotiatedFeatures();
        return negotiated == null ? settings.announcedFeatures()
                : settings.announcedFeatures().intersect(SupportedFeatures.parse(negotiated));
    }

    // ---------------------------------------------------------------- create and negotiate

    /**
     * Creates a delivery and negotiates its QoS with the NEF. Completes with the delivery once the NEF granted
     * a QoS; fails with {@link AfProblem} (UNPROCESSABLE with the best offer when nothing fits; PEER_UNAVAILABLE
     * or PEER_TIMEOUT when the NEF could not be asked), in which case the delivery is FAILED and nothing is left
     * reserved at the NEF.
     *
     * @param idempotencyKey   the caller's key, or null
     * @param bodyFingerprint  a digest of the request body, to tell a repeat from a different request
     */
    public Future<Delivery> create(String tenant, DeliveryRequest request, String idempotencyKey, String bodyFingerprint) {
        if (!accepting) {
            return Future.failedFuture(AfProblem.serviceUnavailable("the AF is shutting down"));
        }
        if (idempotencyKey != null) {
            Optional<DeliveryStore.IdempotentCreate> earlier = store.idempotentCreate(tenant, idempotencyKey);
            if (earlier.isPresent() && !(earlier.get().bodyFingerprint().equals(bodyFingerprint)
                    && interruptedByStop(earlier.get()))) {
                return repeat(tenant, idempotencyKey, earlier.get(), bodyFingerprint);
            }
        }
        PlanOutcome outcome;
        try {
            outcome = planner.plan(planRequest(request, nefFeatures()));
        } catch (InvalidPlanInputException e) {
            return Future.failedFuture(AfProblem.invalid(pointerOf(e.field()), e.getMessage()));
        }
        if (outcome instanceof QosPlan planned) {
            AfProblem refused = admission.check(tenant, planned.primary().gbrDl());
            if (refused != null) {
                return Future.failedFuture(refused);
            }
        }
        Instant now = clock.instant();
        Delivery d = new Delivery(newId(), tenant, request, newSecret(), now);
        if (idempotencyKey != null) {
            store.rememberIdempotentCreate(tenant, idempotencyKey, new DeliveryStore.IdempotentCreate(bodyFingerprint, d.id()));
        }
        if (request.notificationUri() != null) {
            webhooks.register(d.id(), request.notificationUri(), request.notificationToken());
        }
        MDC.put("deliveryId", d.id());
        try {
            if (outcome instanceof NothingFits nothing) {
                d.requested(requestedOf(request, bestSizing(request)));
                store.put(d);
                metrics.stateChanged(null, d.state());
                d.recordAttempt(nothing.smallestVariant().id(), nothing.bestOfferDl() == null ? "0 bps"
                        : nothing.bestOfferDl().toString(), NegotiationAttempt.Outcome.REJECTED, "NO_QOS_FITS");
                return Future.failedFuture(fail(d, "NO_QOS_FITS", AfProblem.unprocessable(nothing.reason(), offerOf(nothing))));
            }
            QosPlan plan = (QosPlan) outcome;
            d.requested(requestedOf(request, plan.primary().sizing(), plan.primary().variant().id()));
            d.options(optionsOf(plan));
            store.put(d);
            metrics.stateChanged(null, d.state());
            move(d, DeliveryState.NEGOTIATING);
            store.put(d);
            LOG.info("delivery {}: {} for UE {} within {} ms, asking for {} ({})", d.id(), request.modelName(),
                    request.ue().key(), request.latencyBudgetMs(), plan.primary().gbrDl(), plan.primary().ref());
            creating.put(d.id(), true);
            return negotiate(d, plan, 1).onComplete(ar -> creating.remove(d.id()));
        } finally {
            MDC.remove("deliveryId");
        }
    }

    /** A create a stop interrupted had no effect (reconciliation undid it): its repeat makes the delivery anew. */
    private boolean interruptedByStop(DeliveryStore.IdempotentCreate earlier) {
        return store.get(earlier.deliveryId())
                .filter(d -> d.state() == DeliveryState.FAILED && "NEF_CREATE_INTERRUPTED".equals(d.failureCause()))
                .isPresent();
    }

    private Future<Delivery> repeat(String tenant, String key, DeliveryStore.IdempotentCreate earlier, String fingerprint) {
        if (!earlier.bodyFingerprint().equals(fingerprint)) {
            return Future.failedFuture(AfProblem.conflict("Idempotency-Key '" + key + "' was used with another request body"));
        }
        Optional<Delivery> d = store.get(earlier.deliveryId()).filter(x -> x.tenant().equals(tenant));
        if (d.isEmpty()) {
            return Future.failedFuture(AfProblem.conflict("Idempotency-Key '" + key + "' refers to a delivery that is gone"));
        }
        if (d.get().state() == DeliveryState.FAILED && d.get().creationProblem() != null) {
            return Future.failedFuture(d.get().creationProblem());
        }
        return Future.succeededFuture(d.get());
    }

    private Future<Delivery> negotiate(Delivery d, QosPlan plan, int round) {
        var body = SubscriptionRequests.create(plan, d.request(), callbackUri(d), settings.announcedFeatures());
        // Write-ahead: the delivery is stored before the NEF hears of it.
        return store.flushed().compose(stored -> nef.create(body)).transform(ar -> ar.succeeded()
                ? granted(d, plan, ar.result())
                : refused(d, plan, ar.cause(), round));
    }

    private Future<Delivery> granted(Delivery d, QosPlan plan, NefSubscription created) {
        d.nefSubscription(created.uri());
        if (d.state().isFinal()) {
            // Cancelled while the NEF was creating: release what it just made.
            store.put(d);
            return release(d).map(d);
        }
        PlannedQos primary = plan.primary();
        // The attempt is recorded once the allocation report says which option the network applied.
        d.granted(grantedOf(d.option(primary.ref()), plan));
        d.allocatedRef(primary.ref());
        Instant now = clock.instant();
        d.availability().start(now);
        d.expiresAt(now.plusSeconds(plan.qosDurationSeconds()).plus(settings.expiryMargin()));
        move(d, DeliveryState.QOS_GRANTED);
        store.put(d);
        scheduleExpiry(d);
        AllocationWait wait = new AllocationWait();
        awaitingAllocation.put(d.id(), wait);
        UserPlaneEventReport early = earlyAllocation.remove(d.id());
        if (early != null) {
            apply(d, early);
            store.put(d);
        } else {
            wait.timer = vertx.setTimer(Math.max(1, settings.allocationWait().toMillis()), id -> {
                // No report in time: the NEF's 201 stands for the primary QoS.
                PlannedOption first = d.options().get(0);
                d.recordAttempt(first.variantId(), first.gbrDl(), NegotiationAttempt.Outcome.GRANTED, null);
                store.put(d);
                allocationKnown(d, null);
            });
        }
        return wait.result.future().compose(x -> adaptToNefFeatures(d, plan, created));
    }

    /**
     * Ends a create's wait for the allocation report: with the report applied, or at the end of the wait (the
     * NEF's 201 then stands for the primary QoS, and a later report still switches the grant).
     */
    private void allocationKnown(Delivery d, AfProblem failure) {
        AllocationWait wait = awaitingAllocation.remove(d.id());
        if (wait == null) {
            return;
        }
        if (wait.timer != null) {
            vertx.cancelTimer(wait.timer);
        }
        if (failure != null) {
            wait.result.fail(failure);
            return;
        }
        if (!d.state().isFinal()) {
            emit(d, EventType.QOS_GRANTED, null, null);
        }
        wait.result.complete(d);
    }

    private static final class AllocationWait {
        final io.vertx.core.Promise<Delivery> result = io.vertx.core.Promise.promise();
        Long timer;
    }

    /**
     * The NEF answers which of the announced features it supports. When it lacks AltQosWithIndParams_5G the
     * individual parameters were not understood: the subscription is replaced by one with QoS references.
     */
    private Future<Delivery> adaptToNefFeatures(Delivery d, QosPlan plan, NefSubscription created) {
        String answered = created.body() == null ? null : created.body().getSupportedFeatures();
        if (plan.mode() != QosMode.INDIVIDUAL_PARAMETERS || answered == null
                || SupportedFeatures.parse(answered).supports(NefFeature.ALT_QOS_WITH_IND_PARAMS_5G)) {
            return Future.succeededFuture(d);
        }
        PlanOutcome withReferences = planner.plan(plan.request().withNefFeatures(
                plan.request().nefFeatures().intersect(SupportedFeatures.parse(answered))));
        if (!(withReferences instanceof QosPlan referencesPlan)) {
            LOG.warn("delivery {}: the NEF does not take individual QoS parameters and no QoS reference fits; ending", d.id());
            return end(d, DeliveryState.FAILED, "NEF_LACKS_ALT_QOS_WITH_IND_PARAMS").compose(x ->
                    Future.failedFuture(AfProblem.unprocessable("the NEF does not support individual QoS parameters "
                            + "and no operator QoS reference covers the model", null)));
        }
        var body = SubscriptionRequests.create(referencesPlan, d.request(), callbackUri(d),
                settings.announcedFeatures().intersect(SupportedFeatures.parse(answered)));
        return store.flushed().compose(stored -> nef.replace(d.nefSubscription(), body)).transform(ar -> {
            if (ar.failed()) {
                LOG.warn("delivery {}: replacing the subscription with QoS references failed: {}", d.id(), ar.cause().toString());
                return end(d, DeliveryState.FAILED, "NEF_REPLACE_FAILED").compose(x -> Future.failedFuture(toProblem(ar.cause())));
            }
            d.options(optionsOf(referencesPlan));
            d.granted(grantedOf(d.option(referencesPlan.primary().ref()), referencesPlan));
            store.put(d);
            return Future.succeededFuture(d);
        });
    }

    private Future<Delivery> refused(Delivery d, QosPlan plan, Throwable failure, int round) {
        PlannedQos primary = plan.primary();
        if (failure instanceof NefProblemException p) {
            String offered = p.status() == 403 ? acceptableRateDl(p) : null;
            if (offered != null) {
                d.recordAttempt(primary.variant().id(), offered, NegotiationAttempt.Outcome.COUNTER_OFFER, p.problemCause().orElse(null));
                BitRate acceptable;
                try {
                    acceptable = BitRate.parse(offered);
                } catch (IllegalArgumentException e) {
                    return Future.failedFuture(fail(d, "NEF_OFFER_UNREADABLE",
                            AfProblem.peerUnavailable("the NEF offered an unreadable rate '" + offered + "'", e)));
                }
                if (round > 1 || !acceptable.isPositive()) {
                    return Future.failedFuture(fail(d, "QOS_REJECTED", AfProblem.unprocessable(
                            "the NEF refused the re-planned QoS too", new BestOffer(offered, null, null))));
                }
                PlanOutcome next = planner.replan(plan, acceptable);
                if (next instanceof QosPlan replanned) {
                    d.options(optionsOf(replanned));
                    store.put(d);
                    LOG.info("delivery {}: NEF offers {}, re-planned to {} at {}", d.id(), offered,
                            replanned.primary().variant().id(), replanned.primary().gbrDl());
                    return negotiate(d, replanned, round + 1);
                }
                NothingFits nothing = (NothingFits) next;
                return Future.failedFuture(fail(d, "QOS_REJECTED", AfProblem.unprocessable(nothing.reason(), offerOf(nothing))));
            }
            d.recordAttempt(primary.variant().id(), primary.gbrDl().toString(),
                    p.status() >= 500 ? NegotiationAttempt.Outcome.NEF_ERROR : NegotiationAttempt.Outcome.REJECTED,
                    p.problemCause().orElse(null) != null ? p.problemCause().orElse(null) : "HTTP_" + p.status());
            if (p.status() >= 500 || p.status() == 429) {
                return Future.failedFuture(fail(d, "NEF_ERROR", AfProblem.peerUnavailable(p.getMessage(), p)));
            }
            return Future.failedFuture(fail(d, "QOS_REJECTED",
                    AfProblem.unprocessable("the NEF refused the QoS: " + p.getMessage(), null)));
        }
        d.recordAttempt(primary.variant().id(), primary.gbrDl().toString(), NegotiationAttempt.Outcome.NEF_ERROR,
                failure instanceof NefUnavailableException u && u.timedOut() ? "NEF_TIMEOUT" : "NEF_UNREACHABLE");
        return Future.failedFuture(fail(d, "NEF_UNAVAILABLE", toProblem(failure)));
    }

    /** The downlink rate a 403's {@code acceptableServInfo} says the NEF would accept, or null. */
    static String acceptableRateDl(NefProblemException p) {
        var info = p.acceptableServInfo().orElse(null);
        if (info == null) {
            return null;
        }
        if (info.getMarBwDl() != null) {
            return info.getMarBwDl();
        }
        if (info.getAccBwMedComps() != null) {
            for (var component : info.getAccBwMedComps().values()) {
                if (component != null && component.getMarBwDl() != null) {
                    return component.getMarBwDl();
                }
            }
        }
        return null;
    }

    private static AfProblem toProblem(Throwable failure) {
        if (failure instanceof AfProblem p) {
            return p;
        }
        if (failure instanceof NefUnavailableException u) {
            return u.timedOut() ? AfProblem.peerTimeout(u.getMessage(), u) : AfProblem.peerUnavailable(u.getMessage(), u);
        }
        if (failure instanceof NefProblemException p) {
            return p.status() >= 500 ? AfProblem.peerUnavailable(p.getMessage(), p)
                    : AfProblem.unprocessable("the NEF refused: " + p.getMessage(), null);
        }
        return AfProblem.internal("unexpected failure talking to the NEF", failure);
    }

    /** Ends a delivery that never got a subscription; returns the problem the caller sees. */
    private AfProblem fail(Delivery d, String cause, AfProblem problem) {
        d.creationProblem(problem);
        d.failureCause(cause);
        Instant now = clock.instant();
        d.endedAt(now);
        move(d, DeliveryState.FAILED);
        store.put(d);
        if (problem.bestOffer() != null || cause.equals("QOS_REJECTED") || cause.equals("NO_QOS_FITS")) {
            emit(d, EventType.QOS_REJECTED, problem.bestOffer(), cause);
        }
        emit(d, EventType.FAILED, problem.bestOffer(), cause);
        LOG.info("delivery {}: failed ({}): {}", d.id(), cause, problem.detail());
        return problem;
    }

    // ---------------------------------------------------------------- notifications

    /**
     * Whether a notification for this callback id is to be accepted: the delivery exists and its subscription
     * has not been released. Called before answering the NEF; the body is applied afterwards.
     */
    public Optional<Delivery> notificationTarget(String callbackId) {
        return store.byCallbackId(callbackId).filter(d -> !d.state().isFinal() || d.releasePending());
    }

    /**
     * With a store shared by several replicas: when another replica owns the delivery, hands it the notification
     * through the store (durably, before the NEF gets its 204) and returns true; false when this AF applies it.
     */
    public boolean relayIfOwnedElsewhere(Delivery d, UserPlaneNotificationData data) {
        if (!(store instanceof SharedDeliveryStore shared) || shared.owns(d.id())) {
            return false;
        }
        try {
            shared.relay(d.id(), SharedDeliveryStore.Relayed.Kind.NOTIFICATION,
                    io.modelqos.openapi.T8Json.mapper().writeValueAsString(data));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw AfProblem.internal("a notification could not be relayed", e);
        }
        LOG.debug("delivery {}: notification relayed to its owner replica", d.id());
        return true;
    }

    /** Applies what another replica relayed for a delivery this replica owns; the message is then done. */
    public void applyRelayed(SharedDeliveryStore shared, SharedDeliveryStore.Relayed message) {
        Optional<Delivery> target = store.get(message.deliveryId());
        try {
            if (target.isEmpty()) {
                LOG.warn("relayed {} for unknown delivery {} dropped", message.kind(), message.deliveryId());
                return;
            }
            Delivery d = target.get();
            switch (message.kind()) {
                case NOTIFICATION -> onNotification(d, io.modelqos.openapi.T8Json.mapper()
                        .readValue(message.body(), UserPlaneNotificationData.class));
                case CANCEL -> cancel(d.tenant(), d.id());
                case PROGRESS -> {
                    io.vertx.core.json.JsonObject p = new io.vertx.core.json.JsonObject(message.body());
                    progress(d.tenant(), d.id(), p.getLong("bytes"), p.getLong("elapsedMs"), p.getBoolean("complete"))
                            .onFailure(e -> LOG.warn("delivery {}: relayed progress refused: {}", d.id(), e.getMessage()));
                }
                default -> LOG.warn("relayed message of unknown kind {} dropped", message.kind());
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
            if (e instanceof io.modelqos.af.store.OwnershipLostException) {
                throw (RuntimeException) e;
            }
            LOG.warn("delivery {}: relayed {} could not be applied: {}", message.deliveryId(), message.kind(), e.toString());
        } finally {
            shared.relayDone(message.number());
        }
    }

    private static final long RELAY_WAIT_MS = 5_000;

    /**
     * A caller's cancel or progress for a delivery another replica owns: relayed to the owner, answered once the
     * owner applied it (with the delivery as the store then holds it).
     */
    private Future<Delivery> relayAndWait(SharedDeliveryStore shared, Delivery d, SharedDeliveryStore.Relayed.Kind kind,
                                          String body) {
        long number = shared.relay(d.id(), kind, body);
        io.vertx.core.Promise<Delivery> applied = io.vertx.core.Promise.promise();
        long deadline = System.nanoTime() + RELAY_WAIT_MS * 1_000_000;
        vertx.setPeriodic(10, 20, timer -> {
            try {
                if (!shared.relayPending(number)) {
                    vertx.cancelTimer(timer);
                    applied.tryComplete(store.get(d.id()).orElse(d));
                } else if (System.nanoTime() > deadline) {
                    vertx.cancelTimer(timer);
                    applied.tryFail(AfProblem.serviceUnavailable("the replica that owns delivery " + d.id()
                            + " has not applied the request yet; it stays queued and will be applied"));
                }
            } catch (RuntimeException e) {
                vertx.cancelTimer(timer);
                applied.tryFail(e);
            }
        });
        return applied.future();
    }

    private SharedDeliveryStore ownedElsewhere(String deliveryId) {
        return store instanceof SharedDeliveryStore shared && !shared.owns(deliveryId) ? shared : null;
    }

    /** Applies a NEF notification to its delivery. Unknown events are counted and otherwise ignored. */
    public void onNotification(Delivery d, UserPlaneNotificationData data) {
        MDC.put("deliveryId", d.id());
        try {
            for (UserPlaneEventReport report : data.getEventReports()) {
                UserPlaneEvent event = report.getEvent();
                metrics.notificationReceived(event == null ? "null" : event.toString());
                if (d.state().isFinal()) {
                    continue;
                }
                if (d.nefSubscriptionText() == null && creating.containsKey(d.id())
                        && (event == UserPlaneEvent.SUCCESSFUL_RESOURCES_ALLOCATION
                        || event == UserPlaneEvent.FAILED_RESOURCES_ALLOCATION)) {
                    // The report overtook the NEF's 201: apply it once the subscription is known.
                    earlyAllocation.put(d.id(), report);
                    continue;
                }
                apply(d, report);
            }
            store.put(d);
        } finally {
            MDC.remove("deliveryId");
        }
    }

    private void apply(Delivery d, UserPlaneEventReport report) {
        Instant now = clock.instant();
        UserPlaneEvent event = report.getEvent();
        if (event == null) {
            return;
        }
        switch (event) {
            case SUCCESSFUL_RESOURCES_ALLOCATION -> {
                PlannedOption applied = appliedOption(d, report.getAppliedQosRef());
                PlannedOption first = d.options().get(0);
                if (!awaitingAllocation.containsKey(d.id())) {
                    d.recordAttempt(applied.variantId(), applied.gbrDl(), NegotiationAttempt.Outcome.ALLOCATED, applied.ref());
                } else if (applied.ref().equals(first.ref())) {
                    d.recordAttempt(first.variantId(), first.gbrDl(), NegotiationAttempt.Outcome.GRANTED, null);
                } else {
                    // The network took the subscription but allocated an alternative, not the primary.
                    d.recordAttempt(first.variantId(), first.gbrDl(), NegotiationAttempt.Outcome.REJECTED, "ALTERNATIVE_APPLIED");
                    d.recordAttempt(applied.variantId(), applied.gbrDl(), NegotiationAttempt.Outcome.ALLOCATED, applied.ref());
                }
                d.allocatedRef(applied.ref());
                boolean changed = switchGrant(d, applied);
                if (awaitingAllocation.containsKey(d.id())) {
                    allocationKnown(d, null);
                } else if (changed) {
                    emit(d, EventType.QOS_GRANTED, null, "APPLIED_" + applied.ref());
                }
            }
            case FAILED_RESOURCES_ALLOCATION -> {
                String variant = d.granted() != null ? d.granted().variantId() : d.requested().variantId();
                String gbr = d.granted() != null ? d.granted().gbrDl() : d.requested().gbrDl();
                d.recordAttempt(variant, gbr, NegotiationAttempt.Outcome.ALLOCATION_FAILED, "FAILED_RESOURCES_ALLOCATION");
                boolean creating = awaitingAllocation.containsKey(d.id());
                end(d, DeliveryState.FAILED, "FAILED_RESOURCES_ALLOCATION");
                if (creating) {
                    allocationKnown(d, AfProblem.unprocessable("the network could not allocate the resources "
                            + "for any of the offered QoS", null));
                }
            }
            case QOS_NOT_GUARANTEED -> {
                d.availability().lost(now);
                if (report.getAppliedQosRef() != null) {
                    switchGrant(d, appliedOption(d, report.getAppliedQosRef()));
                }
                move(d, DeliveryState.DEGRADED);
                emit(d, EventType.QOS_DEGRADED, null, "QOS_NOT_GUARANTEED");
            }
            case QOS_GUARANTEED -> {
                d.availability().restored(now);
                // Without a ref, the QoS allocated for the delivery is guaranteed again (TS 29.122).
                String restoredRef = report.getAppliedQosRef() != null ? report.getAppliedQosRef() : d.allocatedRef();
                if (restoredRef != null) {
                    switchGrant(d, appliedOption(d, restoredRef));
                }
                move(d, DeliveryState.QOS_GRANTED);
                emit(d, EventType.QOS_RESTORED, null, "QOS_GUARANTEED");
            }
            case USAGE_REPORT -> {
                if (report.getAccumulatedUsage() != null) {
                    d.rate().usage(usageOf(report.getAccumulatedUsage()));
                }
                emit(d, EventType.RATE_REPORT, null, "USAGE_REPORT");
            }
            case QOS_MONITORING -> {
                boolean measured = false;
                if (report.getQosMonDatRateReps() != null) {
                    for (var rep : report.getQosMonDatRateReps()) {
                        measured |= monitored(d, rep.getDlDataRate());
                    }
                }
                if (report.getQosMonReports() != null) {
                    for (var rep : report.getQosMonReports()) {
                        measured |= monitored(d, rep.getDlDataRate());
                    }
                }
                if (measured) {
                    emit(d, EventType.RATE_REPORT, null, "QOS_MONITORING");
                }
            }
            case SESSION_TERMINATION -> end(d, d.rate().complete() ? DeliveryState.COMPLETED : DeliveryState.FAILED,
                    d.rate().complete() ? null : "SESSION_TERMINATION");
            default -> LOG.debug("delivery {}: event {} noted", d.id(), event);
        }
    }

    private boolean monitored(Delivery d, String dlDataRate) {
        if (dlDataRate == null) {
            return false;
        }
        try {
            d.rate().monitored(BitRate.parse(dlDataRate).bitsPerSecond().longValue());
            return true;
        } catch (IllegalArgumentException e) {
            LOG.warn("delivery {}: the NEF reported an unreadable data rate '{}'", d.id(), dlDataRate);
            return false;
        }
    }

    private PlannedOption appliedOption(Delivery d, String appliedQosRef) {
        if (appliedQosRef != null) {
            PlannedOption option = d.option(appliedQosRef);
            if (option != null) {
                return option;
            }
            LOG.warn("delivery {}: the NEF applied '{}', which the AF did not offer; keeping the grant", d.id(), appliedQosRef);
        }
        GrantedQos g = d.granted();
        PlannedOption current = g == null ? null : d.option(g.qosReference() != null ? g.qosReference() : g.altQosParamSetRef());
        return current != null ? current : d.options().get(0);
    }

    /** Puts {@code option} in force; true when that changed the granted variant or QoS. */
    private boolean switchGrant(Delivery d, PlannedOption option) {
        GrantedQos g = d.granted();
        String currentRef = g == null ? null : g.qosReference() != null ? g.qosReference() : g.altQosParamSetRef();
        if (option.ref().equals(currentRef)) {
            return false;
        }
        long qosDuration = g == null ? 0 : g.qosDurationS();
        d.granted(new GrantedQos(option.variantId(), option.gbrDl(), option.byReference() ? option.ref() : null,
                option.byReference() ? null : option.ref(), option.expectedTransferMs(), option.latencyBudgetMs(), qosDuration));
        LOG.info("delivery {}: the network applies {} ({}), carrying {}", d.id(), option.ref(), option.gbrDl(), option.variantId());
        return true;
    }

    private static NetworkUsage usageOf(AccumulatedUsage u) {
        return new NetworkUsage(u.getDownlinkVolume(), u.getUplinkVolume(), u.getTotalVolume(),
                u.getDuration() == null ? null : u.getDuration().longValue());
    }

    // ---------------------------------------------------------------- progress, cancel, expiry

    /** Folds what the model server measured into the delivery; {@code complete} ends it as COMPLETED. */
    public Future<Delivery> progress(String tenant, String deliveryId, long bytes, long elapsedMs, boolean complete) {
        Delivery d = get(tenant, deliveryId);
        if (d.state().isFinal()) {
            return Future.failedFuture(AfProblem.conflict("delivery " + deliveryId + " has ended (" + d.state() + ")"));
        }
        if (bytes < d.rate().progressBytes() || elapsedMs < d.rate().progressElapsedMs()) {
            return Future.failedFuture(AfProblem.invalid(bytes < d.rate().progressBytes() ? "/bytes" : "/elapsedMs",
                    "progress is cumulative and must not go back (was " + d.rate().progressBytes() + " bytes after "
                            + d.rate().progressElapsedMs() + " ms)"));
        }
        SharedDeliveryStore owner = ownedElsewhere(d.id());
        if (owner != null) {
            return relayAndWait(owner, d, SharedDeliveryStore.Relayed.Kind.PROGRESS, new io.vertx.core.json.JsonObject()
                    .put("bytes", bytes).put("elapsedMs", elapsedMs).put("complete", complete).encode());
        }
        d.rate().progress(bytes, elapsedMs, complete);
        emit(d, EventType.RATE_REPORT, null, "PROGRESS");
        if (complete) {
            return end(d, DeliveryState.COMPLETED, null);
        }
        store.put(d);
        return Future.succeededFuture(d);
    }

    /** Ends a delivery at the caller's request; the NEF subscription is deleted and its final usage kept. */
    public Future<Delivery> cancel(String tenant, String deliveryId) {
        Delivery d = get(tenant, deliveryId);
        if (d.state().isFinal()) {
            return Future.succeededFuture(d);
        }
        SharedDeliveryStore owner = ownedElsewhere(d.id());
        if (owner != null) {
            return relayAndWait(owner, d, SharedDeliveryStore.Relayed.Kind.CANCEL, null);
        }
        return end(d, DeliveryState.CANCELLED, null);
    }

    private void scheduleExpiry(Delivery d) {
        long delay = Math.max(1, d.expiresAt().toEpochMilli() - clock.millis());
        Long previous = expiryTimers.put(d.id(), vertx.setTimer(delay, id -> {
            expiryTimers.remove(d.id());
            if (!d.state().isFinal()) {
                LOG.info("delivery {}: expired", d.id());
                end(d, DeliveryState.EXPIRED, null);
            }
        }));
        if (previous != null) {
            vertx.cancelTimer(previous);
        }
    }

    /**
     * Ends a delivery: stops the accounting, moves to the final state, deletes the NEF subscription (folding its
     * final usage report), then sends the terminal event. Never fails: a failed delete is retried in the
     * background until the NEF confirms it.
     */
    Future<Delivery> end(Delivery d, DeliveryState finalState, String cause) {
        if (d.state().isFinal()) {
            return Future.succeededFuture(d);
        }
        Long timer = expiryTimers.remove(d.id());
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
        Instant now = clock.instant();
        d.availability().stop(now);
        d.endedAt(now);
        if (cause != null) {
            d.failureCause(cause);
        }
        move(d, finalState);
        if (d.nefSubscriptionText() != null) {
            // In the same write as the final state: a restart then finds the release (and the terminal event) owed.
            d.releasePending(true);
        }
        store.put(d);
        if (creating.containsKey(d.id()) && d.nefSubscriptionText() == null) {
            // The create is still with the NEF; granted() releases the subscription when it arrives.
            emitTerminal(d, finalState, cause);
            return Future.succeededFuture(d);
        }
        return release(d).map(v -> {
            emitTerminal(d, finalState, cause);
            return d;
        });
    }

    private void emitTerminal(Delivery d, DeliveryState finalState, String cause) {
        EventType type = switch (finalState) {
            case EXPIRED -> EventType.EXPIRED;
            case FAILED -> EventType.FAILED;
            default -> EventType.COMPLETED;
        };
        emit(d, type, null, cause);
    }

    /** Deletes the delivery's NEF subscription; completes (never fails) once done or handed to the retry loop. */
    private Future<Void> release(Delivery d) {
        if (d.nefSubscriptionText() == null) {
            return Future.succeededFuture();
        }
        d.releasePending(true);
        store.put(d);
        // The release is owed in the store before the NEF deletes anything.
        return store.flushed().compose(stored -> nef.delete(d.nefSubscription())).transform(ar -> {
            if (ar.succeeded()) {
                ar.result().ifPresent(finalReport -> foldFinalReport(d, finalReport));
                released(d);
            } else if (ar.cause() instanceof NefProblemException p && p.status() == 404) {
                released(d);
            } else {
                LOG.warn("delivery {}: deleting NEF subscription {} failed, will retry: {}", d.id(), d.nefSubscription(),
                        ar.cause().toString());
                releaseLater(d, 1);
            }
            return Future.succeededFuture();
        });
    }

    private void released(Delivery d) {
        d.releasePending(false);
        store.put(d);
        LOG.info("delivery {}: NEF subscription {} released", d.id(), d.nefSubscription());
    }

    private void releaseLater(Delivery d, int attempt) {
        long delay = Math.min(MAX_RELEASE_BACKOFF_MS, 250L << Math.min(16, attempt - 1));
        vertx.setTimer(delay, id -> {
            if (!d.releasePending()) {
                return;
            }
            metrics.nefReleaseRetried();
            nef.delete(d.nefSubscription()).onComplete(ar -> {
                if (ar.succeeded()) {
                    ar.result().ifPresent(report -> foldFinalReport(d, report));
                    released(d);
                } else if (ar.cause() instanceof NefProblemException p && p.status() == 404) {
                    released(d);
                } else {
                    releaseLater(d, attempt + 1);
                }
            });
        });
    }

    private void foldFinalReport(Delivery d, UserPlaneNotificationData report) {
        if (report.getEventReports() == null) {
            return;
        }
        for (UserPlaneEventReport r : report.getEventReports()) {
            if (r.getAccumulatedUsage() != null) {
                d.rate().usage(usageOf(r.getAccumulatedUsage()));
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private void move(Delivery d, DeliveryState next) {
        DeliveryState previous = d.moveTo(next);
        if (previous != d.state()) {
            metrics.stateChanged(previous, d.state());
        }
    }

    private void emit(Delivery d, EventType type, BestOffer offer, String cause) {
        outbox.append(d.id(), type, json.eventData(d, clock.instant(), offer, cause));
    }

    PlanRequest planRequest(DeliveryRequest request, SupportedFeatures nefFeatures) {
        List<ModelVariant> variants = new ArrayList<>();
        for (int i = 0; i < request.variants().size(); i++) {
            DeliveryRequest.Variant v = request.variants().get(i);
            try {
                variants.add(new ModelVariant(v.id(), Precision.valueOf(v.precision().toUpperCase(Locale.ROOT)),
                        v.sizeBytes(), v.accuracy()));
            } catch (IllegalArgumentException e) {
                throw new InvalidPlanInputException("variants[" + i + "]", e.getMessage());
            }
        }
        return new PlanRequest(variants, Duration.ofMillis(request.latencyBudgetMs()), request.availability(),
                request.allowVariantFallback(),
                request.maxLatencyBudgetMs() == null ? null : Duration.ofMillis(request.maxLatencyBudgetMs()),
                settings.setupAllowance(), nefFeatures);
    }

    private TransferSizing bestSizing(DeliveryRequest request) {
        DeliveryRequest.Variant best = request.variants().stream()
                .max((a, b) -> Long.compare(a.sizeBytes(), b.sizeBytes())).orElseThrow();
        return io.modelqos.af.sizing.TransferSizer.DEFAULT.size(best.sizeBytes(),
                Duration.ofMillis(request.latencyBudgetMs()), settings.setupAllowance());
    }

    private RequestedQos requestedOf(DeliveryRequest request, TransferSizing sizing) {
        DeliveryRequest.Variant best = request.variants().stream()
                .max((a, b) -> Long.compare(a.sizeBytes(), b.sizeBytes())).orElseThrow();
        return requestedOf(request, sizing, best.id());
    }

    private static RequestedQos requestedOf(DeliveryRequest request, TransferSizing sizing, String variantId) {
        return new RequestedQos(variantId, sizing.payloadRate().toString(),
                sizing.requestedGbrDl().toString(), request.latencyBudgetMs(), request.availability());
    }

    private static List<PlannedOption> optionsOf(QosPlan plan) {
        List<PlannedOption> options = new ArrayList<>();
        for (PlannedQos q : plan.ordered()) {
            options.add(new PlannedOption(q.variant().id(), q.ref(), plan.mode() == QosMode.QOS_REFERENCE,
                    q.gbrDl().toString(), q.gbrDl().bitsPerSecond().longValue(),
                    transferMs(q.variant().sizeBytes(), q.gbrDl(), q.sizing()), plan.latencyBudget().toMillis()));
        }
        return options;
    }

    /** How long the variant's wire bytes take at the GBR. */
    private static long transferMs(long sizeBytes, BitRate gbrDl, TransferSizing sizing) {
        double wireBits = sizing.wireBytesDl() * 8.0;
        double bps = gbrDl.bitsPerSecond().doubleValue();
        return bps <= 0 ? Long.MAX_VALUE : (long) Math.ceil(wireBits * 1000.0 / bps);
    }

    private static GrantedQos grantedOf(PlannedOption option, QosPlan plan) {
        return new GrantedQos(option.variantId(), option.gbrDl(), option.byReference() ? option.ref() : null,
                option.byReference() ? null : option.ref(), option.expectedTransferMs(), option.latencyBudgetMs(),
                plan.qosDurationSeconds());
    }

    private static BestOffer offerOf(NothingFits nothing) {
        return new BestOffer(nothing.bestOfferDl() == null ? null : nothing.bestOfferDl().toString(),
                null, nothing.budgetNeededAtOffer() == null ? null : nothing.budgetNeededAtOffer().toMillis());
    }

    /** "variants[1].sizeBytes" → "/model/variants/1/sizeBytes", the pointer into the northbound request. */
    static String pointerOf(String field) {
        String pointer = "/" + field.replace("[", "/").replace("]", "").replace(".", "/");
        return switch (field.split("[.\\[]")[0]) {
            case "variants" -> "/model" + pointer;
            case "latencyBudget" -> "/latencyBudgetMs";
            case "maxLatencyBudget" -> "/negotiation/maxLatencyBudgetMs";
            default -> pointer;
        };
    }

    private static String newId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return "d-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** 128 random bits: the callback URL can be neither guessed nor enumerated. */
    private static String newSecret() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
