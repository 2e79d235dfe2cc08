package io.modelqos.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The relay floor against the bench's real sink, on two event loops: each notification is answered 204 and relayed as
 * the rate-report CloudEvent of its id, which is what phase 3's loop waits for (a floor that answered without relaying
 * would leave the loop waiting, and count nothing).
 */
class RelayFloorTest {
    private static Vertx vertx;
    private static Sinks sinks;
    private static LoadClient client;
    private static String root;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        sinks = Sinks.start(vertx);
        int port = SystemBench.freePort();
        RelayFloor.deploy(vertx, port, URI.create(sinks.webhookUri() + "/relay-floor"), 2).await();
        client = new LoadClient(vertx, 8, 5_000);
        root = "http://127.0.0.1:" + port;
    }

    @AfterAll
    static void stop() {
        client.close();
        vertx.close().await();
    }

    @Test
    void eachNotificationIsAnsweredAndRelayedAsTheRateReportOfItsId() throws Exception {
        assertEquals(200, client.get(root + "/ready").await().status());
        for (int i = 0; i < 50; i++) {
            String id = "floor-" + i;
            var report = sinks.awaitRateReport(id);
            LoadClient.Response ack = client.postJson(root + "/relay/" + id,
                    Workload.monitoringNotification("urn:session:" + i, 80_000_000L)).await();
            assertEquals(204, ack.status(), "notification " + i);
            report.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
        assertEquals(50, sinks.rateReports());
        assertEquals(404, client.postJson(root + "/elsewhere", "{}").await().status());
    }
}
