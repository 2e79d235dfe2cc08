package io.modelqos.af.nef;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Verifies the backoff, its jitter, the precedence of {@code Retry-After} and the retry budget. */
class RetryPolicyTest {

    private static final Duration INITIAL = Duration.ofMillis(100);
    private static final Duration MAX = Duration.ofSeconds(2);
    private static final Duration BUDGET = Duration.ofSeconds(10);

    private static RetryPolicy withRandom(double r) {
        return new RetryPolicy(INITIAL, MAX, BUDGET, () -> r);
    }

    @Test
    void backoffDoublesUpToTheMaximum() {
        RetryPolicy policy = withRandom(0.0);
        assertEquals(Duration.ofMillis(100), policy.ceiling(1));
        assertEquals(Duration.ofMillis(200), policy.ceiling(2));
        assertEquals(Duration.ofMillis(400), policy.ceiling(3));
        assertEquals(Duration.ofMillis(1600), policy.ceiling(5));
        assertEquals(MAX, policy.ceiling(6));
        assertEquals(MAX, policy.ceiling(40));
    }

    @Test
    void jitterStaysBetweenHalfAndAllOfTheCeiling() {
        Duration elapsed = Duration.ZERO;
        assertEquals(Optional.of(Duration.ofMillis(200)), withRandom(0.0).delay(3, Optional.empty(), elapsed));
        assertEquals(Optional.of(Duration.ofMillis(300)), withRandom(0.5).delay(3, Optional.empty(), elapsed));
        Duration top = withRandom(0.999999).delay(3, Optional.empty(), elapsed).orElseThrow();
        assertTrue(top.toMillis() >= 399 && top.toMillis() <= 400, top.toString());
    }

    @Test
    void retryAfterIsNeverShortenedAndOnlySlightlyLengthened() {
        Optional<Duration> ra = Optional.of(Duration.ofSeconds(1));
        assertEquals(Optional.of(Duration.ofSeconds(1)), withRandom(0.0).delay(1, ra, Duration.ZERO));
        Duration most = withRandom(0.999999).delay(1, ra, Duration.ZERO).orElseThrow();
        assertTrue(most.compareTo(Duration.ofMillis(1100)) <= 0 && most.compareTo(Duration.ofMillis(1099)) >= 0,
                most.toString());
        // jitter on a long Retry-After is bounded to 500 ms
        Duration longWait = withRandom(0.999999).delay(1, Optional.of(Duration.ofSeconds(8)), Duration.ZERO).orElseThrow();
        assertTrue(longWait.compareTo(Duration.ofMillis(8500)) <= 0, longWait.toString());
    }

    @Test
    void retryAfterWinsOverAShorterBackoff() {
        assertEquals(Optional.of(Duration.ofSeconds(2)),
                withRandom(0.0).delay(1, Optional.of(Duration.ofSeconds(2)), Duration.ZERO));
    }

    @Test
    void noRetryWhoseWaitWouldEndAfterTheBudget() {
        RetryPolicy policy = withRandom(0.0);
        assertEquals(Optional.of(Duration.ofMillis(50)), policy.delay(1, Optional.empty(), Duration.ofMillis(9950)));
        assertEquals(Optional.empty(), policy.delay(1, Optional.empty(), Duration.ofMillis(9951)));
        assertEquals(Optional.empty(), policy.delay(1, Optional.of(Duration.ofSeconds(11)), Duration.ZERO));
    }

    @Test
    void zeroBudgetMeansNoRetry() {
        RetryPolicy none = new RetryPolicy(INITIAL, MAX, Duration.ZERO, () -> 0.0);
        assertEquals(Optional.empty(), none.delay(1, Optional.empty(), Duration.ZERO));
    }

    @Test
    void stopsAfterTheMaximumNumberOfRetries() {
        RetryPolicy policy = new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofHours(1), () -> 0.0);
        assertTrue(policy.delay(RetryPolicy.MAX_RETRIES, Optional.empty(), Duration.ZERO).isPresent());
        assertEquals(Optional.empty(), policy.delay(RetryPolicy.MAX_RETRIES + 1, Optional.empty(), Duration.ZERO));
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(Duration.ZERO, MAX, BUDGET, () -> 0));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(MAX, INITIAL, BUDGET, () -> 0));
        assertThrows(IllegalArgumentException.class, () -> withRandom(0).delay(0, Optional.empty(), Duration.ZERO));
    }
}
