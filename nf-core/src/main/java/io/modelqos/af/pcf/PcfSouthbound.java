package io.modelqos.af.pcf;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelqos.af.Southbound;
import io.modelqos.af.callback.NotificationIntake;
import io.modelqos.af.config.PcfOptions;
import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.observe.AfMetrics;
import io.modelqos.af.southbound.QosSessions;
import io.modelqos.af.store.DeliveryStore;
import io.modelqos.af.http.EventLoopClients;
import io.modelqos.af.json.AfJson;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The PCF as the AF's network, over N5 (TS 29.514 Npcf_PolicyAuthorization), with its notifications under
 * {@value PcfCallbackAddress#PATH}: the PCF configured, or the one the BSF binds to the UE (the BSF configured or found
 * through the NRF), with the NRF's access tokens when an NRF is configured.
 */
public final class PcfSouthbound implements Southbound {
    private static final Logger LOG = LoggerFactory.getLogger(PcfSouthbound.class);
    /** How long a create whose answer was lost waits for its session to notify. */
    static final Duration LOST_ANSWER_WAIT = Duration.ofSeconds(2);
    /** 429/503 answers are retried for this long in all (as towards the NEF by default). */
    static final Duration RETRY_BUDGET = Duration.ofSeconds(10);

    private final PcfCallbackAddress address;
    private final PcfQosSessions sessions;
    private final LostAnswers lost;
    private final ObjectMapper json;
    private final String describe;

    private PcfSouthbound(PcfCallbackAddress address, PcfQosSessions sessions, LostAnswers lost, ObjectMapper json,
                          String describe) {
        this.address = address;
        this.sessions = sessions;
        this.lost = lost;
        this.json = json;
        this.describe = describe;
    }

    /**
     * @param web   the client for the PCF, the BSF and the NRF (its TLS settings are the caller's), for every caller
     * @param store where the sessions of live deliveries are known (N5 has no list operation)
     */
    public static PcfSouthbound create(Vertx vertx, WebClient web, PcfOptions options, DeliveryStore store,
                                       AfMetrics metrics, Clock clock) {
        return create(vertx, EventLoopClients.single(web, false), options, store, metrics, clock);
    }

    /** As above, with a client per event loop that calls the core's functions ({@link EventLoopClients}). */
    public static PcfSouthbound create(Vertx vertx, EventLoopClients web, PcfOptions options, DeliveryStore store,
                                       AfMetrics metrics, Clock clock) {
        ObjectMapper json = AfJson.mapper();
        boolean nrf = options.nrfApiRoot() != null && !options.nrfApiRoot().isBlank();
        SbiExchange plain = new SbiExchange(vertx, web, options.timeoutOrDefault(), RETRY_BUDGET, AccessTokens.NONE,
                metrics, clock);
        AccessTokens tokens = nrf ? new NrfAccessTokens(plain, URI.create(options.nrfApiRoot()),
                options.nfInstanceId(), json, clock) : AccessTokens.NONE;
        SbiExchange exchange = new SbiExchange(vertx, web, options.timeoutOrDefault(), RETRY_BUDGET, tokens, metrics,
                clock);
        PcfLocator locator;
        if (options.apiRoot() != null && !options.apiRoot().isBlank()) {
            URI pcf = URI.create(options.apiRoot().replaceAll("/+$", ""));
            locator = PcfLocator.fixed(pcf, () -> reachable(exchange, pcf));
        } else {
            BsfRoot bsf = options.bsfApiRoot() != null && !options.bsfApiRoot().isBlank()
                    ? BsfRoot.fixed(URI.create(options.bsfApiRoot().replaceAll("/+$", "")))
                    : new BsfRoot.Discovered(exchange, URI.create(options.nrfApiRoot()), json, clock);
            locator = new BsfPcfLocator(exchange, bsf, options.dnnOrDefault(), options.sst(), options.sd(), json);
        }
        PcfCallbackAddress address = new PcfCallbackAddress();
        LostAnswers lost = new LostAnswers(vertx);
        AppSessionRequests.N5Identity identity = new AppSessionRequests.N5Identity(options.afAppIdOrDefault(),
                options.dnnOrDefault(), options.sst(), options.sd(), options.supportedFeaturesOrDefault());
        PcfQosSessions sessions = new PcfQosSessions(exchange, locator, address, identity, json,
                () -> store.live().map(PcfSouthbound::sessionsOf), lost, LOST_ANSWER_WAIT);
        LOG.info("N5 southbound: the PCF is found through {}{}", locator.describe(),
                nrf ? "; access tokens from the NRF " + options.nrfApiRoot() : "");
        return new PcfSouthbound(address, sessions, lost, json, locator.describe());
    }

    private static List<QosSessions.HeldSession> sessionsOf(List<Delivery> live) {
        return live.stream().filter(d -> d.nefSubscriptionText() != null)
                .map(d -> new QosSessions.HeldSession(d.nefSubscriptionText(), d.callbackId())).toList();
    }

    /** Whether the configured PCF answers at all: any HTTP answer to a GET of its API root will do. */
    private static Future<Void> reachable(SbiExchange exchange, URI pcf) {
        return exchange.call(SbiExchange.SbiCall.of("pcf", "check", HttpMethod.GET,
                URI.create(pcf + PcfQosSessions.API + "/app-sessions/readiness-probe"), null, null)).mapEmpty();
    }

    @Override
    public String name() {
        return "pcf";
    }

    @Override
    public QosSessions sessions() {
        return sessions;
    }

    @Override
    public void mountCallbacks(Router router, NotificationIntake intake, Handler<RoutingContext> guard) {
        new PcfNotificationEndpoint(intake, sessions, lost, json, guard).mount(router);
    }

    @Override
    public void callbackBase(URI base) {
        address.base(base);
    }

    private static final String NRF_ANSWER = "{\"validityPeriod\":60,\"nfInstances\":[{\"nfInstanceId\":"
            + "\"8c3e1f52-7d4a-4b1e-9a0c-2f6d5e4b3a19\",\"nfType\":\"PCF\",\"nfStatus\":\"REGISTERED\","
            + "\"ipv4Addresses\":[\"127.0.0.1\"],\"pcfInfo\":{\"dnnList\":[\"internet\"]},\"nfServices\":[{"
            + "\"serviceInstanceId\":\"1\",\"serviceName\":\"npcf-policyauthorization\",\"versions\":[{"
            + "\"apiVersionInUri\":\"v1\",\"apiFullVersion\":\"1.0.0\"}],\"scheme\":\"http\","
            + "\"nfServiceStatus\":\"REGISTERED\",\"ipEndPoints\":[{\"ipv4Address\":\"127.0.0.1\",\"port\":1}]}]}]}";

    @Override
    public void warmUp() {
        try {
            for (Class<?> type : List.of(io.modelqos.openapi.n5.model.AppSessionContext.class,
                    io.modelqos.openapi.n5.model.AppSessionContextUpdateDataPatch.class,
                    io.modelqos.openapi.n5.model.ExtendedProblemDetails.class,
                    io.modelqos.openapi.n5.model.EventsNotification.class,
                    io.modelqos.openapi.n5.model.TerminationInfo.class,
                    io.modelqos.openapi.n5.model.PcfBinding.class,
                    io.modelqos.openapi.n5.model.SearchResult.class,
                    io.modelqos.openapi.n5.model.AccessTokenRsp.class,
                    io.modelqos.openapi.t8.model.EventsSubscReqData.class,
                    io.modelqos.openapi.n5.model.MediaComponentRm.class)) {
                try {
                    json.writeValueAsBytes(json.readValue("{}", type));
                } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
                    // a type with required members ("{}" lacks them): its deserializer is built all the same, and
                    // the types after it must still be warmed (EventsSubscReqData used to stop the loop here)
                }
            }
            json.convertValue(new io.modelqos.openapi.t8.model.MediaComponent().medCompN(1),
                    io.modelqos.openapi.n5.model.MediaComponentRm.class);
            // An NRF's answer as the discovery reads it: "{}" leaves the profile's nested types unread (65-100 ms on
            // an event loop the first time, PcfQosSessionsTest on a busy machine).
            json.readValue(NRF_ANSWER, io.modelqos.openapi.n5.model.SearchResult.class);
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warn("warming up the N5 JSON types failed; the first sessions pay it: {}", e.toString());
        }
    }

    /** Where the notification endpoint reports the sessions notifications name (for tests of lost answers). */
    LostAnswers lostAnswers() {
        return lost;
    }

    @Override
    public String toString() {
        return "PcfSouthbound[" + describe + "]";
    }
}
