package io.modelqos.af.engine;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The AF's cap on live deliveries whose data rate the network reports (QoS monitoring), shared by every shard: a
 * delivery holds a slot while it is monitored, and a new one is monitored only while a slot is free. Thread-safe.
 *
 * <p>Each monitored delivery costs the network a report every period and the AF a notification to take, so the cap
 * bounds that load whatever the number of live deliveries; the others rely on usage reports and the model server's
 * progress.
 */
public final class MonitoringSlots {
    private final int max;
    private final AtomicInteger held = new AtomicInteger();

    /** @param max how many deliveries may be monitored at once (0: none) */
    public MonitoringSlots(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative, was " + max);
        }
        this.max = max;
    }

    /** Takes a slot if one is free; false when all {@link #max()} are held. */
    boolean tryTake() {
        while (true) {
            int now = held.get();
            if (now >= max) {
                return false;
            }
            if (held.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /**
     * Takes a slot whatever the cap: for a delivery the network monitors already (resumed after a restart, or adopted),
     * which costs its reports whether counted or not. Until enough end, no new delivery is monitored.
     */
    void occupy() {
        held.incrementAndGet();
    }

    /** Gives back a slot {@link #tryTake} or {@link #occupy} took. */
    void giveBack() {
        if (held.decrementAndGet() < 0) {
            held.incrementAndGet();
            throw new IllegalStateException("a monitoring slot was given back that was never taken");
        }
    }

    /** How many slots are held now. */
    public int held() {
        return held.get();
    }

    /** The cap. */
    public int max() {
        return max;
    }
}
