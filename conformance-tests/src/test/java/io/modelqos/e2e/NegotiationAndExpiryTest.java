package io.modelqos.e2e;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.modelqos.client.UnprocessableException;
import io.modelqos.client.model.Delivery;
import io.modelqos.client.model.DeliveryRequest;
import io.modelqos.client.model.DeliveryState;
import io.modelqos.client.model.ModelCatalog;
import io.modelqos.client.model.ModelServer;
import io.modelqos.client.model.NegotiationOutcome;
import io.modelqos.client.model.UeId;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verifies the AF's negotiation and expiry against a scripted NEF (WireMock): a 403 with acceptableServInfo
 * leads to one re-planned create with the smaller variant; nothing fitting the offer gives 422 with the best
 * offer and no subscription; at expiry the AF deletes the NEF subscription by itself, and the final report of that
 * delete decides between EXPIRED and a COMPLETED observed by the network.
 */
class NegotiationAndExpiryTest {
    private static final String COLLECTION = "/3gpp-as-session-with-qos/v1/" + AfUnderTest.SCS_AS_ID + "/subscriptions";
    private static WireMockServer nef;
    private static AfUnderTest env;

    @BeforeAll
    static void start() throws Exception {
        nef = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        nef.start();
        // Plans with QoS references, like a NEF without AltQosWithIndParams_5G; and a quick expiry.
        env = AfUnderTest.withNef(nef.baseUrl(), Map.of("nef.supportedFeatures", "30", "expiryMarginS", "0", "allocationWaitMs", "50"));
    }

    @AfterAll
    static void stop() throws Exception {
        env.close();
        nef.stop();
    }

    @AfterEach
    void reset() {
        nef.resetAll();
    }

    @Test
    void aRefusedRateWithAnOfferIsRenegotiatedToTheInt8Variant() {
        nef.stubFor(post(urlEqualTo(COLLECTION)).inScenario("negotiation").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\":403,\"cause\":\"REQUESTED_SERVICE_NOT_AUTHORIZED\","
                                + "\"acceptableServInfo\":{\"marBwDl\":\"500 Mbps\"}}"))
                .willSetStateTo("offered"));
        nef.stubFor(post(urlEqualTo(COLLECTION)).inScenario("negotiation").whenScenarioStateIs("offered")
                .willReturn(aResponse().withStatus(201)
                        .withHeader("Location", nef.baseUrl() + COLLECTION + "/sub-1")
                        .withHeader("Content-Type", "application/json")
                        // The subscription as the NEF holds it: what the AF sent (the AF grants only what it shows).
                        .withBody("{{{request.body}}}").withTransformers("response-template")));
        nef.stubFor(delete(urlPathMatching(COLLECTION + "/.*")).willReturn(aResponse().withStatus(204)));

        Delivery d = env.client.deliveries().create(request(ModelCatalog.ALEXNET, Duration.ofSeconds(1)));

        assertEquals(DeliveryState.QOS_GRANTED, d.state());
        assertEquals("alexnet-int8", d.granted().variantId());
        assertEquals("alexnet-fp32", d.requested().variantId());
        assertEquals("1.993 Gbps", d.requested().gbrDl(), "1.92 Gbit/s of payload plus transport overhead");
        assertEquals(NegotiationOutcome.COUNTER_OFFER, d.negotiation().get(0).outcome());
        assertEquals("500 Mbps", d.negotiation().get(0).gbrDl());
        assertEquals(NegotiationOutcome.GRANTED, d.negotiation().get(1).outcome());
        assertEquals("alexnet-int8", d.negotiation().get(1).variantId());

        List<LoggedRequest> creates = nef.findAll(postRequestedFor(urlEqualTo(COLLECTION)));
        assertEquals(2, creates.size(), "one create, one re-planned create");
        JsonObject second = new JsonObject(creates.get(1).getBodyAsString());
        assertEquals("mq-gbr-500M", second.getString("qosReference"), "498 Mbit/s of INT8 fits the 500 Mbit/s offer");
        assertNull(second.getJsonArray("altQoSReferences"), "nothing smaller than the smallest variant to fall back to");

        env.client.deliveries().cancel(d.deliveryId());
        nef.verify(1, deleteRequestedFor(urlEqualTo(COLLECTION + "/sub-1")));
    }

    @Test
    void nothingFittingTheOfferIs422WithTheBestOfferAndLeavesNothingAtTheNef() {
        nef.stubFor(post(urlEqualTo(COLLECTION)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":403,\"acceptableServInfo\":{\"marBwDl\":\"100 Mbps\"}}")));

        UnprocessableException e = assertThrows(UnprocessableException.class, () ->
                env.client.deliveries().create(request(ModelCatalog.VGG16, Duration.ofMillis(100))));

        assertEquals(422, e.status());
        assertEquals("100 Mbps", e.bestOffer().orElseThrow().acceptableRate());
        // VGG16 INT8 (138 MB) through the 50 Mbit/s reference, the fastest under the offer: about 23 s.
        assertTrue(e.bestOffer().orElseThrow().latencyBudgetMs() > 20_000, "the budget the smallest variant would need");
        assertEquals(1, nef.findAll(postRequestedFor(urlEqualTo(COLLECTION))).size(), "no second create without a fitting plan");
        assertEquals(0, nef.findAll(deleteRequestedFor(urlPathMatching(".*"))).size(), "nothing was created, nothing to delete");
    }

    @Test
    void atExpiryTheAfDeletesTheNefSubscriptionAndItsFinalReportBelowTheVariantMakesAnExpiry() throws Exception {
        Delivery expired = runToTheAfsExpiry("sub-exp", 4_200_000L);

        assertEquals(DeliveryState.EXPIRED, expired.state());
        assertEquals(io.modelqos.client.model.EndCause.COMPLETION_NOT_REPORTED, expired.endCause(),
                "4.2 MB of the 16.8 MB FP32 variant");
        assertNotNull(expired.networkUsage(), "the final report of the delete, folded before the terminal event");
        assertEquals(4_200_000L, expired.networkUsage().downlinkVolume(), "the final report of the delete");
    }

    @Test
    void atExpiryAFinalReportWithTheWholeVariantMakesACompletionObservedByTheNetwork() throws Exception {
        Delivery completed = runToTheAfsExpiry("sub-seen", 16_800_000L);

        assertEquals(DeliveryState.COMPLETED, completed.state());
        assertEquals(io.modelqos.client.model.EndCause.COMPLETION_OBSERVED_BY_NETWORK, completed.endCause());
        assertEquals(16_800_000L, completed.networkUsage().downlinkVolume());
    }

    /**
     * MobileNet FP32 within 100 ms at a NEF that never ends the session by itself: the model server begins at once and
     * never reports completion, the AF deletes the subscription when the qosDuration (margin 0) runs out, and the
     * DELETE's final report says {@code downlinkVolume}. Returns the delivery after its terminal event.
     */
    private static Delivery runToTheAfsExpiry(String subscription, long downlinkVolume) throws Exception {
        nef.stubFor(post(urlEqualTo(COLLECTION)).willReturn(aResponse().withStatus(201)
                .withHeader("Location", nef.baseUrl() + COLLECTION + "/" + subscription)
                .withHeader("Content-Type", "application/json")
                .withBody("{{{request.body}}}").withTransformers("response-template")));
        nef.stubFor(delete(urlEqualTo(COLLECTION + "/" + subscription)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"transaction\":\"" + nef.baseUrl() + COLLECTION + "/" + subscription + "\",\"eventReports\":"
                        + "[{\"event\":\"USAGE_REPORT\",\"accumulatedUsage\":{\"duration\":3,\"downlinkVolume\":"
                        + downlinkVolume + "}}]}")));

        Delivery d = env.client.deliveries().create(request(ModelCatalog.MOBILENET_224, Duration.ofMillis(100)));
        env.client.deliveries().reportStart(d.deliveryId()); // within the start window: no early release
        assertEquals("mobilenet-224-fp32", d.granted().variantId());
        assertNotNull(d.expiresAt());
        assertEquals(3, d.granted().qosDurationS(),
                "qosDuration is the 1 s start window, the 100 ms budget and one second, rounded up");
        long untilExpiry = Duration.between(java.time.Instant.now(), d.expiresAt()).toMillis();
        assertTrue(untilExpiry <= 3_000, "expiry is qosDuration after the grant (margin 0), was " + untilExpiry + " ms away");

        // The AF deletes the subscription when the timer fires; the final usage report comes with the DELETE's answer,
        // and decides the end, which the terminal event then tells. A caller that wants the final figures waits for
        // that event, and so does this test.
        List<io.modelqos.client.model.DeliveryEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (io.modelqos.client.Subscription stream = env.client.deliveries().events(d.deliveryId(), events::add)) {
            stream.completion().get(untilExpiry + 5_000, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        Delivery ended = env.client.deliveries().get(d.deliveryId());
        io.modelqos.client.model.DeliveryEvent last = events.get(events.size() - 1);
        assertEquals(ended.state() == DeliveryState.COMPLETED ? io.modelqos.client.model.EventType.COMPLETED
                : io.modelqos.client.model.EventType.EXPIRED, last.type());
        assertEquals(ended.endCause().name(), last.data().cause());
        nef.verify(1, deleteRequestedFor(urlEqualTo(COLLECTION + "/" + subscription)));
        return ended;
    }

    private static DeliveryRequest request(ModelCatalog model, Duration budget) {
        return DeliveryRequest.builder()
                .ue(UeId.ipv4("10.45.0.7"))
                .server(ModelServer.ipv4("10.0.0.10", 443))
                .model(model)
                .latencyBudget(budget)
                .build();
    }

}
