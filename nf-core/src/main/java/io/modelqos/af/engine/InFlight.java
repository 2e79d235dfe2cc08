package io.modelqos.af.engine;

import java.util.HashSet;
import java.util.Set;

/** The deliveries whose session the network is opening right now, in this process. */
final class InFlight {
    private final Set<String> opening = new HashSet<>();

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
