package io.modelqos.af.qos;

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
 * Bits of features this AF does not know survive parsing and printing.
 *
 * <pre>{@code
 * SupportedFeatures nef = SupportedFeatures.parse("830");
 * nef.supports(NefFeature.ALT_QOS_WITH_IND_PARAMS_5G);   // true
 * SupportedFeatures.of(NefFeature.ALTERNATIVE_QOS_5G, NefFeature.QOS_MONITORING_5G).toHex(); // "30"
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
     * Reads the hex form; the empty string means no feature (TS 29.571: missing characters are unsupported
     * features).
     *
     * @throws IllegalArgumentException naming the value when it is not hexadecimal
     */
    @JsonCreator
    public static SupportedFeatures parse(String hex) {
        if (hex == null || !HEX.matcher(hex).matches()) {
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
        return bits.testBit(feature.number() - 1);
    }

    /** The supported features this AF knows by name. */
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
