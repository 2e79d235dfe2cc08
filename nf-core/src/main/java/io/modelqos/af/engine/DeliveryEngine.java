package io.modelqos.af.engine;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryJson;
import io.modelqos.af.delivery.DeliveryRequest;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.events.EventOutbox;
import io.modelqos.af.events.Webhooks;
import io.modelqos.af.observe.AfMetrics;
import io.modelqos.af.problem.AfProblem;
import io.modelqos.af.qos.PlanOutcome;
import io.modelqos.af.qos.QosPlanner;
import io.modelqos.qos.SupportedFeatures;
import io.modelqos.af.southbound.NetworkEvent;
import io.modelqos.af.southbound.QosSessions;
import io.modelqos.af.store.DeliveryStore;
import io.modelqos.af.store.SharedDeliveryStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The one entrance to the delivery engine, for the northbound API, the network's notification endpoints and the
 * cluster coordinator. It checks what a caller may do and hands the work to the lifecycle's units; it holds no state
 * of its own. Every method runs on the engine's context: deliveries are never touched concurrently.
 */
public final class DeliveryEngine {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DeliveryEngine.class);
    private static final long HOUSEKEEPING_PERIOD_MS = 60_000;

    private final Vertx vertx;
    private final DeliveryStore store;
    private final EventOutbox outbox;
    private final DeliveryJson json;
    private final Clock clock;
    private final EngineSettings settings;
    private final Creation creation;
    private final Ending ending;
    private final Recovery recovery;
    private final Reconciler reconciler;
    private final DeliveryCommands commands;
    private final OwnershipRouter router;
    private volatile boolean accepting = true;
    private Long housekeeping;

    /** Builds the engine and its units; nothing runs until {@link #resume()}. */
    public DeliveryEngine(Vertx vertx, DeliveryStore store, QosPlanner planner, QosSessions network, EventOutbox outbox,
                          Webhooks webhooks, AfMetrics metrics, DeliveryJson json, Clock clock,
                          EngineSettings settings, Admission admission) {
        this(vertx, store, planner, network, outbox, webhooks, metrics, json, clock, settings, admission, Timers.of(vertx));
    }

    /** As above, with the timers given (a unit test's manual timers). */
    DeliveryEngine(Vertx vertx, DeliveryStore store, QosPlanner planner, QosSessions network, EventOutbox outbox,
                   Webhooks webhooks, AfMetrics metrics, DeliveryJson json, Clock clock, EngineSettings settings,
                   Admission admission, Timers timers) {
        this.vertx = vertx;
        this.store = store;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
        this.settings = settings;
        InFlight inFlight = new InFlight();
        ChangePublisher changes = new ChangePublisher(outbox, json, metrics, clock);
        this.ending = new Ending(store, network, changes, timers, metrics, clock, inFlight);
        Negotiation negotiation = new Negotiation(store, network, planner, ending, changes, timers, clock, settings, inFlight);
        this.creation = new Creation(store, planner, network, negotiation, changes, webhooks, admission, clock, settings);
        this.reconciler = new Reconciler(network, store, ending, inFlight, timers, settings.reconcileEvery());
        this.recovery = new Recovery(vertx, store, outbox, webhooks, ending, changes, reconciler, clock, settings.retention());
        LocalCommands local = new LocalCommands(store, ending, new NetworkEvents(store, negotiation, ending, changes, clock),
                changes);
        this.router = store instanceof SharedDeliveryStore shared ? new OwnershipRouter(shared, local, vertx) : null;
        this.commands = router != null ? router : local;
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * Resumes the deliveries the store holds (expiries, pending releases, owed events) in the background, reconciles
     * with the network when the store is durable, and starts housekeeping. Completes when all are resumed.
     */
    public Future<Integer> resume() {
        if (housekeeping == null) {
            housekeeping = vertx.setPeriodic(HOUSEKEEPING_PERIOD_MS, id -> purgeEnded());
        }
        return recovery.resume();
    }

    /** Stops taking new deliveries; the live ones stay in the store to be resumed by the next start. */
    public void stopAccepting() {
        accepting = false;
        reconciler.stop();
        if (housekeeping != null) {
            vertx.cancelTimer(housekeeping);
        }
        ending.cancelExpiries(id -> true);
    }

    public boolean accepting() {
        return accepting;
    }

    /** Forgets ended deliveries (and their event history) once they are older than the retention. */
    public int purgeEnded() {
        int purged = store.purgeEndedBefore(clock.instant().minus(settings.retention()));
        if (purged > 0) {
            outbox.retain(id -> store.get(id).isPresent());
        }
        return purged;
    }

    /** The reconciliation with the network (it runs once the resume found a durable store). */
    public Reconciler reconciler() {
        return reconciler;
    }

    // ---------------------------------------------------------------- the caller's requests

    /** See {@link Creation#create}. */
    public Future<Delivery> create(String tenant, DeliveryRequest request, String idempotencyKey, String bodyFingerprint) {
        if (!accepting) {
            return Future.failedFuture(AfProblem.serviceUnavailable("the AF is shutting down"));
        }
        return creation.create(tenant, request, idempotencyKey, bodyFingerprint);
    }

    public Delivery get(String tenant, String deliveryId) {
        return store.get(deliveryId)
                .filter(d -> d.tenant().equals(tenant))
                .orElseThrow(() -> AfProblem.notFound("no delivery " + deliveryId));
    }

    public DeliveryStore.Page list(String tenant, String ueKey, DeliveryState state, int pageSize, String pageToken) {
        return store.list(tenant, ueKey, state, pageSize, pageToken);
    }

    /** Ends a delivery at the caller's request; the session is closed and its final usage kept. */
    public Future<Delivery> cancel(String tenant, String deliveryId) {
        Delivery d = get(tenant, deliveryId);
        return d.state().isFinal() ? Future.succeededFuture(d) : commands.cancel(d);
    }

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
        return commands.progress(d, bytes, elapsedMs, complete);
    }

    /** The dry run: the plan the AF would ask the network for (with the network's features as known, when null). */
    public PlanOutcome plan(DeliveryRequest request, SupportedFeatures nefFeatures) {
        return creation.plan(request, nefFeatures == null ? creation.plannedFeatures() : nefFeatures);
    }

    // ---------------------------------------------------------------- the network's notifications

    /**
     * The delivery a notification for this callback id is for: it exists and its session has not been released.
     * Asked before the network is answered; the events are taken afterwards.
     */
    public Optional<Delivery> notificationTarget(String callbackId) {
        return store.byCallbackId(callbackId).filter(d -> !d.state().isFinal() || d.releasePending());
    }

    /** Takes the network's events for a delivery: applied here, or durably relayed to the replica that owns it. */
    public void networkEvents(Delivery d, List<NetworkEvent> events) {
        commands.networkEvents(d, events);
    }

    // ---------------------------------------------------------------- several replicas

    /** Applies what another replica relayed for a delivery this replica owns. */
    public void applyRelayed(SharedDeliveryStore.Relayed message) {
        if (router == null) {
            throw new IllegalStateException("relayed messages need a shared store");
        }
        router.applyRelayed(message);
    }

    /** Takes up the live deliveries this replica adopted from replicas that stopped. */
    public void adopted(List<Delivery> deliveries) {
        if (deliveries.isEmpty() || !accepting) {
            return;
        }
        recovery.adopted(deliveries);
        if (recovery.reconciling() && deliveries.stream().anyMatch(d -> d.state() == DeliveryState.NEGOTIATING)) {
            // A create its owner did not finish: the reconciliation fails it and closes what the network made for it.
            reconciler.reconcile().onFailure(e -> LOG.warn("reconciliation after an adoption failed: {}", e.toString()));
        }
    }

    /** After this replica was taken for dead: stops the timers of the deliveries it no longer owns. */
    public void forgetNotOwned(SharedDeliveryStore shared) {
        ending.cancelExpiries(id -> !shared.owns(id));
    }

    // ---------------------------------------------------------------- for the HTTP layers

    /** Completes once everything written so far is stored (see {@link DeliveryStore#flushed()}). */
    public Future<Void> stored() {
        return store.flushed();
    }

    public DeliveryJson json() {
        return json;
    }

    public Instant now() {
        return clock.instant();
    }
}
