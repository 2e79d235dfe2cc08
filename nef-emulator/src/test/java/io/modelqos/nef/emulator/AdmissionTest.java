package io.modelqos.nef.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.qos.BitRate;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Verifies admission control over real HTTP against one cell of 2 Gbit/s with a 1.5 Gbit/s per-UE
 * limit: the primary QoS is granted when it fits, the first fitting alternative otherwise (and the
 * SUCCESSFUL_RESOURCES_ALLOCATION notification names it), 403 with the grantable rate when nothing
 * fits, and capacity comes back on delete and on expiry.
 */
class AdmissionTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private static Vertx vertx;
    private static NefEmulator nef;
    private static NotificationReceiver receiver;
    private static T8Client client;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        EmulatorOptions options = new EmulatorOptions();
        options.getCapacity().setCells(1).setRejectRetryAfterSeconds(3);
        options.getNotifications().setAllocationDelayMs(10);
        nef = NefEmulator.start(vertx, options).await();
        receiver = NotificationReceiver.start(vertx, ApiContract.load(vertx).await());
        client = new T8Client(nef.apiRoot());
    }

    @AfterEach
    void noLeftovers() throws Exception {
        for (String af : new String[] {"af-adm"}) {
            client.list(af).body().forEach(s -> {
                try {
                    client.delete(s.get("self").asText());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        assertEquals(BitRate.ZERO, nef.capacityInUse());
        assertEquals(java.util.List.of(), receiver.schemaViolations());
    }

    @AfterAll
    static void stop() {
        receiver.close();
        nef.close().await();
        vertx.close().await();
    }

    @Test
    void primaryQosIsGrantedWhenItFits() throws Exception {
        T8Client.Response r = client.create("af-adm", T8Client.subscription(receiver.uri("primary"), "10.60.0.1",
                "mq-gbr-500M", "SUCCESSFUL_RESOURCES_ALLOCATION"));

        assertEquals(201, r.status(), r.raw().body());
        NotificationReceiver.Received n = receiver.await("primary", "SUCCESSFUL_RESOURCES_ALLOCATION", WAIT);
        assertEquals(r.body().get("self").asText(), n.body().getString("transaction"));
        assertEquals("mq-gbr-500M", n.report().getString("appliedQosRef"));
        assertEquals(BitRate.parse("500 Mbps"), nef.capacityInUse());
    }

    @Test
    void firstFittingAlternativeReferenceIsGrantedAndNamedInTheNotification() throws Exception {
        ObjectNode sub = T8Client.subscription(receiver.uri("alt-ref"), "10.60.0.2", "mq-gbr-2G",
                "SUCCESSFUL_RESOURCES_ALLOCATION");
        sub.putArray("altQoSReferences").add("mq-gbr-1G").add("mq-gbr-500M");

        T8Client.Response r = client.create("af-adm", sub);

        assertEquals(201, r.status(), r.raw().body());
        NotificationReceiver.Received n = receiver.await("alt-ref", "SUCCESSFUL_RESOURCES_ALLOCATION", WAIT);
        assertEquals("mq-gbr-1G", n.report().getString("appliedQosRef"), "2G exceeds the 1.5G per-UE limit");
        assertEquals(BitRate.parse("1 Gbps"), nef.capacityInUse());
    }

    @Test
    void firstFittingAlternativeParameterSetIsGranted() throws Exception {
        ObjectNode sub = T8Client.subscription(receiver.uri("alt-req"), "10.60.0.3", "mq-gbr-2G",
                "SUCCESSFUL_RESOURCES_ALLOCATION");
        var alts = sub.putArray("altQosReqs");
        alts.addObject().put("altQosParamSetRef", "alt-1.6G").put("gbrDl", "1.6 Gbps");
        alts.addObject().put("altQosParamSetRef", "alt-1.2G").put("gbrDl", "1.2 Gbps").put("pdb", 200);

        T8Client.Response r = client.create("af-adm", sub);

        assertEquals(201, r.status(), r.raw().body());
        assertEquals("alt-1.2G", receiver.await("alt-req", "SUCCESSFUL_RESOURCES_ALLOCATION", WAIT)
                .report().getString("appliedQosRef"));
        assertEquals(BitRate.parse("1.2 Gbps"), nef.capacityInUse());
    }

    @Test
    void nothingFitsIs403WithTheGrantableRateAndRetryAfter() throws Exception {
        assertEquals(201, client.create("af-adm", T8Client.subscription(receiver.uri("x"), "10.60.1.1", "mq-gbr-1G")).status());
        assertEquals(201, client.create("af-adm", T8Client.subscription(receiver.uri("x"), "10.60.1.2", "mq-gbr-500M")).status());
        BitRate grantable = nef.grantableFor("10.60.1.3");
        ObjectNode third = T8Client.subscription(receiver.uri("x"), "10.60.1.3", "mq-gbr-1G");
        third.putArray("altQoSReferences").add("mq-gbr-1G");

        T8Client.Response r = client.create("af-adm", third);

        assertEquals(403, r.status(), r.raw().body());
        assertEquals("application/problem+json", r.header("Content-Type").orElseThrow());
        assertEquals("REQUESTED_SERVICE_NOT_AUTHORIZED", r.body().get("cause").asText());
        assertEquals(BitRate.parse("500 Mbps"), grantable, "2 Gbit/s cell minus 1.5 Gbit/s in use");
        assertEquals(grantable.toString(), r.body().get("acceptableServInfo").get("marBwDl").asText());
        assertEquals("3", r.header("Retry-After").orElseThrow());
        assertEquals(2, client.list("af-adm").body().size(), "a refused request leaves nothing behind");
    }

    @Test
    void perUeLimitCountsAllSessionsOfTheUe() throws Exception {
        assertEquals(201, client.create("af-adm", T8Client.subscription(receiver.uri("x"), "10.60.2.1", "mq-gbr-1G")).status());

        T8Client.Response r = client.create("af-adm", T8Client.subscription(receiver.uri("x"), "10.60.2.1", "mq-gbr-1G"));

        assertEquals(403, r.status());
        assertEquals("500 Mbps", r.body().get("acceptableServInfo").get("marBwDl").asText(), "1.5G per UE minus 1G");
    }

    @Test
    void capacityIsReleasedOnDelete() throws Exception {
        String big = client.create("af-adm", T8Client.subscription(receiver.uri("x"), "10.60.3.1", "mq-gbr-1G"))
                .body().get("self").asText();
        assertEquals(201, client.create("af-adm", T8Client.subscription(receiver.uri("x"), "10.60.3.2", "mq-gbr-1G")).status());
        assertEquals(403, client.create("af-adm", T8Client.subscription(receiver.uri("x"), "10.60.3.3", "mq-gbr-500M")).status());

        assertEquals(200, client.delete(big).status());

        assertEquals(BitRate.parse("1 Gbps"), nef.capacityInUse());
        assertEquals(201, client.create("af-adm", T8Client.subscription(receiver.uri("x"), "10.60.3.3", "mq-gbr-500M")).status());
    }

    @Test
    void capacityIsReleasedOnExpiryAndTheAfIsTold() throws Exception {
        ObjectNode sub = T8Client.subscription(receiver.uri("expiry"), "10.60.4.1", "mq-gbr-1G", "SESSION_TERMINATION");
        sub.put("qosDuration", 1);
        String self = client.create("af-adm", sub).body().get("self").asText();
        assertEquals(BitRate.parse("1 Gbps"), nef.capacityInUse());

        NotificationReceiver.Received n = receiver.await("expiry", "SESSION_TERMINATION", WAIT);

        assertEquals(self, n.body().getString("transaction"));
        assertTrue(n.report().getJsonObject("accumulatedUsage").getLong("downlinkVolume") >= 100_000_000L,
                "1 Gbit/s for 1 s is about 125 MB: " + n.report());
        assertEquals(BitRate.ZERO, nef.capacityInUse());
        assertEquals(404, client.read(self).status());
        assertEquals(0, client.list("af-adm").body().size());
    }

    @Test
    void alternativesCountOnlyWhenTheirFeatureWasNegotiated() throws Exception {
        ObjectNode sub = T8Client.subscription(receiver.uri("x"), "10.60.5.1", "mq-gbr-2G");
        sub.remove("supportedFeatures");
        sub.putArray("altQoSReferences").add("mq-gbr-500M");

        T8Client.Response r = client.create("af-adm", sub);

        assertEquals(403, r.status(), "without AlternativeQoS_5G the alternative is ignored: " + r.raw().body());
        assertFalse(r.body().has("supportedFeatures"));
    }

    @Test
    void replacementThatDoesNotFitIs403AndKeepsTheOldQos() throws Exception {
        String self = client.create("af-adm", T8Client.subscription(receiver.uri("x"), "10.60.6.1", "mq-gbr-500M"))
                .body().get("self").asText();
        assertEquals(201, client.create("af-adm", T8Client.subscription(receiver.uri("x"), "10.60.6.2", "mq-gbr-1G")).status());
        assertEquals(201, client.create("af-adm", T8Client.subscription(receiver.uri("x"), "10.60.6.3", "mq-gbr-200M")).status());

        T8Client.Response r = client.replace(self, T8Client.subscription(receiver.uri("x"), "10.60.6.1", "mq-gbr-1G"));

        assertEquals(403, r.status());
        assertEquals("800 Mbps", r.body().get("acceptableServInfo").get("marBwDl").asText(),
                "2G minus the others' 1.2G: its own 500M counts as free for the replacement");
        assertEquals("mq-gbr-500M", client.read(self).body().get("qosReference").asText());
        assertEquals(BitRate.parse("1.7 Gbps"), nef.capacityInUse());
    }
}
