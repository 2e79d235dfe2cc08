package io.modelqos.client.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelqos.client.Bodies;
import io.modelqos.client.internal.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Verifies that the records read the contract's JSON and tolerate what a newer AF may add. */
class JsonMappingTest {

    @Test
    void readsADelivery() throws Exception {
        Delivery delivery = Json.mapper().readValue(Bodies.deliveryJson("d-1", "QOS_GRANTED"), Delivery.class);

        assertEquals("d-1", delivery.deliveryId());
        assertEquals(DeliveryState.QOS_GRANTED, delivery.state());
        assertEquals("10.45.0.2", delivery.ue().value());
        assertEquals(ModelCatalog.RESNET_50.spec(), delivery.model());
        assertEquals(new RequestedQos("resnet-50-fp32", "800 Mbps", "860 Mbps", 1000, 0.99999), delivery.requested());
        assertEquals(930L, delivery.granted().expectedTransferMs());
        assertEquals(List.of(new NegotiationAttempt(1, "resnet-50-fp32", "860 Mbps", NegotiationOutcome.GRANTED, null)),
                delivery.negotiation());
        assertEquals(Instant.parse("2025-11-27T13:35:00Z"), delivery.createdAt());
        assertNull(delivery.endedAt());
    }

    @Test
    void toleratesUnknownPropertiesAndEnumValues() throws Exception {
        Delivery delivery = Json.mapper().readValue("""
                {"deliveryId": "d-1", "state": "PAUSED", "carbonGrams": 3,
                 "model": {"name": "m", "variants": [{"id": "m-fp8", "precision": "FP8", "sizeBytes": 1, "layers": 9}]},
                 "negotiation": [{"attempt": 1, "variantId": "m-fp8", "gbrDl": "1 Mbps", "outcome": "DEFERRED"}]}
                """, Delivery.class);

        assertEquals(DeliveryState.UNKNOWN, delivery.state());
        assertEquals(Precision.UNKNOWN, delivery.model().variants().get(0).precision());
        assertEquals(NegotiationOutcome.UNKNOWN, delivery.negotiation().get(0).outcome());
    }

    @Test
    void readsTheCloudEventAttributesOfAnEvent() throws Exception {
        DeliveryEvent event = Json.mapper().readValue(
                Bodies.eventJson("d-1", 3, "qos-degraded", "DEGRADED"), DeliveryEvent.class);

        assertEquals("1.0", event.specVersion());
        assertEquals("d-1-3", event.id());
        assertEquals("/modelqos/af", event.source());
        assertEquals(EventType.QOS_DEGRADED, event.type());
        assertEquals("d-1", event.subject());
        assertEquals(Instant.parse("2025-11-27T13:35:03Z"), event.time());
        assertEquals("application/json", event.dataContentType());
        assertEquals(3, event.sequence());
        assertEquals(DeliveryState.DEGRADED, event.data().state());
        assertFalse(event.isTerminal());
    }

    @Test
    void writesAnEventUnderTheCloudEventsNames() {
        DeliveryEvent event = new DeliveryEvent("1.0", "e-1", "/modelqos/af", EventType.COMPLETED, "d-1",
                Instant.parse("2025-11-27T13:35:00Z"), "application/json", 7,
                new DeliveryEventData("d-1", DeliveryState.COMPLETED, null, null, null, null, null, null));

        JsonNode json = Json.mapper().valueToTree(event);

        assertEquals("1.0", json.get("specversion").asText());
        assertEquals("application/json", json.get("datacontenttype").asText());
        assertEquals("io.modelqos.delivery.completed", json.get("type").asText());
        assertEquals("2025-11-27T13:35:00Z", json.get("time").asText());
        assertFalse(json.has("terminal"), json.toString());
        assertFalse(json.get("data").has("variantId"));
    }

    @Test
    void readsUnknownEventTypesAsUnknownAndKnowsTheTerminalOnes() {
        assertEquals(EventType.UNKNOWN, EventType.fromType("io.modelqos.delivery.paused"));
        assertEquals(EventType.QOS_GRANTED, EventType.fromType("io.modelqos.delivery.qos-granted"));
        assertTrue(EventType.COMPLETED.isTerminal());
        assertEquals(EventType.CANCELLED, EventType.fromType("io.modelqos.delivery.cancelled"));
        assertTrue(EventType.CANCELLED.isTerminal());
        assertTrue(EventType.EXPIRED.isTerminal());
        assertTrue(EventType.FAILED.isTerminal());
        assertFalse(EventType.QOS_REJECTED.isTerminal());
    }

    @Test
    void readsTheEndCauseAndTheStartWindowAndAnUnknownCauseAsUnknown() throws Exception {
        Delivery completed = Json.mapper().readValue("""
                {"deliveryId": "d-1", "state": "COMPLETED", "endCause": "COMPLETION_OBSERVED_BY_NETWORK",
                 "granted": {"variantId": "resnet-50-fp32", "gbrDl": "1 Gbps", "qosDurationS": 3, "startWindowMs": 1000}}
                """, Delivery.class);
        assertEquals(EndCause.COMPLETION_OBSERVED_BY_NETWORK, completed.endCause());
        assertEquals(completed.state(), completed.endCause().state());
        assertEquals(1000L, completed.granted().startWindowMs());
        assertNull(completed.failureCause());

        Delivery later = Json.mapper().readValue(
                "{\"deliveryId\": \"d-2\", \"state\": \"EXPIRED\", \"endCause\": \"SOMETHING_NEWER\"}", Delivery.class);
        assertEquals(EndCause.UNKNOWN, later.endCause());
        assertNull(Json.mapper().readValue("{\"deliveryId\": \"d-3\"}", Delivery.class).endCause());
    }

    @Test
    void eachEndCauseLeadsToAFinalState() {
        for (EndCause cause : EndCause.values()) {
            if (cause != EndCause.UNKNOWN) {
                assertTrue(cause.state().isTerminal(), cause.name());
            }
        }
        assertEquals(DeliveryState.EXPIRED, EndCause.NO_PROGRESS_IN_START_WINDOW.state());
        assertEquals(DeliveryState.CANCELLED, EndCause.CANCELLED_BY_CALLER.state());
        assertEquals(DeliveryState.FAILED, EndCause.SESSION_TERMINATION.state());
    }

    @Test
    void readsTimesWithAnOffset() throws Exception {
        Delivery delivery = Json.mapper().readValue(
                "{\"deliveryId\": \"d-1\", \"createdAt\": \"2025-11-27T14:35:00+01:00\"}", Delivery.class);

        assertEquals(Instant.parse("2025-11-27T13:35:00Z"), delivery.createdAt());
    }

    @Test
    void readsAProblemWithInvalidParamsAndBestOffer() throws Exception {
        ProblemDetails problem = Json.mapper().readValue("""
                {"title": "Unprocessable", "status": 422, "invalidParams": [{"param": "/latencyBudgetMs"}],
                 "bestOffer": {"acceptableRate": "200 Mbps", "variantId": "resnet-50-int8", "latencyBudgetMs": 4000}}
                """, ProblemDetails.class);

        assertEquals(List.of(new InvalidParam("/latencyBudgetMs", null)), problem.invalidParams());
        assertEquals(new BestOffer("200 Mbps", "resnet-50-int8", 4000L), problem.bestOffer());
    }
}
