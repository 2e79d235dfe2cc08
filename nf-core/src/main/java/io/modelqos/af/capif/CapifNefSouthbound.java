package io.modelqos.af.capif;

import io.modelqos.af.Southbound;
import io.modelqos.af.callback.NotificationIntake;
import io.modelqos.af.nef.NefSouthbound;
import io.modelqos.af.southbound.QosSessions;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.net.URI;

/** The NEF reached through CAPIF: the NEF's southbound, with CAPIF's own notifications received beside the NEF's. */
final class CapifNefSouthbound implements Southbound {
    private final NefSouthbound nef;
    private final CapifNotificationEndpoint capifNotifications;

    CapifNefSouthbound(NefSouthbound nef, CapifConnection connection) {
        this.nef = nef;
        this.capifNotifications = new CapifNotificationEndpoint(connection);
    }

    @Override
    public String name() {
        return nef.name();
    }

    @Override
    public QosSessions sessions() {
        return nef.sessions();
    }

    /** The NEF's callbacks behind {@code guard} (the NEF's credentials); CAPIF's notifications, from another peer, not. */
    @Override
    public void mountCallbacks(Router router, NotificationIntake intake, Handler<RoutingContext> guard) {
        nef.mountCallbacks(router, intake, guard);
        capifNotifications.mount(router);
    }

    @Override
    public void callbackBase(URI base) {
        nef.callbackBase(base);
    }

    @Override
    public void warmUp() {
        nef.warmUp();
    }

    @Override
    public JsonObject readinessDetails() {
        return nef.readinessDetails();
    }
}
