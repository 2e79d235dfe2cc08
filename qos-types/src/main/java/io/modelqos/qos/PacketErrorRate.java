package io.modelqos.qos;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A packet error rate in the TS 29.571 {@code PacketErrRate} form "scalar E-exponent" with one digit each,
 * e.g. {@code "1E-6"} = 10^-6. The strictest positive value that form can express is 1E-9.
 */
public record PacketErrorRate(int scalar, int exponent) implements Comparable<PacketErrorRate> {

    public static final PacketErrorRate STRICTEST = new PacketErrorRate(1, 9);

    private static final Pattern SYNTAX = Pattern.compile("([0-9])E-([0-9])");

    public PacketErrorRate {
        if (scalar < 0 || scalar > 9 || exponent < 0 || exponent > 9) {
            throw new IllegalArgumentException("scalar and exponent must be single digits, were "
                    + scalar + " and " + exponent);
        }
    }

    /** @throws IllegalArgumentException naming the value when it is not of the form {@code dE-d} */
    @JsonCreator
    public static PacketErrorRate parse(String text) {
        Matcher matcher = text == null ? null : SYNTAX.matcher(text);
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException("invalid PacketErrRate '" + text + "': expected e.g. '1E-6'");
        }
        return new PacketErrorRate(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    }

    /**
     * The largest expressible rate not above {@code bound}, or empty when even 1E-9 is above it.
     * E.g. 1e-5 gives 1E-5, 0.05 gives 5E-2, 2.5e-6 gives 2E-6.
     */
    public static Optional<PacketErrorRate> largestAtMost(BigDecimal bound) {
        for (int exponent = 1; exponent <= 9; exponent++) {
            BigDecimal scaled = bound.scaleByPowerOfTen(exponent);
            if (scaled.compareTo(BigDecimal.ONE) >= 0) {
                int scalar = Math.min(9, scaled.intValue());
                return Optional.of(new PacketErrorRate(scalar, exponent));
            }
        }
        return Optional.empty();
    }

    /** The probability this rate stands for. */
    public BigDecimal value() {
        return BigDecimal.valueOf(scalar).scaleByPowerOfTen(-exponent);
    }

    public boolean isAtMost(PacketErrorRate other) {
        return compareTo(other) <= 0;
    }

    @Override
    public int compareTo(PacketErrorRate other) {
        return value().compareTo(other.value());
    }

    @JsonValue
    @Override
    public String toString() {
        return scalar + "E-" + exponent;
    }
}
