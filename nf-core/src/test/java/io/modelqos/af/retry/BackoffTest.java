package io.modelqos.af.retry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Verifies the backoff's growth, cap, overflow safety, jitter bounds, determinism, refusals and presets. */
class BackoffTest {

    private static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE);
    private static final DoubleSupplier NEVER = () -> {
        throw new AssertionError("no jitter: the random source must not be asked");
    };

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    @Test
    void theCeilingGrowsByTheMultiplierFromInitial() {
        Backoff doubling = new Backoff(ms(100), ms(2_000), 2.0, Backoff.NO_JITTER);
        assertEquals(List.of(ms(100), ms(200), ms(400), ms(800), ms(1_600)),
                List.of(doubling.ceiling(1), doubling.ceiling(2), doubling.ceiling(3), doubling.ceiling(4),
                        doubling.ceiling(5)));
        Backoff halfAgain = new Backoff(ms(100), Duration.ofHours(1), 1.5, Backoff.NO_JITTER);
        assertEquals(ms(150), halfAgain.ceiling(2));
        assertEquals(ms(225), halfAgain.ceiling(3));
        Backoff constant = new Backoff(ms(300), ms(300), 1.0, Backoff.NO_JITTER);
        assertEquals(ms(300), constant.ceiling(1));
        assertEquals(ms(300), constant.ceiling(1_000));
    }

    @Test
    void withoutJitterTheDelayIsTheCeiling() {
        Backoff b = new Backoff(ms(100), ms(2_000), 2.0, Backoff.NO_JITTER);
        for (int attempt = 1; attempt <= 40; attempt++) {
            assertEquals(b.ceiling(attempt), b.delay(attempt, NEVER));
            assertEquals(b.ceiling(attempt), b.delay(attempt));
        }
    }

    @Test
    void theCeilingStopsAtMaxAndNeverShrinks() {
        Backoff b = new Backoff(ms(100), ms(2_000), 2.0, Backoff.NO_JITTER);
        assertEquals(ms(2_000), b.ceiling(6), "3.2 s capped");
        Duration previous = Duration.ZERO;
        for (int attempt = 1; attempt <= 1_000; attempt++) {
            Duration ceiling = b.ceiling(attempt);
            assertTrue(ceiling.compareTo(b.max()) <= 0, attempt + ": " + ceiling);
            assertTrue(ceiling.compareTo(previous) >= 0, attempt + ": " + ceiling + " after " + previous);
            previous = ceiling;
        }
    }

    @Test
    void noOverflowAtAttemptOneThousandNorAtTheLastInt() {
        for (Backoff b : List.of(Backoff.NEF_CALL, Backoff.WEBHOOK, Backoff.RECONCILE, Backoff.RELEASE,
                new Backoff(Duration.ofNanos(1), LONGEST, 2.0, Backoff.FULL_JITTER),
                new Backoff(Duration.ofDays(365), LONGEST, 1e300, Backoff.EQUAL_JITTER),
                new Backoff(Duration.ofNanos(3), LONGEST.minusNanos(511), 3.0, Backoff.FULL_JITTER))) {
            for (int attempt : new int[] {64, 65, 1_000, Integer.MAX_VALUE}) {
                assertEquals(b.max(), b.ceiling(attempt), b + " attempt " + attempt);
                for (double u : new double[] {0.0, 0.75, Math.nextDown(1.0)}) {
                    Duration delay = b.delay(attempt, () -> u);
                    assertTrue(!delay.isNegative() && delay.compareTo(b.max()) <= 0,
                            b + " attempt " + attempt + ", random " + u + ": " + delay);
                }
            }
        }
        Backoff widest = new Backoff(Duration.ofNanos(1), LONGEST, 2.0, Backoff.NO_JITTER);
        assertEquals(Duration.ofNanos(1L << 62), widest.ceiling(63), "the last power of two below Long.MAX_VALUE");
        assertEquals(LONGEST, widest.ceiling(64));
    }

    @Test
    void equalJitterStaysBetweenHalfAndAllOfTheCeiling() {
        Backoff b = new Backoff(ms(100), ms(2_000), 2.0, Backoff.EQUAL_JITTER);
        assertEquals(ms(200), b.delay(3, () -> 0.0));
        assertEquals(ms(300), b.delay(3, () -> 0.5));
        Duration top = b.delay(3, () -> Math.nextDown(1.0));
        assertTrue(top.compareTo(ms(400)) < 0 && top.compareTo(ms(400).minusNanos(2)) >= 0, top.toString());
    }

    @Test
    void fullJitterStaysBetweenZeroAndTheCeiling() {
        Backoff b = new Backoff(ms(100), ms(2_000), 2.0, Backoff.FULL_JITTER);
        assertEquals(Duration.ZERO, b.delay(3, () -> 0.0));
        assertEquals(ms(100), b.delay(3, () -> 0.25));
        assertTrue(b.delay(3, () -> Math.nextDown(1.0)).compareTo(ms(400)) < 0);
    }

    @Test
    void anyJitterStaysWithinItsBoundsForManyDraws() {
        RandomGenerator random = new SplittableRandom(7);
        for (double jitter : new double[] {0.0, 0.1, 0.5, 0.9, 1.0}) {
            Backoff b = new Backoff(ms(3), ms(10_007), 1.7, jitter);
            for (int i = 0; i < 20_000; i++) {
                int attempt = 1 + i % 30;
                long top = b.ceiling(attempt).toNanos();
                long delay = b.delay(attempt, random::nextDouble).toNanos();
                long lowest = top - (long) (top * jitter);
                assertTrue(delay >= lowest && delay <= top && (jitter == 0.0 || delay < top),
                        "jitter " + jitter + ", attempt " + attempt + ": " + delay + " ns not in [" + lowest + ", " + top + ")");
            }
        }
    }

    @Test
    void aSeededGeneratorGivesTheSameDelaysEveryTime() {
        assertEquals(delays(new SplittableRandom(42)), delays(new SplittableRandom(42)));
        assertEquals(delays(RandomGeneratorFactory.of("L64X128MixRandom").create(42L)),
                delays(RandomGeneratorFactory.of("L64X128MixRandom").create(42L)));
        assertNotEquals(delays(new SplittableRandom(42)), delays(new SplittableRandom(43)));
    }

    private static List<Duration> delays(RandomGenerator random) {
        List<Duration> delays = new ArrayList<>();
        for (int attempt = 1; attempt <= 20; attempt++) {
            delays.add(Backoff.WEBHOOK.delay(attempt, random::nextDouble));
        }
        return delays;
    }

    @Test
    void thePresetsKeepTheFiguresOfTheArithmeticTheyReplace() {
        assertEquals(new Backoff(ms(100), ms(2_000), 2.0, 0.5), Backoff.NEF_CALL);
        assertEquals(new Backoff(ms(200), ms(30_000), 2.0, 0.5), Backoff.WEBHOOK);
        assertEquals(new Backoff(ms(500), ms(30_000), 2.0, 0.0), Backoff.RECONCILE);
        assertEquals(new Backoff(ms(250), ms(60_000), 2.0, 0.0), Backoff.RELEASE);
        for (int attempt = 1; attempt <= 1_000; attempt++) {
            // nef.RetryPolicy: initial << min(n-1, 30), max when past it or overflowed
            long nef = 100L << Math.min(attempt - 1, 30);
            assertEquals(ms(nef <= 0 || nef > 2_000 ? 2_000 : nef), Backoff.NEF_CALL.ceiling(attempt), "NEF " + attempt);
            // WebhookDispatcher: min(maxBackoffMs, initialBackoffMs << min(20, n-1))
            assertEquals(ms(Math.min(30_000, 200L << Math.min(20, attempt - 1))), Backoff.WEBHOOK.ceiling(attempt),
                    "webhook " + attempt);
            // NefReconciler: min(30 s, 500 << min(10, n-1)), no jitter
            assertEquals(ms(Math.min(30_000, 500L << Math.min(10, attempt - 1))), Backoff.RECONCILE.delay(attempt, NEVER),
                    "reconcile " + attempt);
            // DeliveryService.releaseLater: min(60 s, 250 << min(16, n-1)), no jitter
            assertEquals(ms(Math.min(60_000, 250L << Math.min(16, attempt - 1))), Backoff.RELEASE.delay(attempt, NEVER),
                    "release " + attempt);
        }
    }

    @Test
    void withBoundsKeepsTheMultiplierAndTheJitter() {
        Backoff configured = Backoff.WEBHOOK.withBounds(ms(10), ms(50));
        assertEquals(new Backoff(ms(10), ms(50), 2.0, Backoff.EQUAL_JITTER), configured);
        assertEquals(ms(50), configured.ceiling(4));
    }

    @Test
    void invalidFiguresAreRefusedWithTheirName() {
        refused("initial", () -> new Backoff(null, ms(1), 2, 0));
        refused("max", () -> new Backoff(ms(1), null, 2, 0));
        refused("initial must be positive", () -> new Backoff(Duration.ZERO, ms(1), 2, 0));
        refused("initial must be positive", () -> new Backoff(ms(-1), ms(1), 2, 0));
        refused("max must be at least initial", () -> new Backoff(ms(2), ms(1), 2, 0));
        refused("max must be at most", () -> new Backoff(ms(1), LONGEST.plusNanos(1), 2, 0));
        refused("multiplier", () -> new Backoff(ms(1), ms(2), 0.5, 0));
        refused("multiplier", () -> new Backoff(ms(1), ms(2), Double.NaN, 0));
        refused("multiplier", () -> new Backoff(ms(1), ms(2), Double.POSITIVE_INFINITY, 0));
        refused("jitter", () -> new Backoff(ms(1), ms(2), 2, -0.1));
        refused("jitter", () -> new Backoff(ms(1), ms(2), 2, 1.1));
        refused("jitter", () -> new Backoff(ms(1), ms(2), 2, Double.NaN));
        refused("attempt starts at 1, was 0", () -> Backoff.NEF_CALL.ceiling(0));
        refused("attempt starts at 1, was -3", () -> Backoff.NEF_CALL.delay(-3));
        refused("attempt", () -> Backoff.RECONCILE.delay(0, NEVER));
        refused("random source", () -> Backoff.NEF_CALL.delay(1, null));
        refused("[0, 1), gave 1.0", () -> Backoff.NEF_CALL.delay(1, () -> 1.0));
        refused("[0, 1), gave -0.5", () -> Backoff.NEF_CALL.delay(1, () -> -0.5));
        refused("[0, 1), gave NaN", () -> Backoff.NEF_CALL.delay(1, () -> Double.NaN));
    }

    private static void refused(String says, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(says), "'" + e.getMessage() + "' should say '" + says + "'");
    }
}
