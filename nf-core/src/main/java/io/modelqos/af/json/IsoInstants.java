package io.modelqos.af.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Writes an instant as {@link DateTimeFormatter#ISO_INSTANT} does (the fraction in groups of three digits, none when
 * zero; as Jackson's JavaTimeModule writes it without timestamps), in characters computed here for the years 1-9999:
 * the formatter took a quarter of a stored record's encoding, and every answer and event carries instants. The date's
 * characters are kept per thread for the day last written (a delivery's instants are nearly all of today), so most
 * instants cost only their time of day.
 */
public final class IsoInstants {
    private static final long SECONDS_PER_DAY = 86_400;
    private static final long FIRST_DAY = LocalDate.of(1, 1, 1).toEpochDay();
    private static final long LAST_DAY = LocalDate.of(9999, 12, 31).toEpochDay();
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private IsoInstants() {
    }

    /** One thread's characters: the instant being written, whose first 11 are the date of {@code day}. */
    private static final class Scratch {
        final char[] chars = new char[30];
        long day = Long.MIN_VALUE;
    }

    /** {@code "name": "<instant>"}, or {@code "name": null}. */
    public static void write(JsonGenerator g, String name, Instant value) throws IOException {
        g.writeFieldName(name);
        value(g, value);
    }

    /** {@link #write(JsonGenerator, String, Instant)} with a name encoded once. */
    public static void write(JsonGenerator g, SerializableString name, Instant value) throws IOException {
        g.writeFieldName(name);
        value(g, value);
    }

    /** The instant as a JSON string, or null. */
    private static void value(JsonGenerator g, Instant value) throws IOException {
        if (value == null) {
            g.writeNull();
            return;
        }
        long day = Math.floorDiv(value.getEpochSecond(), SECONDS_PER_DAY);
        if (day < FIRST_DAY || day > LAST_DAY) {
            g.writeString(DateTimeFormatter.ISO_INSTANT.format(value));
            return;
        }
        Scratch scratch = SCRATCH.get();
        char[] c = scratch.chars;
        if (scratch.day != day) {
            LocalDate date = LocalDate.ofEpochDay(day);
            digits(c, 0, date.getYear(), 4);
            c[4] = '-';
            digits(c, 5, date.getMonthValue(), 2);
            c[7] = '-';
            digits(c, 8, date.getDayOfMonth(), 2);
            c[10] = 'T';
            scratch.day = day;
        }
        int secondOfDay = (int) Math.floorMod(value.getEpochSecond(), SECONDS_PER_DAY);
        digits(c, 11, secondOfDay / 3600, 2);
        c[13] = ':';
        digits(c, 14, secondOfDay / 60 % 60, 2);
        c[16] = ':';
        digits(c, 17, secondOfDay % 60, 2);
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
        g.writeString(c, 0, at); // copied by the generator: the characters are the thread's again at once
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
