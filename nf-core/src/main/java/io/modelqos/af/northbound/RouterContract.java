package io.modelqos.af.northbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Loads an OpenAPI contract from the classpath for Vert.x's router, which validates requests only and refuses
 * contracts whose <em>responses</em> use media types it cannot validate ({@code application/problem+json},
 * {@code text/event-stream}) or that declare callbacks. The published contract keeps the right media types;
 * this in-memory copy maps them to ones Vert.x accepts and drops the callbacks, which changes nothing about
 * how requests are validated.
 */
final class RouterContract {
    private static final Set<String> ROUTER_MEDIA_TYPES = Set.of("application/json", "text/plain",
            "application/octet-stream", "multipart/form-data");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private RouterContract() {
    }

    static Future<OpenAPIContract> load(Vertx vertx, String classpathResource) {
        return vertx.executeBlocking(() -> adaptedJson(classpathResource))
                .compose(json -> OpenAPIContract.from(vertx, json)).map(ReusedValidatorsContract::new);
    }

    /** The contract as the router takes it (blocking: it reads the classpath). */
    static JsonObject adaptedJson(String classpathResource) throws IOException {
        try (InputStream in = RouterContract.class.getClassLoader().getResourceAsStream(classpathResource)) {
            if (in == null) {
                throw new IOException("no contract on the classpath at " + classpathResource);
            }
            JsonNode tree = YAML.readTree(in);
            adapt(tree);
            return new JsonObject(new ObjectMapper().writeValueAsString(tree));
        }
    }

    static void adapt(JsonNode contract) {
        JsonNode paths = contract.path("paths");
        for (Iterator<Map.Entry<String, JsonNode>> p = paths.fields(); p.hasNext(); ) {
            for (Iterator<Map.Entry<String, JsonNode>> o = p.next().getValue().fields(); o.hasNext(); ) {
                JsonNode operation = o.next().getValue();
                if (!(operation instanceof ObjectNode op)) {
                    continue;
                }
                op.remove("callbacks");
                for (JsonNode response : op.path("responses")) {
                    adaptContent(response);
                }
            }
        }
        for (JsonNode response : contract.path("components").path("responses")) {
            adaptContent(response);
        }
    }

    private static void adaptContent(JsonNode response) {
        if (!(response.get("content") instanceof ObjectNode content)) {
            return;
        }
        ObjectNode adapted = content.objectNode();
        content.fields().forEachRemaining(e -> adapted.set(
                ROUTER_MEDIA_TYPES.contains(e.getKey()) ? e.getKey()
                        : e.getKey().startsWith("text/") ? "text/plain" : "application/json", e.getValue()));
        ((ObjectNode) response).set("content", adapted);
    }
}
