package io.modelqos.af.store;

import io.modelqos.af.delivery.Delivery;
import io.vertx.core.Future;

import java.util.List;

/**
 * A store that several AF replicas share. Each delivery is owned by one replica, the one that acts on it (NEF calls,
 * timers, webhooks), so that a delivery is still changed by one context at a time, as in a single AF. Another replica
 * that receives a NEF notification or a caller's request for it relays it through the store to the owner.
 * A replica that stops sending heartbeats is taken for dead and its deliveries are adopted by the live replicas,
 * each delivery by exactly one of them.
 *
 * <p>For a shared store, {@link #live()}, {@link #endedSince} and {@link #withUndeliveredEvents()} answer for the
 * deliveries this replica owns; {@link #get} and {@link #byCallbackId} find any delivery, and return a fresh copy
 * (not the owner's instance) for one owned elsewhere. {@link #owns} answers from memory (what this replica holds).
 */
public interface SharedDeliveryStore extends DeliveryStore {

    /** This replica's name in the cluster. */
    String replicaId();

    /** Whether this replica owns the delivery (acts on it). */
    boolean owns(String deliveryId);

    /**
     * Hands a message for a delivery owned by another replica to that replica, durably.
     *
     * @return the message's number, to ask {@link #relayPending} about
     */
    Future<Long> relay(String deliveryId, Relayed.Kind kind, String body);

    /** Whether a relayed message is still waiting for its owner. */
    Future<Boolean> relayPending(long number);

    /** The messages other replicas relayed for deliveries this replica owns, oldest first. */
    Future<List<Relayed>> relayedToMe(int max);

    /** The owner applied (or dropped) a relayed message. */
    Future<Void> relayDone(long number);

    /**
     * Calls {@code wake} (on a thread of the store's) whenever a message may have been relayed to this replica, so that
     * the owner applies it at once rather than at its next poll. Stores that cannot tell never call it.
     */
    default void onRelayedToMe(Runnable wake) {
    }

    /**
     * Calls {@code wake} (on a thread of the store's) whenever an event of the delivery is appended, by whichever replica
     * owns it, so that a stream served elsewhere sends it at once; returns how to stop. Stores that cannot tell never
     * call it.
     */
    default Runnable onEventsAppended(String deliveryId, Runnable wake) {
        return () -> { };
    }

    /** Calls {@code done} (on a thread of the store's) with a relayed message's number once its owner applied it. */
    default void onRelayDone(java.util.function.LongConsumer done) {
    }

    /** Tells the cluster this replica is alive; false when the cluster had taken it for dead (its deliveries are gone). */
    Future<Boolean> heartbeat();

    /**
     * Takes over the deliveries of replicas that stopped sending heartbeats (each delivery is adopted by one replica
     * only); returns the live ones now owned here, to be resumed.
     */
    Future<List<Delivery>> adoptFromDeadReplicas();

    /** A message relayed between replicas: a NEF notification, or a caller's cancel or progress. */
    record Relayed(long number, String deliveryId, Kind kind, String body) {
        public enum Kind { NOTIFICATION, CANCEL, PROGRESS }
    }
}
