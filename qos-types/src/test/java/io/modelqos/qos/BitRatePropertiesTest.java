package io.modelqos.qos;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BitRatePropertiesTest {

    /** TS 29.571 BitRate pattern, verbatim. */
    private static final Pattern THREE_GPP = Pattern.compile("^\\d+(\\.\\d+)? (bps|Kbps|Mbps|Gbps|Tbps)$");

    /**
     * Verifies that formatting then parsing never yields less than the original and stays within the stated
     * precision: less than 10^-decimals of the value (of 1 bit/s below 1 bit/s).
     */
    @Property
    void formatThenParseRoundTripsUpwardWithinThePrecision(@ForAll("rates") BitRate rate,
                                                          @ForAll @IntRange(min = 0, max = 6) int decimals) {
        String text = rate.format(decimals);
        BitRate back = BitRate.parse(text);
        BigDecimal excess = back.bitsPerSecond().subtract(rate.bitsPerSecond());
        BigDecimal tolerance = rate.bitsPerSecond().max(BigDecimal.ONE).scaleByPowerOfTen(-decimals);
        assertTrue(excess.signum() >= 0, () -> text + " is below " + rate.bitsPerSecond());
        assertTrue(excess.compareTo(tolerance) < 0, () -> text + " exceeds " + rate.bitsPerSecond() + " by " + excess);
    }

    @Property
    void formatMatchesTheThreeGppPatternWithAReadableNumber(@ForAll("rates") BitRate rate) {
        String text = rate.toString();
        assertTrue(THREE_GPP.matcher(text).matches(), text);
        BigDecimal number = new BigDecimal(text.substring(0, text.indexOf(' ')));
        boolean smallest = text.endsWith(" bps");
        boolean largest = text.endsWith(" Tbps");
        assertTrue(smallest || number.compareTo(BigDecimal.ONE) >= 0, text);
        assertTrue(largest || number.compareTo(BigDecimal.valueOf(1000)) < 0, text);
    }

    /** Verifies that the exact form loses nothing: it reads back as the very same value, in a readable unit. */
    @Property
    void exactFormRoundTripsWithoutLoss(@ForAll("rates") BitRate rate) {
        String text = rate.toExactString();
        assertEquals(rate, BitRate.parse(text), text);
        assertTrue(THREE_GPP.matcher(text).matches(), text);
        BigDecimal number = new BigDecimal(text.substring(0, text.indexOf(' ')));
        assertTrue(text.endsWith(" bps") || number.compareTo(BigDecimal.ONE) >= 0, text);
        assertTrue(text.endsWith(" Tbps") || number.compareTo(BigDecimal.valueOf(1000)) < 0, text);
    }

    /** Rates from a thousandth of a bit/s to 10^21 bit/s, spread over the orders of magnitude. */
    @Provide
    Arbitrary<BitRate> rates() {
        return Combinators.combine(
                        Arbitraries.longs().between(0, 999_999_999_999L),
                        Arbitraries.integers().between(-9, 6))
                .as((mantissa, scale) -> BitRate.ofBitsPerSecond(new BigDecimal(BigInteger.valueOf(mantissa), scale)));
    }
}
