package io.modelqos.af.delivery;

import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One instance for values that thousands of live deliveries repeat: model and variant names, precisions, QoS
 * references, rates, tenants, the AI/ML server's webhook URI. A live delivery is held for its whole life (100,000 at
 * once is the target), so a copy of each per delivery is most of its heap.
 */
final class Shared {
    /** Beyond this many distinct URIs the pool stops growing (they are then probably not shared). */
    private static final int MAX_URIS = 10_000;
    private static final ConcurrentHashMap<URI, URI> URIS = new ConcurrentHashMap<>();

    private Shared() {
    }

    /** The canonical copy of a short repeated string (the JVM's string pool, whose entries are collected when unused). */
    static String text(String value) {
        return value == null ? null : value.intern();
    }

    static URI uri(URI value) {
        if (value == null) {
            return null;
        }
        URI shared = URIS.get(value);
        if (shared != null) {
            return shared;
        }
        if (URIS.size() >= MAX_URIS) {
            return value;
        }
        URI raced = URIS.putIfAbsent(value, value);
        return raced != null ? raced : value;
    }
}
