package io.modelqos.app.demo;

import java.util.concurrent.locks.LockSupport;

/**
 * A token bucket that paces a sender to a byte rate: tokens accrue at the rate up to the bucket's depth, and a
 * write may take only the tokens there are. The rate can change while sending (a QoS degradation and its end).
 *
 * <p>The bucket starts with a small burst, like a shaper that has been idle, but is deeper than that: when the
 * sender itself falls behind (its thread not scheduled on a busy machine), the tokens it missed are kept, up to
 * the depth, and it catches up - as if its bytes had waited in a queue ahead of the link, which the link keeps
 * busy at its rate. The sender never gets ahead of the rate by more than the initial burst; how far it fell
 * behind is recorded ({@link #maxLagNanos()}). Thread-safe.
 */
final class TokenBucket {

    /** Writes are at least this large when the rate allows, so that pacing does not cost a syscall per packet. */
    private static final long MIN_WRITE = 16 * 1024;

    private final long depthBytes;
    private final long initialBytes;
    private double bytesPerNano;
    private double tokens;
    private long lastNanos;
    private long maxLagNanos;

    /**
     * @param bytesPerSecond the pacing rate, positive
     * @param initialBytes   the tokens at the start: what may go at once, positive
     * @param depthBytes     the most tokens the bucket keeps, at least {@code initialBytes}
     */
    TokenBucket(double bytesPerSecond, long initialBytes, long depthBytes) {
        if (!(bytesPerSecond > 0) || initialBytes <= 0 || depthBytes < initialBytes) {
            throw new IllegalArgumentException("a token bucket needs a positive rate and burst, and a depth not "
                    + "below the burst");
        }
        this.depthBytes = depthBytes;
        this.initialBytes = initialBytes;
        this.bytesPerNano = bytesPerSecond / 1e9;
        start();
    }

    /** The link starts now: the initial burst, nothing accrued before, no lag; the rate stays. */
    synchronized void start() {
        tokens = initialBytes;
        lastNanos = System.nanoTime();
        maxLagNanos = 0;
    }

    /**
     * A bucket that starts with {@code burstMillis} of the rate (at least 64 KiB) and keeps up to
     * {@code catchUpMillis} of it for a sender that fell behind.
     */
    static TokenBucket of(double bytesPerSecond, double burstMillis, double catchUpMillis) {
        long burst = Math.max(64 * 1024, (long) (bytesPerSecond * burstMillis / 1000));
        return new TokenBucket(bytesPerSecond, burst, Math.max(burst, (long) (bytesPerSecond * catchUpMillis / 1000)));
    }

    /** How far, at most, the sender was behind the rate when it came for tokens. */
    synchronized long maxLagNanos() {
        return maxLagNanos;
    }

    /** Changes the rate from now on; tokens accrued so far stay. */
    synchronized void rate(double bytesPerSecond) {
        if (!(bytesPerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive, was " + bytesPerSecond);
        }
        refill(System.nanoTime());
        this.bytesPerNano = bytesPerSecond / 1e9;
    }

    synchronized double rate() {
        return bytesPerNano * 1e9;
    }

    long depth() {
        return depthBytes;
    }

    /**
     * Waits until some tokens are there and takes them: at most {@code max}, at least {@code min(max, 16 KiB)}
     * unless the bucket is shallower.
     */
    long take(long max) throws InterruptedException {
        long least = Math.min(max, Math.min(MIN_WRITE, depthBytes));
        while (true) {
            long waitNanos;
            synchronized (this) {
                refill(System.nanoTime());
                if (tokens >= least) {
                    maxLagNanos = Math.max(maxLagNanos, (long) ((tokens - least) / bytesPerNano));
                    long granted = Math.min(max, (long) tokens);
                    tokens -= granted;
                    return granted;
                }
                waitNanos = (long) Math.ceil((least - tokens) / bytesPerNano);
            }
            LockSupport.parkNanos(Math.max(1_000, waitNanos));
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while pacing");
            }
        }
    }

    private void refill(long now) {
        tokens = Math.min(depthBytes, tokens + (now - lastNanos) * bytesPerNano);
        lastNanos = now;
    }
}
