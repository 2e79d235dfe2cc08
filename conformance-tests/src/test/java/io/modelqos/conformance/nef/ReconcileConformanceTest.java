package io.modelqos.conformance.nef;

import io.modelqos.af.engine.Reconciler;
import io.modelqos.af.store.MvStoreDeliveryStore;
import io.modelqos.client.model.Delivery;
import io.modelqos.client.model.DeliveryRequest;
import io.modelqos.client.model.DeliveryState;
import io.modelqos.client.model.ModelCatalog;
import io.modelqos.client.model.ModelServer;
import io.modelqos.client.model.UeId;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.modelqos.conformance.nef.NefStubs.creates;
import static io.modelqos.conformance.nef.NefStubs.deletes;
import static io.modelqos.conformance.nef.NefStubs.json;
import static io.modelqos.conformance.nef.NefStubs.noContent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reconciliation at start against a NEF whose list holds more than the AF's own subscriptions (one that ignores the
 * {@code scsAsId} of the list, or an account shared with other applications): the AF, on a durable store and over
 * HTTP, deletes only what its store proves its own and leaves the rest alone, counted in its report and its log.
 */
class ReconcileConformanceTest {

    @RegisterExtension
    static final WireMockNef nef = new WireMockNef();

    @TempDir
    Path dataDir;

    /** Another application's subscription on the same NEF account: another scsAsId, another AF's callback. */
    private static String otherApplications() {
        return T8Examples.representation(nef.uri(WireMockNef.API + "/otherApp/subscriptions/theirs-1").toString(),
                "https://other-app.example/nef-callbacks/v1/dGhlaXJzLTE");
    }

    /** A subscription under the AF's own scsAsId whose notifications go to someone else's address. */
    private static String foreignDestination() {
        return T8Examples.representation(nef.uri(WireMockNef.sub("someone-else-1")).toString(),
                "https://partner.example/qos-events/42");
    }

    @Test
    void anotherApplicationsSubscriptionAndAForeignDestinationAreNotDeleted() throws Exception {
        nef.server().stubFor(get(urlEqualTo(WireMockNef.COLLECTION))
                .willReturn(json(200, "[" + otherApplications() + "," + foreignDestination() + "]")));
        nef.server().stubFor(delete(urlPathMatching(".*")).willReturn(noContent()));

        try (AfOnWireMock.Warnings logs = new AfOnWireMock.Warnings();
             AfOnWireMock af = AfOnWireMock.start(nef, MvStoreDeliveryStore.open(dataDir), Map.of())) {
            Reconciler.Report report = af.reconciled();

            assertEquals(2, report.listed());
            assertEquals(2, report.foreign(), "both left alone and counted: " + report);
            assertEquals(0, report.orphansDeleted());
            nef.server().verify(exactly(0), deleteRequestedFor(urlPathMatching(".*")));
            assertTrue(logs.of(Reconciler.class).stream().anyMatch(line -> line.contains("not this AF's (left alone) 2")),
                    "the log counts them: " + logs.of(Reconciler.class));
        }
    }

    @Test
    void aSubscriptionTheStoreProvesItsOwnIsDeletedEvenUnderTheCallbackBaseOfAnEarlierRun() throws Exception {
        String path = WireMockNef.sub("sub-kept-after-delete");
        String location = nef.uri(path).toString();
        nef.server().stubFor(get(urlEqualTo(WireMockNef.COLLECTION)).willReturn(json(200, "[]")));
        nef.server().stubFor(post(WireMockNef.COLLECTION).withMetadata(creates(path))
                .willReturn(aResponse().withStatus(201).withHeader("Location", location)
                        .withHeader("Content-Type", NefStubs.JSON).withBody("{{{request.body}}}")
                        .withTransformers("response-template")));
        nef.server().stubFor(delete(path).withMetadata(deletes(path)).willReturn(noContent()));

        String destination;
        try (AfOnWireMock first = AfOnWireMock.start(nef, MvStoreDeliveryStore.open(dataDir), Map.of())) {
            first.reconciled();
            Delivery d = first.client.deliveries().create(request());
            assertEquals(DeliveryState.QOS_GRANTED, d.state());
            assertEquals(DeliveryState.CANCELLED, first.client.deliveries().cancel(d.deliveryId()).state());
            destination = new JsonObject(nef.server().findAll(postRequestedFor(urlEqualTo(WireMockNef.COLLECTION)))
                    .get(0).getBodyAsString()).getString("notificationDestination");
        }
        // The NEF answered the delete with 204 yet still lists the subscription, next to another application's.
        // The AF restarts on another port: its callback base is not the one the subscription names.
        nef.server().stubFor(get(urlEqualTo(WireMockNef.COLLECTION)).willReturn(json(200,
                "[" + T8Examples.representation(location, destination) + "," + otherApplications() + "]")));

        try (AfOnWireMock second = AfOnWireMock.start(nef, MvStoreDeliveryStore.open(dataDir), Map.of())) {
            Reconciler.Report report = second.reconciled();

            assertEquals(1, report.orphansDeleted(), report.toString());
            assertEquals(1, report.foreign(), report.toString());
            nef.server().verify(exactly(2), deleteRequestedFor(urlEqualTo(path)));
            nef.server().verify(exactly(2), deleteRequestedFor(urlPathMatching(".*")));
        }
    }

    /**
     * A NEF whose list leaves out subscriptions it holds (a paged list; those made under an earlier SCS/AS id): the AF
     * reads each one the list left out before it ends anything, keeps the delivery whose subscription the NEF still
     * holds, and ends only the one the NEF answers 404 for.
     */
    @Test
    void aLiveSubscriptionTheListLeavesOutIsReadAndKeptAndOnlyOneTheNefDoesNotHoldIsEnded() throws Exception {
        String keptPath = WireMockNef.sub("sub-kept");
        String gonePath = WireMockNef.sub("sub-gone");
        nef.server().stubFor(get(urlEqualTo(WireMockNef.COLLECTION)).willReturn(json(200, "[]")));
        for (String[] ue : new String[][] {{"10.45.0.7", keptPath}, {"10.45.0.8", gonePath}}) {
            nef.server().stubFor(post(WireMockNef.COLLECTION).withRequestBody(matchingJsonPath("$.ueIpv4Addr", equalTo(ue[0])))
                    .withMetadata(creates(ue[1]))
                    .willReturn(aResponse().withStatus(201).withHeader("Location", nef.uri(ue[1]).toString())
                            .withHeader("Content-Type", NefStubs.JSON).withBody("{{{request.body}}}")
                            .withTransformers("response-template")));
        }
        String kept;
        String gone;
        try (AfOnWireMock first = AfOnWireMock.start(nef, MvStoreDeliveryStore.open(dataDir), Map.of())) {
            first.reconciled();
            kept = first.client.deliveries().create(request("10.45.0.7")).deliveryId();
            gone = first.client.deliveries().create(request("10.45.0.8")).deliveryId();
        }
        // After the restart the list names neither; read one by one, the NEF holds one of them.
        nef.server().stubFor(get(urlEqualTo(keptPath)).willReturn(json(200,
                T8Examples.representation(nef.uri(keptPath).toString()))));
        nef.server().stubFor(get(urlEqualTo(gonePath)).willReturn(NefStubs.problem(404,
                "{\"status\":404,\"cause\":\"SUBSCRIPTION_NOT_FOUND\"}")));
        nef.server().stubFor(delete(gonePath).withMetadata(deletes(gonePath)).willReturn(NefStubs.problem(404,
                "{\"status\":404,\"cause\":\"SUBSCRIPTION_NOT_FOUND\"}")));

        try (AfOnWireMock second = AfOnWireMock.start(nef, MvStoreDeliveryStore.open(dataDir), Map.of())) {
            Reconciler.Report report = second.reconciled();

            assertEquals(1, report.unlisted(), report.toString());
            assertEquals(1, report.vanished(), report.toString());
            nef.server().verify(exactly(1), getRequestedFor(urlEqualTo(keptPath)));
            nef.server().verify(exactly(1), getRequestedFor(urlEqualTo(gonePath)));
            nef.server().verify(exactly(0), deleteRequestedFor(urlEqualTo(keptPath)));
            assertEquals(DeliveryState.QOS_GRANTED, second.client.deliveries().get(kept).state());
            assertEquals(DeliveryState.FAILED, second.client.deliveries().get(gone).state());
        }
    }

    private static DeliveryRequest request() {
        return request("10.45.0.7");
    }

    private static DeliveryRequest request(String ue) {
        return DeliveryRequest.builder()
                .ue(UeId.ipv4(ue))
                .server(ModelServer.ipv4("10.0.0.10", 443))
                .model(ModelCatalog.MOBILENET_224)
                .latencyBudget(Duration.ofSeconds(1))
                .build();
    }
}
