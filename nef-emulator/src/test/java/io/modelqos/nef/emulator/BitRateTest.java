package io.modelqos.nef.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Verifies parsing and formatting of TS 29.571 BitRate strings (decimal units). */
class BitRateTest {

    @ParameterizedTest
    @CsvSource({
        "0 bps, 0",
        "125 Mbps, 125000000",
        "0.125 Gbps, 125000000",
        "1.5 Gbps, 1500000000",
        "2 Kbps, 2000",
        "40 Gbps, 40000000000",
        "1.000001 Tbps, 1000001000000",
        "0.5 bps, 0"
    })
    void parsesDecimalUnits(String text, long bps) {
        assertEquals(bps, BitRate.parse(text).bps());
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0 bps",
        "999, 999 bps",
        "1000, 1 Kbps",
        "500000000, 500 Mbps",
        "1500000000, 1.5 Gbps",
        "123456789, 123.456789 Mbps",
        "2000000000000, 2 Tbps"
    })
    void formatsExactlyInTheLargestUnit(long bps, String text) {
        assertEquals(text, BitRate.ofBps(bps).toString());
        assertTrue(BitRate.PATTERN.matcher(text).matches());
        assertEquals(bps, BitRate.parse(text).bps(), "round trip");
    }

    @ParameterizedTest
    @ValueSource(strings = {"500Mbps", "500 mbps", "500 Mbit/s", "-1 Mbps", "1.5", " 1 Gbps", "1 Gbps ", "1. Gbps", ""})
    void rejectsWhatThePatternRejects(String text) {
        assertFalse(BitRate.isValid(text));
        assertThrows(IllegalArgumentException.class, () -> BitRate.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999 Tbps", "9223372036854775808 bps"})
    void rejectsRatesBeyondLongRange(String text) {
        assertThrows(IllegalArgumentException.class, () -> BitRate.parse(text));
    }
}
