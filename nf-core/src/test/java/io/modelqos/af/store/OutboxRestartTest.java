package io.modelqos.af.store;

import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.modelqos.af.events.WebhookOptions;
import io.modelqos.af.events.CloudEventCodec;
import io.modelqos.af.events.DeliveryEvent;
import io.modelqos.af.events.EventOutbox;
import io.modelqos.af.events.EventType;
import io.modelqos.af.events.WebhookDispatcher;
import io.modelqos.af.observe.AfMetrics;
import io.modelqos.testing.EventLoopGuard;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Verifies the outbox over a durable store across a restart: the SSE history and the numbering go on where they
 * stopped, and the webhook gets, in order, exactly the events its cursor says it had not acknowledged.
 */
class OutboxRestartTest {
    @TempDir
    Path dataDir;
    private Vertx vertx;
    private HttpServer receiver;
    private final List<Long> received = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile int failFirst;

    @BeforeEach
    void start() throws Exception {
        vertx = EventLoopGuard.vertx();
        receiver = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            if (failFirst > 0) {
                failFirst--;
                req.response().setStatusCode(503).end();
                return;
            }
            received.add(body.toJsonObject().getLong("sequence"));
            req.response().setStatusCode(204).end();
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private WebhookDispatcher dispatcher(DeliveryStore store) {
        return new WebhookDispatcher(vertx, vertx.createHttpClient(),
                new CloudEventCodec(DeliveryRecord.mapper(), "/test"), new WebhookOptions(2000L, 3, 10L, 20L),
                new AfMetrics(), store);
    }

    @Test
    void historyNumberingAndOwedEventsSurviveARestart() throws Exception {
        URI hook = URI.create("http://127.0.0.1:" + receiver.actualPort() + "/hook");
        DeliveryStore first = MvStoreDeliveryStore.open(dataDir);
        EventOutbox outbox = new EventOutbox(Clock.systemUTC(), first);
        // No webhook yet: three events logged, none delivered (as if the AF died before sending them).
        for (EventType type : List.of(EventType.QOS_GRANTED, EventType.RATE_REPORT, EventType.RATE_REPORT)) {
            outbox.append("d-1", type, new SerializedString("{}"));
        }
        first.markDelivered("d-1", 1).await();
        first.close();

        DeliveryStore second = MvStoreDeliveryStore.open(dataDir);
        EventOutbox restarted = new EventOutbox(Clock.systemUTC(), second);
        assertEquals(List.of(1L, 2L, 3L), restarted.after("d-1", 0).await().stream().map(DeliveryEvent::sequence).toList(),
                "the SSE history from before the restart");
        WebhookDispatcher webhooks = dispatcher(second);
        restarted.addSink(webhooks::accept);
        failFirst = 1;
        CompletableFuture<Void> sent = new CompletableFuture<>();
        vertx.runOnContext(v -> {
            webhooks.resume("d-1", hook, null, second.events("d-1", second.deliveredUpTo("d-1").result()).result());
            restarted.append("d-1", EventType.EXPIRED, new SerializedString("{}"));
            List<DeliveryEvent> all = second.events("d-1", 0).result();
            assertEquals(4, all.get(all.size() - 1).sequence(), "numbering goes on");
            sent.complete(null);
        });
        sent.get(10, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (second.deliveredUpTo("d-1").await() < 4 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(List.of(2L, 3L, 4L), received, "what the cursor said was owed, then the new one, in order");
        assertEquals(4, second.deliveredUpTo("d-1").await());
        assertEquals(List.of(), second.withUndeliveredEvents().await());
        second.close();
    }
}
