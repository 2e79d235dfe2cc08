package io.modelqos.nef.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelqos.qos.BitRate;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Verifies how the emulated network reads and writes TS 29.571 BitRate strings: whole bits per second, exactly. */
class RatesTest {

    @ParameterizedTest
    @CsvSource({
        "0 bps, 0",
        "125 Mbps, 125000000",
        "0.125 Gbps, 125000000",
        "1.5 Gbps, 1500000000",
        "2 Kbps, 2000",
        "40 Gbps, 40000000000",
        "1.000001 Tbps, 1000001000000",
        "0.5 bps, 0",
        "1.9 bps, 1"
    })
    void parsesDecimalUnitsToWholeBits(String text, long bps) {
        BitRate rate = Rates.parse(text);
        assertEquals(bps, rate.wholeBitsPerSecond());
        assertEquals(BitRate.ofBitsPerSecond(bps), rate, "a fraction of a bit per second is dropped");
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
        assertEquals(text, BitRate.ofBitsPerSecond(bps).toExactString());
        assertTrue(BitRate.PATTERN.matcher(text).matches());
        assertEquals(bps, Rates.parse(text).wholeBitsPerSecond(), "round trip");
    }

    @ParameterizedTest
    @ValueSource(strings = {"500Mbps", "500 mbps", "500 Mbit/s", "-1 Mbps", "1.5", " 1 Gbps", "1 Gbps ", "1. Gbps", "",
        "1 Gbps\n"})
    void rejectsWhatThePatternRejectsNamingTheValue(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Rates.parse(text));
        assertEquals("not a TS 29.571 BitRate (e.g. \"500 Mbps\"): \"" + text + "\"", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999 Tbps", "9223372036854775808 bps"})
    void rejectsRatesBeyondLongRange(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Rates.parse(text));
        assertEquals("bit rate too large: \"" + text + "\"", e.getMessage());
    }

    @Test
    void makesRatesGivenFromCodeWhole() {
        assertEquals(BitRate.ofBitsPerSecond(1), Rates.whole(BitRate.ofBitsPerSecond(new BigDecimal("1.9"))));
        assertThrows(IllegalArgumentException.class, () -> Rates.whole(BitRate.parse("99999999999 Tbps")));
    }

    /** Verifies the emulator's JSON (options, state): exact text, read as whole bits, a bad rate named. */
    @Test
    void readsAndWritesJsonAsTheNetworkDoes() throws Exception {
        ObjectMapper mapper = new ObjectMapper().registerModule(Rates.jacksonModule());
        assertEquals("\"123.456789 Mbps\"", mapper.writeValueAsString(BitRate.ofBitsPerSecond(123_456_789)));
        assertEquals(BitRate.ofBitsPerSecond(1), mapper.readValue("\"1.5 bps\"", BitRate.class));
        Exception e = assertThrows(Exception.class, () -> mapper.readValue("\"fast\"", BitRate.class));
        assertTrue(e.getMessage().contains("not a TS 29.571 BitRate (e.g. \"500 Mbps\"): \"fast\""), e.getMessage());
    }
}
