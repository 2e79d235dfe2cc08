package io.modelqos.qos;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BitRateTest {

    @ParameterizedTest(name = "{0} bit/s -> {1}")
    @CsvSource({
            "0, 0 bps",
            "999, 999 bps",
            "1000, 1 Kbps",
            "33600000, 33.6 Mbps",
            "134400000, 134.4 Mbps",
            "1920000000, 1.92 Gbps",
            "11040000000, 11.04 Gbps",
            "40000000000000, 40 Tbps",
            "1500000000000000, 1500 Tbps"})
    void formatsInTheUnitWhereTheNumberIsReadable(long bitsPerSecond, String expected) {
        assertEquals(expected, BitRate.ofBitsPerSecond(bitsPerSecond).toString());
    }

    /** Verifies that a GBR is never printed below its value: the last printed digit is rounded up. */
    @ParameterizedTest(name = "{0} bit/s with {1} decimals -> {2}")
    @CsvSource({
            "1992716161, 3, 1.993 Gbps",
            "1000000001, 3, 1.001 Gbps",
            "1200000000, 0, 2 Gbps",
            "830298400, 3, 830.299 Mbps",
            "1001, 6, 1.001 Kbps"})
    void roundsUpAtTheLastPrintedDigit(long bitsPerSecond, int decimals, String expected) {
        assertEquals(expected, BitRate.ofBitsPerSecond(bitsPerSecond).format(decimals));
    }

    @Test
    void movesToTheNextUnitWhenRoundingUpReachesAThousand() {
        assertEquals("1 Gbps", BitRate.ofBitsPerSecond(999_999_999L).toString());
        assertEquals("1 Kbps", BitRate.ofBitsPerSecond(new BigDecimal("999.9999")).toString());
    }

    @Test
    void printsFractionsOfABitPerSecondInBps() {
        assertEquals("0.5 bps", BitRate.ofBitsPerSecond(new BigDecimal("0.5")).toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "125 Mbps, 125000000",
            "0.125 Gbps, 125000000",
            "1.5 Kbps, 1500",
            "7 bps, 7",
            "2 Tbps, 2000000000000",
            "1.92 Gbps, 1920000000"})
    void parsesEveryUnitWithDecimalPrefixes(String text, long bitsPerSecond) {
        assertEquals(BitRate.ofBitsPerSecond(bitsPerSecond), BitRate.parse(text));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {"1Gbps", "1  Gbps", "1 gbps", "1 GBps", "1 kbps", "-1 Mbps", "1. Mbps", ".5 Mbps",
            "1 Gbps\n", " 1 Gbps", "1 Gbps ", "1e3 bps", "1,5 Mbps", "1 Gb/s", "\u0661 Gbps", "Gbps"})
    void rejectsAnythingOffThePatternNamingTheValue(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BitRate.parse(text));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    }

    @Test
    void comparesValuesRegardlessOfTheUnitTheyWereWrittenIn() {
        assertEquals(BitRate.parse("1 Gbps"), BitRate.parse("1000 Mbps"));
        assertEquals(BitRate.parse("1 Gbps").hashCode(), BitRate.parse("1000.000 Mbps").hashCode());
        assertTrue(BitRate.parse("999 Mbps").compareTo(BitRate.parse("1 Gbps")) < 0);
    }

    @Test
    void rejectsNegativeRates() {
        assertThrows(IllegalArgumentException.class, () -> BitRate.ofBitsPerSecond(-1));
    }

    @Test
    void readsAndWritesTheTextFormInJson() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        assertEquals("\"1.92 Gbps\"", mapper.writeValueAsString(BitRate.parse("1920 Mbps")));
        assertEquals(BitRate.parse("33.6 Mbps"), mapper.readValue("\"33.6 Mbps\"", BitRate.class));
    }

    /** Verifies that the exact form keeps every digit, in the largest unit that keeps the number at least 1. */
    @ParameterizedTest(name = "{0} bit/s -> {1}")
    @CsvSource({
            "0, 0 bps",
            "999, 999 bps",
            "1000, 1 Kbps",
            "500000000, 500 Mbps",
            "1500000000, 1.5 Gbps",
            "123456789, 123.456789 Mbps",
            "1992716161, 1.992716161 Gbps",
            "2000000000000, 2 Tbps",
            "1500000000000000, 1500 Tbps"})
    void formatsExactlyInTheLargestUnit(long bitsPerSecond, String expected) {
        BitRate rate = BitRate.ofBitsPerSecond(bitsPerSecond);
        assertEquals(expected, rate.toExactString());
        assertTrue(BitRate.PATTERN.matcher(expected).matches());
        assertEquals(rate, BitRate.parse(expected), "round trip");
    }

    @Test
    void formatsFractionsExactlyToo() {
        assertEquals("0.5 bps", BitRate.ofBitsPerSecond(new BigDecimal("0.5")).toExactString());
        assertEquals("1.0000001 Kbps", BitRate.ofBitsPerSecond(new BigDecimal("1000.0001")).toExactString());
    }

    @ParameterizedTest(name = "{0} -> {1} whole bit/s")
    @CsvSource({
            "0 bps, 0",
            "0.5 bps, 0",
            "1.9 bps, 1",
            "125 Mbps, 125000000",
            "1.000001 Tbps, 1000001000000",
            "1.0000000000001 Kbps, 1000",
            "9223372036854775807 bps, 9223372036854775807"})
    void dropsAFractionOfABitPerSecondForWholeBits(String text, long whole) {
        assertEquals(whole, BitRate.parse(text).wholeBitsPerSecond());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"99999999999 Tbps", "9223372036854775808 bps"})
    void refusesWholeBitsBeyondTheLongRange(String text) {
        BitRate huge = BitRate.parse(text);
        assertThrows(ArithmeticException.class, huge::wholeBitsPerSecond);
    }

    @Test
    void validatesWhatParseAccepts() {
        assertTrue(BitRate.isValid("1.5 Gbps"));
        assertTrue(BitRate.isValid("99999999999 Tbps"));
        for (String text : new String[] {null, "", "500Mbps", "500 mbps", "500 Mbit/s", "-1 Mbps", "1.5", " 1 Gbps",
                "1 Gbps ", "1. Gbps", "1 Gbps\n"}) {
            assertFalse(BitRate.isValid(text), "\"" + text + "\"");
        }
    }
}
