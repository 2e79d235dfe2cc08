package io.modelqos.nef.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.qos.BitRate;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Verifies the notifications a real HTTP receiver gets: QoS monitoring with plausible rates and
 * delays, usage reports at the threshold, retries after a 500, no retry after a 404, a QoS
 * degradation episode, a failed allocation; every body matches the UserPlaneNotificationData schema.
 */
class NotificationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private static Vertx vertx;
    private static NefEmulator nef;
    private static NotificationReceiver receiver;
    private static T8Client client;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        EmulatorOptions options = new EmulatorOptions().setSeed(7);
        options.getCapacity().setCells(1);
        options.getNotifications().setAllocationDelayMs(10).setMonitoringPeriodMs(50).setRateNoise(0.02)
                .setInitialBackoffMs(20);
        nef = NefEmulator.start(vertx, options).await();
        receiver = NotificationReceiver.start(vertx, ApiContract.load(vertx).await());
        client = new T8Client(nef.apiRoot());
    }

    @AfterEach
    void cleanUp() throws Exception {
        nef.clearFaults();
        for (var s : client.list("af-notif").body()) {
            client.delete(s.get("self").asText());
        }
        assertEquals(List.of(), receiver.schemaViolations());
    }

    @AfterAll
    static void stop() {
        receiver.close();
        nef.close().await();
        vertx.close().await();
    }

    @Test
    void qosMonitoringReportsTheGrantedRateWithSmallNoise() throws Exception {
        ObjectNode sub = T8Client.subscription(receiver.uri("monitoring"), "10.70.0.1", "mq-gbr-500M", "QOS_MONITORING");
        ObjectNode rates = sub.putObject("qosMonDatRate");
        rates.putArray("reqQosMonParams").add("DOWNLINK_DATA_RATE");
        rates.putArray("repFreqs").add("PERIODIC");
        assertEquals(201, client.create("af-notif", sub).status());

        for (int i = 0; i < 3; i++) {
            JsonObject report = receiver.await("monitoring", "QOS_MONITORING", WAIT).report();
            BitRate rate = BitRate.parse(report.getJsonArray("qosMonDatRateReps").getJsonObject(0).getString("dlDataRate"));
            assertTrue(Math.abs(rate.wholeBitsPerSecond() - 500_000_000L) <= 10_000_000L, "500 Mbit/s +/- 2 %: " + rate);
        }
    }

    @Test
    void periodicMonitoringComesEveryRepPeriodAskedForNotAtTheDefault() throws Exception {
        EmulatorState.Monitoring before = nef.state().monitoring();
        ObjectNode sub = T8Client.subscription(receiver.uri("period"), "10.70.0.10", "mq-gbr-50M", "QOS_MONITORING");
        ObjectNode rates = sub.putObject("qosMonDatRate");
        rates.putArray("reqQosMonParams").add("DOWNLINK_DATA_RATE");
        rates.putArray("repFreqs").add("PERIODIC");
        rates.put("repPeriod", 2);
        String self = client.create("af-notif", sub).body().get("self").asText();

        EmulatorState.Monitoring scheduled = nef.state().monitoring();
        assertEquals(before.periodicSubscriptions() + 1, scheduled.periodicSubscriptions());
        assertEquals(before.reportsPerSecond() + 0.5, scheduled.reportsPerSecond(), 1e-9, "one report every 2 s");
        receiver.await("period", "QOS_MONITORING", WAIT); // the first comes within the first period
        Thread.sleep(1500);
        assertTrue(receiver.requests("period") <= 2,
                "at most two reports in less than two periods (the 50 ms default would have sent about 40): "
                        + receiver.requests("period"));

        assertEquals(200, client.delete(self).status());
        assertEquals(before, nef.state().monitoring(), "a deleted subscription is reported no more");
    }

    @Test
    void qosMonitoringOfDelaysStaysWithinThePacketDelayBudget() throws Exception {
        ObjectNode sub = T8Client.subscription(receiver.uri("delays"), "10.70.0.2", "mq-gbr-200M", "QOS_MONITORING");
        ObjectNode info = sub.putObject("qosMonInfo");
        info.putArray("reqQosMonParams").add("DOWNLINK").add("ROUND_TRIP");
        info.putArray("repFreqs").add("PERIODIC");
        assertEquals(201, client.create("af-notif", sub).status());

        JsonObject report = receiver.await("delays", "QOS_MONITORING", WAIT).report();

        int dl = report.getJsonArray("qosMonReports").getJsonObject(0).getJsonArray("dlDelays").getInteger(0);
        int rt = report.getJsonArray("qosMonReports").getJsonObject(0).getJsonArray("rtDelays").getInteger(0);
        assertTrue(dl > 0 && dl < 20, "below the 20 ms PDB of mq-gbr-200M: " + dl);
        assertEquals(2 * dl, rt);
        assertFalse(report.getJsonArray("qosMonReports").getJsonObject(0).containsKey("ulDelays"), "UPLINK not asked");
    }

    @Test
    void usageReportComesWhenTheVolumeThresholdIsReached() throws Exception {
        ObjectNode sub = T8Client.subscription(receiver.uri("usage"), "10.70.0.3", "mq-gbr-200M", "USAGE_REPORT");
        sub.putObject("usageThreshold").put("downlinkVolume", 5_000_000L); // 200 Mbit/s = 25 MB/s -> 200 ms
        long start = System.nanoTime();
        assertEquals(201, client.create("af-notif", sub).status());

        JsonObject usage = receiver.await("usage", "USAGE_REPORT", WAIT).report().getJsonObject("accumulatedUsage");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertTrue(elapsedMs >= 150, "not before the volume can have been reached: " + elapsedMs + " ms");
        long dl = usage.getLong("downlinkVolume");
        assertTrue(dl >= 5_000_000L && dl < 6_500_000L, "about the threshold: " + dl);
        assertEquals(dl + usage.getLong("uplinkVolume"), usage.getLong("totalVolume"));
        Thread.sleep(300);
        assertEquals(List.of("USAGE_REPORT"), receiver.events("usage"), "reported once per threshold");
    }

    @Test
    void aNotificationAnswered500IsRetried() throws Exception {
        receiver.answer((path, n) -> path.equals("retry") && n == 1 ? 500 : 204);
        long retriedBefore = nef.state().notifications().retried();

        client.create("af-notif", T8Client.subscription(receiver.uri("retry"), "10.70.0.4", "mq-gbr-50M",
                "SUCCESSFUL_RESOURCES_ALLOCATION"));

        assertEquals("mq-gbr-50M", receiver.await("retry", "SUCCESSFUL_RESOURCES_ALLOCATION", WAIT)
                .report().getString("appliedQosRef"));
        assertEquals(2, receiver.requests("retry"));
        assertEquals(retriedBefore + 1, nef.state().notifications().retried());
        receiver.answer((path, n) -> 204);
    }

    @Test
    void aNotificationAnswered404IsDroppedWithoutRetry() throws Exception {
        receiver.answer((path, n) -> path.equals("forgotten") ? 404 : 204);
        long droppedBefore = nef.state().notifications().droppedNotFound();

        client.create("af-notif", T8Client.subscription(receiver.uri("forgotten"), "10.70.0.5", "mq-gbr-50M",
                "SUCCESSFUL_RESOURCES_ALLOCATION"));

        long deadline = System.nanoTime() + WAIT.toNanos();
        while (nef.state().notifications().droppedNotFound() == droppedBefore && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(100);
        assertEquals(droppedBefore + 1, nef.state().notifications().droppedNotFound());
        assertEquals(1, receiver.requests("forgotten"));
        receiver.answer((path, n) -> 204);
    }

    @Test
    void aDegradationEpisodeIsReportedAsNotGuaranteedThenGuaranteed() throws Exception {
        nef.setFaults(FaultOptions.none().setQosDegradation(new FaultOptions.QosDegradation(1.0, 100, 200, 0.5)));
        ObjectNode sub = T8Client.subscription(receiver.uri("episode"), "10.70.0.6", "mq-gbr-1G",
                "QOS_NOT_GUARANTEED", "QOS_GUARANTEED", "QOS_MONITORING");
        sub.putArray("altQoSReferences").add("mq-gbr-500M");
        ObjectNode rate = sub.putObject("qosMonDatRate");
        rate.putArray("reqQosMonParams").add("DOWNLINK_DATA_RATE");
        rate.putArray("repFreqs").add("EVENT_TRIGGERED");
        assertEquals(201, client.create("af-notif", sub).status());

        JsonObject notGuaranteed = receiver.await("episode", "QOS_NOT_GUARANTEED", WAIT).report();
        BitRate duringEpisode = BitRate.parse(receiver.await("episode", "QOS_MONITORING", WAIT).report()
                .getJsonArray("qosMonDatRateReps").getJsonObject(0).getString("dlDataRate"));
        JsonObject guaranteed = receiver.await("episode", "QOS_GUARANTEED", WAIT).report();
        BitRate afterEpisode = BitRate.parse(receiver.await("episode", "QOS_MONITORING", WAIT).report()
                .getJsonArray("qosMonDatRateReps").getJsonObject(0).getString("dlDataRate"));

        assertEquals("mq-gbr-500M", notGuaranteed.getString("appliedQosRef"), "the lower alternative applies");
        assertNull(guaranteed.getString("appliedQosRef"));
        assertTrue(Math.abs(duringEpisode.wholeBitsPerSecond() - 500_000_000L) <= 10_000_000L, "during: " + duringEpisode);
        assertTrue(Math.abs(afterEpisode.wholeBitsPerSecond() - 1_000_000_000L) <= 20_000_000L, "after: " + afterEpisode);
        assertEquals(List.of("QOS_NOT_GUARANTEED", "QOS_MONITORING", "QOS_GUARANTEED", "QOS_MONITORING"),
                receiver.events("episode"), "event-triggered monitoring reports only at the changes, in order");
    }

    @Test
    void aFailedAllocationIsReportedAndReleasesTheCapacity() throws Exception {
        nef.setFaults(FaultOptions.none().setAllocationFailureProbability(1.0));

        String self = client.create("af-notif", T8Client.subscription(receiver.uri("failed"), "10.70.0.7", "mq-gbr-1G",
                "SUCCESSFUL_RESOURCES_ALLOCATION", "FAILED_RESOURCES_ALLOCATION")).body().get("self").asText();

        assertEquals(self, receiver.await("failed", "FAILED_RESOURCES_ALLOCATION", WAIT).body().getString("transaction"));
        assertEquals(BitRate.ZERO, nef.capacityInUse());
        assertEquals(200, client.read(self).status(), "the subscription itself stays until the AF deletes it");
        Thread.sleep(50);
        assertEquals(List.of("FAILED_RESOURCES_ALLOCATION"), receiver.events("failed"), "no SUCCESSFUL_RESOURCES_ALLOCATION");
    }

    @Test
    void monitoringReportsForAnAfThatIsDownDoNotPileUp() throws Exception {
        receiver.answer((path, n) -> path.equals("down") ? 500 : 204);
        long skippedBefore = nef.state().notifications().skipped();
        ObjectNode sub = T8Client.subscription(receiver.uri("down"), "10.70.0.9", "mq-gbr-50M", "QOS_MONITORING");
        ObjectNode rates = sub.putObject("qosMonDatRate");
        rates.putArray("reqQosMonParams").add("DOWNLINK_DATA_RATE");
        rates.putArray("repFreqs").add("PERIODIC");
        String self = client.create("af-notif", sub).body().get("self").asText();

        Thread.sleep(1500); // 30 reports due every 50 ms; each takes 4 attempts over about 140 ms to give up
        client.delete(self);
        int atDelete = receiver.requests("down");
        Thread.sleep(1500);
        int drained = receiver.requests("down") - atDelete;

        assertTrue(drained <= Notifier.MAX_PENDING_MONITORING * 4,
                "at most the bounded backlog is still delivered after the delete: " + drained + " requests");
        assertTrue(nef.state().notifications().skipped() - skippedBefore >= 5,
                "reports due while 8 were pending were skipped and counted");
        receiver.answer((path, n) -> 204);
    }

    @Test
    void onlyTheEventsAskedForAreNotified() throws Exception {
        ObjectNode sub = T8Client.subscription(receiver.uri("quiet"), "10.70.0.8", "mq-gbr-50M", "USAGE_REPORT");
        ObjectNode rates = sub.putObject("qosMonDatRate");
        rates.putArray("reqQosMonParams").add("DOWNLINK_DATA_RATE");
        rates.putArray("repFreqs").add("PERIODIC");
        String self = client.create("af-notif", sub).body().get("self").asText();

        Thread.sleep(200);

        assertEquals(0, receiver.requests("quiet"), "QOS_MONITORING and SUCCESSFUL_RESOURCES_ALLOCATION not asked for");
        assertEquals(200, client.delete(self).status());
    }
}
