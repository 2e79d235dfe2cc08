package io.modelqos.conformance.pcf;

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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The recorded N5 exchanges, in the same JSON form as the NEF's ({@code direction}, {@code method}, {@code uri},
 * headers, bodies, {@code status}, with {@code injectedFault} and {@code test} where a test made the peer misbehave on
 * purpose): the PCF's under {@code target/pcf-traffic/}, the BSF's and the NRF's under {@code target/nrf-bsf-traffic/}.
 * Each folder is emptied by the first write of a JVM.
 */
final class SbiTraffic {
    static final Path PCF = Path.of("target", "pcf-traffic");
    static final Path NRF_BSF = Path.of("target", "nrf-bsf-traffic");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Set<Path> CLEANED = new HashSet<>();

    private SbiTraffic() {
    }

    /** One exchange. */
    record Exchange(String direction, String method, String uri, Map<String, List<String>> requestHeaders,
                    String requestBody, int status, Map<String, List<String>> responseHeaders, String responseBody,
                    String test, String injectedFault) {

        /** Which peer's API the exchange belongs to: pcf, bsf, nrf-disc or nrf-token. */
        String api() {
            if (uri.contains("/pcf-callbacks/") || uri.contains("/npcf-policyauthorization/")) {
                return "pcf";
            }
            if (uri.contains("/nbsf-management/")) {
                return "bsf";
            }
            return uri.contains("/oauth2/token") ? "nrf-token" : "nrf-disc";
        }
    }

    static synchronized boolean writtenInThisJvm(Path dir) {
        return CLEANED.contains(dir);
    }

    static synchronized void write(Exchange exchange) {
        Path dir = "pcf".equals(exchange.api()) ? PCF : NRF_BSF;
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
            String name = String.format(Locale.ROOT, "%04d-%s-%s-%d.json", SEQUENCE.incrementAndGet(),
                    exchange.direction(), exchange.method().toUpperCase(Locale.ROOT), exchange.status());
            ObjectNode node = JSON.valueToTree(exchange);
            for (String body : List.of("requestBody", "responseBody")) {
                String text = exchange.requestBody() == null && body.equals("requestBody") ? null
                        : body.equals("requestBody") ? exchange.requestBody() : exchange.responseBody();
                if (text != null && !text.isBlank()) {
                    try {
                        node.set(body, JSON.readTree(text)); // readable as JSON where it is JSON
                    } catch (IOException notJson) {
                        node.put(body, text);
                    }
                }
            }
            Files.writeString(dir.resolve(name), JSON.writeValueAsString(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
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
