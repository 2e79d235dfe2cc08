package io.modelqos.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Verifies that the retry policy's backoff doubles, stays within its cap and jitters within the upper half. */
class RetryPolicyTest {

    private final RetryPolicy policy = RetryPolicy.custom()
            .backoff(Duration.ofMillis(100), Duration.ofMillis(1000)).maxRetryAfter(Duration.ofSeconds(5)).build();

    private static void assertWithin(long low, long high, Duration actual) {
        assertTrue(actual.toMillis() >= low && actual.toMillis() <= high,
                actual.toMillis() + " ms is not within " + low + ".." + high + " ms");
    }

    @Test
    void backoffDoublesPerFailureWithJitterInTheUpperHalf() {
        for (int draw = 0; draw < 100; draw++) {
            assertWithin(50, 100, policy.backoff(1));
            assertWithin(100, 200, policy.backoff(2));
            assertWithin(200, 400, policy.backoff(3));
        }
    }

    @Test
    void backoffStaysBelowTheMaximum() {
        for (int draw = 0; draw < 100; draw++) {
            assertWithin(500, 1000, policy.backoff(10));
            assertWithin(500, 1000, policy.backoff(1_000));
        }
    }

    @Test
    void retryAfterIsCappedAtTheMaximum() {
        assertEquals(Duration.ofSeconds(2), policy.capRetryAfter(Duration.ofSeconds(2)));
        assertEquals(Duration.ofSeconds(5), policy.capRetryAfter(Duration.ofHours(1)));
    }

    @Test
    void noneMakesOneAttemptAndDefaultsMakeThree() {
        assertEquals(1, RetryPolicy.none().maxAttempts());
        assertEquals(3, RetryPolicy.ofDefaults().maxAttempts());
    }

    @Test
    void refusesSettingsThatCannotWork() {
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.custom().maxAttempts(0));
        assertThrows(IllegalArgumentException.class,
                () -> RetryPolicy.custom().backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.custom().maxRetryAfter(Duration.ofSeconds(-1)));
    }
}
