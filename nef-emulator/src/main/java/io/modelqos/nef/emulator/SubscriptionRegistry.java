package io.modelqos.nef.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live subscriptions, kept per scsAsId in creation order. Thread-safe.
 */
final class SubscriptionRegistry {

    private final Map<String, Map<String, Subscription>> byScsAs = new ConcurrentHashMap<>();
    private final Map<String, Subscription> byId = new ConcurrentHashMap<>();

    synchronized void add(Subscription sub) {
        byScsAs.computeIfAbsent(sub.scsAsId, k -> new java.util.LinkedHashMap<>()).put(sub.id, sub);
        byId.put(sub.id, sub);
    }

    /** The subscription if it exists and belongs to {@code scsAsId}. */
    synchronized Optional<Subscription> find(String scsAsId, String id) {
        Map<String, Subscription> subs = byScsAs.get(scsAsId);
        return Optional.ofNullable(subs == null ? null : subs.get(id));
    }

    synchronized Optional<Subscription> remove(String scsAsId, String id) {
        Map<String, Subscription> subs = byScsAs.get(scsAsId);
        Subscription removed = subs == null ? null : subs.remove(id);
        if (removed != null) {
            byId.remove(id);
            if (subs.isEmpty()) {
                byScsAs.remove(scsAsId);
            }
        }
        return Optional.ofNullable(removed);
    }

    synchronized List<Subscription> list(String scsAsId) {
        Map<String, Subscription> subs = byScsAs.get(scsAsId);
        return subs == null ? List.of() : new ArrayList<>(subs.values());
    }

    synchronized List<Subscription> all() {
        List<Subscription> out = new ArrayList<>();
        byScsAs.values().forEach(m -> out.addAll(m.values()));
        return out;
    }

    int count() {
        return byId.size();
    }

    /** Live subscriptions per scsAsId, sorted by scsAsId. */
    synchronized Map<String, Integer> countsByScsAs() {
        Map<String, Integer> out = new TreeMap<>();
        byScsAs.forEach((scsAs, subs) -> out.put(scsAs, subs.size()));
        return out;
    }
}
