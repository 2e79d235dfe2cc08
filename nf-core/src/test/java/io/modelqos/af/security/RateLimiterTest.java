package io.modelqos.af.security;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Verifies the per-tenant token buckets on a clock the test moves. */
class RateLimiterTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Test
    void allowsABurstThenTheSustainedRate() {
        RateLimiter limiter = new RateLimiter(10, 5, nanos::get);
        for (int i = 0; i < 5; i++) {
            assertEquals(0, limiter.acquire("a"), "request " + i + " of the burst");
        }
        long wait = limiter.acquire("a");
        assertTrue(wait > 0 && wait <= 100, "the next token comes within 100 ms: " + wait);
        nanos.addAndGet(100_000_000L);
        assertEquals(0, limiter.acquire("a"));
        assertTrue(limiter.acquire("a") > 0);
    }

    @Test
    void tenantsHaveBucketsOfTheirOwn() {
        RateLimiter limiter = new RateLimiter(1, 1, nanos::get);
        assertEquals(0, limiter.acquire("a"));
        assertTrue(limiter.acquire("a") >= 999);
        assertEquals(0, limiter.acquire("b"));
    }

    @Test
    void forgetsTenantsWhoseBucketIsFullAgain() {
        RateLimiter limiter = new RateLimiter(100, 10, nanos::get);
        for (int i = 0; i < 2000; i++) {
            limiter.acquire("tenant-" + i);
            nanos.addAndGet(1_000_000L); // 1 ms: each bucket refills within 10 ms
        }
        assertTrue(limiter.trackedTenants() < 1100, "idle tenants were forgotten: " + limiter.trackedTenants());
    }

    @Test
    void zeroMeansNoLimit() {
        RateLimiter limiter = new RateLimiter(0, 1, nanos::get);
        for (int i = 0; i < 10_000; i++) {
            assertEquals(0, limiter.acquire("a"));
        }
        assertTrue(limiter.unlimited());
    }
}
