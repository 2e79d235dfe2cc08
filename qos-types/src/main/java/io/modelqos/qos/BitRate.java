package io.modelqos.qos;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bit rate with its 3GPP TS 29.571 {@code BitRate} text form: a decimal number, one space, and one of
 * {@code bps, Kbps, Mbps, Gbps, Tbps} (decimal prefixes, 1 Kbps = 1000 bps), e.g. {@code "1.92 Gbps"}.
 *
 * <p>Two text forms, both in the unit in which the number is at least 1 and below 1000:
 * <ul>
 *   <li>{@link #toString()} (also the JSON form) prints at most {@link #DEFAULT_DECIMALS} decimals (or as many as
 *       {@link #format(int)} is asked for) and rounds <em>up</em> at the last printed digit, so a guaranteed bit rate
 *       read back from its text is never lower than the rate that was computed:
 *       {@code value <= parse(format(value)) < value + 10^-decimals of the printed unit};</li>
 *   <li>{@link #toExactString()} prints the value without rounding, e.g. {@code "123.456789 Mbps"}: what a network
 *       that counts whole bits per second reports.</li>
 * </ul>
 *
 * <pre>{@code
 * BitRate gbr = BitRate.parse("1.92 Gbps");   // 1 920 000 000 bit/s
 * gbr.toString();                             // "1.92 Gbps"
 * BitRate.ofBitsPerSecond(1_992_716_161L).toString();      // "1.993 Gbps"
 * BitRate.ofBitsPerSecond(1_992_716_161L).toExactString(); // "1.992716161 Gbps"
 * BitRate.parse("0.5 bps").wholeBitsPerSecond();           // 0
 * }</pre>
 *
 * @param bitsPerSecond the exact rate in bit/s, not negative (kept without trailing zeros, so that
 *                      {@code equals} compares values)
 */
public record BitRate(BigDecimal bitsPerSecond) implements Comparable<BitRate> {

    /** Decimals printed by {@link #toString()}: at least four significant digits in the chosen unit. */
    public static final int DEFAULT_DECIMALS = 3;

    public static final BitRate ZERO = new BitRate(BigDecimal.ZERO);

    /**
     * The TS 29.571 {@code BitRate} pattern, for {@link Matcher#matches()}: anchored at both ends, so that a
     * trailing newline, which {@code "$"} alone would let through, is refused.
     */
    public static final Pattern PATTERN = Pattern.compile("(\\d+(?:\\.\\d+)?) (bps|Kbps|Mbps|Gbps|Tbps)");
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    /** The decimal units of the 3GPP text form. */
    public enum Unit {
        BPS("bps", 0), KBPS("Kbps", 3), MBPS("Mbps", 6), GBPS("Gbps", 9), TBPS("Tbps", 12);

        private final String symbol;
        private final BigDecimal bitsPerSecond;

        Unit(String symbol, int powerOfTen) {
            this.symbol = symbol;
            this.bitsPerSecond = BigDecimal.ONE.scaleByPowerOfTen(powerOfTen);
        }

        public String symbol() {
            return symbol;
        }

        public BigDecimal bitsPerSecond() {
            return bitsPerSecond;
        }

        static Unit ofSymbol(String symbol) {
            for (Unit unit : values()) {
                if (unit.symbol.equals(symbol)) {
                    return unit;
                }
            }
            throw new IllegalArgumentException("unknown bit rate unit '" + symbol + "'");
        }
    }

    public BitRate {
        Objects.requireNonNull(bitsPerSecond, "bitsPerSecond");
        if (bitsPerSecond.signum() < 0) {
            throw new IllegalArgumentException("bitsPerSecond must not be negative, was " + bitsPerSecond);
        }
        bitsPerSecond = normalised(bitsPerSecond);
    }

    public static BitRate ofBitsPerSecond(long bitsPerSecond) {
        return new BitRate(BigDecimal.valueOf(bitsPerSecond));
    }

    public static BitRate ofBitsPerSecond(BigDecimal bitsPerSecond) {
        return new BitRate(bitsPerSecond);
    }

    /** E.g. {@code BitRate.of(500, Unit.MBPS)}. */
    public static BitRate of(long value, Unit unit) {
        return of(BigDecimal.valueOf(value), unit);
    }

    public static BitRate of(BigDecimal value, Unit unit) {
        return new BitRate(value.multiply(unit.bitsPerSecond()));
    }

    /**
     * Reads the 3GPP text form.
     *
     * @throws IllegalArgumentException naming the value when it does not match
     *                                  {@code ^\d+(\.\d+)? (bps|Kbps|Mbps|Gbps|Tbps)$}
     */
    @JsonCreator
    public static BitRate parse(String text) {
        Matcher matcher = text == null ? null : PATTERN.matcher(text);
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException("invalid BitRate '" + text
                    + "': expected a decimal number, one space and bps, Kbps, Mbps, Gbps or Tbps, e.g. '1.92 Gbps'");
        }
        return of(new BigDecimal(matcher.group(1)), Unit.ofSymbol(matcher.group(2)));
    }

    /** True if {@code text} has the 3GPP text form, i.e. {@link #parse} accepts it. */
    public static boolean isValid(String text) {
        return text != null && PATTERN.matcher(text).matches();
    }

    /** The 3GPP text form with {@link #DEFAULT_DECIMALS}, rounded up. */
    @JsonValue
    @Override
    public String toString() {
        return format(DEFAULT_DECIMALS);
    }

    /**
     * The 3GPP text form with at most {@code decimals} decimals in the most readable unit, rounded up at the
     * last printed digit and without trailing zeros.
     */
    public String format(int decimals) {
        if (decimals < 0) {
            throw new IllegalArgumentException("decimals must not be negative, was " + decimals);
        }
        Unit unit = readableUnit();
        BigDecimal number = roundedUp(unit, decimals);
        // Rounding up can reach 1000 (999.9996 Mbps -> 1000.000 Mbps): move to the next unit, where the
        // rounded value is then exactly 1.
        if (number.compareTo(THOUSAND) >= 0 && unit != Unit.TBPS) {
            unit = Unit.values()[unit.ordinal() + 1];
            number = roundedUp(unit, decimals);
        }
        return number.stripTrailingZeros().toPlainString() + " " + unit.symbol();
    }

    /**
     * The 3GPP text form of the exact value, in the most readable unit and without trailing zeros, e.g.
     * {@code "1.5 Gbps"}, {@code "123.456789 Mbps"}, {@code "0 bps"}.
     */
    public String toExactString() {
        Unit unit = readableUnit();
        return in(unit).stripTrailingZeros().toPlainString() + " " + unit.symbol();
    }

    /**
     * The rate in whole bits per second, a fraction of a bit per second dropped.
     *
     * @throws ArithmeticException if that does not fit in a {@code long}
     */
    public long wholeBitsPerSecond() {
        return bitsPerSecond.setScale(0, RoundingMode.FLOOR).longValueExact();
    }

    /** The exact value in the given unit. */
    public BigDecimal in(Unit unit) {
        return bitsPerSecond.divide(unit.bitsPerSecond());
    }

    public boolean isAtLeast(BitRate other) {
        return compareTo(other) >= 0;
    }

    public boolean isAtMost(BitRate other) {
        return compareTo(other) <= 0;
    }

    public boolean isPositive() {
        return bitsPerSecond.signum() > 0;
    }

    @Override
    public int compareTo(BitRate other) {
        return bitsPerSecond.compareTo(other.bitsPerSecond);
    }

    private Unit readableUnit() {
        Unit chosen = Unit.BPS;
        for (Unit unit : Unit.values()) {
            if (bitsPerSecond.compareTo(unit.bitsPerSecond()) >= 0) {
                chosen = unit;
            }
        }
        return chosen;
    }

    private BigDecimal roundedUp(Unit unit, int decimals) {
        return in(unit).setScale(decimals, RoundingMode.CEILING);
    }

    private static BigDecimal normalised(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
