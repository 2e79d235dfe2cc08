package io.modelqos.af.northbound;

import io.modelqos.af.problem.AfProblem;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds the open event streams (SSE), per tenant and per delivery: each open stream holds a connection and a
 * subscription for as long as the caller keeps it, so an unbounded number lets one tenant, or one delivery's
 * watchers, take the AF's connections. Streams are served on several shards, so the counts are shared.
 */
final class EventStreamLimits {
    private final int perTenant;
    private final int perDelivery;
    /** Open streams by tenant and by delivery; a key whose count falls to 0 goes. */
    private final ConcurrentHashMap<String, Integer> ofTenant = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> ofDelivery = new ConcurrentHashMap<>();

    EventStreamLimits(int perTenant, int perDelivery) {
        this.perTenant = perTenant;
        this.perDelivery = perDelivery;
    }

    /**
     * Takes a place for one more stream of the tenant's delivery; returns how to give it back (once, whoever calls).
     *
     * @throws AfProblem rate-limited (429) when the tenant or the delivery has all its streams open
     */
    Runnable take(String tenant, String deliveryId) {
        if (increment(ofTenant, tenant) > perTenant) {
            decrement(ofTenant, tenant);
            throw AfProblem.rateLimited("tenant " + tenant + " has " + perTenant + " event streams open, the most it "
                    + "may (limits.eventStreamsPerTenant); close one first", 1);
        }
        if (increment(ofDelivery, deliveryId) > perDelivery) {
            decrement(ofDelivery, deliveryId);
            decrement(ofTenant, tenant);
            throw AfProblem.rateLimited("delivery " + deliveryId + " has " + perDelivery + " event streams open, the "
                    + "most it may (limits.eventStreamsPerDelivery); close one first", 1);
        }
        AtomicBoolean given = new AtomicBoolean();
        return () -> {
            if (given.compareAndSet(false, true)) {
                decrement(ofDelivery, deliveryId);
                decrement(ofTenant, tenant);
            }
        };
    }

    /** Open streams of a tenant. */
    int openOf(String tenant) {
        return ofTenant.getOrDefault(tenant, 0);
    }

    private static int increment(ConcurrentHashMap<String, Integer> counts, String key) {
        return counts.merge(key, 1, Integer::sum);
    }

    private static void decrement(ConcurrentHashMap<String, Integer> counts, String key) {
        counts.computeIfPresent(key, (k, open) -> open <= 1 ? null : open - 1);
    }
}
