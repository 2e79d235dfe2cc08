package io.modelqos.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The files of recorded exchanges (N5's, CAPIF's), one JSON file per exchange: the exchange's fields as Jackson writes
 * its record, with {@code requestBody} and {@code responseBody} written as JSON where they are JSON, so that a reader
 * sees the bodies as the peers did. Each folder is emptied by the first write of a JVM, and files are numbered in the
 * order they were written, across folders.
 */
public final class RecordedTraffic {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> BODIES = List.of("requestBody", "responseBody");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Set<Path> CLEANED = new HashSet<>();

    private RecordedTraffic() {
    }

    /** Whether this JVM wrote to {@code dir} (then its files are this run's). */
    public static synchronized boolean writtenInThisJvm(Path dir) {
        return CLEANED.contains(dir);
    }

    /**
     * Writes {@code exchange}, a record with {@code requestBody} and {@code responseBody} string components, to
     * {@code dir} as {@code NNNN-<name>.json}.
     */
    public static synchronized void write(Path dir, String name, Record exchange) {
        try {
            if (CLEANED.add(dir)) {
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> old = Files.list(dir)) {
                        for (Path p : (Iterable<Path>) old::iterator) {
                            Files.delete(p);
                        }
                    }
                }
                Files.createDirectories(dir);
            }
            ObjectNode node = JSON.valueToTree(exchange);
            for (String body : BODIES) {
                JsonNode text = node.get(body);
                if (text != null && text.isTextual() && !text.asText().isBlank()) {
                    try {
                        node.set(body, JSON.readTree(text.asText())); // readable as JSON where it is JSON
                    } catch (IOException notJson) {
                        // kept as the text it was
                    }
                }
            }
            Files.writeString(dir.resolve(String.format(java.util.Locale.ROOT, "%04d-%s.json",
                    SEQUENCE.incrementAndGet(), name)), JSON.writeValueAsString(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The recorded files of {@code dir}, in the order they were written. */
    public static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** Reads a recorded file back as {@code type}, with its bodies as the text that crossed the wire. */
    public static <T extends Record> T read(Path file, Class<T> type) throws IOException {
        JsonNode node = JSON.readTree(file.toFile());
        ObjectNode copy = node.deepCopy();
        for (String body : BODIES) {
            JsonNode b = node.get(body);
            if (b != null && !b.isNull() && !b.isTextual()) {
                copy.put(body, JSON.writeValueAsString(b));
            }
        }
        return JSON.treeToValue(copy, type);
    }
}
