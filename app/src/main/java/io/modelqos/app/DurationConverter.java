package io.modelqos.app;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations such as {@code 1s}, {@code 100ms}, {@code 33ms}, {@code 1.5s} or ISO-8601 {@code PT0.1S}. */
final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern NUMBER_AND_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s)");

    @Override
    public Duration convert(String text) {
        Matcher matcher = NUMBER_AND_UNIT.matcher(text.trim());
        if (matcher.matches()) {
            BigDecimal number = new BigDecimal(matcher.group(1));
            BigDecimal nanos = number.movePointRight(matcher.group(2).equals("s") ? 9 : 6);
            return Duration.ofNanos(nanos.longValue());
        }
        if (text.startsWith("P") || text.startsWith("p")) {
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                // fall through to the common message
            }
        }
        throw new TypeConversionException("'" + text + "' is not a duration; write e.g. 1s, 100ms, 33ms or PT0.1S");
    }
}
