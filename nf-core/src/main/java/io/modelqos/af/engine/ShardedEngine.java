package io.modelqos.af.engine;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.FailureCause;
import io.modelqos.af.events.EventOutbox;
import io.modelqos.af.southbound.QosSessions;
import io.modelqos.af.store.DeliveryStore;
import io.modelqos.af.store.SharedDeliveryStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The engine spread over several event-loop contexts. Deliveries are partitioned by id: each {@link Shard} is the
 * single writer of its deliveries, so the units still need no locks, and the AF's work runs on as many event loops
 * as it has shards. Callers route each request to the shard that owns its delivery; what concerns all deliveries
 * (resume, reconciliation, housekeeping, adoption) is split here and handed to each shard.
 */
public final class ShardedEngine {
    private static final Logger LOG = LoggerFactory.getLogger(ShardedEngine.class);
    private static final long HOUSEKEEPING_PERIOD_MS = 60_000;

    private final Vertx vertx;
    private final List<Shard> shards;
    private final DeliveryStore store;
    private final Clock clock;
    private final Duration retention;
    private final Reconciler reconciler;
    private final AtomicInteger nextForCreate = new AtomicInteger();
    /** The creates with an Idempotency-Key under way, by tenant and key: where the first of them went. */
    private final java.util.concurrent.ConcurrentHashMap<String, Future<Shard>> createsWithKey =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final Runnable NOTHING = () -> { };
    private final MonitoringSlots monitoring;
    private Long housekeeping;
    private boolean reconciling;

    /** One shard: its context, its engine and its event outbox. */
    public record Shard(int index, Context context, DeliveryEngine engine, EventOutbox outbox) {
        /** Whether the calling thread is the shard's event loop (on its context or another one of that loop). */
        boolean onItsEventLoop() {
            return ((io.vertx.core.internal.ContextInternal) context).nettyEventLoop().inEventLoop();
        }

        /** Runs {@code work} on the shard's context; the future completes there. */
        public <T> Future<T> call(Supplier<Future<T>> work) {
            Promise<T> result = Promise.promise();
            Runnable run = () -> {
                try {
                    work.get().onComplete(result);
                } catch (RuntimeException e) {
                    result.fail(e);
                }
            };
            if (Vertx.currentContext() == context) {
                run.run();
            } else {
                context.runOnContext(v -> run.run());
            }
            return result.future();
        }
    }

    /**
     * @param contexts one event-loop context per shard (the first one also runs the reconciliation and housekeeping)
     * @param shardOf  builds shard {@code i}'s engine and outbox (the engine must make only ids that {@code owns} it)
     */
    public ShardedEngine(Vertx vertx, List<Context> contexts, DeliveryStore store, QosSessions network, Clock clock,
                         EngineSettings settings, Function<ShardSpec, Shard> shardOf) {
        this.vertx = vertx;
        this.store = store;
        this.clock = clock;
        this.retention = settings.retention();
        InFlight inFlight = new InFlight();
        this.monitoring = new MonitoringSlots(settings.maxMonitoredDeliveries());
        List<Shard> built = new ArrayList<>();
        for (int i = 0; i < contexts.size(); i++) {
            Shard shard = shardOf.apply(new ShardSpec(i, contexts.size(), contexts.get(i), inFlight, monitoring));
            if (shard.index() != i || shard.context() != contexts.get(i)) {
                throw new IllegalArgumentException("shard " + i + " was built for another index or context");
            }
            built.add(shard);
        }
        this.shards = List.copyOf(built);
        this.reconciler = new Reconciler(network, store, new RoutedActions(), inFlight,
                Timers.on(contexts.get(0)), Offload.on(contexts.get(0)), settings.reconcileEvery());
    }

    /**
     * What a shard's engine is built from: its place among the shards, its context, and what every shard shares: the
     * in-flight set and the monitoring slots.
     */
    public record ShardSpec(int index, int count, Context context, InFlight inFlight, MonitoringSlots monitoring) {
        /** Whether a delivery id belongs to this shard. */
        public boolean owns(String deliveryId) {
            return indexOf(deliveryId, count) == index;
        }
    }

    static int indexOf(String deliveryId, int count) {
        return Math.floorMod(deliveryId.hashCode(), count);
    }

    public int count() {
        return shards.size();
    }

    /** The cap on monitored deliveries and how many hold a slot, over every shard. */
    public MonitoringSlots monitoring() {
        return monitoring;
    }

    public List<Shard> shards() {
        return shards;
    }

    /** The shard that owns the delivery. */
    public Shard of(String deliveryId) {
        return shards.get(indexOf(deliveryId, shards.size()));
    }

    /**
     * Where a create goes, and what to call once it is answered ({@link #forCreate}): a create with an Idempotency-Key
     * holds its key until then, so that a repeat that races it goes to the same shard.
     */
    public record CreateRoute(Shard shard, Runnable answered) {
    }

    /**
     * The shard that makes a new delivery: the one whose event loop read the request (the API listens on each: no other
     * thread is woken), else the next in turn. A create with an Idempotency-Key goes there too unless the key says
     * otherwise: to the owner of the delivery an earlier create with the key made, or, while another create with the
     * key is under way, wherever that one went, so that racing repeats meet in one shard's {@code Creation} (which
     * answers the second with the first's delivery). The key is held from before the store is asked until the
     * create is answered ({@link CreateRoute#answered}); a repeat after that finds the key in the store.
     */
    public Future<CreateRoute> forCreate(String tenant, String idempotencyKey) {
        Shard here = shardOfThisLoop();
        if (idempotencyKey == null) {
            return Future.succeededFuture(new CreateRoute(here, NOTHING));
        }
        String key = tenant + '\n' + idempotencyKey;
        Promise<Shard> mine = Promise.promise();
        Future<Shard> first = createsWithKey.putIfAbsent(key, mine.future());
        if (first != null) {
            return first.map(shard -> new CreateRoute(shard, NOTHING));
        }
        Runnable answered = () -> createsWithKey.remove(key, mine.future());
        store.idempotentCreate(tenant, idempotencyKey)
                .map(earlier -> earlier.isPresent() ? of(earlier.get().deliveryId()) : here)
                .onComplete(mine);
        return mine.future().transform(ar -> {
            if (ar.failed()) {
                answered.run();
                return Future.failedFuture(ar.cause());
            }
            return Future.succeededFuture(new CreateRoute(ar.result(), answered));
        });
    }

    private Shard shardOfThisLoop() {
        for (Shard shard : shards) {
            if (shard.onItsEventLoop()) {
                return shard;
            }
        }
        return shards.get(Math.floorMod(nextForCreate.getAndIncrement(), shards.size()));
    }

    /** The delivery a notification's callback id belongs to (its shard is {@link #of} its id), or empty. */
    public Future<Optional<Delivery>> byCallback(String callbackId) {
        return store.byCallbackId(callbackId);
    }

    /** Any shard, for work that touches no delivery (a dry run, a listing). */
    public Shard first() {
        return shards.get(0);
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * Resumes what the store holds: the live deliveries are read once (on a worker) and each shard takes up its own;
     * then, with a durable store, the network is reconciled, and housekeeping starts. Completes when all are resumed.
     */
    public Future<Integer> resume() {
        long start = System.nanoTime();
        return first().call(() -> {
            if (housekeeping == null) {
                housekeeping = vertx.setPeriodic(HOUSEKEEPING_PERIOD_MS, id -> purgeEnded());
            }
            // On a worker: an in-process store decodes every live record here (seconds at 100,000).
            return vertx.executeBlocking(store::live, false).compose(live -> live);
        }).compose(live -> {
            List<List<Delivery>> parts = partition(live);
            List<Future<Integer>> resumed = new ArrayList<>();
            for (Shard shard : shards) {
                resumed.add(shard.call(() -> shard.engine().resume(parts.get(shard.index()))));
            }
            return Future.all(resumed).map(all -> live.size());
        }).compose(count -> first().call(() -> {
            if (store.durable() && !reconciling) {
                // The store outlived the last run: make the network hold exactly the sessions of the live ones.
                reconciling = true;
                reconciler.start();
            }
            if (count > 0) {
                LOG.info("resumed {} live deliveries in {} ms over {} shard(s)", count,
                        (System.nanoTime() - start) / 1_000_000, shards.size());
            }
            return Future.succeededFuture(count);
        })).onFailure(e -> LOG.error("resuming the stored deliveries failed: {}", e.toString()));
    }

    /** Stops taking new deliveries on every shard; the live ones stay in the store to be resumed by the next start. */
    public Future<Void> stopAccepting() {
        List<Future<Void>> stopped = new ArrayList<>();
        stopped.add(first().call(() -> {
            reconciler.stop();
            if (housekeeping != null) {
                vertx.cancelTimer(housekeeping);
            }
            return Future.succeededFuture();
        }));
        for (Shard shard : shards) {
            stopped.add(shard.call(() -> {
                shard.engine().stopAccepting();
                return Future.succeededFuture();
            }));
        }
        return Future.all(stopped).mapEmpty();
    }

    /**
     * Forgets ended deliveries older than the retention, and their event history on every shard (once a minute);
     * completes when both are done.
     */
    public Future<Void> purgeEnded() {
        return store.purgeEndedBefore(clock.instant().minus(retention)).compose(purged -> {
            java.util.Map<Shard, List<String>> byShard = new java.util.HashMap<>();
            purged.forEach(id -> byShard.computeIfAbsent(of(id), s -> new ArrayList<>()).add(id));
            List<Future<Void>> forgotten = new ArrayList<>();
            byShard.forEach((shard, ids) -> forgotten.add(shard.call(() -> {
                ids.forEach(shard.outbox()::forget);
                return Future.<Void>succeededFuture();
            })));
            return Future.all(forgotten).<Void>mapEmpty();
        }).onFailure(e -> LOG.warn("purging ended deliveries failed; trying again at the next round: {}", e.toString()));
    }

    /** The reconciliation with the network (it runs once the resume found a durable store). */
    public Reconciler reconciler() {
        return reconciler;
    }

    // ---------------------------------------------------------------- several replicas

    /** Takes up the deliveries this replica adopted, each on its shard; reconciles when an unfinished create came. */
    public void adopted(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        List<List<Delivery>> parts = partition(deliveries);
        List<Future<Void>> taken = new ArrayList<>();
        for (Shard shard : shards) {
            if (!parts.get(shard.index()).isEmpty()) {
                taken.add(shard.call(() -> {
                    shard.engine().adopted(parts.get(shard.index()));
                    return Future.succeededFuture();
                }));
            }
        }
        if (deliveries.stream().anyMatch(d -> d.state() == io.modelqos.af.delivery.DeliveryState.NEGOTIATING)) {
            // A create its owner did not finish: the reconciliation fails it and closes what the network made for it.
            Future.all(taken).onComplete(x -> first().call(() -> reconciling ? reconciler.reconcile()
                            : Future.succeededFuture())
                    .onFailure(e -> LOG.warn("reconciliation after an adoption failed: {}", e.toString())));
        }
    }

    /** After this replica was taken for dead: every shard stops the timers of the deliveries it no longer owns. */
    public void forgetNotOwned(SharedDeliveryStore shared) {
        for (Shard shard : shards) {
            shard.call(() -> {
                shard.engine().forgetNotOwned(shared);
                return Future.succeededFuture();
            });
        }
    }

    /** Applies a message another replica relayed, on the shard of its delivery; completes once applied. */
    public Future<Void> applyRelayed(SharedDeliveryStore.Relayed message) {
        Shard shard = of(message.deliveryId());
        return shard.call(() -> shard.engine().applyRelayed(message));
    }

    private List<List<Delivery>> partition(List<Delivery> deliveries) {
        List<List<Delivery>> parts = new ArrayList<>();
        for (int i = 0; i < shards.size(); i++) {
            parts.add(new ArrayList<>());
        }
        for (Delivery d : deliveries) {
            parts.get(indexOf(d.id(), shards.size())).add(d);
        }
        return parts;
    }

    /** The reconciliation's actions, each carried out by the shard that owns the delivery. */
    private final class RoutedActions implements Reconciler.Actions {
        @Override
        public Future<Delivery> endUnmatched(Delivery d, String found, FailureCause cause) {
            Shard shard = of(d.id());
            return shard.call(() -> shard.engine().endUnmatched(d, found, cause));
        }

        @Override
        public void released(Delivery d) {
            Shard shard = of(d.id());
            shard.call(() -> {
                shard.engine().released(d);
                return Future.succeededFuture();
            });
        }
    }
}
