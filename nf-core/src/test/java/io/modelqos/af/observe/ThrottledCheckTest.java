package io.modelqos.af.observe;

import io.modelqos.testing.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThrottledCheckTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private final List<Promise<Void>> checks = new ArrayList<>();
    private final ThrottledCheck check = new ThrottledCheck(() -> {
        Promise<Void> p = Promise.promise();
        checks.add(p);
        return p.future();
    }, Duration.ofSeconds(1), clock);

    @Test
    void probesWithinTheIntervalGetTheLastAnswerAndAProbeDuringACheckWaitsForIt() {
        Future<Void> first = check.get();
        assertSame(first, check.get(), "a probe while the check is under way waits for it");
        checks.get(0).fail("NEF down");
        clock.advance(Duration.ofMillis(999));
        assertTrue(check.get().failed(), "within the interval: the last answer, a failure too");
        assertEquals(1, checks.size());
        clock.advance(Duration.ofMillis(1));
        Future<Void> second = check.get();
        assertEquals(2, checks.size(), "the interval passed: the NEF is asked again");
        checks.get(1).complete();
        assertTrue(second.succeeded());
        assertTrue(check.get().succeeded());
        assertEquals(2, checks.size());
    }
}
