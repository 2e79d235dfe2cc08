package io.modelqos.nef.emulator;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TS 29.571 {@code BitRate}: a decimal number, one space and a unit ({@code bps}, {@code Kbps},
 * {@code Mbps}, {@code Gbps}, {@code Tbps}); the units are decimal (1 Kbps = 1000 bps). Held as whole
 * bits per second; a fraction of a bit per second is dropped.
 *
 * <pre>{@code
 * BitRate.parse("1.5 Gbps").bps()        // 1_500_000_000
 * BitRate.ofBps(500_000_000).toString()  // "500 Mbps"
 * }</pre>
 */
public final class BitRate implements Comparable<BitRate> {

    /** The pattern of TS 29.571 BitRate. */
    public static final Pattern PATTERN = Pattern.compile("^(\\d+(?:\\.\\d+)?) (bps|Kbps|Mbps|Gbps|Tbps)$");

    public static final BitRate ZERO = new BitRate(0);

    private static final String[] UNITS = {"bps", "Kbps", "Mbps", "Gbps", "Tbps"};

    private final long bps;

    private BitRate(long bps) {
        if (bps < 0) {
            throw new IllegalArgumentException("a bit rate cannot be negative: " + bps);
        }
        this.bps = bps;
    }

    public static BitRate ofBps(long bps) {
        return bps == 0 ? ZERO : new BitRate(bps);
    }

    /**
     * Parses the TS 29.571 text form.
     *
     * @throws IllegalArgumentException if the text does not match {@link #PATTERN} or is too large
     */
    @JsonCreator
    public static BitRate parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("bit rate is null");
        }
        Matcher m = PATTERN.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a TS 29.571 BitRate (e.g. \"500 Mbps\"): \"" + text + "\"");
        }
        int exponent = 3 * indexOfUnit(m.group(2));
        try {
            return ofBps(new BigDecimal(m.group(1)).movePointRight(exponent)
                    .setScale(0, RoundingMode.FLOOR).longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("bit rate too large: \"" + text + "\"", e);
        }
    }

    /** True if {@code text} is a valid BitRate. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public long bps() {
        return bps;
    }

    public BitRate scaled(double factor) {
        return ofBps(Math.max(0L, Math.round(bps * factor)));
    }

    public BitRate min(BitRate other) {
        return bps <= other.bps ? this : other;
    }

    /**
     * The exact text form in the largest unit that keeps the number at least 1, e.g. "1.5 Gbps",
     * "123.456789 Mbps", "0 bps".
     */
    @JsonValue
    @Override
    public String toString() {
        int unit = 0;
        long scale = 1;
        while (unit < UNITS.length - 1 && bps >= scale * 1000) {
            scale *= 1000;
            unit++;
        }
        String number = BigDecimal.valueOf(bps).movePointLeft(3 * unit).stripTrailingZeros().toPlainString();
        return number + " " + UNITS[unit];
    }

    @Override
    public int compareTo(BitRate o) {
        return Long.compare(bps, o.bps);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BitRate other && other.bps == bps;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(bps);
    }

    private static int indexOfUnit(String unit) {
        for (int i = 0; i < UNITS.length; i++) {
            if (UNITS[i].equals(unit)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown unit " + unit);
    }
}
