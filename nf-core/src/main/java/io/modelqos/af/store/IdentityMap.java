package io.modelqos.af.store;

import io.modelqos.af.delivery.Delivery;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The instance the AF holds for each delivery a persistent store handed out, so that every look-up returns that one
 * instance (a delivery is changed by one context only, whether a timer, a create in flight or a notification reaches
 * it). Held weakly: a delivery nothing refers to any more is read back from the store next time.
 */
final class IdentityMap {
    private final Map<String, Ref> refs = new ConcurrentHashMap<>();
    private final ReferenceQueue<Delivery> collected = new ReferenceQueue<>();

    /** The instance held for the delivery, or null. */
    Delivery get(String id) {
        Ref ref = refs.get(id);
        return ref == null ? null : ref.get();
    }

    /** The instance already held for {@code d}'s delivery if there is one, else {@code d}, which is held from now on. */
    synchronized Delivery holdUnlessHeld(Delivery d) {
        Delivery held = get(d.id());
        if (held != null) {
            return held;
        }
        hold(d);
        return d;
    }

    /** Holds {@code d} as its delivery's instance (it was just written, so it is the one in use). */
    synchronized void hold(Delivery d) {
        Ref stale;
        while ((stale = (Ref) collected.poll()) != null) {
            refs.remove(stale.id, stale);
        }
        Ref current = refs.get(d.id());
        if (current == null || current.get() != d) {
            refs.put(d.id(), new Ref(d, collected));
        }
    }

    void forget(String id) {
        refs.remove(id);
    }

    private static final class Ref extends WeakReference<Delivery> {
        final String id;

        Ref(Delivery d, ReferenceQueue<Delivery> queue) {
            super(d, queue);
            this.id = d.id();
        }
    }
}
