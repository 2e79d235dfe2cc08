package io.modelqos.af;

import io.modelqos.af.callback.NotificationIntake;
import io.modelqos.af.southbound.QosSessions;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.net.URI;

/**
 * One network interface the AF gets its QoS through, as the composition root assembles it: the sessions the engine
 * drives (its southbound port) and the endpoint where that network's notifications arrive. There is one per interface:
 * TS 29.122 AsSessionWithQoS towards the NEF, TS 29.514 Npcf_PolicyAuthorization towards the PCF. The engine sees
 * only {@link #sessions()}.
 */
public interface Southbound {

    /** The network function it reaches, as readiness and the logs name it: "nef", "pcf". */
    String name();

    /** The engine's port onto this network. */
    QosSessions sessions();

    /**
     * Mounts the endpoint the network notifies. It reads the network's wire format into the engine's events and hands
     * them to {@code intake}; {@code guard} (null: none configured) checks the caller before any body is read.
     */
    void mountCallbacks(Router router, NotificationIntake intake, Handler<RoutingContext> guard);

    /** Where the network reaches the callback endpoint; known once the AF's listener is bound, before any delivery. */
    void callbackBase(URI base);

    /**
     * Pays Jackson's first look at the adapter's wire types (tens to hundreds of milliseconds) on the calling thread, a
     * worker at start, so that no event loop pays it with the first session. A failure only costs that first session.
     */
    default void warmUp() {
    }

    /**
     * What readiness shows besides the network's state, e.g. the CAPIF invoker and the exposing function in use;
     * null for nothing.
     */
    default io.vertx.core.json.JsonObject readinessDetails() {
        return null;
    }
}
