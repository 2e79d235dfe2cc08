package io.modelqos.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The load generator's client against a real HTTP server on loopback. Phase 5 reads deliveries back one after the
 * other from the bench's main thread; Vert.x 5.0.7's client, asked that way, left about one request in a few hundred
 * without any outcome (neither answer nor timeout). Every one of these reads must be answered.
 */
class LoadClientTest {
    private static final int READS = 3_000;

    private static Vertx vertx;
    private static HttpServer server;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> request.response()
                .putHeader("Content-Type", "application/json").end("{\"path\":\"" + request.path() + "\"}"));
        server.listen(0, "127.0.0.1").await();
    }

    @AfterAll
    static void stop() {
        vertx.close().await();
    }

    @Test
    void sequentialReadsFromTheMainThreadAreAllAnswered() {
        try (LoadClient client = new LoadClient(vertx, 4, 2_000)) {
            for (int i = 0; i < READS; i++) {
                String path = "/deliveries/d-" + i;
                LoadClient.Response answer = client.get("http://127.0.0.1:" + server.actualPort() + path).await();
                assertEquals(200, answer.status(), "read " + i);
                assertEquals("{\"path\":\"" + path + "\"}", answer.bodyText(), "read " + i);
            }
        }
    }
}
