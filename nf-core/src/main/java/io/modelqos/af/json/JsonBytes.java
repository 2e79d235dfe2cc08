package io.modelqos.af.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;

/** A JSON document written member by member straight to UTF-8 bytes (the AF's records, events and CloudEvents). */
public final class JsonBytes {
    private JsonBytes() {
    }

    /** What writes the document on the generator it is given. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    /** The bytes {@code body} writes with a generator of {@code factory}; {@code sizeHint} is the first buffer's size. */
    public static byte[] of(JsonFactory factory, int sizeHint, Body body) {
        ByteArrayBuilder out = new ByteArrayBuilder(sizeHint);
        try (JsonGenerator g = factory.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] json = out.toByteArray();
        out.release();
        return json;
    }
}
