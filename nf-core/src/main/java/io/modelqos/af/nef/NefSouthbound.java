package io.modelqos.af.nef;

import io.modelqos.af.Southbound;
import io.modelqos.af.callback.NotificationIntake;
import io.modelqos.af.southbound.QosSessions;
import io.modelqos.af.json.AfJson;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.net.URI;

/** The NEF as the AF's network: TS 29.122 AsSessionWithQoS (Nnef / T8), with its notifications under {@value NotificationAddress#PATH}. */
public final class NefSouthbound implements Southbound {
    private final NotificationAddress address = new NotificationAddress();
    private final T8QosSessions sessions;
    private final java.util.function.Supplier<io.vertx.core.json.JsonObject> details;

    public NefSouthbound(AsSessionWithQosClient nef) {
        this(nef, () -> null);
    }

    /** @param details what readiness shows about how the NEF is reached (e.g. through CAPIF), or null */
    public NefSouthbound(AsSessionWithQosClient nef, java.util.function.Supplier<io.vertx.core.json.JsonObject> details) {
        this.sessions = new T8QosSessions(nef, address);
        this.details = details;
    }

    @Override
    public io.vertx.core.json.JsonObject readinessDetails() {
        return details.get();
    }

    @Override
    public String name() {
        return "nef";
    }

    @Override
    public QosSessions sessions() {
        return sessions;
    }

    @Override
    public void mountCallbacks(Router router, NotificationIntake intake, Handler<RoutingContext> guard) {
        new NefNotificationEndpoint(intake, AfJson.mapper(), guard).mount(router);
    }

    @Override
    public void callbackBase(URI base) {
        address.base(base);
    }
}
