package io.modelqos.e2e;

import io.modelqos.client.model.Delivery;
import io.modelqos.client.model.DeliveryRequest;
import io.modelqos.client.model.DeliveryState;
import io.modelqos.client.model.ModelCatalog;
import io.modelqos.client.model.ModelServer;
import io.modelqos.client.model.UeId;
import io.modelqos.nef.emulator.NotificationOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verifies the whole life of a delivery over real HTTP — SDK → AF → NEF emulator → AF → webhook: the QoS is
 * granted, the NEF's usage report reaches the AI/ML server, and the cancel releases the NEF subscription with
 * its final usage; every event arrives once, in order, with the caller's bearer token.
 */
class DeliveryLifecycleTest {
    private static AfUnderTest env;
    private static WebhookSink sink;

    @BeforeAll
    static void start() throws Exception {
        env = AfUnderTest.withEmulator(AfUnderTest.emulatorOptions()
                .setNotifications(new NotificationOptions().setAllocationDelayMs(10).setMonitoringPeriodMs(200)), Map.of());
        sink = WebhookSink.start(env.vertx);
    }

    @AfterAll
    static void stop() throws Exception {
        sink.close();
        env.close();
    }

    @Test
    void grantedUsageReportAndCancelArriveInOrderWithTheToken() throws Exception {
        Delivery created = env.client.deliveries().create(DeliveryRequest.builder()
                .ue(UeId.ipv4("10.45.0.2"))
                .server(ModelServer.ipv4("10.0.0.10", 443))
                .model(ModelCatalog.RESNET_50)
                .latencyBudget(Duration.ofSeconds(1))
                .notificationUri(URI.create(sink.uri()))
                .notificationToken("tok-lifecycle")
                .build());

        assertEquals(DeliveryState.QOS_GRANTED, created.state());
        // The model server begins within its start window (or the AF would release the session early).
        env.client.deliveries().reportStart(created.deliveryId());
        assertEquals("resnet-50-fp32", created.granted().variantId(), "FP32 (830 Mbit/s) fits the emulator's cell");
        assertNotNull(created.nefSubscription());
        assertEquals(1, env.emulator.liveSubscriptionCount());

        // The emulator meters the granted rate; the usage threshold (transfer + 10 %) is crossed after ~1.1 s.
        List<WebhookSink.Received> untilUsage = awaitCause("USAGE_REPORT", 8_000);
        assertTrue(untilUsage.size() >= 2, "qos-granted, then rate reports");

        Delivery ended = env.client.deliveries().cancel(created.deliveryId());
        assertEquals(DeliveryState.CANCELLED, ended.state());
        assertNotNull(ended.networkUsage(), "the NEF's final report on delete is folded in");
        assertTrue(ended.networkUsage().downlinkVolume() > 0);
        assertEquals(0, env.emulator.liveSubscriptionCount(), "the NEF subscription is released");

        List<WebhookSink.Received> rest = sink.awaitType("io.modelqos.delivery.cancelled", 5_000);
        List<WebhookSink.Received> all = new java.util.ArrayList<>(untilUsage);
        all.addAll(rest);
        assertEquals("io.modelqos.delivery.qos-granted", all.get(0).event().getString("type"));
        long expected = 1;
        for (WebhookSink.Received r : all) {
            JsonObject event = r.event();
            assertEquals("Bearer tok-lifecycle", r.authorization());
            assertEquals("application/cloudevents+json", r.contentType());
            assertEquals("1.0", event.getString("specversion"));
            assertEquals(created.deliveryId(), event.getString("subject"));
            assertEquals(expected++, event.getLong("sequence"), "events arrive in order, none missing");
        }
        assertEquals("CANCELLED", all.get(all.size() - 1).event().getJsonObject("data").getString("state"));
        assertEquals("CANCELLED_BY_CALLER", all.get(all.size() - 1).event().getJsonObject("data").getString("cause"));
    }

    private static List<WebhookSink.Received> awaitCause(String cause, long timeoutMs) throws InterruptedException {
        List<WebhookSink.Received> all = new java.util.ArrayList<>();
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            List<WebhookSink.Received> batch = sink.awaitType("io.modelqos.delivery.rate-report",
                    Math.max(1, deadline - System.currentTimeMillis()));
            all.addAll(batch);
            if (cause.equals(batch.get(batch.size() - 1).event().getJsonObject("data").getString("cause"))) {
                return all;
            }
        }
        throw new AssertionError("no " + cause + " rate report");
    }
}
