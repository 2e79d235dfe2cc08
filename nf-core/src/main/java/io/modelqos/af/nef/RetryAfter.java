package io.modelqos.af.nef;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads an HTTP {@code Retry-After} header (RFC 9110 clause 10.2.3): either a number of seconds
 * ({@code "120"}) or an HTTP-date ({@code "Fri, 27 Nov 2026 13:00:00 GMT"}), which becomes the time left until
 * then. A date in the past gives zero; anything else is ignored (empty).
 */
public final class RetryAfter {

    /** Longer waits than this are treated as this: a NEF asking for days is asking the AF to give up. */
    static final Duration MAX = Duration.ofDays(1);

    private RetryAfter() {
    }

    public static Optional<Duration> parse(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                Duration seconds = Duration.ofSeconds(Long.parseLong(value));
                return Optional.of(seconds.compareTo(MAX) > 0 ? MAX : seconds);
            } catch (NumberFormatException | ArithmeticException e) {
                return Optional.of(MAX);
            }
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration left = Duration.between(now, at);
            if (left.isNegative()) {
                return Optional.of(Duration.ZERO);
            }
            return Optional.of(left.compareTo(MAX) > 0 ? MAX : left);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
