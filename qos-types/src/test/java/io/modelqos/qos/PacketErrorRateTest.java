package io.modelqos.qos;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacketErrorRateTest {

    @Test
    void readsAndWritesTheThreeGppForm() {
        PacketErrorRate per = PacketErrorRate.parse("1E-6");

        assertEquals(new PacketErrorRate(1, 6), per);
        assertEquals("1E-6", per.toString());
        assertEquals(0, new BigDecimal("0.000001").compareTo(per.value()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e-6", "10E-6", "1E-10", "1E6", "1E-", "0.000001", " 1E-6"})
    void rejectsOtherFormsNamingTheValue(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PacketErrorRate.parse(text));
        assertTrue(e.getMessage().contains("'" + text + "'"));
    }

    @Test
    void comparesByProbability() {
        assertTrue(PacketErrorRate.parse("1E-6").isAtMost(PacketErrorRate.parse("1E-5")));
        assertTrue(PacketErrorRate.parse("9E-7").isAtMost(PacketErrorRate.parse("1E-6")));
        assertTrue(PacketErrorRate.parse("2E-6").compareTo(PacketErrorRate.parse("1E-6")) > 0);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"0.00001, 1E-5", "0.05, 5E-2", "0.0000025, 2E-6", "0.999, 9E-1", "0.000000001, 1E-9"})
    void findsTheLargestExpressibleRateNotAboveABound(BigDecimal bound, String expected) {
        assertEquals(PacketErrorRate.parse(expected), PacketErrorRate.largestAtMost(bound).orElseThrow());
    }

    @Test
    void cannotExpressRatesBelowOneInABillion() {
        assertTrue(PacketErrorRate.largestAtMost(new BigDecimal("0.0000000009")).isEmpty());
    }
}
