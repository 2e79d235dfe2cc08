package io.modelqos.e2e;

import io.modelqos.client.ConflictException;
import io.modelqos.client.Subscription;
import io.modelqos.client.model.Delivery;
import io.modelqos.client.model.DeliveryEvent;
import io.modelqos.client.model.DeliveryRequest;
import io.modelqos.client.model.DeliveryState;
import io.modelqos.client.model.EndCause;
import io.modelqos.client.model.EventType;
import io.modelqos.client.model.ModelCatalog;
import io.modelqos.client.model.ModelServer;
import io.modelqos.client.model.Plan;
import io.modelqos.client.model.PlanRequest;
import io.modelqos.client.model.UeId;
import io.modelqos.nef.emulator.FaultOptions;
import io.modelqos.nef.emulator.NotificationOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verifies over real HTTP - SDK, AF with its default settings (a start window of 1 s), NEF emulator - that each end
 * state says what happened, with its cause in the delivery and in its last event: issue #16's ResNet-50 delivery, whose
 * model server reported half the model and then nothing, ends COMPLETED when the network saw the whole variant by the
 * end of its qosDuration and EXPIRED when it saw less; a session the network ends early FAILS; a cancel is CANCELLED
 * with its own event; a model server that reports nothing within its start window loses the session early.
 */
class DeliveryEndsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final long RESNET50_FP32 = ModelCatalog.RESNET_50.fp32().sizeBytes();
    private static AfUnderTest env;

    @BeforeAll
    static void start() throws Exception {
        env = AfUnderTest.withEmulator(AfUnderTest.emulatorOptions()
                .setNotifications(new NotificationOptions().setAllocationDelayMs(10)), Map.of());
    }

    @AfterEach
    void noFaults() {
        env.emulator.clearFaults();
    }

    @AfterAll
    static void stop() throws Exception {
        env.close();
    }

    @Test
    void issue16TheWholeVariantSeenByTheNetworkWhenItsQosDurationRanOutIsACompletion() throws Exception {
        // The usage the NEF reported in the issue: more than the whole 100 MB variant.
        env.emulator.setFaults(FaultOptions.none().setDownlinkBytesPerSession(114_369_765L));
        Delivery d = halfReportedThenLeftToTheNetwork("10.46.0.1");

        assertEquals(DeliveryState.COMPLETED, d.state(), "never FAILED: " + d);
        assertEquals(EndCause.COMPLETION_OBSERVED_BY_NETWORK, d.endCause());
        assertNull(d.failureCause());
        assertEquals(114_369_765L, d.networkUsage().downlinkVolume());
        assertTrue(!d.endedAt().isBefore(d.createdAt().plusSeconds(d.granted().qosDurationS())),
                "the session ran its qosDuration: " + d.createdAt() + " .. " + d.endedAt());

        ConflictException late = assertThrows(ConflictException.class, () ->
                env.client.deliveries().reportProgress(d.deliveryId(), RESNET50_FP32, Duration.ofMillis(3_450), true));
        assertEquals(409, late.status(), "the delivery has ended");
        Delivery deleted = env.client.deliveries().cancel(d.deliveryId());
        assertEquals(DeliveryState.COMPLETED, deleted.state(), "a DELETE answers the delivery as it ended");
        assertEquals(EndCause.COMPLETION_OBSERVED_BY_NETWORK, deleted.endCause());
    }

    @Test
    void lessThanTheVariantSeenByTheNetworkWhenItsQosDurationRanOutIsAnExpiry() throws Exception {
        env.emulator.setFaults(FaultOptions.none().setDownlinkBytesPerSession(50_000_000L));
        Delivery d = halfReportedThenLeftToTheNetwork("10.46.0.2");

        assertEquals(DeliveryState.EXPIRED, d.state());
        assertEquals(EndCause.COMPLETION_NOT_REPORTED, d.endCause());
        assertNull(d.failureCause());
        assertEquals(50_000_000L, d.networkUsage().downlinkVolume());
    }

    /**
     * Issue #16's delivery: ResNet-50 within 1 s, granted FP32; the model server reports 50 % after 0.45 s and then
     * nothing, and the emulator ends the session when its qosDuration runs out, with its usage. Returns the delivery
     * after its last event, checking that the event names the delivery's end and that no FAILED event came.
     */
    private static Delivery halfReportedThenLeftToTheNetwork(String ue) throws Exception {
        Delivery d = env.client.deliveries().create(resnet50(ue).build());
        assertEquals(DeliveryState.QOS_GRANTED, d.state());
        assertEquals("resnet-50-fp32", d.granted().variantId());
        assertEquals(1000L, d.granted().startWindowMs(), "the AF's default start window");
        assertEquals(3L, d.granted().qosDurationS(), "1 s start window + 1 s budget + 1 s margin");
        assertEquals(3, subscriptionOf(ue).getInteger("qosDuration"), "what the NEF was asked for");

        List<DeliveryEvent> events = new CopyOnWriteArrayList<>();
        try (Subscription stream = env.client.deliveries().events(d.deliveryId(), events::add)) {
            env.client.deliveries().reportProgress(d.deliveryId(), RESNET50_FP32 / 2, Duration.ofMillis(450));
            stream.completion().get(15, TimeUnit.SECONDS);
        }
        Delivery ended = env.client.deliveries().get(d.deliveryId());
        DeliveryEvent last = events.get(events.size() - 1);
        assertEquals(ended.state() == DeliveryState.COMPLETED ? EventType.COMPLETED : EventType.EXPIRED, last.type());
        assertEquals(ended.endCause().name(), last.data().cause());
        assertTrue(events.stream().noneMatch(e -> e.type() == EventType.FAILED), events.toString());
        return ended;
    }

    @Test
    void aSessionTheNetworkEndsBeforeItsQosDurationFails() throws Exception {
        Delivery d = env.client.deliveries().create(resnet50("10.46.0.3").build());
        env.client.deliveries().reportStart(d.deliveryId());
        List<DeliveryEvent> events = new CopyOnWriteArrayList<>();
        try (Subscription stream = env.client.deliveries().events(d.deliveryId(), events::add)) {
            // The network ends the session at once, though it saw the whole model: an end before the qosDuration.
            JsonObject sub = subscriptionOf("10.46.0.3");
            assertEquals(204, notify(sub.getString("notificationDestination"), sub.getString("self"),
                    new JsonObject().put("event", "SESSION_TERMINATION").put("accumulatedUsage",
                            new JsonObject().put("downlinkVolume", RESNET50_FP32))));
            stream.completion().get(10, TimeUnit.SECONDS);
        }
        Delivery ended = env.client.deliveries().get(d.deliveryId());

        assertEquals(DeliveryState.FAILED, ended.state());
        assertEquals(EndCause.SESSION_TERMINATION, ended.endCause());
        assertEquals("SESSION_TERMINATION", ended.failureCause());
        assertEquals(EventType.FAILED, events.get(events.size() - 1).type());
        assertEquals("SESSION_TERMINATION", events.get(events.size() - 1).data().cause());
    }

    @Test
    void noProgressWithinTheStartWindowReleasesTheSessionEarlyAsAnExpiry() throws Exception {
        Delivery d = env.client.deliveries().create(resnet50("10.46.0.4").build());
        List<DeliveryEvent> events = new CopyOnWriteArrayList<>();
        try (Subscription stream = env.client.deliveries().events(d.deliveryId(), events::add)) {
            stream.completion().get(10, TimeUnit.SECONDS);
        }
        Delivery ended = env.client.deliveries().get(d.deliveryId());

        assertEquals(DeliveryState.EXPIRED, ended.state());
        assertEquals(EndCause.NO_PROGRESS_IN_START_WINDOW, ended.endCause());
        assertEquals(EventType.EXPIRED, events.get(events.size() - 1).type());
        assertEquals("NO_PROGRESS_IN_START_WINDOW", events.get(events.size() - 1).data().cause());
        assertTrue(ended.endedAt().isBefore(ended.createdAt().plusSeconds(ended.granted().qosDurationS())),
                "released before its qosDuration ran out: " + ended.createdAt() + " .. " + ended.endedAt());
        assertTrue(env.emulator.liveSubscriptions(AfUnderTest.SCS_AS_ID).stream()
                .noneMatch(s -> "10.46.0.4".equals(s.path("ueIpv4Addr").asText())), "no GBR held for nothing");
    }

    @Test
    void theRequestsStartWindowIsPlannedAskedForAndGranted() throws Exception {
        Plan byDefault = env.client.plan(PlanRequest.builder().model(ModelCatalog.RESNET_50)
                .latencyBudget(Duration.ofSeconds(1)).build());
        assertEquals(1000L, byDefault.startWindowMs());
        assertEquals(3, byDefault.qosDurationS());
        Plan longer = env.client.plan(PlanRequest.builder().model(ModelCatalog.RESNET_50)
                .latencyBudget(Duration.ofSeconds(1)).startWindow(Duration.ofMillis(2_500)).build());
        assertEquals(2_500L, longer.startWindowMs());
        assertEquals(5, longer.qosDurationS(), "2.5 s + 1 s + 1 s, rounded up");

        Delivery d = env.client.deliveries().create(resnet50("10.46.0.5").startWindow(Duration.ofMillis(2_500)).build());
        assertEquals(2_500L, d.granted().startWindowMs());
        assertEquals(5L, d.granted().qosDurationS());
        assertEquals(5, subscriptionOf("10.46.0.5").getInteger("qosDuration"));
        env.client.deliveries().cancel(d.deliveryId());
    }

    @Test
    void aCancelIsCancelledWithAnEventOfItsOwn() throws Exception {
        Delivery d = env.client.deliveries().create(resnet50("10.46.0.6").build());
        env.client.deliveries().reportStart(d.deliveryId());
        List<DeliveryEvent> events = new CopyOnWriteArrayList<>();
        Delivery cancelled;
        try (Subscription stream = env.client.deliveries().events(d.deliveryId(), events::add)) {
            cancelled = env.client.deliveries().cancel(d.deliveryId());
            stream.completion().get(10, TimeUnit.SECONDS);
        }

        assertEquals(DeliveryState.CANCELLED, cancelled.state());
        assertEquals(EndCause.CANCELLED_BY_CALLER, cancelled.endCause());
        assertNull(cancelled.failureCause());
        DeliveryEvent last = events.get(events.size() - 1);
        assertEquals(EventType.CANCELLED, last.type(), "io.modelqos.delivery.cancelled, no longer completed");
        assertEquals("CANCELLED_BY_CALLER", last.data().cause());
        assertTrue(events.stream().noneMatch(e -> e.type() == EventType.COMPLETED), events.toString());
    }

    @Test
    void aReportedCompletionIsACompletion() throws Exception {
        Delivery d = env.client.deliveries().create(resnet50("10.46.0.7").build());
        env.client.deliveries().reportStart(d.deliveryId());
        Delivery done = env.client.deliveries().reportProgress(d.deliveryId(), RESNET50_FP32, Duration.ofMillis(900), true);

        assertEquals(DeliveryState.COMPLETED, done.state());
        assertEquals(EndCause.COMPLETION_REPORTED, done.endCause());
        assertTrue(done.achieved().withinBudget());
    }

    private static DeliveryRequest.Builder resnet50(String ue) {
        return DeliveryRequest.builder()
                .ue(UeId.ipv4(ue))
                .server(ModelServer.ipv4("10.0.0.10", 443))
                .model(ModelCatalog.RESNET_50)
                .latencyBudget(Duration.ofSeconds(1));
    }

    /** The emulator's subscription for the UE. */
    private static JsonObject subscriptionOf(String ueIpv4) {
        return env.emulator.liveSubscriptions(AfUnderTest.SCS_AS_ID).stream()
                .filter(s -> ueIpv4.equals(s.path("ueIpv4Addr").asText()))
                .map(s -> new JsonObject(s.toString()))
                .findFirst().orElseThrow();
    }

    private static int notify(String callback, String transaction, JsonObject report) throws Exception {
        String body = new JsonObject().put("transaction", transaction).put("eventReports", new JsonArray().add(report))
                .encode();
        return HTTP.send(HttpRequest.newBuilder(URI.create(callback)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
