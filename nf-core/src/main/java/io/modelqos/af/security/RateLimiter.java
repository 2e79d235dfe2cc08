package io.modelqos.af.security;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per tenant: {@code burst} requests at once, refilled at {@code perSecond}. A tenant whose bucket is
 * full again is forgotten (a new bucket would be full too), so the map holds only the tenants active lately, and never
 * more than {@link #MAX_TENANTS}: at that size full buckets are dropped at once, and a new tenant is refused while
 * none is.
 *
 * <pre>{@code
 * RateLimiter limiter = new RateLimiter(50, 100, System::nanoTime);
 * long waitMs = limiter.acquire("tenant-a");   // 0 = go ahead; else retry after waitMs
 * }</pre>
 */
public final class RateLimiter {
    static final int MAX_TENANTS = 100_000;
    private static final int SWEEP_EVERY = 1024;

    private final double perSecond;
    private final double burst;
    private final LongSupplier nanos;
    private final Map<String, Bucket> buckets = new HashMap<>(); // guarded by this
    private int sinceSweep;                                       // guarded by this

    private static final class Bucket {
        double tokens;
        long updatedNanos;
    }

    /** @param perSecond sustained rate; 0 or less = no limit */
    public RateLimiter(double perSecond, int burst, LongSupplier nanos) {
        this.perSecond = perSecond;
        this.burst = Math.max(1, burst);
        this.nanos = nanos;
    }

    public boolean unlimited() {
        return perSecond <= 0;
    }

    public double perSecond() {
        return perSecond;
    }

    /** Takes one token of {@code tenant}'s bucket: 0 when there was one, else the milliseconds until there is. */
    public synchronized long acquire(String tenant) {
        if (unlimited()) {
            return 0;
        }
        long now = nanos.getAsLong();
        if (++sinceSweep >= SWEEP_EVERY) {
            sinceSweep = 0;
            sweep(now);
        }
        Bucket bucket = buckets.get(tenant);
        if (bucket == null) {
            if (buckets.size() >= MAX_TENANTS) {
                sweep(now);
                if (buckets.size() >= MAX_TENANTS) {
                    return 1000;
                }
            }
            bucket = new Bucket();
            bucket.tokens = burst;
            bucket.updatedNanos = now;
            buckets.put(tenant, bucket);
        }
        refill(bucket, now);
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - bucket.tokens) * 1000 / perSecond));
    }

    synchronized int trackedTenants() {
        return buckets.size();
    }

    private void refill(Bucket bucket, long now) {
        double elapsedS = Math.max(0, now - bucket.updatedNanos) / 1e9;
        bucket.tokens = Math.min(burst, bucket.tokens + elapsedS * perSecond);
        bucket.updatedNanos = now;
    }

    private void sweep(long now) {
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
            Bucket b = it.next();
            refill(b, now);
            if (b.tokens >= burst) {
                it.remove();
            }
        }
    }
}
