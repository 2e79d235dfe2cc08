package io.modelqos.crash;

import io.modelqos.af.Southbound;
import io.modelqos.af.callback.NotificationIntake;
import io.modelqos.af.delivery.NetworkUsage;
import io.modelqos.af.southbound.OpenedSession;
import io.modelqos.af.southbound.QosSessions;
import io.modelqos.af.southbound.SessionRequest;
import io.modelqos.qos.SupportedFeatures;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * A southbound (here the PCF's, over N5) with the crash points of {@link CrashingNefClient} on its sessions:
 * {@code before-nef-create} (the delivery is stored, the network not asked), {@code after-nef-create} (the network
 * made the session, the store does not know it yet), {@code after-nef-delete} (the network deleted it, the store still
 * has the release pending).
 */
final class CrashingSouthbound implements Southbound {
    private final Southbound delegate;
    private final CrashPoint crash;
    private final QosSessions sessions;

    CrashingSouthbound(Southbound delegate, CrashPoint crash) {
        this.delegate = delegate;
        this.crash = crash;
        QosSessions inner = delegate.sessions();
        this.sessions = new QosSessions() {
            @Override
            public Future<OpenedSession> open(SessionRequest request) {
                crash.maybeCrash("before-nef-create", request.callbackId());
                return inner.open(request).map(opened -> {
                    crash.maybeCrash("after-nef-create", opened.session());
                    return opened;
                });
            }

            @Override
            public Future<List<String>> modify(String session, SessionRequest request) {
                return inner.modify(session, request);
            }

            @Override
            public Future<Optional<NetworkUsage>> close(String session) {
                return inner.close(session).map(usage -> {
                    crash.maybeCrash("after-nef-delete", session);
                    return usage;
                });
            }

            @Override
            public Future<List<HeldSession>> list() {
                return inner.list();
            }

            @Override
            public Future<Boolean> holds(String session) {
                return inner.holds(session);
            }

            @Override
            public SupportedFeatures peerFeatures() {
                return inner.peerFeatures();
            }

            @Override
            public Future<Void> check() {
                return inner.check();
            }
        };
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public QosSessions sessions() {
        return sessions;
    }

    @Override
    public void mountCallbacks(Router router, NotificationIntake intake, Handler<RoutingContext> guard) {
        delegate.mountCallbacks(router, intake, guard);
    }

    @Override
    public void callbackBase(URI base) {
        delegate.callbackBase(base);
    }

    @Override
    public void warmUp() {
        delegate.warmUp();
    }
}
