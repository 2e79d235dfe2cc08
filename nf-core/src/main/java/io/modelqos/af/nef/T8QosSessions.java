package io.modelqos.af.nef;

import io.modelqos.af.delivery.NetworkUsage;
import io.modelqos.qos.SupportedFeatures;
import io.modelqos.af.southbound.OpenedSession;
import io.modelqos.af.southbound.QosSessions;
import io.modelqos.af.southbound.SessionFailure;
import io.modelqos.af.southbound.SessionUris;
import io.modelqos.af.southbound.SessionRequest;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The engine's southbound port over the NEF's AsSessionWithQoS API (TS 29.122, Nnef / T8): a session is a
 * subscription, named by its resource URI. The T8 wire format stays in this package.
 */
public final class T8QosSessions implements QosSessions {
    private static final Logger LOG = LoggerFactory.getLogger(T8QosSessions.class);

    private final AsSessionWithQosClient nef;
    private final NotificationAddress notifications;

    public T8QosSessions(AsSessionWithQosClient nef, NotificationAddress notifications) {
        this.nef = nef;
        this.notifications = notifications;
    }

    @Override
    public Future<OpenedSession> open(SessionRequest request) {
        var body = SubscriptionRequests.create(request.plan(), request.delivery(), notifications.of(request.callbackId()),
                request.features(), request.monitoring());
        return nef.create(body).transform(ar -> {
            if (ar.failed()) {
                return Future.failedFuture(failure(ar.cause()));
            }
            NefSubscription created = ar.result();
            List<String> carried = CarriedQos.of(body, created.body());
            if (carried.isEmpty()) {
                LOG.warn("NEF created {} without the QoS the AF asked for (none of {} in its answer)", created.uri(),
                        CarriedQos.all(body));
            }
            // A 201 does not say which option the network allocated: SUCCESSFUL_RESOURCES_ALLOCATION does.
            return Future.succeededFuture(new OpenedSession(created.uri().toString(), null,
                    answeredFeatures(created.body() == null ? null : created.body().getSupportedFeatures()), carried));
        });
    }

    @Override
    public Future<List<String>> modify(String session, SessionRequest request) {
        var body = SubscriptionRequests.create(request.plan(), request.delivery(), notifications.of(request.callbackId()),
                request.features(), request.monitoring());
        return SessionUris.parse(session).compose(uri -> nef.replace(uri, body)).transform(ar -> {
            if (ar.failed()) {
                return Future.failedFuture(failure(ar.cause()));
            }
            // 204: the NEF holds the representation as sent; 200: as its answer shows it.
            List<String> carried = ar.result().isEmpty() ? CarriedQos.all(body) : CarriedQos.of(body, ar.result().get());
            if (carried.isEmpty()) {
                LOG.warn("NEF replaced {} without the QoS the AF asked for (none of {} in its answer)", session,
                        CarriedQos.all(body));
            }
            return Future.succeededFuture(carried);
        });
    }

    @Override
    public Future<Optional<NetworkUsage>> close(String session) {
        return SessionUris.parse(session).compose(nef::delete).transform(ar -> {
            if (ar.succeeded()) {
                return Future.succeededFuture(ar.result().flatMap(T8NetworkEvents::finalUsage));
            }
            if (ar.cause() instanceof NefProblemException p && p.status() == 404) {
                return Future.succeededFuture(Optional.empty()); // the NEF no longer holds it: nothing is reserved
            }
            if (ar.cause() instanceof NefProtocolException p && p.succeededAtNef()) {
                return Future.succeededFuture(Optional.empty()); // a 2xx deleted it, whatever came with it
            }
            return Future.failedFuture(failure(ar.cause()));
        });
    }

    @Override
    public Future<Boolean> holds(String session) {
        return SessionUris.parse(session).compose(nef::read).transform(ar -> {
            if (ar.succeeded()) {
                return Future.succeededFuture(true);
            }
            if (ar.cause() instanceof NefProblemException p && p.status() == 404) {
                return Future.succeededFuture(false);
            }
            if (ar.cause() instanceof NefProtocolException p && p.succeededAtNef()) {
                return Future.succeededFuture(true); // a 2xx: the NEF holds it, whatever its body lacked
            }
            return Future.failedFuture(failure(ar.cause()));
        });
    }

    @Override
    public Future<List<HeldSession>> list() {
        return nef.list(Optional.empty()).transform(ar -> {
            if (ar.failed()) {
                return Future.failedFuture(failure(ar.cause()));
            }
            List<NefSubscription> listed = ar.result();
            io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
            // A long list (a NEF holding tens of thousands of subscriptions) is read on a worker, as it was decoded:
            // on the event loop it held the loop up to 60 ms at 60,000 (ReconciliationAtScaleTest, a slow moment).
            if (context != null && listed.size() > HELD_ON_WORKER) {
                return context.executeBlocking(() -> held(listed), false);
            }
            return Future.succeededFuture(held(listed));
        });
    }

    /** Above this many listed subscriptions, {@link #list} maps them on a worker. */
    static final int HELD_ON_WORKER = 1_000;

    private static List<HeldSession> held(List<NefSubscription> listed) {
        return listed.stream().map(s -> new HeldSession(s.uri().toString(),
                NotificationAddress.callbackIdOf(s.body() == null ? null : s.body().getNotificationDestination())))
                .toList();
    }

    @Override
    public SupportedFeatures peerFeatures() {
        String negotiated = nef.negotiatedFeatures();
        return negotiated == null ? null : answeredFeatures(negotiated);
    }

    /**
     * The features an answer names: {@code supportedFeatures} is how the NEF says which of the AF's it supports, so an
     * answer without it supports none of them (TS 29.122 feature negotiation), for this session and every later one.
     */
    static SupportedFeatures answeredFeatures(String supportedFeatures) {
        if (supportedFeatures == null || supportedFeatures.isEmpty()) {
            return SupportedFeatures.NONE;
        }
        try {
            return SupportedFeatures.parse(supportedFeatures);
        } catch (IllegalArgumentException e) {
            LOG.warn("NEF answered an unreadable supportedFeatures '{}': taken as none", supportedFeatures);
            return SupportedFeatures.NONE;
        }
    }

    @Override
    public Future<Void> check() {
        return nef.list(Optional.of("0.0.0.0")).mapEmpty();
    }

    /** A NEF client's failure in the engine's terms. */
    static Throwable failure(Throwable cause) {
        if (cause instanceof NefProblemException p) {
            String nefCause = p.problemCause().orElse(null);
            String offered = p.status() == 403 ? acceptableRateDl(p) : null;
            if (offered != null) {
                return new SessionFailure(SessionFailure.Kind.COUNTER_OFFER, p.getMessage(), nefCause, offered, p);
            }
            SessionFailure.Kind kind = p.status() == 404 ? SessionFailure.Kind.GONE
                    // 401: the NEF refused the AF's credentials, not the QoS; the operator must see a NEF error.
                    : p.status() >= 500 || p.status() == 429 || p.status() == 401 ? SessionFailure.Kind.PEER_ERROR
                    : SessionFailure.Kind.REJECTED;
            return new SessionFailure(kind, p.getMessage(), nefCause != null ? nefCause : "HTTP_" + p.status(), null, p);
        }
        if (cause instanceof NefUnavailableException u) {
            return u.timedOut()
                    ? new SessionFailure(SessionFailure.Kind.TIMEOUT, u.getMessage(), "NEF_TIMEOUT", null, u)
                    : new SessionFailure(SessionFailure.Kind.UNAVAILABLE, u.getMessage(), "NEF_UNREACHABLE", null, u);
        }
        return cause;
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
}
