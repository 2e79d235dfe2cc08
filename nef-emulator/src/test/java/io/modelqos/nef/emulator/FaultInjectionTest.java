package io.modelqos.nef.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.qos.BitRate;
import io.vertx.core.Vertx;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Verifies fault injection through the admin endpoint: error answers with Retry-After, added
 * latency, connections dropped before and after a create commits, lost notifications, and the
 * admin API itself (read, replace, clear, reject bad input, state).
 */
class FaultInjectionTest {

    private static Vertx vertx;
    private static NefEmulator nef;
    private static NotificationReceiver receiver;
    private static T8Client client;
    private static String admin;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        EmulatorOptions options = new EmulatorOptions();
        options.getCapacity().setCells(2);
        options.getNotifications().setAllocationDelayMs(10);
        nef = NefEmulator.start(vertx, options).await();
        receiver = NotificationReceiver.start(vertx, ApiContract.load(vertx).await());
        client = new T8Client(nef.apiRoot());
        admin = nef.apiRoot() + "/emulator/v1";
    }

    @AfterEach
    void cleanUp() throws Exception {
        assertEquals(204, client.send("DELETE", admin + "/faults", null, null).status());
        for (JsonNode s : client.list("af-fault").body()) {
            client.delete(s.get("self").asText());
        }
    }

    @AfterAll
    static void stop() {
        receiver.close();
        nef.close().await();
        vertx.close().await();
    }

    @Test
    void injected503CarriesRetryAfterAndStopsAfterMaxCount() throws Exception {
        putFaults("{\"errors\": {\"create\": [{\"status\": 503, \"retryAfterSeconds\": 2, \"maxCount\": 1}]}}");

        T8Client.Response first = client.create("af-fault", T8Client.subscription(receiver.uri("x"), "10.80.0.1", "mq-gbr-50M"));
        T8Client.Response second = client.create("af-fault", T8Client.subscription(receiver.uri("x"), "10.80.0.1", "mq-gbr-50M"));

        assertEquals(503, first.status());
        assertEquals("2", first.header("Retry-After").orElseThrow());
        assertEquals("application/problem+json", first.header("Content-Type").orElseThrow());
        assertEquals("NF_CONGESTION", first.body().get("cause").asText());
        assertEquals(201, second.status(), "maxCount 1: only the first create fails");
        assertEquals(1, client.list("af-fault").body().size(), "the failed create created nothing");
    }

    @Test
    void injected429OnDeleteLeavesTheSubscription() throws Exception {
        String self = client.create("af-fault", T8Client.subscription(receiver.uri("x"), "10.80.0.2", "mq-gbr-50M"))
                .body().get("self").asText();
        nef.setFaults(FaultOptions.none().error(Operation.DELETE, new FaultOptions.ErrorFault(429, 1.0, 1, null, null)));

        T8Client.Response r = client.delete(self);

        assertEquals(429, r.status());
        assertEquals("1", r.header("Retry-After").orElseThrow());
        assertEquals("NF_CONGESTION_RISK", r.body().get("cause").asText());
        assertEquals(200, client.read(self).status());
    }

    @Test
    void latencyIsAddedToTheOperation() throws Exception {
        putFaults("{\"latencyMs\": {\"read\": 300}}");
        String self = client.create("af-fault", T8Client.subscription(receiver.uri("x"), "10.80.0.3", "mq-gbr-50M"))
                .body().get("self").asText();

        long start = System.nanoTime();
        T8Client.Response r = client.read(self);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertEquals(200, r.status());
        assertTrue(elapsedMs >= 300, "read took " + elapsedMs + " ms");
    }

    @Test
    void connectionDroppedAfterCommitLeavesTheSubscriptionInTheList() throws Exception {
        putFaults("{\"dropConnection\": {\"create\": {\"afterCommit\": 1.0}}}");

        assertThrows(IOException.class, () -> client.create("af-fault",
                T8Client.subscription(receiver.uri("x"), "10.80.0.4", "mq-gbr-200M")));

        JsonNode list = client.list("af-fault").body();
        assertEquals(1, list.size(), "the AF never saw the 201, but the subscription exists");
        assertEquals("10.80.0.4", list.get(0).get("ueIpv4Addr").asText());
        assertEquals(BitRate.parse("200 Mbps"), nef.capacityInUse());
    }

    @Test
    void connectionDroppedBeforeCommitCreatesNothing() throws Exception {
        putFaults("{\"dropConnection\": {\"create\": {\"beforeCommit\": 1.0}}}");

        assertThrows(IOException.class, () -> client.create("af-fault",
                T8Client.subscription(receiver.uri("x"), "10.80.0.5", "mq-gbr-200M")));

        assertEquals(0, client.list("af-fault").body().size());
        assertEquals(BitRate.ZERO, nef.capacityInUse());
    }

    @Test
    void lostNotificationsAreNeverSent() throws Exception {
        putFaults("{\"notificationLossProbability\": 1.0}");
        long lostBefore = nef.state().notifications().lost();

        client.create("af-fault", T8Client.subscription(receiver.uri("lost"), "10.80.0.6", "mq-gbr-50M",
                "SUCCESSFUL_RESOURCES_ALLOCATION"));
        Thread.sleep(200);

        assertEquals(0, receiver.requests("lost"));
        assertEquals(lostBefore + 1, nef.state().notifications().lost());
    }

    @Test
    void aTransferThatStopsShortIsAllTheUsageReportsCount() throws Exception {
        putFaults("{\"downlinkBytesPerSession\": 1000000}");
        ObjectNode ending = T8Client.subscription(receiver.uri("short"), "10.80.0.8", "mq-gbr-50M", "SESSION_TERMINATION");
        ending.put("qosDuration", 1);
        client.create("af-fault", ending);
        String deleted = client.create("af-fault", T8Client.subscription(receiver.uri("x"), "10.80.0.9", "mq-gbr-50M"))
                .body().get("self").asText();

        // 50 Mbit/s carries 6.25 MB in a second: the limit of 1 MB is what the network counts.
        NotificationReceiver.Received n = receiver.await("short", "SESSION_TERMINATION", java.time.Duration.ofSeconds(5));
        assertEquals(1_000_000L, n.report().getJsonObject("accumulatedUsage").getLong("downlinkVolume"));
        T8Client.Response finalReport = client.delete(deleted);
        assertEquals(1_000_000L, finalReport.body().get("eventReports").get(0).get("accumulatedUsage")
                .get("downlinkVolume").asLong(), finalReport.raw().body());
        assertEquals(400, client.send("PUT", admin + "/faults", "{\"downlinkBytesPerSession\": -1}", "application/json")
                .status());
    }

    @Test
    void adminReadsReplacesAndClearsTheFaults() throws Exception {
        T8Client.Response put = putFaults("{\"seed\": 3, \"latencyMs\": {\"create\": 5}, "
                + "\"errors\": {\"delete\": [{\"status\": 500, \"probability\": 0.25}]}, \"notificationLossProbability\": 0.1}");
        T8Client.Response get = client.send("GET", admin + "/faults", null, null);

        assertEquals(200, put.status());
        assertEquals(5, get.body().get("latencyMs").get("create").asInt());
        assertEquals(500, get.body().get("errors").get("delete").get(0).get("status").asInt());
        assertEquals(0.25, get.body().get("errors").get("delete").get(0).get("probability").asDouble());
        assertEquals(0.1, get.body().get("notificationLossProbability").asDouble());

        assertEquals(204, client.send("DELETE", admin + "/faults", null, null).status());
        JsonNode cleared = client.send("GET", admin + "/faults", null, null).body();
        assertTrue(cleared.path("latencyMs").isMissingNode() && cleared.path("errors").isMissingNode(), cleared.toString());
        assertEquals(0.0, cleared.get("notificationLossProbability").asDouble());
    }

    @Test
    void adminRejectsUnknownMembersAndBadProbabilities() throws Exception {
        T8Client.Response unknown = client.send("PUT", admin + "/faults", "{\"latency\": {\"create\": 5}}", "application/json");
        T8Client.Response badProbability = client.send("PUT", admin + "/faults",
                "{\"notificationLossProbability\": 1.5}", "application/json");
        T8Client.Response badOperation = client.send("PUT", admin + "/faults", "{\"latencyMs\": {\"upsert\": 5}}",
                "application/json");

        assertEquals(400, unknown.status());
        assertEquals(400, badProbability.status());
        assertEquals("/notificationLossProbability", badProbability.body().get("invalidParams").get(0).get("param").asText());
        assertEquals(400, badOperation.status());
        assertEquals(FaultOptions.none().getNotificationLossProbability(), nef.faults().getNotificationLossProbability());
    }

    @Test
    void stateShowsCapacityPerCellAndLiveSubscriptions() throws Exception {
        client.create("af-fault", T8Client.subscription(receiver.uri("x"), "10.80.1.1", "mq-gbr-500M"));
        client.create("af-fault", T8Client.subscription(receiver.uri("x"), "10.80.1.2", "mq-gbr-200M"));

        JsonNode state = client.send("GET", admin + "/state", null, null).body();

        assertEquals(2, state.get("liveSubscriptions").asInt());
        assertEquals(2, state.get("subscriptionsByScsAsId").get("af-fault").asInt());
        assertEquals("700 Mbps", state.get("capacityInUse").asText());
        assertEquals(2, state.get("cells").size());
        long inUse = 0;
        for (JsonNode cell : state.get("cells")) {
            assertEquals("2 Gbps", cell.get("capacity").asText());
            inUse += BitRate.parse(cell.get("inUse").asText()).wholeBitsPerSecond();
        }
        assertEquals(700_000_000L, inUse);
        int cellOfFirst = nef.cellOf("10.80.1.1");
        assertTrue(BitRate.parse(state.get("cells").get(cellOfFirst).get("inUse").asText()).wholeBitsPerSecond()
                >= 500_000_000L);
        assertEquals("1.5 Gbps", state.get("ueGbrLimit").asText());
        assertTrue(state.get("notifications").has("sent"));
    }

    private static T8Client.Response putFaults(String json) throws Exception {
        T8Client.Response r = client.send("PUT", admin + "/faults", json, "application/json");
        assertEquals(200, r.status(), r.raw().body());
        return r;
    }
}
