package io.modelqos.af.nef;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Verifies that {@code Retry-After} is read in both RFC 9110 forms and that anything else is ignored. */
class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-11-27T13:00:00Z");

    @Test
    void readsDelaySeconds() {
        assertEquals(Optional.of(Duration.ofSeconds(120)), RetryAfter.parse("120", NOW));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("0", NOW));
        assertEquals(Optional.of(Duration.ofSeconds(3)), RetryAfter.parse(" 3 ", NOW));
    }

    @Test
    void readsHttpDateAsTimeLeft() {
        assertEquals(Optional.of(Duration.ofSeconds(90)), RetryAfter.parse("Fri, 27 Nov 2026 13:01:30 GMT", NOW));
    }

    @Test
    void httpDateInThePastMeansNow() {
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Fri, 27 Nov 2026 12:00:00 GMT", NOW));
    }

    @Test
    void capsAbsurdlyLongWaits() {
        assertEquals(Optional.of(RetryAfter.MAX), RetryAfter.parse("99999999999999999999999", NOW));
        assertEquals(Optional.of(RetryAfter.MAX), RetryAfter.parse("Sat, 27 Nov 2027 13:00:00 GMT", NOW));
    }

    @Test
    void ignoresWhatIsNeitherForm() {
        assertEquals(Optional.empty(), RetryAfter.parse(null, NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("-5", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("1.5", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("soon", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("2026-11-27T13:01:30Z", NOW));
    }
}
