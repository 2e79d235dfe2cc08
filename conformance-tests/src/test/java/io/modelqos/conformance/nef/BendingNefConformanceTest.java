package io.modelqos.conformance.nef;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.modelqos.af.store.InMemoryDeliveryStore;
import io.modelqos.client.UnprocessableException;
import io.modelqos.client.model.Delivery;
import io.modelqos.client.model.DeliveryEvent;
import io.modelqos.client.DeliveryFilter;
import io.modelqos.client.model.DeliveryRequest;
import io.modelqos.client.model.DeliveryState;
import io.modelqos.client.model.EventType;
import io.modelqos.client.model.ModelCatalog;
import io.modelqos.client.model.ModelServer;
import io.modelqos.client.model.UeId;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.modelqos.conformance.nef.NefStubs.creates;
import static io.modelqos.conformance.nef.NefStubs.deletes;
import static io.modelqos.conformance.nef.NefStubs.fault;
import static io.modelqos.conformance.nef.NefStubs.meta;
import static io.modelqos.conformance.nef.NefStubs.noContent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The AF over HTTP against a NEF that bends TS 29.122 as an independent one did: it drops {@code supportedFeatures} and
 * the QoS it did not take from its answers without saying so (it applied its default non-GBR QoS), and answers a
 * DELETE with 200 and the deleted subscription. The AF grants only the QoS the NEF's answers carry, reads a missing
 * {@code supportedFeatures} as none for this delivery and the next ones, and takes any 2xx to a DELETE as done.
 */
class BendingNefConformanceTest {

    @RegisterExtension
    static final WireMockNef nef = new WireMockNef();

    private AfOnWireMock af;

    @AfterEach
    void stop() throws Exception {
        if (af != null) {
            af.close();
        }
    }

    /** A 201 (or 200) that shows the subscription without supportedFeatures and without any QoS. */
    private static ResponseDefinitionBuilder withoutFeaturesNorQos(int status, String location) {
        ResponseDefinitionBuilder answer = aResponse().withStatus(status).withHeader("Content-Type", NefStubs.JSON)
                .withBody("{\"self\":\"" + location + "\",\"notificationDestination\":"
                        + "\"{{jsonPath request.body '$.notificationDestination'}}\",\"ueIpv4Addr\":\"10.45.0.7\"}")
                .withTransformers("response-template");
        return status == 201 ? answer.withHeader("Location", location) : answer;
    }

    /** A 201 that shows the subscription as the AF sent it. */
    private static ResponseDefinitionBuilder asSent(String location) {
        return aResponse().withStatus(201).withHeader("Location", location).withHeader("Content-Type", NefStubs.JSON)
                .withBody("{{{request.body}}}").withTransformers("response-template");
    }

    private static String path(String id) {
        return WireMockNef.sub(id);
    }

    private static String location(String id) {
        return nef.uri(path(id)).toString();
    }

    private void releasable(String... ids) {
        for (String id : ids) {
            nef.server().stubFor(delete(path(id)).withMetadata(deletes(path(id))).willReturn(noContent()));
        }
    }

    @Test
    void a201WithoutFeaturesNorTheQosIsNoGrantAfterTheReplacementShowsNoQosEither() throws Exception {
        nef.server().stubFor(post(WireMockNef.COLLECTION).withMetadata(creates(path("sub-1")))
                .willReturn(withoutFeaturesNorQos(201, location("sub-1"))));
        nef.server().stubFor(put(path("sub-1")).willReturn(withoutFeaturesNorQos(200, location("sub-1"))));
        releasable("sub-1");
        af = AfOnWireMock.start(nef, new InMemoryDeliveryStore(), Map.of());

        UnprocessableException refused = assertThrows(UnprocessableException.class,
                () -> af.client.deliveries().create(request(ModelCatalog.MOBILENET_224)));

        assertEquals(422, refused.status());
        Delivery d = only();
        assertEquals(DeliveryState.FAILED, d.state());
        assertEquals("QOS_REJECTED", d.failureCause());
        assertNull(d.granted(), "no grant reported");
        List<EventType> told = af.eventsUntilTheEnd(d.deliveryId()).stream().map(DeliveryEvent::type).toList();
        assertFalse(told.contains(EventType.QOS_GRANTED), "never qos-granted: " + told);
        assertEquals(EventType.QOS_REJECTED, told.get(0), "the stream tells the QoS was not granted: " + told);
        JsonObject replacement = new JsonObject(nef.server().findAll(putRequestedFor(urlEqualTo(path("sub-1"))))
                .get(0).getBodyAsString());
        assertNotNull(replacement.getString("qosReference"), "re-planned within what the NEF showed: no features");
        assertNull(replacement.getJsonArray("altQosReqs"));
        nef.server().verify(exactly(1), putRequestedFor(urlPathMatching(".*")));
        nef.server().verify(exactly(1), deleteRequestedFor(urlEqualTo(path("sub-1"))));
    }

    @Test
    void a201WithoutTheReferenceAskedForIsNoGrant() throws Exception {
        nef.server().stubFor(post(WireMockNef.COLLECTION).withMetadata(creates(path("sub-2")))
                .willReturn(withoutFeaturesNorQos(201, location("sub-2"))));
        releasable("sub-2");
        // An AF that announces AlternativeQoS_5G and QoSMonitoring_5G only: it asks by QoS reference.
        af = AfOnWireMock.start(nef, new InMemoryDeliveryStore(), Map.of("nef.supportedFeatures", "30"));

        assertThrows(UnprocessableException.class, () -> af.client.deliveries().create(request(ModelCatalog.MOBILENET_224)));

        Delivery d = only();
        assertNull(d.granted());
        assertEquals("QOS_NOT_CONFIRMED", d.negotiation().get(d.negotiation().size() - 1).cause());
        assertFalse(af.eventsUntilTheEnd(d.deliveryId()).stream().anyMatch(e -> e.type() == EventType.QOS_GRANTED));
        nef.server().verify(exactly(0), putRequestedFor(urlPathMatching(".*")));
        nef.server().verify(exactly(1), deleteRequestedFor(urlEqualTo(path("sub-2"))));
    }

    @Test
    void aMissingSupportedFeaturesMeansNoneForThisDeliveryAndTheNextUntilAnAnswerNamesSome() throws Exception {
        nef.server().stubFor(post(WireMockNef.COLLECTION).inScenario("features").whenScenarioStateIs(Scenario.STARTED)
                .withMetadata(creates(path("sub-a"))).willReturn(withoutFeaturesNorQos(201, location("sub-a")))
                .willSetStateTo("second"));
        nef.server().stubFor(put(path("sub-a")).willReturn(noContent()));
        nef.server().stubFor(post(WireMockNef.COLLECTION).inScenario("features").whenScenarioStateIs("second")
                .withMetadata(creates(path("sub-b"))).willReturn(asSent(location("sub-b"))).willSetStateTo("third"));
        nef.server().stubFor(post(WireMockNef.COLLECTION).inScenario("features").whenScenarioStateIs("third")
                .withMetadata(creates(path("sub-c"))).willReturn(asSent(location("sub-c"))));
        releasable("sub-a", "sub-b", "sub-c");
        af = AfOnWireMock.start(nef, new InMemoryDeliveryStore(), Map.of());

        Delivery first = af.client.deliveries().create(request(ModelCatalog.MOBILENET_224));
        Delivery second = af.client.deliveries().create(request(ModelCatalog.MOBILENET_224));
        Delivery third = af.client.deliveries().create(request(ModelCatalog.MOBILENET_224));

        // The first answer named no features: individual parameters were not taken, the session asks by reference.
        nef.server().verify(exactly(1), putRequestedFor(urlEqualTo(path("sub-a"))));
        assertNotNull(first.granted().qosReference(), "granted as replaced, by reference");
        assertNull(first.granted().altQosParamSetRef());
        // The second delivery reads the same missing field the same way: no optional feature at all.
        List<LoggedRequest> creates = nef.server().findAll(postRequestedFor(urlEqualTo(WireMockNef.COLLECTION)));
        JsonObject secondAsked = new JsonObject(creates.get(1).getBodyAsString());
        assertNotNull(secondAsked.getString("qosReference"));
        assertNull(secondAsked.getJsonArray("altQosReqs"), "no AltQosWithIndParams_5G");
        assertNull(secondAsked.getJsonArray("altQoSReferences"), "no AlternativeQoS_5G");
        assertNotNull(second.granted().qosReference());
        // The second answer named them all: the third delivery plans with them again.
        JsonObject thirdAsked = new JsonObject(creates.get(2).getBodyAsString());
        assertNotNull(thirdAsked.getJsonArray("altQosReqs"));
        assertNotNull(third.granted().altQosParamSetRef());

        for (Delivery d : List.of(first, second, third)) {
            af.client.deliveries().cancel(d.deliveryId());
        }
    }

    @ParameterizedTest(name = "200 with {0}")
    @ValueSource(strings = {"the deleted subscription", "unrelated JSON", "plain text"})
    void aDeleteAnsweredWith200AndNoReportIsDoneAfterOneDelete(String body) throws Exception {
        nef.server().stubFor(post(WireMockNef.COLLECTION).withMetadata(creates(path("sub-d")))
                .willReturn(asSent(location("sub-d"))));
        ResponseDefinitionBuilder answer = switch (body) {
            case "the deleted subscription" -> NefStubs.json(200, T8Examples.representation(location("sub-d")));
            case "unrelated JSON" -> NefStubs.json(200, "{\"status\":\"deleted\"}");
            default -> aResponse().withStatus(200).withHeader("Content-Type", "text/plain").withBody("Deleted");
        };
        nef.server().stubFor(delete(path("sub-d")).withMetadata(meta(deletes(path("sub-d")), fault("bends-the-spec")))
                .willReturn(answer));
        af = AfOnWireMock.start(nef, new InMemoryDeliveryStore(), Map.of());
        Delivery d = af.client.deliveries().create(request(ModelCatalog.MOBILENET_224));
        assertEquals(DeliveryState.QOS_GRANTED, d.state());

        try (AfOnWireMock.Warnings warnings = new AfOnWireMock.Warnings()) {
            Delivery cancelled = af.client.deliveries().cancel(d.deliveryId());
            Thread.sleep(700); // past the first retry of a failed release (250 ms), had there been one

            assertEquals(DeliveryState.CANCELLED, cancelled.state());
            nef.server().verify(exactly(1), deleteRequestedFor(urlPathMatching(".*")));
            assertEquals(List.of(), warnings.seen(), "a successful delete is no warning");
        }
        assertTrue(af.eventsUntilTheEnd(d.deliveryId()).stream().anyMatch(e -> e.type() == EventType.CANCELLED));
    }

    /** The one delivery the AF holds. */
    private Delivery only() {
        List<Delivery> all = new java.util.ArrayList<>();
        af.client.deliveries().list(DeliveryFilter.all()).forEach(all::add);
        assertEquals(1, all.size());
        return all.get(0);
    }

    private static DeliveryRequest request(ModelCatalog model) {
        return DeliveryRequest.builder()
                .ue(UeId.ipv4("10.45.0.7"))
                .server(ModelServer.ipv4("10.0.0.10", 443))
                .model(model)
                .latencyBudget(Duration.ofSeconds(1))
                .build();
    }
}
