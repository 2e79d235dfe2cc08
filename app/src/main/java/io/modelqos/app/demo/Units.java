package io.modelqos.app.demo;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;

/** Readable numbers for the demo's table: rates in Mbit/s or Gbit/s, sizes in MB of 10^6 bytes, times. */
final class Units {

    private static final MathContext FOUR_DIGITS = new MathContext(4, RoundingMode.HALF_UP);

    private Units() {
    }

    /** E.g. {@code 1.993 Gbit/s}, {@code 498.2 Mbit/s}, {@code 33.6 Mbit/s}: four significant digits at most. */
    static String rate(BigDecimal bitsPerSecond) {
        BigDecimal bps = bitsPerSecond.round(FOUR_DIGITS);
        String unit;
        BigDecimal value;
        if (bps.compareTo(BigDecimal.valueOf(1_000_000_000L)) >= 0) {
            unit = "Gbit/s";
            value = bps.movePointLeft(9);
        } else if (bps.compareTo(BigDecimal.valueOf(1_000_000L)) >= 0) {
            unit = "Mbit/s";
            value = bps.movePointLeft(6);
        } else if (bps.compareTo(BigDecimal.valueOf(1_000L)) >= 0) {
            unit = "kbit/s";
            value = bps.movePointLeft(3);
        } else {
            unit = "bit/s";
            value = bps;
        }
        return plain(value) + " " + unit;
    }

    static String rate(double bitsPerSecond) {
        return rate(BigDecimal.valueOf(bitsPerSecond));
    }

    /** Megabytes of 10^6 bytes, as the seed's tables count them: {@code 27.2 MB}. */
    static String megabytes(long bytes) {
        return plain(BigDecimal.valueOf(bytes).movePointLeft(6)) + " MB";
    }

    /** Millions of parameters: {@code 6.8 M}. */
    static String millions(long count) {
        return plain(BigDecimal.valueOf(count).movePointLeft(6)) + " M";
    }

    /** {@code 1 s} for whole seconds, else milliseconds: {@code 100 ms}, {@code 33 ms}. */
    static String duration(Duration duration) {
        if (duration.toMillis() % 1000 == 0 && duration.getNano() % 1_000_000 == 0) {
            return duration.toSeconds() + " s";
        }
        return plain(BigDecimal.valueOf(duration.toNanos()).movePointLeft(6)) + " ms";
    }

    /**
     * A share as a percentage with up to one decimal, rounded down so that anything short of all of it never
     * reads 100 %: {@code 100 %}, {@code 74.3 %}.
     */
    static String percent(double fraction) {
        BigDecimal value = BigDecimal.valueOf(fraction).movePointRight(2).setScale(1, RoundingMode.DOWN);
        return plain(value) + " %";
    }

    private static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
