package io.modelqos.nef.emulator;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composition root of one emulator: builds the parts, mounts the routes of every face (the NEF's
 * T8, and unless {@code n5.enabled} is false the PCF, BSF and NRF) and owns the HTTP(S) server. All
 * emulator state changes happen on this verticle's event loop.
 */
final class EmulatorVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(EmulatorVerticle.class);

    private final EmulatorOptions options;
    private volatile String apiRoot;
    private HttpServer server;
    private Notifier notifier;
    private Sessions sessions;

    final SessionRegistry registry = new SessionRegistry();
    final CapacityModel capacity;
    final FaultInjector faults;
    final PcfFace pcfFace;
    /** The CAPIF core function; null unless {@code capif.enabled}. Built with the routes, on a worker. */
    volatile CapifCore capif;

    EmulatorVerticle(EmulatorOptions options, io.vertx.core.Vertx vertx) {
        this.options = options;
        this.capacity = new CapacityModel(options.getCapacity());
        this.faults = new FaultInjector(vertx, options.getFaults(), options.getSeed());
        this.pcfFace = new PcfFace(options.getN5());
    }

    @Override
    public Future<?> start() {
        boolean n5 = options.getN5().isEnabled();
        Future<ApiContract> t8 = ApiContract.load(vertx, ApiContract.Api.T8);
        Future<ApiContract> pcf = n5 ? ApiContract.load(vertx, ApiContract.Api.PCF) : Future.succeededFuture();
        Future<ApiContract> bsf = n5 ? ApiContract.load(vertx, ApiContract.Api.BSF) : Future.succeededFuture();
        Future<ApiContract> nrf = n5 ? ApiContract.load(vertx, ApiContract.Api.NRF_DISCOVERY) : Future.succeededFuture();
        // The services and routes are built on a worker: on a cold JVM that is tens of milliseconds of CPU, which an
        // event loop (the AF's, when the emulator is embedded) should not pay. Nothing built here binds to a context.
        boolean tls = options.getTls().isEnabled();
        return Future.all(t8, pcf, bsf, nrf).compose(loaded -> vertx.executeBlocking(() -> {
            Router router = routes(n5, t8.result(), pcf.result(), bsf.result(), nrf.result());
            return new Listener(router, serverOptions()); // after the routes: they make the CAPIF CA it trusts
        }, false)).compose(listener -> {
            server = vertx.createHttpServer(listener.options());
            return server.requestHandler(listener.router()).listen();
        }).map(s -> {
            apiRoot = options.getApiRoot() != null ? options.getApiRoot()
                    : (tls ? "https://" : "http://") + hostForUri(options.getHost()) + ":" + s.actualPort();
            LOG.info("NEF emulator listening on {}{} (AsSessionWithQoS at {}{}{}; {} cells of {}, {} per UE; OAuth2 {})",
                    s.actualPort(), tls ? " with TLS" : "", apiRoot, ApiContract.BASE_PATH,
                    n5 ? "; PCF, BSF and NRF at " + ApiContract.Api.PCF.basePath + ", " + ApiContract.Api.BSF.basePath
                            + ", " + ApiContract.Api.NRF_DISCOVERY.basePath + " and " + NrfRoutes.TOKEN : "",
                    options.getCapacity().getCells(), options.getCapacity().getCellGbrDl().toExactString(),
                    options.getCapacity().getUeGbrDl().toExactString(),
                    options.getOauth2().isEnabled() ? "required" : "off");
            if (capif != null) {
                LOG.info("CAPIF core function at {}{}; the NEF requires CAPIF access tokens{}", apiRoot, CapifRoutes.ROOT,
                        tls ? " and the certificate CAPIF issued the token's invoker" : "");
            }
            return s;
        }).onFailure(e -> {
            if (notifier != null) {
                notifier.close();
            }
        });
    }

    /** The router and the options of the server that will serve it. */
    private record Listener(Router router, HttpServerOptions options) {
    }

    /**
     * Plain HTTP, or with {@code tls} HTTPS from the PEM files (read here, on the worker). With
     * CAPIF too, client certificates of the CAPIF CA are requested, not required: an invoker
     * onboards before it has one, and only the NEF's routes ask for it ({@link InvokerCertificateCheck}).
     */
    private HttpServerOptions serverOptions() {
        HttpServerOptions http = new HttpServerOptions().setHost(options.getHost()).setPort(options.getPort());
        if (!options.getTls().isEnabled()) {
            return http;
        }
        TlsOptions.ServerPem pem = options.getTls().read();
        http.setSsl(true).setKeyCertOptions(new PemKeyCertOptions().setCertValue(Buffer.buffer(pem.certificate()))
                .setKeyValue(Buffer.buffer(pem.privateKey())));
        if (capif != null) {
            http.setClientAuth(ClientAuth.REQUEST)
                    .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(capif.caCertificatePem())));
        }
        return http;
    }

    private Router routes(boolean n5, ApiContract t8Contract, ApiContract pcfContract, ApiContract bsfContract,
                          ApiContract nrfContract) {
        AdmissionControl admission = new AdmissionControl(options.getQosReferences(), capacity);
        notifier = new Notifier(vertx, options.getNotifications(), faults);
        sessions = new Sessions(vertx, registry, capacity, admission, faults,
                options.getCapacity().getRejectRetryAfterSeconds(), options.getN5().getTerminationGraceSeconds() * 1000L);
        sessions.simulator(new SessionSimulator(vertx, options.getNotifications(), notifier, faults, capacity, sessions::end));
        if (options.getCapif().isEnabled()) {
            capif = new CapifCore(options.getCapif(),
                    new CapifCertificateAuthority(java.time.Duration.ofHours(options.getCapif().getCertificateValidityHours())),
                    () -> apiRoot);
            capif.warmUp();
        }
        TokenEndpoint tokens = new TokenEndpoint(options.getOauth2(), capif);

        Router router = Router.router(vertx);
        SubscriptionService subscriptions = new SubscriptionService(options, sessions,
                t8Contract.patchableAttributes(), () -> apiRoot);
        new EmulatorRoutes(subscriptions, new RequestValidation(t8Contract), faults, tokens,
                capif == null ? null : new InvokerCertificateCheck(capif), options.isDeleteReturnsReport()).mount(router);
        if (n5) {
            AppSessionService appSessions = new AppSessionService(options.getN5(), sessions, pcfFace,
                    pcfContract.schemaProperties("AppSessionContextUpdateData"), () -> apiRoot);
            new PcfRoutes(appSessions, new RequestValidation(pcfContract), faults, tokens, options.isDeleteReturnsReport())
                    .mount(router);
            NfDirectory directory = new NfDirectory(options.getN5(), () -> apiRoot, tokens.enabled());
            new BsfRoutes(directory, new RequestValidation(bsfContract), faults, tokens).mount(router);
            new NrfRoutes(directory, new RequestValidation(nrfContract), faults, tokens).mount(router);
        }
        if (n5 || tokens.enabled()) {
            NrfRoutes.mountToken(router, faults, tokens);
        }
        if (capif != null) {
            new CapifRoutes(capif, () -> apiRoot).mount(router);
        }
        new AdminRoutes(faults, this::state, capif).mount(router);
        router.route().failureHandler(new ProblemHandler());
        router.route().last().handler(EmulatorVerticle::noRoute);
        return router;
    }

    /** 405 with {@code Allow} for a known resource and another method, else 404. */
    private static void noRoute(RoutingContext ctx) {
        String path = ctx.request().path();
        String allow = null;
        if (path.matches("^" + ApiContract.BASE_PATH + "/[^/]+/subscriptions/?$")) {
            allow = "GET, POST";
        } else if (path.matches("^" + ApiContract.BASE_PATH + "/[^/]+/subscriptions/[^/]+/?$")) {
            allow = "GET, PUT, PATCH, DELETE";
        } else if (path.matches("^" + PcfRoutes.SESSIONS + "/?$") || path.matches("^" + PcfRoutes.SESSIONS + "/[^/]+/delete/?$")
                || path.equals(NrfRoutes.TOKEN)) {
            allow = "POST";
        } else if (path.matches("^" + PcfRoutes.SESSIONS + "/[^/]+/?$")) {
            allow = "GET, PATCH";
        } else if (path.equals(BsfRoutes.BINDINGS) || path.equals(NrfRoutes.INSTANCES)) {
            allow = "GET";
        }
        if (allow == null) {
            ctx.fail(ApiException.notFound("no such resource: " + path));
        } else {
            ctx.fail(ApiException.of(405, "Method Not Allowed", null, ctx.request().method() + " is not defined here")
                    .header("Allow", allow));
        }
    }

    @Override
    public Future<?> stop() {
        if (sessions != null) {
            sessions.stopAll();
        }
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
        for (Session sub : registry.all()) {
            long periodMs = sub.monitoringPeriodMs;
            if (periodMs > 0) {
                periodic++;
                perSecond += 1000.0 / periodMs;
            }
        }
        return new EmulatorState(capacity.load(), capacity.ueLimit(), capacity.totalInUse(), registry.count(T8Face.INSTANCE),
                registry.countsByOwner(T8Face.INSTANCE), registry.count(pcfFace), new EmulatorState.Notifications(
                stats.sent(), stats.retried(), stats.failed(), stats.lost(), stats.droppedNotFound(), stats.skipped(),
                stats.monitoringSent()), new EmulatorState.Monitoring(periodic, perSecond));
    }

    private static String hostForUri(String host) {
        if ("0.0.0.0".equals(host) || "::".equals(host)) {
            return "127.0.0.1";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
