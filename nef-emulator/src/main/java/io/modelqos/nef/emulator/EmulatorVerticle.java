package io.modelqos.nef.emulator;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composition root of one emulator: builds the parts, mounts the routes and owns the HTTP server.
 * All emulator state changes happen on this verticle's event loop.
 */
final class EmulatorVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(EmulatorVerticle.class);

    private final EmulatorOptions options;
    private volatile String apiRoot;
    private HttpServer server;
    private Notifier notifier;
    private SessionSimulator simulator;

    final SubscriptionRegistry registry = new SubscriptionRegistry();
    final CapacityModel capacity;
    final FaultInjector faults;

    EmulatorVerticle(EmulatorOptions options, io.vertx.core.Vertx vertx) {
        this.options = options;
        this.capacity = new CapacityModel(options.getCapacity());
        this.faults = new FaultInjector(vertx, options.getFaults(), options.getSeed());
    }

    @Override
    public Future<?> start() {
        return T8Contract.load(vertx).compose(contract -> {
            AdmissionControl admission = new AdmissionControl(options.getQosReferences(), capacity);
            notifier = new Notifier(vertx, options.getNotifications(), faults);
            SubscriptionService service = new SubscriptionService(options, registry, capacity, admission, faults,
                    contract.patchableAttributes(), () -> apiRoot);
            simulator = new SessionSimulator(vertx, options.getNotifications(), notifier, faults, capacity, service::expire);
            service.simulator(simulator);
            TokenEndpoint tokens = new TokenEndpoint(options.getOauth2());

            Router router = Router.router(vertx);
            new EmulatorRoutes(service, new RequestValidation(contract), faults, tokens, options.isDeleteReturnsReport())
                    .mount(router);
            new AdminRoutes(faults, this::state).mount(router);
            if (tokens.enabled()) {
                router.post("/oauth2/token").handler(BodyHandler.create().setBodyLimit(16 * 1024)).handler(tokens::issue);
            }
            router.route().failureHandler(new ProblemHandler());
            router.route().last().handler(EmulatorVerticle::noRoute);

            server = vertx.createHttpServer(new HttpServerOptions().setHost(options.getHost()).setPort(options.getPort()));
            return server.requestHandler(router).listen();
        }).map(s -> {
            apiRoot = options.getApiRoot() != null ? options.getApiRoot()
                    : "http://" + hostForUri(options.getHost()) + ":" + s.actualPort();
            LOG.info("NEF emulator listening on {} (AsSessionWithQoS at {}{}; {} cells of {}, {} per UE; OAuth2 {})",
                    s.actualPort(), apiRoot, T8Contract.BASE_PATH, options.getCapacity().getCells(),
                    options.getCapacity().getCellGbrDl().toExactString(),
                    options.getCapacity().getUeGbrDl().toExactString(),
                    options.getOauth2().isEnabled() ? "required" : "off");
            return s;
        }).onFailure(e -> {
            if (notifier != null) {
                notifier.close();
            }
        });
    }

    /** 405 with {@code Allow} for a known resource and another method, else 404. */
    private static void noRoute(io.vertx.ext.web.RoutingContext ctx) {
        String path = ctx.request().path();
        String collection = "^" + T8Contract.BASE_PATH + "/[^/]+/subscriptions/?$";
        String individual = "^" + T8Contract.BASE_PATH + "/[^/]+/subscriptions/[^/]+/?$";
        String allow = path.matches(collection) ? "GET, POST" : path.matches(individual) ? "GET, PUT, PATCH, DELETE" : null;
        if (allow == null) {
            ctx.fail(ApiException.notFound("no such resource: " + path));
        } else {
            ctx.fail(ApiException.of(405, "Method Not Allowed", null, ctx.request().method() + " is not defined here")
                    .header("Allow", allow));
        }
    }

    @Override
    public Future<?> stop() {
        registry.all().forEach(simulator::stopped);
        notifier.close();
        return server == null ? Future.succeededFuture() : server.close();
    }

    String apiRoot() {
        return apiRoot;
    }

    int port() {
        return server.actualPort();
    }

    EmulatorState state() {
        Notifier.Stats stats = notifier.stats();
        int periodic = 0;
        double perSecond = 0;
        for (Subscription sub : registry.all()) {
            long periodMs = sub.monitoringPeriodMs;
            if (periodMs > 0) {
                periodic++;
                perSecond += 1000.0 / periodMs;
            }
        }
        return new EmulatorState(capacity.load(), capacity.ueLimit(), capacity.totalInUse(), registry.count(),
                registry.countsByScsAs(), new EmulatorState.Notifications(stats.sent(), stats.retried(), stats.failed(),
                stats.lost(), stats.droppedNotFound(), stats.skipped(), stats.monitoringSent()),
                new EmulatorState.Monitoring(periodic, perSecond));
    }

    private static String hostForUri(String host) {
        if ("0.0.0.0".equals(host) || "::".equals(host)) {
            return "127.0.0.1";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
