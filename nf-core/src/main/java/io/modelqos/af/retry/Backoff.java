package io.modelqos.af.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before retry number {@code attempt}: {@code initial}, multiplied by {@code multiplier} per
 * attempt, never more than {@code max}, then lowered by a random part of at most {@code jitter} of itself so that
 * callers that failed together do not all come back together. Immutable; every figure the AF waits between two
 * tries comes from one of these.
 *
 * <ul>
 *   <li>The ceiling of attempt {@code n} (from 1) is {@code min(initial * multiplier^(n-1), max)}. It never
 *       overflows: a ceiling past {@code max} (or past what a {@code double} can hold) is {@code max}.</li>
 *   <li>The wait is uniform in {@code [ceiling * (1 - jitter), ceiling)}, never negative nor above the ceiling:
 *       {@link #NO_JITTER} waits exactly the ceiling, {@link #EQUAL_JITTER} between half and all of it,
 *       {@link #FULL_JITTER} anywhere from zero (so a timer that refuses zero must round up).</li>
 *   <li>The random part comes from a {@link DoubleSupplier} uniform in {@code [0, 1)}: {@link #delay(int)} uses
 *       {@link ThreadLocalRandom}, {@link #delay(int, DoubleSupplier)} whatever it is given, e.g. a seeded
 *       {@code java.util.random.RandomGenerator}'s {@code nextDouble} in a test.</li>
 * </ul>
 *
 * <p>A server's {@code Retry-After} is the caller's business: where it is honoured, it replaces this delay.
 *
 * <p>Ceilings are worked out in {@code double} nanoseconds: exact for a multiplier of 2 (while {@code initial} is
 * below 2<sup>53</sup> ns, about 104 days), within a few nanoseconds for other multipliers.
 *
 * @param initial    the ceiling of the first attempt; positive
 * @param max        the largest ceiling; at least {@code initial}, at most {@code Long.MAX_VALUE} ns (about 292 years)
 * @param multiplier how much the ceiling grows per attempt; finite and at least 1 (1 keeps it constant)
 * @param jitter     the largest fraction of the ceiling taken off at random; within {@code [0, 1]}
 */
public record Backoff(Duration initial, Duration max, double multiplier, double jitter) {

    /** The longest {@code max}: what fits in a {@code long} of nanoseconds (declared before the presets use it). */
    private static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE);

    /** The wait is the ceiling. */
    public static final double NO_JITTER = 0.0;
    /** The wait is between half and all of the ceiling. */
    public static final double EQUAL_JITTER = 0.5;
    /** The wait is between zero and the ceiling. */
    public static final double FULL_JITTER = 1.0;

    /** NEF calls answered 429 or 503 without {@code Retry-After}: 100 ms doubling up to 2 s, equal jitter. */
    public static final Backoff NEF_CALL = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), 2.0, EQUAL_JITTER);
    /** Webhook POSTs that failed: 200 ms doubling up to 30 s, equal jitter (the defaults of {@code webhook.*BackoffMs}). */
    public static final Backoff WEBHOOK = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30), 2.0, EQUAL_JITTER);
    /** Reconciliations whose NEF list failed: 500 ms doubling up to 30 s, no jitter. */
    public static final Backoff RECONCILE = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 2.0, NO_JITTER);
    /** Releases (NEF deletes) that failed: 250 ms doubling up to 60 s, no jitter. */
    public static final Backoff RELEASE = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(60), 2.0, NO_JITTER);

    /** @throws IllegalArgumentException when a figure is missing or out of its range (see the parameters) */
    public Backoff {
        if (initial == null || max == null) {
            throw new IllegalArgumentException("Backoff needs initial and max, was initial " + initial + ", max " + max);
        }
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("Backoff initial must be positive, was " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("Backoff max must be at least initial " + initial + ", was " + max);
        }
        if (max.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("Backoff max must be at most " + LONGEST + " (Long.MAX_VALUE ns), was " + max);
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("Backoff multiplier must be finite and at least 1, was " + multiplier);
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("Backoff jitter must be within [0, 1], was " + jitter);
        }
    }

    /** This backoff (same multiplier and jitter) between other bounds, e.g. the ones an operator configured. */
    public Backoff withBounds(Duration initial, Duration max) {
        return new Backoff(initial, max, multiplier, jitter);
    }

    /**
     * The ceiling of attempt {@code attempt}, before jitter: {@code min(initial * multiplier^(attempt-1), max)}.
     *
     * @param attempt the retry, from 1
     * @throws IllegalArgumentException when {@code attempt < 1}
     */
    public Duration ceiling(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("Backoff attempt starts at 1, was " + attempt);
        }
        if (attempt == 1) {
            return initial;
        }
        double grown = initial.toNanos() * Math.pow(multiplier, attempt - 1);
        // Infinity (and any growth past max) is max; below max the value fits in a long.
        return grown < max.toNanos() ? Duration.ofNanos((long) grown) : max;
    }

    /**
     * The wait before attempt {@code attempt}, jittered with {@link ThreadLocalRandom}.
     *
     * @param attempt the retry, from 1
     * @throws IllegalArgumentException when {@code attempt < 1}
     */
    public Duration delay(int attempt) {
        return delay(attempt, () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * The wait before attempt {@code attempt}, jittered with {@code uniform} (not called when there is no jitter).
     *
     * @param attempt the retry, from 1
     * @param uniform values uniform in {@code [0, 1)}, e.g. {@code new SplittableRandom(seed)::nextDouble}
     * @throws IllegalArgumentException when {@code attempt < 1}, {@code uniform} is null or gives a value outside
     *                                  {@code [0, 1)}
     */
    public Duration delay(int attempt, DoubleSupplier uniform) {
        if (uniform == null) {
            throw new IllegalArgumentException("Backoff needs a random source, was null");
        }
        Duration ceiling = ceiling(attempt);
        if (jitter == 0.0) {
            return ceiling;
        }
        double u = uniform.getAsDouble();
        if (!(u >= 0.0 && u < 1.0)) {
            throw new IllegalArgumentException("Backoff random source must give values in [0, 1), gave " + u);
        }
        long top = ceiling.toNanos();
        // min: past 2^53 ns a double may round up, and the wait must stay within [0, top].
        long spread = Math.min(top, (long) (top * jitter));
        return Duration.ofNanos(top - spread + Math.min(spread, (long) (u * spread)));
    }
}
