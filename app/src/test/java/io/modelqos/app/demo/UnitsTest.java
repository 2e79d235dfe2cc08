package io.modelqos.app.demo;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UnitsTest {

    @ParameterizedTest
    @CsvSource({"1920000000, 1.92 Gbit/s", "1992716160, 1.993 Gbit/s", "498179040, 498.2 Mbit/s",
            "33600000, 33.6 Mbit/s", "1500000000, 1.5 Gbit/s", "999, 999 bit/s", "12345, 12.35 kbit/s"})
    void ratesHaveFourSignificantDigitsAndAUnit(long bps, String text) {
        assertEquals(text, Units.rate(BigDecimal.valueOf(bps)));
    }

    @ParameterizedTest
    @CsvSource({"240000000, 240 MB", "27200000, 27.2 MB", "4200000, 4.2 MB"})
    void sizesAreInMegabytesOfTenToTheSixBytes(long bytes, String text) {
        assertEquals(text, Units.megabytes(bytes));
    }

    @ParameterizedTest
    @CsvSource({"1.0, 100 %", "0.99999, 99.9 %", "0.7436, 74.3 %", "0, 0 %"})
    void aShareShortOfAllNeverReadsAHundredPercent(double fraction, String text) {
        assertEquals(text, Units.percent(fraction));
    }

    @ParameterizedTest
    @CsvSource({"1000, 1 s", "100, 100 ms", "33, 33 ms", "0, 0 s"})
    void budgetsReadAsTheSeedWritesThem(long millis, String text) {
        assertEquals(text, Units.duration(Duration.ofMillis(millis)));
    }
}
