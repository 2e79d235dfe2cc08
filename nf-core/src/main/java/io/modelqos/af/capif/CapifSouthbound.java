package io.modelqos.af.capif;

import io.modelqos.af.config.AfConfig;
import io.modelqos.af.config.CapifOptions;
import io.modelqos.af.config.NefOptions;
import io.modelqos.af.nef.NefSouthbound;
import io.modelqos.af.nef.VertxAsSessionWithQosClient;
import io.modelqos.af.observe.AfMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The composition of the NEF southbound when the NEF is reached through CAPIF: the client towards CAPIF, the
 * {@link CapifConnection}, and the NEF client built from what it discovered, presenting the CAPIF-issued certificate
 * and CAPIF's tokens. Used at start (and by {@code modelqos capif}), off any event loop: it waits.
 */
public final class CapifSouthbound {
    private static final Logger LOG = LoggerFactory.getLogger(CapifSouthbound.class);
    /** Where CAPIF notifies the AF, under its callback base ({@link CapifNotificationEndpoint}). */
    public static final String NOTIFICATIONS_PATH = "/capif/v1/notifications";

    private final Vertx vertx;
    private final AfConfig config;
    private final InvokerTls tls;
    /** The https clients that present the invoker certificate: given the new one when CAPIF issues it. */
    private final List<WebClient> presenting = new CopyOnWriteArrayList<>();
    private final CapifConnection connection;

    /** Reads the trust file (blocking) and makes the client towards CAPIF; connects nothing yet. */
    public CapifSouthbound(Vertx vertx, AfConfig config) {
        this.vertx = vertx;
        this.config = config;
        CapifOptions options = config.capifOrDefault();
        this.tls = InvokerTls.trusting(options.trustFile());
        URI root = options.root();
        WebClient web = WebClient.create(vertx, tls.clientOptions(root, options.timeoutOrDefault(), null));
        if (https(root)) {
            presenting.add(web);
        }
        String notifications = config.callbackBaseFor(config.portOrDefault()) + NOTIFICATIONS_PATH;
        this.connection = new CapifConnection(vertx, new CapifApi(web, root, options.timeoutOrDefault()),
                config.dataDirOrDefault(), options, notifications, Clock.systemUTC())
                .whenCredentials(this::presentEverywhere);
    }

    public CapifConnection connection() {
        return connection;
    }

    /** Onboard or reuse, discover, trust, first token; blocks the calling (non-Vert.x) thread until done. */
    public CapifSouthbound connect() {
        connection.connect().await();
        return this;
    }

    /** The NEF southbound: the discovered apiRoot, CAPIF's tokens, the invoker certificate, re-discovery. */
    public io.modelqos.af.Southbound southbound(AfMetrics metrics) {
        CapifOptions options = config.capifOrDefault();
        AefChoice aef = connection.aef();
        InvokerCredentials credentials = connection.credentials();
        NefOptions configured = config.nefOrDefault();
        // The AF's SCS/AS id at the NEF: the configured one, else its CAPIF identity.
        String scsAsId = configured.scsAsId() != null ? configured.scsAsId() : credentials.apiInvokerId();
        NefOptions nef = new NefOptions(aef.apiRoot(), scsAsId, configured.timeoutMs(), configured.retryBudgetMs(),
                configured.supportedFeatures(), null, null, null, configured.readinessCheckMs());
        VertxAsSessionWithQosClient client = VertxAsSessionWithQosClient.builder(vertx, nef)
                .metrics(metrics)
                .ownWebClients(() -> nefClient(URI.create(aef.apiRoot()), nef.timeoutOrDefault()))
                .tokenSource(connection.tokens())
                .endpoint(connection.endpoint(scsAsId))
                .build();
        return new CapifNefSouthbound(new NefSouthbound(new RediscoveringNefClient(client,
                options.rediscoverAfterOrDefault(), connection::rediscover), connection::status), connection);
    }

    /**
     * A client towards the NEF for one event loop (as the plain NEF path has: a shared one sent most calls through the
     * other loop), presenting the invoker certificate of the moment; one made while CAPIF issued a new one is given it.
     */
    private WebClient nefClient(URI apiRoot, long timeoutMs) {
        var tlsNef = config.tlsOrDefault().nef();
        InvokerCredentials now = connection.credentials();
        io.vertx.ext.web.client.WebClientOptions options = tlsNef != null
                ? io.modelqos.af.security.TlsSetup.nefClient(tlsNef, timeoutMs)
                : tls.clientOptions(apiRoot, timeoutMs, now); // with the certificate already, when https
        if (tlsNef != null && https(apiRoot)) {
            options = tls.presenting(options, now);
        }
        WebClient web = WebClient.create(vertx, options, VertxAsSessionWithQosClient.connectionPool());
        if (https(apiRoot)) {
            presenting.add(web);
            InvokerCredentials latest = connection.credentials(); // set before any client is given it
            if (latest != now) {
                tls.present(web, latest).onFailure(e -> LOG.warn("the NEF client of an event loop could not be given the"
                        + " new invoker certificate; its calls present the one before: {}", e.toString()));
            }
        }
        return web;
    }

    private Future<Void> presentEverywhere(InvokerCredentials c) {
        Future<Void> all = Future.succeededFuture();
        for (WebClient web : presenting) {
            all = all.compose(v -> tls.present(web, c));
        }
        return all;
    }

    private static boolean https(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme());
    }
}
