package io.modelqos.conformance.nef;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.modelqos.af.store.InMemoryDeliveryStore;
import io.modelqos.client.model.Delivery;
import io.modelqos.client.model.DeliveryRequest;
import io.modelqos.client.model.DeliveryState;
import io.modelqos.client.model.EventType;
import io.modelqos.client.model.ModelCatalog;
import io.modelqos.client.model.ModelServer;
import io.modelqos.client.model.UeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.modelqos.conformance.nef.NefStubs.creates;
import static io.modelqos.conformance.nef.NefStubs.deletes;
import static io.modelqos.conformance.nef.NefStubs.fault;
import static io.modelqos.conformance.nef.NefStubs.meta;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The AF over HTTP against a NEF that bends TS 29.122 as an independent one did: it answers a DELETE with 200 and
 * the deleted subscription. The AF takes any 2xx to a DELETE as done.
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
        assertTrue(af.eventsUntilTheEnd(d.deliveryId()).stream().anyMatch(e -> e.type() == EventType.COMPLETED));
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
