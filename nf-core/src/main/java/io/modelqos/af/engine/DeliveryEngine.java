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
import java.util.function.Predicate;

/**
 * The one entrance to one shard of the delivery engine, for the northbound API, the network's notification endpoints
 * and the cluster coordinator (routed here by {@link ShardedEngine}). It checks what a caller may do and hands the
 * work to the lifecycle's units; it holds no state of its own. Every method runs on the shard's context: a delivery
 * is never touched concurrently.
 */
public final class DeliveryEngine {
    private final DeliveryStore store;
    private final EventOutbox outbox;
    private final DeliveryJson json;
    private final Clock clock;
    private final EngineSettings settings;
    private final Creation creation;
    private final Ending ending;
    private final Recovery recovery;
    private final DeliveryCommands commands;
    private final OwnershipRouter router;
    private final MonitoredDeliveries monitored;
    private volatile boolean accepting = true;

    /**
     * Builds one shard's engine and its units; nothing runs until {@link #resume}.
     *
     * @param inFlight   the creates under way, shared by every shard (the reconciliation reads it)
     * @param owns       which delivery ids belong to this shard: the engine makes only such ids
     * @param monitoring the cap on monitored deliveries, shared by every shard
     */
    public DeliveryEngine(Vertx vertx, DeliveryStore store, QosPlanner planner, QosSessions network, EventOutbox outbox,
                          Webhooks webhooks, AfMetrics metrics, DeliveryJson json, Clock clock, EngineSettings settings,
                          Admission admission, InFlight inFlight, Predicate<String> owns, Timers timers,
                          MonitoringSlots monitoring) {
        this.store = store;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
        this.settings = settings;
        this.monitored = new MonitoredDeliveries(monitoring);
        ChangePublisher changes = new ChangePublisher(outbox, json, metrics, clock, monitored);
        this.ending = new Ending(store, network, changes, timers, metrics, clock, inFlight);
        Negotiation negotiation = new Negotiation(store, network, planner, ending, changes, timers, clock, settings, inFlight,
                monitored);
        this.creation = new Creation(store, planner, network, negotiation, changes, webhooks, admission, clock, settings,
                owns);
        this.recovery = new Recovery(vertx, store, outbox, webhooks, ending, changes, owns, clock, settings.retention());
        LocalCommands local = new LocalCommands(store, ending, new NetworkEvents(store, negotiation, ending, changes, clock,
                metrics),
                changes);
        this.router = store instanceof SharedDeliveryStore shared ? new OwnershipRouter(shared, local, vertx) : null;
        this.commands = router != null ? router : local;
    }

    // ---------------------------------------------------------------- lifecycle

    /** Takes up this shard's stored deliveries after a start (see {@link Recovery#resume}). */
    public Future<Integer> resume(List<Delivery> mine) {
        return recovery.resume(mine);
    }

    /** Stops taking new deliveries and stops the expiry timers; the live ones stay in the store for the next start. */
    public void stopAccepting() {
        accepting = false;
        ending.cancelExpiries(id -> true);
    }

    public boolean accepting() {
        return accepting;
    }

    /** Fails a delivery the reconciliation found out of line with the network (see {@link Ending#endUnmatched}). */
    Future<Delivery> endUnmatched(Delivery d, String found, io.modelqos.af.delivery.FailureCause cause) {
        return ending.endUnmatched(d, found, cause);
    }

    /** The network already forgot the session of an ended delivery whose release was pending. */
    void released(Delivery d) {
        ending.released(d);
    }

    // ---------------------------------------------------------------- the caller's requests

    /** See {@link Creation#create}. */
    public Future<Delivery> create(String tenant, DeliveryRequest request, String idempotencyKey, String bodyFingerprint) {
        if (!accepting) {
            return Future.failedFuture(AfProblem.serviceUnavailable("the AF is shutting down"));
        }
        return creation.create(tenant, request, idempotencyKey, bodyFingerprint);
    }

    /** The tenant's delivery; fails with not-found when there is none (or it is another tenant's). */
    public Future<Delivery> get(String tenant, String deliveryId) {
        return store.get(deliveryId).compose(found -> found.filter(d -> d.tenant().equals(tenant))
                .map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(AfProblem.notFound("no delivery " + deliveryId))));
    }

    public Future<DeliveryStore.Page> list(String tenant, String ueKey, DeliveryState state, int pageSize, String pageToken) {
        return store.list(tenant, ueKey, state, pageSize, pageToken);
    }

    /** Ends a delivery at the caller's request; the session is closed and its final usage kept. */
    public Future<Delivery> cancel(String tenant, String deliveryId) {
        return get(tenant, deliveryId).compose(d -> d.state().isFinal() ? Future.succeededFuture(d) : commands.cancel(d));
    }

    /** Folds what the model server measured into the delivery; {@code complete} ends it as COMPLETED. */
    public Future<Delivery> progress(String tenant, String deliveryId, long bytes, long elapsedMs, boolean complete) {
        return get(tenant, deliveryId).compose(d -> progress(d, bytes, elapsedMs, complete));
    }

    private Future<Delivery> progress(Delivery d, long bytes, long elapsedMs, boolean complete) {
        String deliveryId = d.id();
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
     * Whether the network's notifications for this delivery are taken: its session has not been released. Asked on the
     * shard before the network is answered.
     */
    public boolean takesNotifications(Delivery d) {
        return !d.state().isFinal() || d.releasePending();
    }

    /** Takes the network's events for a delivery: applied here, or durably relayed to the replica that owns it. */
    public Future<Void> networkEvents(Delivery d, List<NetworkEvent> events) {
        return commands.networkEvents(d, events);
    }

    // ---------------------------------------------------------------- several replicas

    /** Applies what another replica relayed for a delivery this replica owns. */
    public Future<Void> applyRelayed(SharedDeliveryStore.Relayed message) {
        if (router == null) {
            return Future.failedFuture(new IllegalStateException("relayed messages need a shared store"));
        }
        return router.applyRelayed(message);
    }

    /** Takes up the live deliveries of this shard that this replica adopted from replicas that stopped. */
    public void adopted(List<Delivery> deliveries) {
        if (!deliveries.isEmpty() && accepting) {
            recovery.adopted(deliveries);
        }
    }

    /** After this replica was taken for dead: stops the timers of the deliveries it no longer owns, frees their slots. */
    public void forgetNotOwned(SharedDeliveryStore shared) {
        ending.cancelExpiries(id -> !shared.owns(id));
        monitored.forget(id -> !shared.owns(id));
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
