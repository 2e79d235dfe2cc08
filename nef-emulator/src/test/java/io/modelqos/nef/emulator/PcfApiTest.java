package io.modelqos.nef.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.openapi.T8Json;
import io.modelqos.qos.BitRate;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PCF face over HTTP: create, read, modify and delete an application session context, the
 * 403 negotiation, bad requests, and the capacity model it shares with the NEF face.
 */
class PcfApiTest {

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
        options.getCapacity().setCells(1).setRejectRetryAfterSeconds(5);
        options.getNotifications().setAllocationDelayMs(5);
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
    void deleteEverything() throws Exception {
        for (String uri : nef.appSessionUris()) {
            client.send("POST", uri + "/delete", null, null);
        }
        for (ObjectNode s : nef.liveSubscriptions("af-shared")) {
            client.delete(s.get("self").asText());
        }
        assertEquals(List.of(), receiver.schemaViolations());
    }

    @Test
    void createReadModifyDelete() throws Exception {
        ObjectNode body = N5Requests.appSession(receiver.uri("crud"), "10.70.0.1", N5Requests.bandwidth("1 Gbps"),
                "SUCCESSFUL_RESOURCES_ALLOCATION", "USAGE_REPORT");
        ((ObjectNode) body.get("ascReqData")).put("suppFeat", "3");
        T8Client.Response created = client.send("POST", sessions, json(body), "application/json");
        assertEquals(201, created.status(), created.raw().body());
        String self = created.header("Location").orElseThrow();
        assertTrue(self.startsWith(sessions + "/"), self);
        assertEquals("3", created.body().at("/ascRespData/suppFeat").asText(), "the AF's features, as the PCF supports them all");
        assertEquals("1 Gbps", created.body().at("/ascReqData/medComponents/1/marBwDl").asText());
        assertEquals(BitRate.parse("1 Gbps"), nef.capacityInUse());
        receiver.await("crud/notify", "SUCCESSFUL_RESOURCES_ALLOCATION", WAIT);

        T8Client.Response read = client.read(self);
        assertEquals(200, read.status());
        assertEquals(created.body(), read.body());

        ObjectNode patch = T8Json.mapper().createObjectNode();
        patch.putObject("ascReqData").putObject("medComponents").set("1",
                T8Json.mapper().createObjectNode().put("medCompN", 1).put("marBwDl", "500 Mbps").put("mirBwDl", "500 Mbps"));
        T8Client.Response modified = client.patch(self, patch, "application/merge-patch+json");
        assertEquals(200, modified.status(), modified.raw().body());
        assertEquals("500 Mbps", modified.body().at("/ascReqData/medComponents/1/mirBwDl").asText());
        assertEquals("permit out ip from 10.0.0.10 443 to 10.70.0.1",
                modified.body().at("/ascReqData/medComponents/1/medSubComps/1/fDescs/0").asText(), "merged, not replaced");
        assertEquals(BitRate.parse("500 Mbps"), nef.capacityInUse());

        T8Client.Response deleted = client.send("POST", self + "/delete", null, null);
        assertEquals(200, deleted.status(), "USAGE_REPORT was subscribed, so the final usage comes back");
        assertEquals("USAGE_REPORT", deleted.body().at("/evsNotif/evNotifs/0/event").asText());
        assertEquals(self + "/events-subscription", deleted.body().at("/evsNotif/evSubsUri").asText());
        assertTrue(deleted.body().at("/evsNotif/usgRep/downlinkVolume").asLong() > 0, deleted.raw().body());
        assertEquals(BitRate.ZERO, nef.capacityInUse());
        assertEquals(404, client.read(self).status());
        assertEquals(404, client.send("POST", self + "/delete", null, null).status());
    }

    @Test
    void anEquivalentCreateNamesTheExistingSession() throws Exception {
        ObjectNode body = N5Requests.appSession(receiver.uri("same"), "10.70.0.12", N5Requests.bandwidth("100 Mbps"));
        String self = create(body);
        T8Client.Response again = post(body);
        assertEquals(303, again.status(), "same UE, same notifUri");
        assertEquals(self, again.header("Location").orElseThrow());
        assertEquals(BitRate.parse("100 Mbps"), nef.capacityInUse(), "nothing more reserved");
        assertEquals(201, post(N5Requests.appSession(receiver.uri("same"), "10.70.0.13", N5Requests.bandwidth("100 Mbps")))
                .status(), "another UE is another session");
        assertEquals(201, post(N5Requests.appSession(receiver.uri("other"), "10.70.0.12", N5Requests.bandwidth("100 Mbps")))
                .status(), "another notifUri is another session");
    }

    @Test
    void deleteAnswersTheUsageWhenTheBodyAsksForIt() throws Exception {
        String self = create(N5Requests.appSession(receiver.uri("del"), "10.70.0.2", N5Requests.reference("mq-gbr-200M")));
        assertEquals(204, client.send("POST", self + "/delete", "{\"events\":[{\"event\":\"QOS_NOTIF\"}]}", "application/json")
                .status(), "no USAGE_REPORT asked for");
        String other = create(N5Requests.appSession(receiver.uri("del"), "10.70.0.2", N5Requests.reference("mq-gbr-200M")));
        T8Client.Response r = client.send("POST", other + "/delete", "{\"events\":[{\"event\":\"USAGE_REPORT\"}]}", "application/json");
        assertEquals(200, r.status());
        assertTrue(r.body().at("/evsNotif/usgRep").isObject(), r.raw().body());
    }

    @Test
    void anAlternativeIsGrantedWhenThePrimaryDoesNotFit() throws Exception {
        ObjectNode component = N5Requests.reference("mq-gbr-2G");
        component.putArray("altSerReqs").add("mq-gbr-1G").add("mq-gbr-500M");
        String self = create(N5Requests.appSession(receiver.uri("alt"), "10.70.0.3", component, "SUCCESSFUL_RESOURCES_ALLOCATION"));
        NotificationReceiver.Received n = receiver.await("alt/notify", "SUCCESSFUL_RESOURCES_ALLOCATION", WAIT);
        assertEquals("mq-gbr-1G", n.body().getJsonArray("succResourcAllocReports").getJsonObject(0).getString("altSerReq"));
        assertEquals(self + "/events-subscription", n.body().getString("evSubsUri"));
        assertEquals(1, n.body().getJsonArray("evNotifs").getJsonObject(0).getJsonArray("flows").getJsonObject(0).getInteger("medCompN"));
        assertEquals(BitRate.parse("1 Gbps"), nef.capacityInUse());
    }

    @Test
    void theGrantedPrimaryNamesNoAlternative() throws Exception {
        ObjectNode component = N5Requests.bandwidth("800 Mbps");
        component.putArray("altSerReqsData").addObject().put("altQosParamSetRef", "gbr-400m").put("gbrDl", "400 Mbps");
        create(N5Requests.appSession(receiver.uri("primary"), "10.70.0.4", component, "SUCCESSFUL_RESOURCES_ALLOCATION"));
        NotificationReceiver.Received n = receiver.await("primary/notify", "SUCCESSFUL_RESOURCES_ALLOCATION", WAIT);
        assertFalse(n.body().getJsonArray("succResourcAllocReports").getJsonObject(0).containsKey("altSerReq"));
        assertEquals(BitRate.parse("800 Mbps"), nef.capacityInUse());
    }

    @Test
    void forbiddenNamesTheBandwidthThePcfWouldGrant() throws Exception {
        create(N5Requests.appSession(receiver.uri("full"), "10.70.0.5", N5Requests.bandwidth("1.2 Gbps")));
        T8Client.Response r = client.send("POST", sessions, json(N5Requests.appSession(receiver.uri("full"), "10.70.0.6",
                N5Requests.bandwidth("1 Gbps"))), "application/json");
        assertEquals(403, r.status(), r.raw().body());
        assertEquals("application/problem+json", r.header("Content-Type").orElseThrow());
        assertEquals("5", r.header("Retry-After").orElseThrow());
        assertEquals("REQUESTED_SERVICE_NOT_AUTHORIZED", r.body().get("cause").asText());
        assertEquals("800 Mbps", r.body().at("/acceptableServInfo/marBwDl").asText(), "2 Gbps cell - 1.2 Gbps in use");
        assertEquals("800 Mbps", r.body().at("/acceptableServInfo/accBwMedComps/1/mirBwDl").asText());
        assertEquals(1, r.body().at("/acceptableServInfo/accBwMedComps/1/medCompN").asInt());
        assertEquals(1, nef.appSessions().size(), "nothing was created");
    }

    @Test
    void aModificationThatDoesNotFitKeepsTheOldQos() throws Exception {
        String self = create(N5Requests.appSession(receiver.uri("keep"), "10.70.0.7", N5Requests.bandwidth("500 Mbps")));
        ObjectNode patch = T8Json.mapper().createObjectNode();
        patch.putObject("ascReqData").putObject("medComponents").putObject("1").put("medCompN", 1)
                .put("mirBwDl", "1.8 Gbps").put("marBwDl", "1.8 Gbps");
        T8Client.Response r = client.patch(self, patch, "application/merge-patch+json");
        assertEquals(403, r.status(), r.raw().body());
        assertEquals("1.5 Gbps", r.body().at("/acceptableServInfo/marBwDl").asText(), "the UE limit, its own 500 Mbps counted as free");
        assertEquals(BitRate.parse("500 Mbps"), nef.capacityInUse());
        assertEquals("500 Mbps", client.read(self).body().at("/ascReqData/medComponents/1/mirBwDl").asText());
    }

    @Test
    void badRequestsAreProblemsNamingTheField() throws Exception {
        ObjectNode noSuppFeat = N5Requests.appSession(receiver.uri("bad"), "10.70.0.8", N5Requests.bandwidth("1 Gbps"));
        ((ObjectNode) noSuppFeat.get("ascReqData")).remove("suppFeat");
        assertProblem(post(noSuppFeat), 400, "suppFeat");

        assertProblem(post(N5Requests.appSession(receiver.uri("bad"), "10.70.0.8", N5Requests.bandwidth("1Gbps"))), 400, "marBwDl");

        T8Client.Response unknown = post(N5Requests.appSession(receiver.uri("bad"), "10.70.0.8", N5Requests.reference("no-such-qos")));
        assertProblem(unknown, 400, "/ascReqData/medComponents/1/qosReference");
        assertEquals("OPTIONAL_IE_INCORRECT", unknown.body().get("cause").asText());

        ObjectNode noQos = N5Requests.appSession(receiver.uri("bad"), "10.70.0.8", T8Json.mapper().createObjectNode());
        assertProblem(post(noQos), 400, "/ascReqData/medComponents");

        ObjectNode noEventUri = N5Requests.appSession(receiver.uri("bad"), "10.70.0.8", N5Requests.bandwidth("1 Gbps"), "USAGE_REPORT");
        N5Requests.evSubsc(noEventUri).remove("notifUri");
        assertProblem(post(noEventUri), 400, "/ascReqData/evSubsc/notifUri");

        assertProblem(post(N5Requests.appSession("not a uri", "10.70.0.8", N5Requests.bandwidth("1 Gbps"))), 400, "/ascReqData/notifUri");

        ObjectNode twoUes = N5Requests.appSession(receiver.uri("bad"), "10.70.0.8", N5Requests.bandwidth("1 Gbps"));
        ((ObjectNode) twoUes.get("ascReqData")).put("ueIpv6", "2001:db8::8");
        assertEquals(400, post(twoUes).status());

        assertEquals(415, client.send("POST", sessions, json(N5Requests.appSession(receiver.uri("bad"), "10.70.0.8",
                N5Requests.bandwidth("1 Gbps"))), "text/plain").status());
        assertEquals(0, nef.appSessions().size());
    }

    @Test
    void patchTakesMergePatchAndOnlyTheUpdatableAttributes() throws Exception {
        String self = create(N5Requests.appSession(receiver.uri("patch"), "10.70.0.9", N5Requests.bandwidth("200 Mbps")));
        ObjectNode changeUe = T8Json.mapper().createObjectNode();
        changeUe.putObject("ascReqData").put("ueIpv4", "10.70.0.10");
        assertProblem(client.patch(self, changeUe, "application/merge-patch+json"), 400, "/ascReqData/ueIpv4");
        assertEquals(415, client.patch(self, T8Json.mapper().createObjectNode(), "application/json").status());
        assertEquals(404, client.patch(sessions + "/no-such-session", T8Json.mapper().createObjectNode(),
                "application/merge-patch+json").status());
        assertEquals(405, client.send("DELETE", self, null, null).status(), "N5 deletes with POST .../delete");
    }

    /** The NEF's subscriptions and the PCF's sessions draw on one capacity model. */
    @Test
    void bothFacesShareTheCapacity() throws Exception {
        T8Client.Response sub = client.create("af-shared", T8Client.subscription(receiver.uri("t8"), "10.70.0.11", "mq-gbr-1G"));
        assertEquals(201, sub.status(), sub.raw().body());
        T8Client.Response r = post(N5Requests.appSession(receiver.uri("shared"), "10.70.0.11", N5Requests.reference("mq-gbr-1G")));
        assertEquals(403, r.status(), "the same UE: 1 Gbps of its 1.5 Gbps is taken by the NEF subscription");
        assertEquals("500 Mbps", r.body().at("/acceptableServInfo/marBwDl").asText());
        assertEquals(201, post(N5Requests.appSession(receiver.uri("shared"), "10.70.0.11", N5Requests.reference("mq-gbr-500M"))).status());
        assertEquals(BitRate.parse("1.5 Gbps"), nef.capacityInUse());
        EmulatorState state = nef.state();
        assertEquals(1, state.liveSubscriptions());
        assertEquals(1, state.appSessions());
    }

    private static String create(ObjectNode body) throws Exception {
        T8Client.Response r = post(body);
        assertEquals(201, r.status(), r.raw().body());
        return r.header("Location").orElseThrow();
    }

    private static T8Client.Response post(ObjectNode body) throws Exception {
        return client.send("POST", sessions, json(body), "application/json");
    }

    private static void assertProblem(T8Client.Response r, int status, String pointer) {
        assertEquals(status, r.status(), r.raw().body());
        assertEquals("application/problem+json", r.header("Content-Type").orElseThrow());
        JsonNode params = r.body().path("invalidParams");
        boolean named = false;
        for (JsonNode p : params) {
            named |= p.path("param").asText().contains(pointer);
        }
        assertTrue(named || r.body().path("detail").asText().contains(pointer), pointer + " not named in " + r.raw().body());
    }

    private static String json(Object body) throws Exception {
        return T8Json.mapper().writeValueAsString(body);
    }
}
