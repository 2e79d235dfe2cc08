package io.modelqos.af.json;

import com.fasterxml.jackson.core.JsonFactory;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every instant comes out as DateTimeFormatter.ISO_INSTANT writes it, whichever day the thread wrote before. */
class IsoInstantsTest {
    private static final JsonFactory FACTORY = new JsonFactory();

    private static String written(Instant value) {
        return new String(JsonBytes.of(FACTORY, 64, g -> {
            g.writeStartObject();
            IsoInstants.write(g, "t", value);
            g.writeEndObject();
        }), StandardCharsets.UTF_8);
    }

    private static String expected(Instant value) {
        return value == null ? "{\"t\":null}" : "{\"t\":\"" + DateTimeFormatter.ISO_INSTANT.format(value) + "\"}";
    }

    @Test
    void instantsAcrossDaysYearsAndFractionsAreWrittenAsIsoInstant() {
        List<Instant> instants = new ArrayList<>(List.of(
                Instant.EPOCH, Instant.ofEpochSecond(-1), Instant.ofEpochSecond(86_399, 999_999_999),
                Instant.ofEpochSecond(86_400), Instant.parse("2026-12-05T23:59:59.5Z"), Instant.parse("2026-12-06T00:00:00Z"),
                Instant.parse("2024-02-29T12:00:00.000001Z"), Instant.parse("0001-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("-0001-12-31T23:59:59Z"), Instant.MIN, Instant.MAX));
        SplittableRandom random = new SplittableRandom(19);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(-62_135_596_800L, 253_402_300_800L);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(seconds, nanos));
            instants.add(Instant.ofEpochSecond(seconds + random.nextInt(3_600), nanos)); // often the same day
        }
        instants.add(null);
        for (Instant instant : instants) {
            assertEquals(expected(instant), written(instant), String.valueOf(instant));
        }
    }
}
