package io.modelqos.af.store;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryState;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the AF keeps its deliveries, indexed the ways the AF looks them up: by id, by the callback id the
 * NEF notifies, by a tenant's idempotency key, and by UE and state for listing; and the outbox of each
 * delivery's events for the AI/ML server, with how far its webhook has got.
 *
 * <p>Durability: when a mutating method returns, what it wrote survives a crash of the process (for a persistent
 * store). {@link #get} and {@link #byCallbackId} return the same instance for the same delivery as long as the
 * AF holds it, so that the one-context confinement of {@link Delivery} holds across look-ups.
 *
 * <p>Every implementation passes the one contract test ({@code DeliveryStoreContract} in the tests).
 */
public interface DeliveryStore extends io.modelqos.af.events.EventLog, AutoCloseable {

    /** Inserts or updates a delivery (write-ahead: called before and after each NEF exchange). */
    void put(Delivery delivery);

    Optional<Delivery> get(String deliveryId);

    Optional<Delivery> byCallbackId(String callbackId);

    /** The delivery an idempotency key made, with the fingerprint of the body it was made from. */
    Optional<IdempotentCreate> idempotentCreate(String tenant, String key);

    void rememberIdempotentCreate(String tenant, String key, IdempotentCreate create);

    /** One page of a tenant's deliveries, newest first; filters are optional (null). */
    Page list(String tenant, String ueKey, DeliveryState state, int pageSize, String pageToken);

    /** Deliveries not yet in a final state, or whose NEF subscription still has to be released. */
    List<Delivery> live();

    /** A tenant's live deliveries (for a shared store: on every replica), e.g. to sum the GBR it holds. */
    default List<Delivery> liveOf(String tenant) {
        return live().stream().filter(d -> d.tenant().equals(tenant)).toList();
    }

    /** The deliveries that ended (and whose release is done) at or after {@code since}, oldest first. */
    List<Delivery> endedSince(Instant since);

    /** Forgets ended deliveries older than {@code before}, with their events; returns how many were removed. */
    int purgeEndedBefore(Instant before);

    // ---------------------------------------------------------------- the outbox of events (see EventLog)

    /** The deliveries that have events after their delivered-up-to cursor. */
    List<String> withUndeliveredEvents();

    /**
     * Lets the store group its commits: a mutating call may then return before its write is durable, and the store
     * commits everything written during one turn of the AF's event loop at once, at the end of that turn
     * ({@code endOfTurn} runs a task after the current one) or at the next {@link #flush()}, whichever comes first.
     * The AF calls {@link #flush()} before every effect outside the process that must follow a write (a NEF request,
     * an HTTP answer, an event sent), so write-ahead and "acknowledged means stored" still hold.
     * Stores that commit every call at once ignore this.
     */
    default void groupCommits(java.util.concurrent.Executor endOfTurn) {
    }

    /** Makes every write so far durable now (a no-op for stores that commit every call at once). */
    default void flush() {
    }

    /**
     * Completes once every write so far is durable: with grouped commits, at the commit that ends the event-loop turn,
     * shared by everything written meanwhile (the AF waits on this before its effects outside the process, so one
     * commit serves all the deliveries of a busy turn); at once otherwise. Call on the AF's context.
     */
    @Override
    default io.vertx.core.Future<Void> flushed() {
        flush();
        return io.vertx.core.Future.succeededFuture();
    }

    /** Whether what the store holds outlives the process (the AF then reconciles with the NEF at start). */
    default boolean durable() {
        return false;
    }

    /** Whether the store answers (for readiness). */
    boolean ping();

    @Override
    void close();

    record IdempotentCreate(String bodyFingerprint, String deliveryId) {
    }

    record Page(List<Delivery> items, String nextPageToken) {
    }
}
