package io.modelqos.client.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelqos.client.internal.Json;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Verifies that the delivery request builder checks the contract's rules and writes the contract's JSON. */
class DeliveryRequestTest {

    private static DeliveryRequest.Builder valid() {
        return DeliveryRequest.builder()
                .ue(UeId.ipv4("10.45.0.2"))
                .server(ModelServer.ipv4("10.0.0.10", 443))
                .model(ModelCatalog.RESNET_50)
                .latencyBudget(Duration.ofMillis(100));
    }

    @Test
    void writesEveryFieldUnderTheContractsName() throws Exception {
        DeliveryRequest request = valid()
                .availability(0.99999)
                .allowVariantFallback(true)
                .maxLatencyBudget(Duration.ofMillis(250))
                .notificationUri(URI.create("https://ml.example/events"))
                .notificationToken("n0tify")
                .startWindow(Duration.ofMillis(1500))
                .build();

        JsonNode expected = Json.mapper().readTree("""
                {"ue": {"ipv4Addr": "10.45.0.2"},
                 "server": {"ipv4Addr": "10.0.0.10", "port": 443},
                 "model": {"name": "resnet-50", "variants": [
                   {"id": "resnet-50-fp32", "precision": "FP32", "sizeBytes": 100000000},
                   {"id": "resnet-50-int8", "precision": "INT8", "sizeBytes": 25000000}]},
                 "latencyBudgetMs": 100,
                 "availability": 0.99999,
                 "negotiation": {"allowVariantFallback": true, "maxLatencyBudgetMs": 250},
                 "notificationUri": "https://ml.example/events",
                 "notificationToken": "n0tify",
                 "startWindowMs": 1500}
                """);
        assertEquals(expected, Json.mapper().readTree(Json.mapper().writeValueAsBytes(request)));
    }

    @Test
    void leavesOutWhatWasNotSet() {
        JsonNode json = Json.mapper().valueToTree(valid().build());

        assertFalse(json.has("availability"));
        assertFalse(json.has("negotiation"));
        assertFalse(json.has("notificationUri"));
        assertFalse(json.has("startWindowMs"), "the AF's default start window");
        assertFalse(json.get("ue").has("gpsi"));
    }

    @Test
    void failsOnAStartWindowOutsideZeroToOneHour() {
        assertThrows(IllegalArgumentException.class, () -> valid().startWindow(Duration.ofMillis(-1)).build());
        assertThrows(IllegalArgumentException.class, () -> valid().startWindow(Duration.ofHours(2)).build());
        assertEquals(0L, valid().startWindow(Duration.ZERO).build().startWindowMs(), "0: no start window");
    }

    @Test
    void failsWhenARequiredValueIsMissing() {
        DeliveryRequest.Builder withoutUe = DeliveryRequest.builder()
                .server(ModelServer.ipv4("10.0.0.10", 443))
                .model(ModelCatalog.RESNET_50)
                .latencyBudget(Duration.ofSeconds(1));

        IllegalStateException e = assertThrows(IllegalStateException.class, withoutUe::build);
        assertEquals("ue is required", e.getMessage());
    }

    @Test
    void failsOnALatencyBudgetOutsideOneMillisecondToOneHour() {
        assertThrows(IllegalArgumentException.class, () -> valid().latencyBudget(Duration.ZERO).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> valid().latencyBudget(Duration.ofHours(2)).build());
        assertTrue(e.getMessage().startsWith("latencyBudget must be between 1 ms and 3600000 ms"), e.getMessage());
    }

    @Test
    void failsOnAnAvailabilityOfOneOrBelowOneHalf() {
        assertThrows(IllegalArgumentException.class, () -> valid().availability(1.0).build());
        assertThrows(IllegalArgumentException.class, () -> valid().availability(0.4).build());
    }

    @Test
    void failsWhenTheLongestAcceptedBudgetIsShorterThanTheRequestedOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> valid().maxLatencyBudget(Duration.ofMillis(50)).build());
        assertEquals("maxLatencyBudget (50 ms) must not be shorter than latencyBudget (100 ms)", e.getMessage());
    }

    @Test
    void failsOnATokenWithoutNotificationUri() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> valid().notificationToken("n0tify").build());
        assertEquals("notificationToken is set but notificationUri is not", e.getMessage());
    }

    @Test
    void failsOnANotificationUriThatIsNotHttp() {
        assertThrows(IllegalArgumentException.class,
                () -> valid().notificationUri(URI.create("ftp://ml.example/events")).build());
        assertThrows(IllegalArgumentException.class,
                () -> valid().notificationUri(URI.create("/events")).build());
    }

    @Test
    void failsOnAModelThatBreaksTheContract() {
        ModelSpec twice = new ModelSpec("twice", java.util.List.of(
                ModelCatalog.ALEXNET.fp32(), ModelCatalog.ALEXNET.fp32()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> valid().model(twice).build());
        assertEquals("model.variants[1].id \"alexnet-fp32\" is used twice", e.getMessage());

        ModelSpec empty = new ModelSpec("empty", java.util.List.of());
        assertThrows(IllegalArgumentException.class, () -> valid().model(empty).build());
    }

    @Test
    void failsFastOnMalformedAddresses() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UeId.ipv4("10.45.0.256"));
        assertTrue(e.getMessage().startsWith("ue.ipv4Addr must match"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> UeId.ipv6("2001:DB8::1"));
        assertThrows(IllegalArgumentException.class, () -> UeId.gpsi("msisdn-12"));
        assertThrows(IllegalArgumentException.class, () -> ModelServer.ipv4("10.0.0.10", 0));
        assertEquals("2001:db8::2", UeId.ipv6("2001:db8::2").value());
        assertEquals("msisdn-491701234567", UeId.gpsi("msisdn-491701234567").value());
    }

    @Test
    void failsOnAUeWithTwoIdentifiers() {
        UeId two = new UeId("10.45.0.2", null, "msisdn-491701234567");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> valid().ue(two).build());
        assertEquals("ue must hold exactly one of ipv4Addr, ipv6Addr or gpsi, has 2", e.getMessage());
    }

    @Test
    void keepsTheNotificationTokenOutOfToString() {
        DeliveryRequest request = valid().notificationUri(URI.create("https://ml.example/events"))
                .notificationToken("s3cret-token").build();

        assertFalse(request.toString().contains("s3cret-token"), request.toString());
    }
}
