package io.modelqos.nef.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.openapi.T8Json;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Verifies the six AsSessionWithQoS operations over real HTTP: success codes, headers and bodies,
 * 404 for unknown ids, 400 with invalidParams for bad requests, 415 for a PATCH that is not a
 * merge patch.
 */
class SubscriptionApiTest {

    private static Vertx vertx;
    private static NefEmulator nef;
    private static T8Client client;
    private static String destination;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        EmulatorOptions options = new EmulatorOptions();
        options.getNotifications().setAllocationDelayMs(5);
        nef = NefEmulator.start(vertx, options).await();
        client = new T8Client(nef.apiRoot());
        destination = "http://127.0.0.1:9/never-called";
    }

    @AfterAll
    static void stop() {
        nef.close().await();
        vertx.close().await();
    }

    @Test
    void createAnswers201WithLocationAndSelf() throws Exception {
        T8Client.Response r = client.create("af-create", T8Client.subscription(destination, "10.45.0.2", "mq-gbr-500M"));

        assertEquals(201, r.status(), r.raw().body());
        String location = r.header("Location").orElseThrow();
        assertTrue(location.startsWith(nef.apiRoot() + "/3gpp-as-session-with-qos/v1/af-create/subscriptions/"), location);
        assertEquals(location, r.body().get("self").asText());
        assertEquals("mq-gbr-500M", r.body().get("qosReference").asText());
        assertEquals("application/json", r.header("Content-Type").orElseThrow());
        client.delete(location);
    }

    @Test
    void createAnswersTheIntersectionOfSupportedFeatures() throws Exception {
        ObjectNode sub = T8Client.subscription(destination, "10.45.0.3", "mq-gbr-50M");
        sub.put("supportedFeatures", "1033"); // features 1, 2, 5, 6, 13 -> the emulator has 5, 6 (and 12)

        T8Client.Response r = client.create("af-features", sub);

        assertEquals(201, r.status(), r.raw().body());
        assertEquals("30", r.body().get("supportedFeatures").asText());
        client.delete(r.body().get("self").asText());
    }

    @Test
    void readReturnsTheSubscriptionAndUnknownIdsAre404() throws Exception {
        String self = created("af-read", "10.45.0.4");

        T8Client.Response read = client.read(self);
        T8Client.Response unknown = client.read(client.subscriptions("af-read") + "/no-such-id");
        T8Client.Response otherAf = client.read(self.replace("/af-read/", "/af-other/"));

        assertEquals(200, read.status());
        assertEquals(self, read.body().get("self").asText());
        assertEquals("10.45.0.4", read.body().get("ueIpv4Addr").asText());
        assertEquals(404, unknown.status());
        assertEquals("application/problem+json", unknown.header("Content-Type").orElseThrow());
        assertEquals(404, unknown.body().get("status").asInt());
        assertEquals(404, otherAf.status(), "subscriptions are kept per scsAsId");
        client.delete(self);
    }

    @Test
    void listShowsEveryLiveSubscriptionOfTheAfAndFiltersByUe() throws Exception {
        String a = created("af-list", "10.45.1.1");
        String b = created("af-list", "10.45.1.2");
        ObjectNode byMac = T8Client.subscription(destination, "10.45.1.3", "mq-gbr-50M");
        byMac.remove("ueIpv4Addr");
        byMac.put("macAddr", "02-00-00-00-00-01");
        String c = client.create("af-list", byMac).body().get("self").asText();
        created("af-list-other", "10.45.1.4");

        T8Client.Response all = client.list("af-list");
        T8Client.Response byIp = client.list("af-list", "ip-addrs=" + T8Client.urlEncode("[{\"ipv4Addr\":\"10.45.1.2\"}]"));
        T8Client.Response byMacAddr = client.list("af-list", "mac-addrs=02-00-00-00-00-01");
        T8Client.Response none = client.list("af-nobody");

        assertEquals(200, all.status());
        assertEquals(List.of(a, b, c), selves(all.body()));
        assertEquals(List.of(b), selves(byIp.body()));
        assertEquals(List.of(c), selves(byMacAddr.body()));
        assertEquals(200, none.status());
        assertEquals(0, none.body().size());
        for (String self : List.of(a, b, c)) {
            client.delete(self);
        }
    }

    @Test
    void listRejectsAMalformedIpAddrsQuery() throws Exception {
        T8Client.Response notJson = client.list("af-list", "ip-addrs=10.45.0.2");
        T8Client.Response badAddress = client.list("af-list", "ip-addrs=" + T8Client.urlEncode("[{\"ipv4Addr\":\"10.45.0.300\"}]"));

        assertEquals(400, notJson.status());
        assertEquals("ip-addrs", notJson.body().get("invalidParams").get(0).get("param").asText());
        assertEquals("INVALID_QUERY_PARAM", notJson.body().get("cause").asText());
        assertEquals(400, badAddress.status());
    }

    @Test
    void replaceAnswers200WithTheNewRepresentation() throws Exception {
        String self = created("af-put", "10.45.2.1");
        ObjectNode replacement = T8Client.subscription(destination, "10.45.2.1", "mq-gbr-200M");
        replacement.put("exterAppId", "model-download");

        T8Client.Response r = client.replace(self, replacement);

        assertEquals(200, r.status(), r.raw().body());
        assertEquals("mq-gbr-200M", r.body().get("qosReference").asText());
        assertEquals("model-download", r.body().get("exterAppId").asText());
        assertEquals(self, r.body().get("self").asText());
        assertEquals("mq-gbr-200M", client.read(self).body().get("qosReference").asText());
        assertEquals(404, client.replace(client.subscriptions("af-put") + "/nope", replacement).status());
        client.delete(self);
    }

    @Test
    void modifyMergesThePatchAndNullRemovesAnAttribute() throws Exception {
        ObjectNode sub = T8Client.subscription(destination, "10.45.3.1", "mq-gbr-50M");
        sub.putObject("usageThreshold").put("downlinkVolume", 1_000_000_000L);
        sub.put("exterAppId", "before");
        String self = client.create("af-patch", sub).body().get("self").asText();
        ObjectNode patch = T8Json.mapper().createObjectNode();
        patch.put("qosReference", "mq-gbr-200M");
        patch.putNull("usageThreshold");
        patch.putNull("exterAppId");

        T8Client.Response r = client.patch(self, patch, "application/merge-patch+json");

        assertEquals(200, r.status(), r.raw().body());
        assertEquals("mq-gbr-200M", r.body().get("qosReference").asText());
        assertFalse(r.body().has("usageThreshold"));
        assertFalse(r.body().has("exterAppId"));
        assertEquals("10.45.3.1", r.body().get("ueIpv4Addr").asText(), "attributes the patch does not name stay");
        client.delete(self);
    }

    @Test
    void modifyWithPlainJsonIs415AndUnpatchableAttributesAre400() throws Exception {
        String self = created("af-patch415", "10.45.3.2");
        ObjectNode patch = T8Json.mapper().createObjectNode().put("qosReference", "mq-gbr-200M");

        T8Client.Response json = client.patch(self, patch, "application/json");
        T8Client.Response ueChange = client.patch(self, T8Json.mapper().createObjectNode().put("ueIpv4Addr", "10.45.3.3"),
                "application/merge-patch+json");

        assertEquals(415, json.status());
        assertEquals("application/problem+json", json.header("Content-Type").orElseThrow());
        assertEquals(400, ueChange.status());
        assertEquals("/ueIpv4Addr", ueChange.body().get("invalidParams").get(0).get("param").asText());
        assertEquals("mq-gbr-50M", client.read(self).body().get("qosReference").asText(), "nothing changed");
        client.delete(self);
    }

    @Test
    void deleteAnswers200WithTheFinalUsageReportThen404() throws Exception {
        String self = created("af-delete", "10.45.4.1");
        Thread.sleep(50);

        T8Client.Response r = client.delete(self);

        assertEquals(200, r.status());
        assertEquals(self, r.body().get("transaction").asText());
        JsonNode report = r.body().get("eventReports").get(0);
        assertEquals("USAGE_REPORT", report.get("event").asText());
        assertTrue(report.get("accumulatedUsage").get("downlinkVolume").asLong() > 0,
                "50 Mbit/s for about 50 ms is some bytes: " + report);
        assertEquals(404, client.delete(self).status());
        assertEquals(404, client.read(self).status());
    }

    @Test
    void badBitRateIs400NamingTheAttribute() throws Exception {
        ObjectNode sub = T8Client.subscription(destination, "10.45.5.1", null);
        sub.putArray("altQosReqs").addObject().put("altQosParamSetRef", "alt-1").put("gbrDl", "500 Mbit/s");

        T8Client.Response r = client.create("af-bad", sub);

        assertBadRequest(r, "/altQosReqs/0/gbrDl");
    }

    @Test
    void missingNotificationDestinationIs400MandatoryIeMissing() throws Exception {
        ObjectNode sub = T8Client.subscription(destination, "10.45.5.2", "mq-gbr-50M");
        sub.remove("notificationDestination");

        T8Client.Response r = client.create("af-bad", sub);

        assertBadRequest(r, "/notificationDestination");
        assertEquals("MANDATORY_IE_MISSING", r.body().get("cause").asText());
    }

    @Test
    void badIpv4AddressIs400() throws Exception {
        T8Client.Response r = client.create("af-bad", T8Client.subscription(destination, "10.45.5.300", "mq-gbr-50M"));

        assertBadRequest(r, "/ueIpv4Addr");
    }

    @Test
    void semanticErrorsAre400() throws Exception {
        ObjectNode relative = T8Client.subscription("/callbacks/1", "10.45.5.3", "mq-gbr-50M");
        ObjectNode twoAddresses = T8Client.subscription(destination, "10.45.5.4", "mq-gbr-50M");
        twoAddresses.put("macAddr", "02-00-00-00-00-02");
        ObjectNode noAddress = T8Client.subscription(destination, "10.45.5.5", "mq-gbr-50M");
        noAddress.remove("ueIpv4Addr");
        ObjectNode unknownRef = T8Client.subscription(destination, "10.45.5.6", "mq-gbr-7T");
        ObjectNode unknownAlt = T8Client.subscription(destination, "10.45.5.7", "mq-gbr-1G");
        unknownAlt.putArray("altQoSReferences").add("mq-gbr-500M").add("gold");
        ObjectNode noQos = T8Client.subscription(destination, "10.45.5.8", null);

        assertBadRequest(client.create("af-bad", relative), "/notificationDestination");
        assertBadRequest(client.create("af-bad", twoAddresses), "/macAddr");
        assertBadRequest(client.create("af-bad", noAddress), "/ueIpv4Addr");
        assertBadRequest(client.create("af-bad", unknownRef), "/qosReference");
        assertBadRequest(client.create("af-bad", unknownAlt), "/altQoSReferences/1");
        assertBadRequest(client.create("af-bad", noQos), "/qosReference");
        assertBadRequest(client.create("af-bad", "{not json"), null);
        assertEquals(0, client.list("af-bad").body().size(), "no bad request left a subscription behind");
    }

    @Test
    void createWithAnotherMediaTypeIs415() throws Exception {
        String body = T8Json.mapper().writeValueAsString(T8Client.subscription(destination, "10.45.5.9", "mq-gbr-50M"));

        T8Client.Response r = client.send("POST", client.subscriptions("af-bad"), body, "text/plain");

        assertEquals(415, r.status());
    }

    @Test
    void anotherMethodOnAKnownResourceIs405AndUnknownPathsAre404() throws Exception {
        T8Client.Response post = client.send("POST", client.subscriptions("af-x") + "/some-id", "{}", "application/json");
        T8Client.Response unknown = client.send("GET", nef.apiRoot() + "/3gpp-as-session-with-qos/v2/af-x/subscriptions",
                null, null);

        assertEquals(405, post.status());
        assertEquals("GET, PUT, PATCH, DELETE", post.header("Allow").orElseThrow());
        assertEquals(404, unknown.status());
        assertEquals("application/problem+json", unknown.header("Content-Type").orElseThrow());
    }

    private static void assertBadRequest(T8Client.Response r, String param) {
        assertEquals(400, r.status(), r.raw().body());
        assertEquals("application/problem+json", r.header("Content-Type").orElseThrow());
        assertEquals(400, r.body().get("status").asInt());
        assertNotNull(r.body().get("cause"), r.raw().body());
        if (param == null) {
            return;
        }
        List<String> params = new ArrayList<>();
        r.body().get("invalidParams").forEach(p -> params.add(p.get("param").asText()));
        assertTrue(params.contains(param), "invalidParams " + params + " should name " + param);
    }

    private static String created(String scsAsId, String ue) throws Exception {
        T8Client.Response r = client.create(scsAsId, T8Client.subscription(destination, ue, "mq-gbr-50M"));
        assertEquals(201, r.status(), r.raw().body());
        assertNull(r.body().get("acceptableServInfo"));
        return r.body().get("self").asText();
    }

    private static List<String> selves(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(s -> out.add(s.get("self").asText()));
        return out;
    }
}
