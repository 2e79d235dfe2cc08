package io.modelqos.app.demo;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenBucketTest {

    @Test
    void neverLetsMoreThanTheBurstPlusTheRateThrough() throws InterruptedException {
        double rate = 100_000_000;   // 100 MB/s
        // Before the bucket: tokens accrue from its making on, and a start taken after it missed those nanoseconds
        // (the bound below failed once by 8 ns on a busy machine).
        long start = System.nanoTime();
        TokenBucket bucket = new TokenBucket(rate, 200_000, 2_000_000);
        long taken = 0;
        while (taken < 5_000_000) {
            taken += bucket.take(256 * 1024);
        }
        long elapsed = System.nanoTime() - start;

        // 4.8 MB beyond the burst at 100 MB/s take at least 48 ms, however fast the taker is
        assertTrue(elapsed >= (taken - 200_000) / rate * 1e9, elapsed + " ns for " + taken + " bytes");
    }

    @Test
    void aLowerRateSlowsTheRest() throws InterruptedException {
        TokenBucket bucket = new TokenBucket(100_000_000, 65_536, 65_536);
        bucket.rate(10_000_000);   // 10 MB/s from now on
        long start = System.nanoTime();
        long taken = 0;
        while (taken < 65_536 + 500_000) {
            taken += bucket.take(64 * 1024);
        }

        assertEquals(10_000_000, bucket.rate(), 1e-3);
        assertTrue(System.nanoTime() - start >= 50_000_000L - 1_000_000L, "500 kB at 10 MB/s take 50 ms");
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(1, 10, 5));
        assertThrows(IllegalArgumentException.class, () -> TokenBucket.of(1e6, 2, 100).rate(-1));
    }
}
