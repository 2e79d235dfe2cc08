package io.modelqos.af.nef;

import io.modelqos.af.retry.Backoff;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When to try again after a 429 or 503: exponential backoff with jitter, or the NEF's {@code Retry-After}
 * when it gave one, all within a fixed budget measured from the first attempt.
 *
 * <ul>
 *   <li>Without {@code Retry-After}, retry {@code n} waits what {@link Backoff#NEF_CALL} (between the configured
 *       bounds) says: between half and all of {@code min(initial * 2^(n-1), max)} ("equal jitter"), so that AFs
 *       that failed together spread out.</li>
 *   <li>With {@code Retry-After}, the wait is that long plus up to a tenth more (at most 500 ms more): never
 *       sooner than the NEF asked.</li>
 *   <li>No retry when the wait would end after the budget: the caller gets the failure at once instead of
 *       waiting for an answer it could not use.</li>
 * </ul>
 */
final class RetryPolicy {

    static final int MAX_RETRIES = 10;
    private static final Duration MAX_RETRY_AFTER_JITTER = Duration.ofMillis(500);

    private final Backoff backoff;
    private final Duration budget;
    private final DoubleSupplier random;

    /** @throws IllegalArgumentException unless {@code 0 < initial <= max} and {@code budget >= 0} */
    RetryPolicy(Duration initial, Duration max, Duration budget, DoubleSupplier random) {
        this.backoff = Backoff.NEF_CALL.withBounds(initial, max);
        this.budget = Objects.requireNonNull(budget, "budget");
        this.random = Objects.requireNonNull(random, "random");
        if (budget.isNegative()) {
            throw new IllegalArgumentException("the retry budget must not be negative, was " + budget);
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
        Duration wait = retryAfter.map(this::jitterAfter).orElseGet(() -> backoff.delay(retry, random));
        return elapsed.plus(wait).compareTo(budget) > 0 ? Optional.empty() : Optional.of(wait);
    }

    /** The un-jittered backoff ceiling of retry {@code retry}. */
    Duration ceiling(int retry) {
        return backoff.ceiling(retry);
    }

    private Duration jitterAfter(Duration retryAfter) {
        long extra = Math.min(retryAfter.toMillis() / 10, MAX_RETRY_AFTER_JITTER.toMillis());
        return retryAfter.plusMillis((long) (random.getAsDouble() * extra));
    }
}
