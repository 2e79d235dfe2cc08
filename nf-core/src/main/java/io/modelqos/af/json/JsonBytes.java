package io.modelqos.af.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.BufferRecycler;
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

    /**
     * The bytes {@code body} writes with a generator of {@code factory}; {@code sizeHint} is the first buffer's size
     * when the thread has none to reuse. The buffer the JSON is built in is the factory's recycled one (per thread, as
     * Jackson's own {@code writeValueAsBytes} does): a record is written several times per delivery, and a fresh
     * buffer each time was 7 % of the event loops' allocations.
     */
    public static byte[] of(JsonFactory factory, int sizeHint, Body body) {
        BufferRecycler recycler = factory._getBufferRecycler();
        ByteArrayBuilder out = new ByteArrayBuilder(recycler, sizeHint);
        try {
            try (JsonGenerator g = factory.createGenerator(out)) {
                body.write(g);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            out.release();
            recycler.releaseToPool();
        }
    }
}
