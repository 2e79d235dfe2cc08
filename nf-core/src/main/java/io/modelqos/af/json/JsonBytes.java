package io.modelqos.af.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/** A JSON document written member by member straight to UTF-8 bytes (the AF's records, events and CloudEvents). */
public final class JsonBytes {
    /** A thread's buffer is kept up to this size; a larger document's is let go after use. */
    static final int KEPT_BUFFER_BYTES = 64 * 1024;
    private static final ThreadLocal<Output> OUTPUT = ThreadLocal.withInitial(() -> new Output(4096));

    private JsonBytes() {
    }

    /** What writes the document on the generator it is given. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    /**
     * The bytes {@code body} writes with a generator of {@code factory}; {@code sizeHint} is the first buffer's size
     * when the thread's own buffer is in use (a document written while another is). The JSON is built in a buffer the
     * thread keeps, and only the result is a new array: a record is written several times per delivery, and a fresh
     * buffer each time (Jackson's ByteArrayBuilder, whose recycled block is smaller than a record) was 7 % of the event
     * loops' allocations.
     */
    public static byte[] of(JsonFactory factory, int sizeHint, Body body) {
        Output kept = OUTPUT.get();
        Output out = kept.inUse ? new Output(sizeHint) : kept;
        out.inUse = true;
        try {
            try (JsonGenerator g = factory.createGenerator(out)) {
                body.write(g);
            }
            return Arrays.copyOf(out.bytes, out.size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            out.size = 0;
            out.inUse = false;
            if (out.bytes.length > KEPT_BUFFER_BYTES) {
                out.bytes = new byte[4096];
            }
        }
    }

    /** A growable array the generator flushes into; one thread's, never shared. */
    private static final class Output extends OutputStream {
        byte[] bytes;
        int size;
        boolean inUse;

        Output(int capacity) {
            bytes = new byte[Math.max(capacity, 64)];
        }

        @Override
        public void write(int b) {
            room(1);
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            room(len);
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }

        private void room(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }
}
