package io.modelqos.client.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

/** The most recent event keys, up to a fixed number; the oldest is forgotten first. Thread-safe. */
final class RecentIds {

    private final Map<String, Boolean> keys;

    RecentIds(int capacity) {
        this.keys = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Records the key; false when it was already recorded (a duplicate). */
    synchronized boolean claim(String key) {
        return keys.putIfAbsent(key, Boolean.TRUE) == null;
    }

    /** Forgets the key, so that the same event is handled again when it is sent again. */
    synchronized void release(String key) {
        keys.remove(key);
    }

    synchronized int size() {
        return keys.size();
    }
}
