package io.modelqos.af.nef;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.openapi.T8Json;
import io.modelqos.openapi.t8.model.AsSessionWithQoSSubscription;
import io.modelqos.openapi.t8.model.QosMonitoringInformation;
import io.modelqos.openapi.t8.model.RequestedQosMonitoringParameter;
import io.modelqos.openapi.t8.model.UserPlaneEvent;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Verifies what goes on the wire: no nulls, no empty arrays, no self; merge-patch nulls kept. */
class T8BodiesTest {

    private static JsonNode tree(Buffer b) throws Exception {
        return T8Json.mapper().readTree(b.getBytes());
    }

    @Test
    void subscriptionWithoutNullsEmptyArraysOrSelf() throws Exception {
        AsSessionWithQoSSubscription s = new AsSessionWithQoSSubscription()
                .self("http://nef/x")
                .notificationDestination("http://af/cb/1")
                .ueIpv4Addr("10.45.0.2")
                .flowInfo(new ArrayList<>())
                .addEventsItem(UserPlaneEvent.QOS_GUARANTEED);
        assertEquals(T8Json.mapper().readTree(
                        "{\"notificationDestination\":\"http://af/cb/1\",\"ueIpv4Addr\":\"10.45.0.2\",\"events\":[\"QOS_GUARANTEED\"]}"),
                tree(T8Bodies.subscription(s)));
    }

    /** Nested members too: an empty list inside a nested object is left out, its non-empty siblings stay. */
    @Test
    void aNestedEmptyArrayIsLeftOutAsWell() throws Exception {
        AsSessionWithQoSSubscription s = new AsSessionWithQoSSubscription()
                .notificationDestination("http://af/cb/2")
                .ueIpv4Addr("10.45.0.3")
                .altQoSReferences(List.of("qos-a", "qos-b"))
                .qosMonInfo(new QosMonitoringInformation()
                        .reqQosMonParams(List.of(RequestedQosMonitoringParameter.DOWNLINK_DATA_RATE))
                        .repFreqs(new ArrayList<>())
                        .repPeriod(10));
        assertEquals(T8Json.mapper().readTree("{\"notificationDestination\":\"http://af/cb/2\",\"ueIpv4Addr\":"
                        + "\"10.45.0.3\",\"altQoSReferences\":[\"qos-a\",\"qos-b\"],\"qosMonInfo\":"
                        + "{\"reqQosMonParams\":[\"DOWNLINK_DATA_RATE\"],\"repPeriod\":10}}"),
                tree(T8Bodies.subscription(s)));
        assertEquals("http://af/cb/2", s.getNotificationDestination(), "the model is not changed");
        assertTrue(s.getQosMonInfo().getRepFreqs().isEmpty());
    }

    @Test
    void mergePatchKeepsNullsAndDropsEmptyArrays() throws Exception {
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        patch.putNull("qosMonDatRate");
        patch.put("qosReference", "qos-b");
        patch.putArray("altQoSReferences");
        String wire = T8Bodies.mergePatch(patch).toString();
        assertEquals("{\"qosMonDatRate\":null,\"qosReference\":\"qos-b\"}", wire);
        assertTrue(patch.has("altQoSReferences"), "the caller's patch is not changed");
    }

    @Test
    void ipAddrsNamesTheAddressFamily() {
        assertEquals("[{\"ipv4Addr\":\"10.45.0.2\"}]", T8Bodies.ipAddrs("10.45.0.2"));
        assertEquals("[{\"ipv6Addr\":\"2001:db8::1\"}]", T8Bodies.ipAddrs("2001:db8::1"));
        assertEquals("[{\"ipv6Prefix\":\"2001:db8::/64\"}]", T8Bodies.ipAddrs("2001:db8::/64"));
        assertThrows(IllegalArgumentException.class, () -> T8Bodies.ipAddrs(" "));
    }

    @Test
    void readingRejectsEmptyAndNonJsonBodies() {
        assertThrows(java.io.IOException.class, () -> T8Bodies.read(null, AsSessionWithQoSSubscription.class));
        assertThrows(java.io.IOException.class, () -> T8Bodies.read(Buffer.buffer("null"), AsSessionWithQoSSubscription.class));
        assertThrows(java.io.IOException.class, () -> T8Bodies.read(Buffer.buffer("{\"self\":"), AsSessionWithQoSSubscription.class));
        assertThrows(java.io.IOException.class, () -> T8Bodies.readSubscriptions(Buffer.buffer("{}")));
    }
    @Test
    void aCreateAnswerIsReadForWhatTheAfTakesFromIt() throws Exception {
        String answer = """
                {"self":"http://nef/s/1","notificationDestination":"http://af/cb","supportedFeatures":"830",
                 "qosReference":"ref-a","altQoSReferences":["ref-b"],
                 "altQosReqs":[{"altQosParamSetRef":"v@8Mbps","gbrDl":"8 Mbps"}],
                 "ueIpv4Addr":"10.45.0.1","events":["QOS_GUARANTEED","NOT_AN_EVENT_OF_TS_29122"],
                 "flowInfo":"not the array TS 29.122 has","usageThreshold":{"duration":"long"}}""";

        AsSessionWithQoSSubscription read = T8Bodies.created(Buffer.buffer(answer));

        assertEquals("http://nef/s/1", read.getSelf());
        assertEquals("830", read.getSupportedFeatures());
        assertEquals("ref-a", read.getQosReference());
        assertEquals(List.of("ref-b"), read.getAltQoSReferences());
        assertEquals("8 Mbps", read.getAltQosReqs().get(0).getGbrDl());
        // What the AF sent itself is not read back: a NEF that garbles it has still made the subscription.
        assertEquals(null, read.getUeIpv4Addr());
        assertEquals(null, read.getFlowInfo());
        assertThrows(java.io.IOException.class, () -> T8Bodies.read(Buffer.buffer(answer), AsSessionWithQoSSubscription.class),
                "the full model refuses it");
        // An answer that is not JSON, or not all of it, is refused as before.
        assertThrows(java.io.IOException.class, () -> T8Bodies.created(Buffer.buffer("{\"self\":\"http://nef/s/1\",")));
        assertThrows(java.io.IOException.class, () -> T8Bodies.created(Buffer.buffer("null")));
    }
}
