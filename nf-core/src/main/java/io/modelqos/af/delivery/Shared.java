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

    /**
     * Slots for {@link #text}, by the string's hash: a value finds its copy there, or takes the slot. A value seen by
     * every delivery keeps its slot; a value seen once (a UE address) takes one for a while. The races of two threads
     * are harmless: a string is immutable, and the worst a lost write costs is one more copy.
     */
    private static final String[] TEXTS = new String[4096];

    /**
     * The shared copy of a short string that deliveries repeat. {@code String.intern} did this before, but it is a
     * call into the JVM's string table, twenty a delivery, about 1 % of the event loops' CPU under create+delete.
     */
    static String text(String value) {
        if (value == null) {
            return null;
        }
        int slot = value.hashCode() & (TEXTS.length - 1);
        String shared = TEXTS[slot];
        if (value.equals(shared)) {
            return shared;
        }
        TEXTS[slot] = value;
        return value;
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
