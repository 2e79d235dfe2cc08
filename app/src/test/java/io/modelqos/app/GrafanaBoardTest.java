package io.modelqos.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelqos.af.config.ConfigLoader;
import io.modelqos.client.ModelQosClient;
import io.modelqos.client.model.Delivery;
import io.modelqos.client.model.DeliveryRequest;
import io.modelqos.client.model.ModelCatalog;
import io.modelqos.client.model.ModelServer;
import io.modelqos.client.model.UeId;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Grafana board of docs/operations.md ({@code docs/grafana/modelqos.json}) queries only metrics the AF exports: every
 * metric name in its queries is in the {@code /metrics} scrape of a real AF that made a delivery, over T8 (with the
 * embedded NEF emulator) and over N5 (with the emulator's NRF, BSF and PCF).
 */
class GrafanaBoardTest {
    private static final Path BOARD = Path.of("..", "docs", "grafana", "modelqos.json");
    /** A metric name in PromQL, as the board writes its selectors: the name, then its label matchers. */
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");
    /** A name in a scrape: the start of a sample line. */
    private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]");

    @Test
    void everyMetricTheBoardQueriesIsOneTheAfExports() throws Exception {
        Set<String> queried = queriedMetrics();
        assertTrue(queried.size() >= 10, "the board queries " + queried);

        Set<String> exported = new TreeSet<>();
        exported.addAll(scrapeAfterADelivery(Map.of()));
        exported.addAll(scrapeAfterADelivery(Map.of("southbound.kind", "pcf")));

        List<String> missing = queried.stream().filter(name -> !exported.contains(name)).toList();
        assertEquals(List.of(), missing, "queried by the board but not exported; the AF exports " + exported);
    }

    @Test
    void theBoardIsImportableAsItIs() throws Exception {
        JsonNode board = new ObjectMapper().readTree(Files.readString(BOARD));

        assertEquals("modelqos-af", board.get("uid").asText());
        List<String> ids = new ArrayList<>();
        board.get("panels").forEach(p -> ids.add(p.get("id").asText()));
        assertEquals(ids.size(), new TreeSet<>(ids).size(), "panel ids are unique");
        for (String expr : expressions(board)) {
            assertTrue(expr.contains("instance=~\"$instance\""), "every query follows the instance picker: " + expr);
            assertFalse(expr.contains("${DS"), expr);
        }
    }

    private static Set<String> queriedMetrics() throws Exception {
        JsonNode board = new ObjectMapper().readTree(Files.readString(BOARD));
        Set<String> names = new TreeSet<>();
        for (String expr : expressions(board)) {
            Matcher m = SELECTOR.matcher(expr);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        // The instance picker's query: label_values(metric, label).
        Matcher picker = Pattern.compile("label_values\\(([a-zA-Z_:][a-zA-Z0-9_:]*),").matcher(
                board.get("templating").toString());
        while (picker.find()) {
            names.add(picker.group(1));
        }
        return names;
    }

    private static List<String> expressions(JsonNode board) {
        List<String> exprs = new ArrayList<>();
        board.findValues("expr").forEach(e -> exprs.add(e.asText()));
        return exprs;
    }

    /** The metric names a real AF exports after it asked the network (as {@code network} configures it) for a delivery. */
    private static Set<String> scrapeAfterADelivery(Map<String, String> network) throws Exception {
        Map<String, String> settings = new java.util.HashMap<>(Map.of("host", "127.0.0.1", "port", "0"));
        settings.putAll(network);
        try (AfRuntime runtime = AfRuntime.start(ConfigLoader.load(null, Map.of(), settings))) {
            ModelQosClient client = ModelQosClient.builder().baseUri(URI.create(runtime.baseUri()))
                    .timeout(Duration.ofSeconds(10)).build();
            try {
                Delivery d = client.deliveries().create(DeliveryRequest.builder()
                        .ue(UeId.ipv4("10.45.1.7"))
                        .server(ModelServer.ipv4("192.0.2.10", 443))
                        .model(ModelCatalog.GOOGLENET)
                        .latencyBudget(Duration.ofSeconds(1))
                        .build());
                client.deliveries().reportStart(d.deliveryId());
                client.deliveries().reportProgress(d.deliveryId(), ModelCatalog.GOOGLENET.fp32().sizeBytes(),
                        Duration.ofMillis(500), true);
            } catch (io.modelqos.client.ModelQosException e) {
                // What counts here is that the AF called the network and counted it, not what the network answered.
            }
            HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(runtime.managementUri() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, scrape.statusCode());
            Set<String> names = new TreeSet<>();
            Matcher m = SAMPLE.matcher(scrape.body());
            while (m.find()) {
                names.add(m.group(1));
            }
            return names;
        }
    }
}
