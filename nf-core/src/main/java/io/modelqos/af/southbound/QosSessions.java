package io.modelqos.af.southbound;

import io.modelqos.af.delivery.NetworkUsage;
import io.modelqos.qos.SupportedFeatures;
import io.vertx.core.Future;

import java.util.List;
import java.util.Optional;

/**
 * The network as the delivery engine sees it: QoS sessions for its deliveries' plans. A session is named by the
 * reference its adapter gave back (for the NEF, the subscription's resource URI), which the engine keeps as text.
 *
 * <p>Failures are {@link SessionFailure}s. An adapter never retries a call blindly: an open whose answer was lost is
 * found again at the network before it is repeated, so that a delivery never holds two sessions.
 * The events of a session reach the engine as {@link NetworkEvent}s, through the adapter's own notification endpoint.
 */
public interface QosSessions {

    /**
     * Opens a session for the plan: its reference, the option the network applied when it already says, the features it
     * answered, and which of the plan's options its answer carries.
     */
    Future<OpenedSession> open(SessionRequest request);

    /**
     * Replaces an open session's QoS by the request's plan: the refs of the plan's options the network's answer carries,
     * in the plan's order (all of them when it answered without a representation; empty when its answer shows none).
     */
    Future<List<String>> modify(String session, SessionRequest request);

    /**
     * Closes a session: the network's final usage when it gave one. Succeeds whenever the network said the session is
     * gone, whatever else its answer held, and when it no longer holds the session (nothing is left reserved either
     * way); fails when that cannot be told, so the close is retried.
     */
    Future<Optional<NetworkUsage>> close(String session);

    /**
     * The sessions the network lists for this AF, each with the callback id it notifies (null when its address is not
     * shaped like one of this AF's callbacks), to reconcile the store with the network after a restart. A network may
     * list sessions of other applications too: the engine closes only those its store proves its own.
     */
    Future<List<HeldSession>> list();

    /**
     * Whether the network still holds {@code session}: true or false when its answer says so (the session, or "not
     * found"), failing when that cannot be told. A list is no proof that a session is gone (a NEF may leave some out,
     * or list under another SCS/AS id than the one a session was made under): the engine asks this before it ends a
     * delivery, or forgets a release, for a session the list did not name.
     */
    Future<Boolean> holds(String session);

    /**
     * The features the network supports, narrowed to the AF's, as its last answer to an open said (an answer that named
     * none: none); null only before any answer.
     */
    SupportedFeatures peerFeatures();

    /** Whether the network answers (for readiness). */
    Future<Void> check();

    /**
     * A session the network listed: its reference, and the callback id at the end of the address it notifies, or null.
     * The id is only a claim: it makes the session this AF's when the store holds a delivery with that id.
     */
    record HeldSession(String session, String callbackId) {
    }
}
