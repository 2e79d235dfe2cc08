package io.modelqos.af;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelqos.af.callback.NotificationIntake;
import io.modelqos.af.config.AfConfig;
import io.modelqos.af.delivery.DeliveryJson;
import io.modelqos.af.engine.Admission;
import io.modelqos.af.engine.DeliveryEngine;
import io.modelqos.af.engine.ShardedEngine;
import io.modelqos.af.engine.Timers;
import io.modelqos.af.engine.EngineSettings;
import io.modelqos.af.events.CloudEventCodec;
import io.modelqos.af.events.EventOutbox;
import io.modelqos.af.events.WebhookDispatcher;
import io.modelqos.af.json.AfJson;
import io.modelqos.af.nef.AsSessionWithQosClient;
import io.modelqos.af.nef.NefSouthbound;
import io.modelqos.af.southbound.QosSessions;
import io.modelqos.af.northbound.EventStreamHandlerFactory;
import io.modelqos.af.northbound.NorthboundApi;
import io.modelqos.af.northbound.ProblemResponder;
import io.modelqos.af.security.TenantResolver;
import io.modelqos.af.observe.AfMetrics;
import io.modelqos.af.observe.OperationsRoutes;
import io.modelqos.af.observe.ThrottledCheck;
import io.modelqos.af.qos.PlanningPolicy;
import io.modelqos.af.qos.QosCatalog;
import io.modelqos.af.qos.QosPlanner;
import io.modelqos.qos.SupportedFeatures;
import io.modelqos.af.sizing.TransferSizer;
import io.modelqos.af.sizing.TransportOverhead;
import io.modelqos.af.store.DeliveryStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The ModelQoS Application Function, ready to mount on a Vert.x router: the northbound model-delivery API (with
 * its dashboard at {@code /ui/}), the NEF notification endpoint and the operations endpoints. An integrator embeds
 * it in their own Vert.x application like this:
 *
 * <pre>{@code
 * ModelQosAf.create(vertx, config, nefClient, store).onSuccess(af -> {
 *     af.mount(router);                                   // their Router
 *     af.callbackBase(URI.create("https://af.example.net")); // where the NEF reaches this router
 *     af.resume();
 * });
 * }</pre>
 *
 * To keep {@code /health/*} and {@code /metrics} off the public router, mount the parts apart:
 *
 * <pre>{@code
 * af.mountNorthbound(publicRouter);
 * af.mountCallbacks(publicRouter);      // or a router of its own, for the NEF only
 * af.mountOperations(managementRouter); // a listener on an internal address
 * }</pre>
 *
 * The AF's deliveries live on the Vert.x context {@code create} was called on; requests arriving on other
 * event loops are handed to it.
 */
public final class ModelQosAf {
    private final Context context;
    private final ShardedEngine deliveries;
    private final Southbound southbound;
    private final Router northbound;
    private final NotificationIntake notifications;
    private final io.vertx.core.Handler<io.vertx.ext.web.RoutingContext> callbackGuard;
    private final OperationsRoutes operations;
    private final AfMetrics metrics;
    private final List<HttpClient> webhookClients;
    private final DeliveryStore store;
    private final io.modelqos.af.store.StoreOptions storeOptions;
    private io.modelqos.af.cluster.ReplicaCoordinator coordinator;
    private io.modelqos.af.observe.EventLoopLag lag;

    private ModelQosAf(Context context, ShardedEngine deliveries, Southbound southbound, Router northbound,
                       NotificationIntake notifications,
                       io.vertx.core.Handler<io.vertx.ext.web.RoutingContext> callbackGuard, OperationsRoutes operations,
                       AfMetrics metrics, List<HttpClient> webhookClients, DeliveryStore store,
                       io.modelqos.af.store.StoreOptions storeOptions) {
        this.context = context;
        this.deliveries = deliveries;
        this.southbound = southbound;
        this.northbound = northbound;
        this.notifications = notifications;
        this.callbackGuard = callbackGuard;
        this.operations = operations;
        this.metrics = metrics;
        this.webhookClients = List.copyOf(webhookClients);
        this.store = store;
        this.storeOptions = storeOptions;
    }

    public static Future<ModelQosAf> create(Vertx vertx, AfConfig config, AsSessionWithQosClient nef, DeliveryStore store) {
        return create(vertx, config, nef, store, new AfMetrics(), io.modelqos.af.security.NorthboundGuard.create(vertx,
                config.authOrDefault(), config.limitsOrDefault(), config.tlsOrDefault().clients(), Clock.systemUTC()),
                Clock.systemUTC());
    }

    public static Future<ModelQosAf> create(Vertx vertx, AfConfig config, AsSessionWithQosClient nef, DeliveryStore store,
                                            AfMetrics metrics, TenantResolver tenants, Clock clock) {
        return create(vertx, config, new NefSouthbound(nef), store, metrics, tenants, clock);
    }

    /** The AF on the network {@code southbound} reaches (the NEF over T8, or the PCF over N5). */
    public static Future<ModelQosAf> create(Vertx vertx, AfConfig config, Southbound southbound, DeliveryStore store,
                                            AfMetrics metrics, TenantResolver tenants, Clock clock) {
        Context context = vertx.getOrCreateContext();
        ObjectMapper mapper = AfJson.mapper();
        QosPlanner planner = planner(config);
        // Writes of one event-loop turn share one commit, run at the end of the turn of the shard that wrote first;
        // each effect outside waits for it (DeliveryStore.flushed()), on its own shard.
        store.groupCommits(task -> {
            Context current = Vertx.currentContext();
            (current != null ? current : context).runOnContext(v -> task.run());
        });
        CloudEventCodec codec = new CloudEventCodec(mapper, "/modelqos/af");
        // Webhooks of many deliveries often go to one AI/ML server: more than Vert.x's default 5 connections to it. A
        // client per shard, so that a shard's webhooks go out on connections of its own event loop (as EventLoopClients
        // gives the NEF client one per loop).
        HttpClientOptions webhookOptions = io.modelqos.af.security.TlsSetup.client(
                new HttpClientOptions().setKeepAlive(true), config.tlsOrDefault().clients());
        List<HttpClient> webhookClients = new ArrayList<>(); // one per shard, made as each shard is built below
        SupportedFeatures announced = config.nefOrDefault().supportedFeatures() == null
                ? EngineSettings.AF_FEATURES
                : SupportedFeatures.parse(config.nefOrDefault().supportedFeatures());
        EngineSettings settings = new EngineSettings(announced, Duration.ofSeconds(config.expiryMarginOrDefault()),
                Duration.ofMillis(config.setupAllowanceOrDefault()), config.storeOrDefault().endedRetentionOrDefault(),
                Duration.ofMillis(config.allocationWaitOrDefault()),
                Duration.ofSeconds(config.storeOrDefault().reconcileIntervalOrDefault()),
                Duration.ofMillis(config.startWindowOrDefault()),
                config.engineOrDefault().maxMonitoredDeliveriesOrDefault());
        QosSessions network = southbound.sessions();
        DeliveryJson json = new DeliveryJson(mapper);
        Admission admission = new io.modelqos.af.security.TenantGbrCap(store, config.limitsOrDefault());
        List<Context> contexts = shardContexts(vertx, context, config.engineOrDefault().shardsOrDefault());
        store.observeCommits(metrics::storeCommitted);
        io.modelqos.af.observe.EventLoopLag lag = io.modelqos.af.observe.EventLoopLag.watch(vertx, contexts, metrics);
        ShardedEngine engine = new ShardedEngine(vertx, contexts, store, network, clock, settings, spec -> {
            // A durable store also keeps the events and the webhooks' cursors, so that a restart resends what is owed.
            EventOutbox outbox = new EventOutbox(clock, store.durable() ? store : null);
            HttpClient webhookClient = vertx.createHttpClient(webhookOptions,
                    new io.vertx.core.http.PoolOptions().setHttp1MaxSize(64).setMaxWaitQueueSize(16_384));
            webhookClients.add(webhookClient);
            WebhookDispatcher webhooks = new WebhookDispatcher(vertx, webhookClient, codec, config.webhookOrDefault(),
                    metrics, store.durable() ? store : null);
            outbox.addSink(webhooks::accept);
            DeliveryEngine shardEngine = new DeliveryEngine(vertx, store, planner, network, outbox, webhooks, metrics, json,
                    clock, settings, admission, spec.inFlight(), spec::owns, Timers.on(spec.context()), spec.monitoring());
            return new ShardedEngine.Shard(spec.index(), spec.context(), shardEngine, outbox);
        });
        metrics.monitoredDeliveries(engine.monitoring()::held, engine.monitoring().max());
        ProblemResponder problems = new ProblemResponder(mapper);
        NorthboundApi api = new NorthboundApi(vertx, engine, problems,
                EventStreamHandlerFactory.create(vertx, id -> engine.of(id).outbox(), codec,
                        store instanceof io.modelqos.af.store.SharedDeliveryStore shared ? shared : null,
                        config.limitsOrDefault()), tenants, mapper);
        NotificationIntake notifications = new NotificationIntake(engine, metrics);
        ThrottledCheck nefCheck = new ThrottledCheck(network::check,
                Duration.ofMillis(config.nefOrDefault().readinessCheckOrDefault()), clock);
        OperationsRoutes operations = new OperationsRoutes(metrics, () -> readiness(southbound, nefCheck, store),
                io.modelqos.af.security.MetricsGuard.create(config.managementOrDefault().metricsTokenOrNull()));
        // On workers, before any request: Jackson's first look at the AF's types (see JsonWarmUp), and the callback
        // guard, which reads keys and loads the JWT library (56 ms on an event loop the first time, in
        // CallbackAuthTest); beside them the JDK's TLS (TlsWarmUp, 0.25 s of a start), on a free core if any.
        Future<Void> tls = vertx.executeBlocking(() -> {
            io.modelqos.af.security.TlsWarmUp.run();
            return null;
        }, false);
        return vertx.executeBlocking(() -> {
            JsonWarmUp.run(mapper, json);
            southbound.warmUp();
            return io.modelqos.af.security.CallbackGuard.create(vertx, config.authOrDefault(), config.tlsOrDefault(),
                    clock); // null when the callbacks are not guarded
        }, false).compose(callbackGuard -> tls.compose(x -> api.router()).map(router -> {
            ModelQosAf af = new ModelQosAf(context, engine, southbound, router, notifications, callbackGuard, operations,
                    metrics, webhookClients, store, config.storeOrDefault());
            af.lag = lag;
            return af;
        })).onFailure(e -> lag.stop());
    }

    /**
     * One event-loop context per shard, the first being the caller's; the others on other event loops where the pool
     * has them (Vert.x hands out its event loops in turn, so a few more draws find the free ones).
     */
    static List<Context> shardContexts(Vertx vertx, Context first, int count) {
        List<Context> contexts = new ArrayList<>(List.of(first));
        Set<Object> loops = new HashSet<>();
        loops.add(((ContextInternal) first).nettyEventLoop());
        int draws = 0;
        while (contexts.size() < count) {
            // Vert.x has no public way to make an event-loop context outside a verticle; this is what it uses itself.
            ContextInternal next = ((VertxInternal) vertx).createEventLoopContext();
            if (loops.add(next.nettyEventLoop()) || ++draws > 4 * count) {
                contexts.add(next);
            }
        }
        return contexts;
    }

    static QosPlanner planner(AfConfig config) {
        QosCatalog catalog = config.qosReferences() == null ? QosCatalog.defaultCatalog()
                : QosCatalog.fromJson(config.qosReferences());
        TransferSizer sizer = config.transportOverhead() == null ? TransferSizer.DEFAULT
                : new TransferSizer(TransportOverhead.ofFactor(BigDecimal.valueOf(config.transportOverhead())));
        return new QosPlanner(catalog, sizer, PlanningPolicy.DEFAULT);
    }

    /** Mounts the northbound API, the network's notification endpoint and the operations endpoints on {@code router}. */
    public void mount(Router router) {
        mountApi(router);
        mountCallbacks(router);
    }

    /** Mounts the northbound API and the operations endpoints only (the callbacks go on a listener of their own). */
    public void mountApi(Router router) {
        mountNorthbound(router);
        mountOperations(router);
    }

    /**
     * Mounts the northbound model-delivery API and, beside it, the dashboard at {@code /ui/}: static pages that read
     * this API as their user, so they must share its origin.
     */
    public void mountNorthbound(Router router) {
        router.route(NorthboundApi.BASE_PATH + "/*").subRouter(northbound);
        io.modelqos.af.dashboard.DashboardRoutes.mount(router);
    }

    /**
     * Mounts {@code /health/live}, {@code /health/ready} and {@code /metrics} only; {@code /metrics} wants the bearer
     * token of {@code management.metricsToken} when one is configured.
     */
    public void mountOperations(Router router) {
        operations.mount(router);
    }

    /** Mounts the network's notification endpoint only. */
    public void mountCallbacks(Router router) {
        southbound.mountCallbacks(router, notifications, callbackGuard);
    }

    /** The base URI at which the network (NEF or PCF) reaches the router this AF is mounted on. */
    public void callbackBase(URI base) {
        southbound.callbackBase(base);
    }

    /**
     * Resumes the deliveries a persistent store holds (expiries, pending releases, owed events) in the background:
     * the AF serves meanwhile, and logs "resumed N live deliveries in T ms" when it is done.
     */
    public void resume() {
        context.runOnContext(v -> {
            deliveries.resume();
            if (store instanceof io.modelqos.af.store.SharedDeliveryStore shared && coordinator == null) {
                var pg = storeOptions.postgresOrDefault();
                coordinator = new io.modelqos.af.cluster.ReplicaCoordinator(context.owner(), shared, deliveries,
                        Duration.ofMillis(pg.heartbeatOrDefault()), Duration.ofMillis(pg.relayPollOrDefault()));
                coordinator.start();
            }
        });
    }

    public ShardedEngine deliveries() {
        return deliveries;
    }

    public AfMetrics metrics() {
        return metrics;
    }

    /** Stops taking new deliveries; live ones stay in the store for the next start. */
    public Future<Void> close() {
        return context.<Void>executeBlocking(() -> null).compose(v -> {
            if (coordinator != null) {
                coordinator.stop();
            }
            if (lag != null) {
                lag.stop();
            }
            return deliveries.stopAccepting().eventually(() -> {
                webhookClients.forEach(HttpClient::close);
                store.close();
                return Future.<Void>succeededFuture();
            });
        });
    }

    private static Future<JsonObject> readiness(Southbound network, ThrottledCheck check, DeliveryStore store) {
        Future<String> storeState = store.ping().otherwise(false).map(up -> up ? "UP" : "DOWN");
        Future<String> networkState = check.get().map(list -> "UP").otherwise(err -> "DOWN: " + err.getMessage());
        return Future.all(storeState, networkState).map(both -> {
            JsonObject checks = new JsonObject().put("store", storeState.result())
                    .put(network.name(), networkState.result());
            JsonObject details = network.readinessDetails();
            return details == null ? checks : checks.put("capif", details);
        });
    }
}
