package io.modelqos.app;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @ParameterizedTest(name = "{0}")
    @CsvSource({"1s, 1000000000", "100ms, 100000000", "33ms, 33000000", "1.5s, 1500000000", "0.5ms, 500000",
            "PT0.1S, 100000000", "250 ms, 250000000"})
    void readsSecondsMillisecondsAndIso(String text, long nanos) {
        assertEquals(Duration.ofNanos(nanos), converter.convert(text));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"100", "10xs", "1m", "-1s", "PTxS", "ms"})
    void rejectsOtherForms(String text) {
        assertThrows(TypeConversionException.class, () -> converter.convert(text));
    }
}
