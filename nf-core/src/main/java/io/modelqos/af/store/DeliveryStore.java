package io.modelqos.af.store;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryState;
import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the AF keeps its deliveries, indexed the ways the AF looks them up: by id, by the callback id the
 * NEF notifies, by a tenant's idempotency key, and by UE and state for listing; and the outbox of each
 * delivery's events for the AI/ML server, with how far its webhook has got.
 *
 * <p>Every call answers with a {@link Future} and none waits on the calling thread, which is an event loop of the AF:
 * a store that does I/O (PostgreSQL) does it asynchronously, and the in-process stores answer at once from memory.
 * A future completes on the caller's Vert.x context, so that a shard's deliveries stay confined to their shard.
 *
 * <p>Durability: the future of a mutating call completes once what it wrote survives a crash of the process (for a
 * persistent store). Writes of one delivery are applied in the order they were made. {@link #get} and
 * {@link #byCallbackId} give the same instance for the same delivery as long as the AF holds it, so that the
 * one-context confinement of {@link Delivery} holds across look-ups.
 *
 * <p>Every implementation passes the one contract test ({@code DeliveryStoreContract} in the tests).
 */
public interface DeliveryStore extends io.modelqos.af.events.EventLog, AutoCloseable {

    /**
     * Inserts or updates a delivery (write-ahead: called before and after each NEF exchange). What is written is the
     * delivery as it is at the call; the future completes once that is durable.
     */
    Future<Void> put(Delivery delivery);

    Future<Optional<Delivery>> get(String deliveryId);

    Future<Optional<Delivery>> byCallbackId(String callbackId);

    /** The delivery an idempotency key made, with the fingerprint of the body it was made from. */
    Future<Optional<IdempotentCreate>> idempotentCreate(String tenant, String key);

    Future<Void> rememberIdempotentCreate(String tenant, String key, IdempotentCreate create);

    /**
     * One page of a tenant's deliveries, newest first; filters are optional (null). Fails with an invalid-request
     * problem naming {@code pageToken} when the token is not one this AF issued.
     */
    Future<Page> list(String tenant, String ueKey, DeliveryState state, int pageSize, String pageToken);

    /** Deliveries not yet in a final state, or whose NEF subscription still has to be released. */
    Future<List<Delivery>> live();

    /** A tenant's live deliveries (for a shared store: on every replica), e.g. to sum the GBR it holds. */
    default Future<List<Delivery>> liveOf(String tenant) {
        return live().map(all -> all.stream().filter(d -> d.tenant().equals(tenant)).toList());
    }

    /** The deliveries that ended (and whose release is done) at or after {@code since}, oldest first. */
    Future<List<Delivery>> endedSince(Instant since);

    /** Forgets ended deliveries older than {@code before}, with their events; answers the ids of those removed. */
    Future<List<String>> purgeEndedBefore(Instant before);

    // ---------------------------------------------------------------- the outbox of events (see EventLog)

    /** The deliveries that have events after their delivered-up-to cursor. */
    Future<List<String>> withUndeliveredEvents();

    /**
     * Tells {@code observer} how long each commit took (the time from asking for it to its being durable), for the
     * metrics; a store without commits of its own tells nothing.
     */
    default void observeCommits(java.util.function.Consumer<java.time.Duration> observer) {
    }

    /**
     * Lets the store group its commits: a mutating call's future then completes at the commit that ends the event
     * loop's turn ({@code endOfTurn} runs a task after the current one), shared by everything written during that turn.
     * Stores that commit every call on its own ignore this.
     */
    default void groupCommits(java.util.concurrent.Executor endOfTurn) {
    }

    /**
     * Completes once every write made so far is durable, failing when one of them failed. The AF waits on this before
     * each effect outside the process that must follow a write (a NEF request, an HTTP answer, an event sent), so
     * write-ahead and "acknowledged means stored" hold. Call on the AF's context. A store may keep a webhook cursor's
     * move ({@link #markDelivered}) out of it and write it within a second: losing one only sends events again.
     */
    @Override
    Future<Void> flushed();

    /** Whether what the store holds outlives the process (the AF then reconciles with the NEF at start). */
    default boolean durable() {
        return false;
    }

    /** Whether the store answers (for readiness). */
    Future<Boolean> ping();

    @Override
    void close();

    record IdempotentCreate(String bodyFingerprint, String deliveryId) {
    }

    record Page(List<Delivery> items, String nextPageToken) {
    }
}
