package io.modelqos.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently the client tries again: at most {@link #maxAttempts()} attempts in all,
 * waiting an exponential backoff with jitter between them (from {@link #initialBackoff()}, doubling, up
 * to {@link #maxBackoff()}), or what the AF's {@code Retry-After} asks for, up to {@link #maxRetryAfter()}.
 * Immutable.
 *
 * <pre>{@code
 * RetryPolicy patient = RetryPolicy.custom()
 *         .maxAttempts(5)
 *         .backoff(Duration.ofMillis(100), Duration.ofSeconds(2))
 *         .build();
 * }</pre>
 *
 * <p>The client retries only what is safe to repeat: reads, {@code DELETE} (ending an ended delivery
 * returns it unchanged), plan dry runs, and creation, which carries an {@code Idempotency-Key}. It
 * retries after a connection failure or timeout and after 429, 502, 503 and 504; never a progress report.
 */
public final class RetryPolicy {

    private static final RetryPolicy DEFAULTS = custom().build();
    private static final RetryPolicy NONE = custom().maxAttempts(1).build();

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration maxRetryAfter;

    private RetryPolicy(Builder builder) {
        this.maxAttempts = builder.maxAttempts;
        this.initialBackoff = builder.initialBackoff;
        this.maxBackoff = builder.maxBackoff;
        this.maxRetryAfter = builder.maxRetryAfter;
    }

    /** 3 attempts, backoff from 200 ms up to 5 s, {@code Retry-After} honoured up to 30 s. */
    public static RetryPolicy ofDefaults() {
        return DEFAULTS;
    }

    /** One attempt, no retry. */
    public static RetryPolicy none() {
        return NONE;
    }

    /** A builder starting from the defaults. */
    public static Builder custom() {
        return new Builder();
    }

    /** Attempts in all, the first included; 1 means no retry. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** The wait before the first retry, before jitter. */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /** The longest wait between two attempts, before jitter. */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** The longest wait honoured from a {@code Retry-After} header. */
    public Duration maxRetryAfter() {
        return maxRetryAfter;
    }

    /**
     * The wait after the given number of consecutive failed attempts: the initial backoff doubled per
     * failure, capped, then a random point in its upper half ("equal jitter").
     */
    Duration backoff(int failedAttempts) {
        int doublings = Math.min(Math.max(failedAttempts, 1) - 1, 30);
        long base = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << doublings);
        if (base <= 1) {
            return Duration.ofMillis(base);
        }
        long half = base / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(base - half + 1));
    }

    /** The wait the AF asked for, capped at {@link #maxRetryAfter()}. */
    Duration capRetryAfter(Duration retryAfter) {
        return retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff
                + ", maxBackoff=" + maxBackoff + ", maxRetryAfter=" + maxRetryAfter + "]";
    }

    /** Collects a retry policy's values. Not thread-safe. */
    public static final class Builder {
        private int maxAttempts = 3;
        private Duration initialBackoff = Duration.ofMillis(200);
        private Duration maxBackoff = Duration.ofSeconds(5);
        private Duration maxRetryAfter = Duration.ofSeconds(30);

        private Builder() {
        }

        /** Attempts in all, at least 1 (no retry). */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** The first wait and the longest wait between attempts (before jitter). */
        public Builder backoff(Duration initial, Duration max) {
            Objects.requireNonNull(initial, "initial == null");
            Objects.requireNonNull(max, "max == null");
            if (initial.isNegative() || max.compareTo(initial) < 0) {
                throw new IllegalArgumentException(
                        "backoff needs 0 <= initial <= max, was initial " + initial + ", max " + max);
            }
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        /** The longest wait honoured from a {@code Retry-After} header. */
        public Builder maxRetryAfter(Duration maxRetryAfter) {
            Objects.requireNonNull(maxRetryAfter, "maxRetryAfter == null");
            if (maxRetryAfter.isNegative()) {
                throw new IllegalArgumentException("maxRetryAfter must not be negative, was " + maxRetryAfter);
            }
            this.maxRetryAfter = maxRetryAfter;
            return this;
        }

        public RetryPolicy build() {
            return new RetryPolicy(this);
        }
    }
}
