package io.modelqos.security;

import io.modelqos.nef.emulator.NefEmulator;
import io.modelqos.testing.EventLoopGuard;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verifies {@code management.metricsToken} on real sockets: with the operations endpoints on the API listener,
 * {@code /metrics} answers only a scrape that carries the token (401 problem with {@code WWW-Authenticate} otherwise),
 * the health endpoints stay open for probes, and the token and the API's keys are no credentials for each other's
 * routes; with a management listener of its own the token is asked for there too.
 */
class MetricsTokenTest {
    private static final String TOKEN = "metrics-token-0f1e2d3c4b5a6978";
    private static final String API_KEY = "metrics-tenant-0123456789abcdef";
    private static Vertx vertx;
    private static NefEmulator emulator;
    private static SecureAf shared;
    private static Path tokenFile;

    @BeforeAll
    static void start() throws Exception {
        vertx = EventLoopGuard.vertx();
        emulator = SecureAf.await(NefEmulator.start(vertx, SecureAf.emulatorOptions()));
        tokenFile = Files.createTempFile("metrics-token", "");
        Files.writeString(tokenFile, TOKEN + "\n");
        shared = SecureAf.start(vertx, emulator, emulator.apiRoot(), Map.of("auth.apiKeys", "tenant-m:" + API_KEY),
                Map.of("MODELQOS_METRICS_TOKEN_FILE", tokenFile.toString()), null, false);
    }

    @AfterAll
    static void stop() throws Exception {
        shared.close();
        SecureAf.await(emulator.close());
        SecureAf.await(vertx.close());
        Files.deleteIfExists(tokenFile);
    }

    @Test
    void theMetricsOnTheApiListenerWantTheToken() throws Exception {
        HttpResponse<String> none = get(shared, shared.root(), "/metrics", null);
        assertEquals(401, none.statusCode());
        assertEquals("application/problem+json", none.headers().firstValue("Content-Type").orElse(""));
        assertEquals("Bearer realm=\"modelqos\"", none.headers().firstValue("WWW-Authenticate").orElse(""));
        JsonObject problem = new JsonObject(none.body());
        assertEquals(401, problem.getInteger("status"));
        assertEquals("/metrics", problem.getString("instance"));

        HttpResponse<String> wrong = get(shared, shared.root(), "/metrics", "Bearer " + TOKEN.substring(1) + "x");
        assertEquals(401, wrong.statusCode());
        assertEquals("Bearer realm=\"modelqos\", error=\"invalid_token\"",
                wrong.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals("application/problem+json", wrong.headers().firstValue("Content-Type").orElse(""));
        assertFalse(wrong.body().contains(TOKEN.substring(1)), "the answer quotes nothing sent: " + wrong.body());

        HttpResponse<String> basic = get(shared, shared.root(), "/metrics", "Basic " + TOKEN);
        assertEquals(401, basic.statusCode());
        assertEquals("Bearer realm=\"modelqos\", error=\"invalid_request\"",
                basic.headers().firstValue("WWW-Authenticate").orElse(""));

        assertEquals(401, get(shared, shared.root(), "/metrics", "Bearer " + API_KEY).statusCode(),
                "an API key is no metrics token");

        HttpResponse<String> scraped = get(shared, shared.root(), "/metrics", "Bearer " + TOKEN);
        assertEquals(200, scraped.statusCode());
        assertTrue(scraped.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        assertTrue(scraped.body().contains("modelqos_"), scraped.body());
    }

    @Test
    void theHealthEndpointsStayOpenAndTheTokenOpensNoApi() throws Exception {
        assertEquals(200, get(shared, shared.root(), "/health/live", null).statusCode());
        HttpResponse<String> ready = get(shared, shared.root(), "/health/ready", null);
        assertEquals(200, ready.statusCode(), ready.body());
        assertEquals(401, shared.call("GET", "deliveries", TOKEN, null).statusCode(), "the metrics token is no API key");
        assertEquals(200, shared.call("GET", "deliveries", API_KEY, null).statusCode());
    }

    @Test
    void aManagementListenerOfItsOwnWantsTheTokenToo() throws Exception {
        try (SecureAf apart = SecureAf.start(vertx, emulator, emulator.apiRoot(), Map.of("management.port", "0",
                "management.metricsToken", TOKEN), null, false)) {
            URI management = URI.create("http://127.0.0.1:" + apart.af.managementPort());
            assertEquals(401, get(apart, management, "/metrics", null).statusCode());
            assertEquals(200, get(apart, management, "/metrics", "Bearer " + TOKEN).statusCode());
            assertEquals(200, get(apart, management, "/health/live", null).statusCode());
            assertEquals(404, get(apart, apart.root(), "/metrics", "Bearer " + TOKEN).statusCode(),
                    "not on the API listener, token or not");
        }
    }

    private static HttpResponse<String> get(SecureAf env, URI root, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(root.resolve(path)).timeout(Duration.ofSeconds(10)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return env.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
