package io.modelqos.nef.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.openapi.T8Json;
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
 * What the PCF face tells the AF, over real HTTP: EventsNotification to {@code {notifUri}/notify}
 * for each subscribed event, and at the end of a session a TerminationInfo to
 * {@code {notifUri}/terminate}, after which the session waits for the AF's delete.
 */
class PcfNotificationTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private static Vertx vertx;
    private static NefEmulator nef;
    private static NotificationReceiver receiver;
    private static T8Client client;
    private static String sessions;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        EmulatorOptions options = new EmulatorOptions();
        options.getCapacity().setCells(1);
        options.getNotifications().setAllocationDelayMs(5).setMonitoringPeriodMs(50).setRateNoise(0);
        options.getN5().setMaxSessionSeconds(1).setTerminationGraceSeconds(2).setTerminationCause("INSUFFICIENT_QOS_FLOW_RESOURCES");
        nef = NefEmulator.start(vertx, options).await();
        receiver = NotificationReceiver.startN5(vertx, ApiContract.load(vertx, ApiContract.Api.PCF).await());
        client = new T8Client(nef.apiRoot());
        sessions = N5Requests.appSessions(nef.apiRoot());
    }

    @AfterAll
    static void stop() {
        receiver.close();
        nef.close().await();
        vertx.close().await();
    }

    @AfterEach
    void clean() throws Exception {
        nef.clearFaults();
        for (String uri : nef.appSessionUris()) {
            client.send("POST", uri + "/delete", null, null);
        }
        assertEquals(List.of(), receiver.schemaViolations());
    }

    @Test
    void aDegradationIsReportedAsQosNotification() throws Exception {
        nef.setFaults(FaultOptions.none().setQosDegradation(new FaultOptions.QosDegradation(1.0, 30, 100, 0.5)));
        ObjectNode component = N5Requests.reference("mq-gbr-1G");
        component.putArray("altSerReqs").add("mq-gbr-500M");
        create(N5Requests.appSession(receiver.uri("qnc"), "10.71.0.1", component, "QOS_NOTIF"));
        JsonObject lost = receiver.await("qnc/notify", "QOS_NOTIF", WAIT).body();
        JsonObject back = receiver.await("qnc/notify", "QOS_NOTIF", WAIT).body();
        JsonObject lostReport = lost.getJsonArray("qncReports").getJsonObject(0);
        assertEquals("NOT_GUARANTEED", lostReport.getString("notifType"));
        assertEquals("mq-gbr-500M", lostReport.getString("altSerReq"), "the lower alternative applies meanwhile");
        assertEquals("GUARANTEED", back.getJsonArray("qncReports").getJsonObject(0).getString("notifType"));
    }

    @Test
    void usageAndMonitoringAreReportedAsSubscribed() throws Exception {
        ObjectNode body = N5Requests.appSession(receiver.uri("use"), "10.71.0.2", N5Requests.bandwidth("80 Mbps"),
                "USAGE_REPORT", "QOS_MONITORING");
        ObjectNode evSubsc = N5Requests.evSubsc(body);
        evSubsc.putObject("usgThres").put("downlinkVolume", 2_000_000L);
        evSubsc.putArray("reqQosMonParams").add("DOWNLINK_DATA_RATE").add("DOWNLINK");
        ((ObjectNode) evSubsc.get("events").get(1)).put("notifMethod", "PERIODIC");
        create(body);
        JsonObject usage = receiver.await("use/notify", "USAGE_REPORT", WAIT).body();
        assertTrue(usage.getJsonObject("usgRep").getLong("downlinkVolume") >= 2_000_000L, usage.encode());
        JsonObject monitoring = receiver.await("use/notify", "QOS_MONITORING", WAIT).body();
        assertEquals("80 Mbps", monitoring.getJsonArray("qosMonDatRateReps").getJsonObject(0).getString("dlDataRate"));
        assertTrue(monitoring.getJsonArray("qosMonReports").getJsonObject(0).getJsonArray("dlDelays").getInteger(0) > 0);
        receiver.await("use/notify", "QOS_MONITORING", WAIT); // periodic: another one follows
    }

    @Test
    void onlySubscribedEventsAreSent() throws Exception {
        ObjectNode body = N5Requests.appSession(receiver.uri("quiet"), "10.71.0.3", N5Requests.bandwidth("100 Mbps"), "USAGE_REPORT");
        N5Requests.evSubsc(body).putObject("usgThres").put("downlinkVolume", 1_000_000L);
        create(body);
        receiver.await("quiet/notify", "USAGE_REPORT", WAIT);
        assertEquals(List.of("USAGE_REPORT"), receiver.events("quiet/notify"), "no allocation report (sent 5 ms after the create)");
    }

    @Test
    void aFailedAllocationIsReportedAndFreesTheCapacity() throws Exception {
        nef.setFaults(FaultOptions.none().setAllocationFailureProbability(1.0));
        create(N5Requests.appSession(receiver.uri("fail"), "10.71.0.4", N5Requests.bandwidth("300 Mbps"),
                "SUCCESSFUL_RESOURCES_ALLOCATION", "FAILED_RESOURCES_ALLOCATION"));
        JsonObject n = receiver.await("fail/notify", "FAILED_RESOURCES_ALLOCATION", WAIT).body();
        assertEquals("INACTIVE", n.getJsonArray("failedResourcAllocReports").getJsonObject(0).getString("mcResourcStatus"));
        assertEquals(BitRate.ZERO, nef.capacityInUse());
    }

    /**
     * At the end of its time (here {@code n5.maxSessionSeconds} = 1 s) the PCF frees the capacity
     * and asks the AF to delete the session; the session stays readable, cannot be modified, and
     * its delete answers the final usage.
     */
    @Test
    void theEndOfASessionIsATerminationRequest() throws Exception {
        long before = System.nanoTime();
        String self = create(N5Requests.appSession(receiver.uri("end"), "10.71.0.5", N5Requests.bandwidth("100 Mbps"),
                "USAGE_REPORT"));
        JsonObject termination = receiver.await("end/terminate", "TERMINATION", WAIT).body();
        long lifetimeNanos = System.nanoTime() - before;
        assertEquals("INSUFFICIENT_QOS_FLOW_RESOURCES", termination.getString("termCause"));
        assertEquals(self, termination.getString("resUri"));
        assertEquals(BitRate.ZERO, nef.capacityInUse());
        assertEquals(0, nef.liveAppSessionCount());

        assertEquals(200, client.read(self).status(), "kept until the AF deletes it");
        ObjectNode patch = T8Json.mapper().createObjectNode();
        patch.putObject("ascReqData").put("afAppId", "other");
        assertEquals(404, client.patch(self, patch, "application/merge-patch+json").status());
        Thread.sleep(300); // a usage still counting would grow by 3.75 MB meanwhile
        T8Client.Response deleted = client.send("POST", self + "/delete", null, null);
        assertEquals(200, deleted.status());
        long volume = deleted.body().at("/evsNotif/usgRep/downlinkVolume").asLong();
        long atMost = 100_000_000L / 8 * lifetimeNanos / 1_000_000_000L;
        assertTrue(volume >= 11_000_000L && volume <= atMost, "1 s at 100 Mbps, frozen at the end: " + volume + " <= " + atMost);
        assertEquals(404, client.read(self).status());
    }

    @Test
    void qosDurationEndsASessionBeforeTheMaximum() throws Exception {
        ObjectNode body = N5Requests.appSession(receiver.uri("dur"), "10.71.0.6", N5Requests.bandwidth("50 Mbps"));
        ((ObjectNode) body.get("ascReqData")).put("qosDuration", 1);
        String self = create(body);
        assertEquals(self, receiver.await("dur/terminate", "TERMINATION", WAIT).body().getString("resUri"));
    }

    @Test
    void anEndedSessionTheAfDoesNotDeleteGoesAfterTheGraceTime() throws Exception {
        String self = create(N5Requests.appSession(receiver.uri("grace"), "10.71.0.7", N5Requests.bandwidth("50 Mbps")));
        receiver.await("grace/terminate", "TERMINATION", WAIT);
        assertEquals(200, client.read(self).status());
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (client.read(self).status() == 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(404, client.read(self).status(), "removed after n5.terminationGraceSeconds");
        assertFalse(nef.appSessionUris().contains(self));
    }

    private static String create(ObjectNode body) throws Exception {
        T8Client.Response r = client.send("POST", sessions, T8Json.mapper().writeValueAsString(body), "application/json");
        assertEquals(201, r.status(), r.raw().body());
        return r.header("Location").orElseThrow();
    }
}
