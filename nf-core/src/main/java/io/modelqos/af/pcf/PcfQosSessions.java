package io.modelqos.af.pcf;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelqos.af.delivery.NetworkUsage;
import io.modelqos.af.southbound.OpenedSession;
import io.modelqos.af.southbound.QosSessions;
import io.modelqos.af.southbound.SessionFailure;
import io.modelqos.af.southbound.SessionRequest;
import io.modelqos.af.southbound.SessionProbes;
import io.modelqos.af.southbound.SessionUris;
import io.modelqos.openapi.n5.model.AppSessionContext;
import io.modelqos.openapi.n5.model.AppSessionContextUpdateData;
import io.modelqos.openapi.n5.model.AppSessionContextUpdateDataPatch;
import io.modelqos.openapi.n5.model.ExtendedProblemDetails;
import io.modelqos.openapi.n5.model.MediaComponentRm;
import io.modelqos.openapi.t8.model.AcceptableServiceInfo;
import io.modelqos.openapi.t8.model.AfEvent;
import io.modelqos.openapi.t8.model.AfEventSubscription;
import io.modelqos.openapi.t8.model.EventsSubscReqData;
import io.modelqos.openapi.t8.model.MediaComponent;
import io.modelqos.qos.NefFeature;
import io.modelqos.qos.SupportedFeatures;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The engine's southbound port over N5 (TS 29.514 Npcf_PolicyAuthorization): a session is an app session at the PCF,
 * named by its resource URI.
 * <ul>
 *   <li><b>Open</b>: the PCF for the UE (configured, or the BSF's binding), then {@code POST …/app-sessions}. A 403 with
 *   {@code acceptableServInfo} is a counter-offer, as on the NEF path. A create whose answer was lost is never sent
 *   again blindly: the session it made is found by the notification it sends to the create's callback id
 *   ({@link LostAnswers}); one that notifies only later, once its delivery has failed, is closed then
 *   ({@link #closeUnowned}).</li>
 *   <li><b>Modify</b>: {@code PATCH} with the media component; <b>close</b>: {@code POST …/delete}, asking for the
 *   final usage report, which comes back in the answer.</li>
 *   <li><b>List</b>: N5 has none. The sessions the store knows are asked for one by one ({@code GET}); a session the
 *   store does not know makes itself known when it notifies.</li>
 * </ul>
 * Over N5 a trusted AF states alternative QoS sets and QoS monitoring natively, so the network is reported to the
 * engine as supporting what the NEF path negotiates as AlternativeQoS_5G, QoSMonitoring_5G and AltQosWithIndParams_5G;
 * a PCF whose answer shows the media component without the individual parameters it was sent
 * ({@code altSerReqsData}) is reported without the last, and the engine replaces them by QoS references (a modify).
 */
public final class PcfQosSessions implements QosSessions {
    private static final Logger LOG = LoggerFactory.getLogger(PcfQosSessions.class);
    static final String SCOPE = "npcf-policyauthorization";
    static final String API = "/npcf-policyauthorization/v1";
    static final SupportedFeatures N5_CAPABILITIES = SupportedFeatures.of(NefFeature.ALTERNATIVE_QOS_5G,
            NefFeature.QOS_MONITORING_5G, NefFeature.ALT_QOS_WITH_IND_PARAMS_5G);
    /** A PCF that showed it dropped the individual parameters: the engine then replaces them by QoS references. */
    static final SupportedFeatures N5_WITHOUT_INDIVIDUAL_PARAMETERS = SupportedFeatures.of(NefFeature.ALTERNATIVE_QOS_5G,
            NefFeature.QOS_MONITORING_5G);

    private final SbiExchange exchange;
    private final PcfLocator locator;
    private final PcfCallbackAddress address;
    private final AppSessionRequests.N5Identity identity;
    private final ObjectMapper json;
    private final Supplier<Future<List<HeldSession>>> known;
    private final LostAnswers lost;
    private final Duration lostAnswerWait;
    private volatile SupportedFeatures peer;

    PcfQosSessions(SbiExchange exchange, PcfLocator locator, PcfCallbackAddress address,
                   AppSessionRequests.N5Identity identity, ObjectMapper json,
                   Supplier<Future<List<HeldSession>>> known, LostAnswers lost, Duration lostAnswerWait) {
        this.exchange = exchange;
        this.locator = locator;
        this.address = address;
        this.identity = identity;
        this.json = json;
        this.known = known;
        this.lost = lost;
        this.lostAnswerWait = lostAnswerWait;
    }

    @Override
    public Future<OpenedSession> open(SessionRequest request) {
        AppSessionContext body;
        try {
            body = AppSessionRequests.create(request, address.of(request.callbackId()), identity);
        } catch (SessionFailure e) {
            return Future.failedFuture(e);
        }
        return locator.pcfFor(request.delivery().ue()).compose(pcf -> {
            URI uri = URI.create(pcf.toString().replaceAll("/+$", "") + API + "/app-sessions");
            return exchange.call(SbiExchange.SbiCall.of("pcf", "create", HttpMethod.POST, uri, SCOPE, "PCF")
                    .withBody(SbiExchange.JSON, encode(body))).transform(ar -> {
                if (ar.failed()) {
                    return findAfterLostAnswer(request, uri, ar.cause());
                }
                return opened(request, ar.result());
            });
        });
    }

    private Future<OpenedSession> opened(SessionRequest request, SbiAnswer answer) {
        if (answer.status() != 201 && answer.status() != 303) {
            return Future.failedFuture(failure("create", answer));
        }
        String location = answer.header("Location");
        if (location == null || location.isBlank()) {
            return Future.failedFuture(new SessionFailure(SessionFailure.Kind.UNAVAILABLE, "the PCF answered "
                    + answer.status() + " to the create without a Location", "PCF_ANSWER_UNREADABLE", null, null));
        }
        URI session = answer.uri().resolve(location);
        AppSessionContext shown = answer.status() == 201 ? read(answer.body(), AppSessionContext.class) : null;
        List<String> carried = AppSessionRequests.carried(request.plan(), shown);
        if (carried.isEmpty()) {
            LOG.warn("PCF created {} without the QoS the AF asked for", session);
        }
        String suppFeat = shown == null || shown.getAscRespData() == null ? null : shown.getAscRespData().getSuppFeat();
        peer = request.features().intersect(AppSessionRequests.tookIndividualParameters(request.plan(), shown)
                ? N5_CAPABILITIES : N5_WITHOUT_INDIVIDUAL_PARAMETERS);
        LOG.debug("PCF created {} (suppFeat {})", session, suppFeat);
        return Future.succeededFuture(new OpenedSession(session.toString(), null, peer, carried));
    }

    /**
     * No answer came to a create: the PCF may have made the session all the same. Its first notification (the
     * resources allocated or not) names it; without one in time, the create fails and is not sent again here.
     */
    private Future<OpenedSession> findAfterLostAnswer(SessionRequest request, URI uri, Throwable cause) {
        if (!(cause instanceof SessionFailure failure) || failure.kind() == SessionFailure.Kind.UNAVAILABLE
                && failure.getCause() instanceof java.net.ConnectException) {
            return Future.failedFuture(cause); // nothing reached the PCF
        }
        LOG.warn("PCF create {} for callback {}: {}; waiting {} ms for the session it may have made to notify",
                uri, request.callbackId(), cause.getMessage(), lostAnswerWait.toMillis());
        return lost.await(request.callbackId(), lostAnswerWait).compose(session -> {
            if (session == null) {
                LOG.warn("PCF create for callback {}: no session made itself known; failing the create (a session"
                        + " that notifies later is closed then)", request.callbackId());
                return Future.failedFuture(cause);
            }
            LOG.info("PCF create for callback {}: its answer was lost, the session is {}", request.callbackId(), session);
            peer = request.features().intersect(N5_CAPABILITIES);
            return Future.succeededFuture(new OpenedSession(session.toString(), null, peer,
                    AppSessionRequests.carried(request.plan(), null)));
        });
    }

    @Override
    public Future<List<String>> modify(String session, SessionRequest request) {
        MediaComponent component = AppSessionRequests.mediaComponent(request.plan(), request.delivery());
        AppSessionContextUpdateDataPatch patch = new AppSessionContextUpdateDataPatch().ascReqData(
                new AppSessionContextUpdateData()
                        .medComponents(Map.of(AppSessionRequests.MEDIA_COMPONENT,
                                json.convertValue(component, MediaComponentRm.class)))
                        .qosDuration(AppSessionRequests.qosDuration(request.plan())));
        return SessionUris.parse(session).compose(uri -> exchange.call(SbiExchange.SbiCall.of("pcf", "modify",
                HttpMethod.PATCH, uri, SCOPE, "PCF").withBody(SbiExchange.MERGE_PATCH, encode(patch)))).compose(answer -> {
            if (answer.status() == 204) {
                return Future.succeededFuture(AppSessionRequests.carried(request.plan(), null));
            }
            if (answer.status() == 200) {
                List<String> carried = AppSessionRequests.carried(request.plan(),
                        read(answer.body(), AppSessionContext.class));
                if (carried.isEmpty()) {
                    LOG.warn("PCF modified {} without the QoS the AF asked for", session);
                }
                return Future.succeededFuture(carried);
            }
            return Future.failedFuture(failure("modify", answer));
        });
    }

    @Override
    public Future<Optional<NetworkUsage>> close(String session) {
        EventsSubscReqData finalReports = new EventsSubscReqData()
                .events(List.of(new AfEventSubscription().event(AfEvent.USAGE_REPORT)));
        return SessionUris.parse(session + "/delete").compose(delete -> exchange.call(SbiExchange.SbiCall.of("pcf",
                "delete", HttpMethod.POST, delete, SCOPE, "PCF").withBody(SbiExchange.JSON, encode(finalReports))))
                .compose(answer -> {
            if (answer.status() == 404) {
                return Future.succeededFuture(Optional.empty()); // the PCF no longer holds it: nothing is reserved
            }
            if (!answer.succeeded()) {
                return Future.failedFuture(failure("delete", answer));
            }
            if (answer.status() != 200 || answer.body() == null) {
                return Future.succeededFuture(Optional.empty());
            }
            try {
                AppSessionContext ended = json.readValue(answer.body().getBytes(), AppSessionContext.class);
                return Future.succeededFuture(PcfNetworkEvents.finalUsage(ended.getEvsNotif()));
            } catch (IOException e) {
                // Deleted all the same: any 2xx says so. Its body is only a bonus.
                LOG.debug("PCF deleted {} with a body that is not an AppSessionContext: {}", session, e.toString());
                return Future.succeededFuture(Optional.empty());
            }
        });
    }

    /**
     * Closes a session a notification named for a delivery that has ended (its create's answer was lost, or it
     * outlived its delivery): the callback id it notifies is this AF's, so the session is. Only an app-session
     * resource of the PCF API is closed.
     */
    void closeUnowned(String callbackId, URI session) {
        if (session == null || !session.getPath().contains(API + "/app-sessions/")) {
            return;
        }
        LOG.warn("PCF session {} notifies callback {} of a delivery that has ended; closing it", session, callbackId);
        close(session.toString()).onFailure(e -> LOG.warn("closing PCF session {} failed: {}", session, e.toString()));
    }

    /**
     * N5 has no list: each session the store knows is asked for with a GET, {@value SessionProbes#AT_ONCE} at a time
     * ({@link SessionProbes#holdsAll}), so that tens of thousands of live deliveries do not overflow the connection
     * pool's wait queue (the list would fail, and the reconciliation with it, for as long as they live).
     */
    @Override
    public Future<List<HeldSession>> list() {
        return known.get().compose(sessions -> SessionProbes.holdsAll(this,
                sessions.stream().map(HeldSession::session).toList()).map(held -> {
                    List<HeldSession> out = new ArrayList<>(); // in the store's order
                    for (int i = 0; i < sessions.size(); i++) {
                        if (held.get(i)) {
                            out.add(sessions.get(i));
                        }
                    }
                    return out;
                }));
    }

    @Override
    public Future<Boolean> holds(String session) {
        return SessionUris.parse(session).compose(uri -> exchange.call(SbiExchange.SbiCall.of("pcf", "get",
                HttpMethod.GET, uri, SCOPE, "PCF"))).compose(answer ->
                answer.status() == 200 ? Future.succeededFuture(true)
                        : answer.status() == 404 ? Future.succeededFuture(false)
                        : Future.failedFuture(failure("get", answer)));
    }

    @Override
    public SupportedFeatures peerFeatures() {
        return peer;
    }

    @Override
    public Future<Void> check() {
        return locator.check();
    }

    /** A PCF answer that is not what the operation wanted, in the engine's terms. */
    SessionFailure failure(String operation, SbiAnswer answer) {
        ExtendedProblemDetails problem = answer.body() == null ? null : read(answer.body(), ExtendedProblemDetails.class);
        String cause = problem != null && problem.getCause() != null ? problem.getCause() : "HTTP_" + answer.status();
        String detail = "PCF " + operation + " " + answer.uri() + " -> " + answer.status()
                + (problem != null && problem.getDetail() != null ? ": " + problem.getDetail() : "");
        if (answer.status() == 403 && problem != null) {
            String offered = acceptableRateDl(problem.getAcceptableServInfo());
            if (offered != null) {
                return new SessionFailure(SessionFailure.Kind.COUNTER_OFFER, detail, cause, offered, null);
            }
        }
        SessionFailure.Kind kind = answer.status() == 404 ? SessionFailure.Kind.GONE
                : answer.status() >= 500 || answer.status() == 429 ? SessionFailure.Kind.PEER_ERROR
                : SessionFailure.Kind.REJECTED;
        return new SessionFailure(kind, detail, cause, null, null);
    }

    static String acceptableRateDl(AcceptableServiceInfo info) {
        if (info == null) {
            return null;
        }
        if (info.getAccBwMedComps() != null) {
            MediaComponent component = info.getAccBwMedComps().get(AppSessionRequests.MEDIA_COMPONENT);
            if (component == null && !info.getAccBwMedComps().isEmpty()) {
                component = info.getAccBwMedComps().values().iterator().next();
            }
            if (component != null && component.getMarBwDl() != null) {
                return component.getMarBwDl();
            }
        }
        return info.getMarBwDl();
    }

    private Buffer encode(Object body) {
        try {
            return Buffer.buffer(json.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + body.getClass().getSimpleName(), e);
        }
    }

    private <T> T read(Buffer body, Class<T> type) {
        if (body == null) {
            return null;
        }
        try {
            return json.readValue(body.getBytes(), type);
        } catch (IOException e) {
            LOG.debug("PCF answer is not {}: {}", type.getSimpleName(), e.toString());
            return null;
        }
    }
}
