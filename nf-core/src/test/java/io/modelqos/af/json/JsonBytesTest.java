package io.modelqos.af.json;

import com.fasterxml.jackson.core.JsonFactory;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The thread's buffer serves one document at a time: nested, large, failed and following documents come out whole. */
class JsonBytesTest {
    private static final JsonFactory FACTORY = new JsonFactory();

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }

    @Test
    void aDocumentWrittenWhileAnotherIsComesOutWholeAndSoDoesTheOuterOne() {
        byte[] outer = JsonBytes.of(FACTORY, 16, g -> {
            g.writeStartObject();
            g.writeStringField("before", "é");
            byte[] inner = JsonBytes.of(FACTORY, 16, h -> {
                h.writeStartArray();
                h.writeNumber(1);
                h.writeEndArray();
            });
            g.writeFieldName("inner");
            g.writeRawValue(text(inner));
            g.writeEndObject();
        });
        assertEquals("{\"before\":\"é\",\"inner\":[1]}", text(outer));
    }

    @Test
    void aDocumentLargerThanTheKeptBufferAndTheNextOneAreWhole() {
        String large = "x".repeat(JsonBytes.KEPT_BUFFER_BYTES * 2);
        byte[] first = JsonBytes.of(FACTORY, 16, g -> g.writeString(large));
        assertEquals(large.length() + 2, first.length);
        assertEquals("{\"a\":1}", text(JsonBytes.of(FACTORY, 16, g -> {
            g.writeStartObject();
            g.writeNumberField("a", 1);
            g.writeEndObject();
        })));
    }

    @Test
    void aFailedDocumentLeavesNothingBehindForTheNext() {
        assertThrows(java.io.UncheckedIOException.class, () -> JsonBytes.of(FACTORY, 16, g -> {
            g.writeStartObject();
            g.writeStringField("half", "written");
            throw new java.io.IOException("failed half-way");
        }));
        assertEquals("[]", text(JsonBytes.of(FACTORY, 16, g -> {
            g.writeStartArray();
            g.writeEndArray();
        })));
    }
}
