package io.modelqos.nef.emulator;

import java.math.BigInteger;

/**
 * The TS 29.571 {@code SupportedFeatures} hex bitmask: the last character carries features 1-4,
 * bit 0 = feature 1. Features 5 and 6 are "30"; 5, 6 and 12 are "830".
 */
final class SupportedFeatures {

    /** TS 29.122 AsSessionWithQoS feature 5. */
    static final int ALTERNATIVE_QOS_5G = 5;
    /** TS 29.122 AsSessionWithQoS feature 6. */
    static final int QOS_MONITORING_5G = 6;
    /** TS 29.122 AsSessionWithQoS feature 12 (needs feature 5). */
    static final int ALT_QOS_WITH_IND_PARAMS_5G = 12;

    private SupportedFeatures() {
    }

    /** The features both sides support, as a hex string without leading zeros ("0" when none). */
    static String intersect(String a, String b) {
        return toHex(bits(a).and(bits(b)));
    }

    static boolean has(String features, int feature) {
        return features != null && bits(features).testBit(feature - 1);
    }

    /** The bitmask with exactly the given features (1-based numbers). */
    static String of(int... features) {
        BigInteger bits = BigInteger.ZERO;
        for (int f : features) {
            if (f < 1) {
                throw new IllegalArgumentException("feature numbers start at 1: " + f);
            }
            bits = bits.setBit(f - 1);
        }
        return toHex(bits);
    }

    /** Checks the text is a hex bitmask (an empty string means "none"). */
    static boolean isValid(String features) {
        return features != null && features.matches("^[A-Fa-f0-9]*$");
    }

    private static BigInteger bits(String hex) {
        if (hex == null || hex.isEmpty()) {
            return BigInteger.ZERO;
        }
        if (!isValid(hex)) {
            throw new IllegalArgumentException("not a SupportedFeatures hex string: " + hex);
        }
        return new BigInteger(hex, 16);
    }

    private static String toHex(BigInteger bits) {
        return bits.toString(16).toUpperCase(java.util.Locale.ROOT);
    }
}
