package io.modelqos.af.json;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes an instant as {@link DateTimeFormatter#ISO_INSTANT} does (the fraction in groups of three digits, none when
 * zero; as Jackson's JavaTimeModule writes it without timestamps), in characters computed here for the years 1-9999:
 * the formatter took a quarter of a stored record's encoding, and every answer and event carries instants.
 */
public final class IsoInstants {
    private IsoInstants() {
    }

    /** {@code "name": "<instant>"}, or {@code "name": null}. */
    public static void write(JsonGenerator g, String name, Instant value) throws IOException {
        if (value == null) {
            g.writeNullField(name);
            return;
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(value.getEpochSecond(), value.getNano(), ZoneOffset.UTC);
        if (t.getYear() < 1 || t.getYear() > 9999) {
            g.writeStringField(name, DateTimeFormatter.ISO_INSTANT.format(value));
            return;
        }
        char[] c = new char[30];
        digits(c, 0, t.getYear(), 4);
        c[4] = '-';
        digits(c, 5, t.getMonthValue(), 2);
        c[7] = '-';
        digits(c, 8, t.getDayOfMonth(), 2);
        c[10] = 'T';
        digits(c, 11, t.getHour(), 2);
        c[13] = ':';
        digits(c, 14, t.getMinute(), 2);
        c[16] = ':';
        digits(c, 17, t.getSecond(), 2);
        int at = 19;
        int nano = value.getNano();
        if (nano != 0) {
            c[at++] = '.';
            if (nano % 1_000_000 == 0) {
                digits(c, at, nano / 1_000_000, 3);
                at += 3;
            } else if (nano % 1_000 == 0) {
                digits(c, at, nano / 1_000, 6);
                at += 6;
            } else {
                digits(c, at, nano, 9);
                at += 9;
            }
        }
        c[at++] = 'Z';
        g.writeFieldName(name);
        g.writeString(c, 0, at);
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
