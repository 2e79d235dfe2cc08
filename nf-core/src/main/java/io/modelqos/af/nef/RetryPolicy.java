package io.modelqos.af.nef;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When to try again after a 429 or 503: exponential backoff with jitter, or the NEF's {@code Retry-After}
 * when it gave one, all within a fixed budget measured from the first attempt.
 *
 * <ul>
 *   <li>Without {@code Retry-After}, retry {@code n} waits between half and all of
 *       {@code min(initial * 2^(n-1), max)} ("equal jitter"), so that AFs that failed together spread out.</li>
 *   <li>With {@code Retry-After}, the wait is that long plus up to a tenth more (at most 500 ms more): never
 *       sooner than the NEF asked.</li>
 *   <li>No retry when the wait would end after the budget: the caller gets the failure at once instead of
 *       waiting for an answer it could not use.</li>
 * </ul>
 */
final class RetryPolicy {

    static final Duration DEFAULT_INITIAL = Duration.ofMillis(100);
    static final Duration DEFAULT_MAX = Duration.ofSeconds(2);
    static final int MAX_RETRIES = 10;
    private static final Duration MAX_RETRY_AFTER_JITTER = Duration.ofMillis(500);

    private final Duration initial;
    private final Duration max;
    private final Duration budget;
    private final DoubleSupplier random;

    RetryPolicy(Duration initial, Duration max, Duration budget, DoubleSupplier random) {
        this.initial = Objects.requireNonNull(initial, "initial");
        this.max = Objects.requireNonNull(max, "max");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.random = Objects.requireNonNull(random, "random");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || budget.isNegative()) {
            throw new IllegalArgumentException("need 0 < initial <= max and budget >= 0");
        }
    }

    Duration budget() {
        return budget;
    }

    /**
     * The wait before retry number {@code retry} (1 for the first retry), or empty when no retry should be made.
     *
     * @param retryAfter what the NEF asked for, if anything
     * @param elapsed    time since the first attempt started
     */
    Optional<Duration> delay(int retry, Optional<Duration> retryAfter, Duration elapsed) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry starts at 1");
        }
        if (retry > MAX_RETRIES) {
            return Optional.empty();
        }
        Duration wait = retryAfter.map(this::jitterAfter).orElseGet(() -> backoff(retry));
        return elapsed.plus(wait).compareTo(budget) > 0 ? Optional.empty() : Optional.of(wait);
    }

    /** The un-jittered backoff ceiling of retry {@code retry}. */
    Duration ceiling(int retry) {
        int shift = Math.min(retry - 1, 30);
        long millis = initial.toMillis() << shift;
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }

    private Duration backoff(int retry) {
        long ceiling = ceiling(retry).toMillis();
        long half = ceiling / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (ceiling - half)));
    }

    private Duration jitterAfter(Duration retryAfter) {
        long extra = Math.min(retryAfter.toMillis() / 10, MAX_RETRY_AFTER_JITTER.toMillis());
        return retryAfter.plusMillis((long) (random.getAsDouble() * extra));
    }
}
