package io.modelqos.qos;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A TS 29.571 {@code SupportedFeatures} bitmask: hexadecimal, the last character carrying features 1-4
 * (bit 0 = feature 1). Features 5 and 6 give {@code "30"}; feature 12 alone gives {@code "800"}.
 * Bits of features without a {@link NefFeature} name survive parsing, intersecting and printing, and can be asked
 * for by number.
 *
 * <pre>{@code
 * SupportedFeatures nef = SupportedFeatures.parse("830");
 * nef.supports(NefFeature.ALT_QOS_WITH_IND_PARAMS_5G);   // true
 * SupportedFeatures.of(NefFeature.ALTERNATIVE_QOS_5G, NefFeature.QOS_MONITORING_5G).toHex(); // "30"
 * SupportedFeatures.parse("1033").intersect(nef).toHex();  // "30": what both sides support
 * }</pre>
 *
 * @param bits bit {@code n - 1} set when feature {@code n} is supported
 */
public record SupportedFeatures(BigInteger bits) {

    public static final SupportedFeatures NONE = new SupportedFeatures(BigInteger.ZERO);

    private static final Pattern HEX = Pattern.compile("[A-Fa-f0-9]*");

    public SupportedFeatures {
        Objects.requireNonNull(bits, "bits");
        if (bits.signum() < 0) {
            throw new IllegalArgumentException("bits must not be negative");
        }
    }

    public static SupportedFeatures of(NefFeature... features) {
        return of(Arrays.asList(features));
    }

    public static SupportedFeatures of(Collection<NefFeature> features) {
        BigInteger bits = BigInteger.ZERO;
        for (NefFeature feature : features) {
            bits = bits.setBit(feature.number() - 1);
        }
        return new SupportedFeatures(bits);
    }

    /**
     * The mask with exactly the given feature numbers, named or not.
     *
     * @throws IllegalArgumentException if a number is below 1 (feature numbers start at 1)
     */
    public static SupportedFeatures ofNumbers(int... numbers) {
        BigInteger bits = BigInteger.ZERO;
        for (int number : numbers) {
            if (number < 1) {
                throw new IllegalArgumentException("feature numbers start at 1: " + number);
            }
            bits = bits.setBit(number - 1);
        }
        return new SupportedFeatures(bits);
    }

    /** True if {@code hex} has the hex form {@link #parse} accepts (the empty string means no feature). */
    public static boolean isValid(String hex) {
        return hex != null && HEX.matcher(hex).matches();
    }

    /**
     * Reads the hex form; the empty string means no feature (TS 29.571: missing characters are unsupported
     * features).
     *
     * @throws IllegalArgumentException naming the value when it is not hexadecimal
     */
    @JsonCreator
    public static SupportedFeatures parse(String hex) {
        if (!isValid(hex)) {
            throw new IllegalArgumentException("invalid SupportedFeatures '" + hex
                    + "': expected hexadecimal digits, e.g. '30'");
        }
        return hex.isEmpty() ? NONE : new SupportedFeatures(new BigInteger(hex, 16));
    }

    /** Upper-case hex without leading zeros; {@code "0"} when nothing is supported. */
    @JsonValue
    public String toHex() {
        return bits.toString(16).toUpperCase(Locale.ROOT);
    }

    public boolean supports(NefFeature feature) {
        return supports(feature.number());
    }

    /** Whether feature {@code number} (starting at 1) is supported. */
    public boolean supports(int number) {
        if (number < 1) {
            throw new IllegalArgumentException("feature numbers start at 1: " + number);
        }
        return bits.testBit(number - 1);
    }

    /** The supported features that have a {@link NefFeature} name. */
    public Set<NefFeature> knownFeatures() {
        Set<NefFeature> known = EnumSet.noneOf(NefFeature.class);
        for (NefFeature feature : NefFeature.values()) {
            if (supports(feature)) {
                known.add(feature);
            }
        }
        return known;
    }

    /** The features both sides support, as negotiated with the NEF. */
    public SupportedFeatures intersect(SupportedFeatures other) {
        return new SupportedFeatures(bits.and(other.bits));
    }

    @Override
    public String toString() {
        String names = knownFeatures().stream().map(NefFeature::specName).collect(Collectors.joining(", "));
        return toHex() + (names.isEmpty() ? "" : " (" + names + ")");
    }
}
