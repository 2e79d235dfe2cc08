package io.modelqos.conformance.capif;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The recorded CAPIF exchanges under {@code target/capif-traffic/}, in the same JSON form as the NEF's and N5's
 * ({@code direction}, {@code method}, {@code uri}, headers, bodies, {@code status}, {@code test}, and
 * {@code injectedFault} where a test made CAPIF answer wrong on purpose). The folder is emptied by the first write of a
 * JVM. The onboarding token and the access tokens are not kept.
 */
final class CapifTraffic {
    static final Path DIR = Path.of("target", "capif-traffic");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final AtomicBoolean CLEANED = new AtomicBoolean();

    private CapifTraffic() {
    }

    /** One exchange. */
    record Exchange(String direction, String method, String uri, Map<String, List<String>> requestHeaders,
                    String requestBody, int status, Map<String, List<String>> responseHeaders, String responseBody,
                    String test, String injectedFault) {

        /** Which CAPIF API: invoker-management, discover or security. */
        String api() {
            if (uri.contains("/api-invoker-management/")) {
                return "invoker-management";
            }
            return uri.contains("/service-apis/") ? "discover" : "security";
        }
    }

    static boolean writtenInThisJvm() {
        return CLEANED.get();
    }

    static synchronized void write(Exchange exchange) {
        try {
            if (CLEANED.compareAndSet(false, true)) {
                if (Files.isDirectory(DIR)) {
                    try (Stream<Path> old = Files.list(DIR)) {
                        for (Path p : (Iterable<Path>) old::iterator) {
                            Files.delete(p);
                        }
                    }
                }
                Files.createDirectories(DIR);
            }
            String name = String.format(Locale.ROOT, "%04d-%s-%s-%s-%d.json", SEQUENCE.incrementAndGet(),
                    exchange.direction(), exchange.api(), exchange.method().toUpperCase(Locale.ROOT), exchange.status());
            ObjectNode node = JSON.valueToTree(exchange);
            putJson(node, "requestBody", exchange.requestBody());
            putJson(node, "responseBody", exchange.responseBody());
            Files.writeString(DIR.resolve(name), JSON.writeValueAsString(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void putJson(ObjectNode node, String field, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        try {
            node.set(field, JSON.readTree(text)); // readable as JSON where it is JSON
        } catch (IOException notJson) {
            node.put(field, text);
        }
    }

    static List<Path> files() throws IOException {
        if (!Files.isDirectory(DIR)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    static Exchange read(Path file) throws IOException {
        JsonNode node = JSON.readTree(file.toFile());
        ObjectNode copy = node.deepCopy();
        for (String body : List.of("requestBody", "responseBody")) {
            JsonNode b = node.get(body);
            if (b != null && !b.isNull() && !b.isTextual()) {
                copy.put(body, JSON.writeValueAsString(b));
            }
        }
        return JSON.treeToValue(copy, Exchange.class);
    }
}
