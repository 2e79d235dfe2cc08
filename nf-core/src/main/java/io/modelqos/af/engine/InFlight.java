package io.modelqos.af.engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The deliveries whose session the network is opening right now, in this process: written by each shard for its own
 * deliveries, read by the reconciliation (which judges none of them).
 */
public final class InFlight {
    private final Set<String> opening = ConcurrentHashMap.newKeySet();

    void add(String deliveryId) {
        opening.add(deliveryId);
    }

    void remove(String deliveryId) {
        opening.remove(deliveryId);
    }

    boolean opening(String deliveryId) {
        return opening.contains(deliveryId);
    }
}
