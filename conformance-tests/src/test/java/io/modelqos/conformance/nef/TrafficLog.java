package io.modelqos.conformance.nef;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The folder of recorded exchanges, {@code target/nef-traffic/}: emptied by the first write of a JVM, then one
 * numbered file per exchange, e.g. {@code 0007-af-to-nef-POST-201.json}.
 */
final class TrafficLog {

    static final Path DIR = Path.of("target", "nef-traffic");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static boolean cleaned;

    private TrafficLog() {
    }

    /** True once this JVM has written an exchange (the folder then holds only this run's traffic). */
    static synchronized boolean writtenInThisJvm() {
        return cleaned;
    }

    static synchronized Path write(NefExchange exchange) {
        try {
            if (!cleaned) {
                if (Files.isDirectory(DIR)) {
                    try (Stream<Path> old = Files.list(DIR)) {
                        for (Path p : (Iterable<Path>) old::iterator) {
                            Files.delete(p);
                        }
                    }
                }
                Files.createDirectories(DIR);
                cleaned = true;
            }
            String name = String.format(Locale.ROOT, "%04d-%s-%s-%s.json", SEQUENCE.incrementAndGet(),
                    exchange.direction(), exchange.method().toUpperCase(Locale.ROOT),
                    exchange.status() == null ? "none" : exchange.status());
            Path file = DIR.resolve(name);
            JSON.writeValue(file.toFile(), exchange.toJson());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The recorded files, in the order they were written. */
    static List<Path> files() throws IOException {
        if (!Files.isDirectory(DIR)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(DIR)) {
            return new ArrayList<>(files.filter(p -> p.toString().endsWith(".json"))
                    .sorted(Comparator.comparing(Path::toString)).toList());
        }
    }

    static NefExchange read(Path file) throws IOException {
        return NefExchange.fromJson(JSON.readTree(file.toFile()));
    }
}
