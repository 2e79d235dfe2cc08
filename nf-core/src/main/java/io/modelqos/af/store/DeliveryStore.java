package io.modelqos.af.store;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryState;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the AF keeps its deliveries, indexed the ways the AF looks them up: by id, by the callback id the
 * NEF notifies, by a tenant's idempotency key, and by UE and state for listing.
 */
public interface DeliveryStore extends AutoCloseable {

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

    /** Forgets ended deliveries older than {@code before}; returns how many were removed. */
    int purgeEndedBefore(Instant before);

    /** Whether the store answers (for readiness). */
    boolean ping();

    @Override
    void close();

    record IdempotentCreate(String bodyFingerprint, String deliveryId) {
    }

    record Page(List<Delivery> items, String nextPageToken) {
    }
}
