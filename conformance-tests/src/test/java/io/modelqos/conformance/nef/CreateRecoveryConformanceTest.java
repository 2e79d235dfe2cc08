package io.modelqos.conformance.nef;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.modelqos.af.nef.NefSubscription;
import io.modelqos.af.nef.NefUnavailableException;
import io.modelqos.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.modelqos.conformance.nef.NefStubs.created;
import static io.modelqos.conformance.nef.NefStubs.creates;
import static io.modelqos.conformance.nef.NefStubs.deletes;
import static io.modelqos.conformance.nef.NefStubs.fault;
import static io.modelqos.conformance.nef.NefStubs.json;
import static io.modelqos.conformance.nef.NefStubs.meta;
import static io.modelqos.conformance.nef.NefStubs.noContent;
import static io.modelqos.conformance.nef.NefStubs.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A create whose answer is lost (connection reset, timeout) is not repeated blindly: the AF lists the UE's
 * subscriptions, matches its {@code notificationDestination}, and only creates again when the NEF holds none.
 * The WireMock NEF is a small state machine (a scenario): a POST that fails after the NEF committed it moves
 * to a state in which the list shows the subscription, and a second POST there would make a second one — which
 * the ledger of {@link WireMockNef} reports as forgotten.
 */
class CreateRecoveryConformanceTest {

    @RegisterExtension
    static final WireMockNef nef = new WireMockNef();

    private static final String NEF = "nef";
    private static final String LIST_URL = WireMockNef.COLLECTION + "?" + T8Examples.IP_ADDRS_QUERY;
    private static final String S1 = WireMockNef.sub("s1");
    private static final String S2 = WireMockNef.sub("s2");

    private static String representations(String... paths) {
        StringBuilder s = new StringBuilder("[");
        for (String path : paths) {
            s.append(s.length() > 1 ? "," : "").append(T8Examples.representation(nef.uri(path).toString()));
        }
        return s.append(']').toString();
    }

    /** In {@code state}, a POST makes s2 and answers 201: what a blind retry would do. */
    private static void secondPostIn(String state, String next) {
        nef.server().stubFor(post(WireMockNef.COLLECTION).withMetadata(creates(S2))
                .inScenario(NEF).whenScenarioStateIs(state).willSetStateTo(next)
                .willReturn(created(nef.uri(S2).toString(), T8Examples.representation(nef.uri(S2).toString()))));
    }

    @Test
    void resetAfterTheNefCommittedIsRecoveredFromTheList() throws Exception {
        nef.server().stubFor(post(WireMockNef.COLLECTION).withMetadata(meta(creates(S1), fault("connection-reset")))
                .inScenario(NEF).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("committed")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        nef.server().stubFor(get(urlEqualTo(LIST_URL)).inScenario(NEF).whenScenarioStateIs("committed")
                .willReturn(json(200, representations(S1))));
        secondPostIn("committed", "duplicated");

        TrackingClient client = nef.client();
        NefSubscription s = Await.result(client.create(T8Examples.subscription()));

        assertEquals(nef.uri(S1), s.uri());
        assertEquals(T8Examples.NEF_FEATURES, client.negotiatedFeatures(), "features read from the listed subscription");
        nef.server().verify(exactly(1), AfRequests.create());
        nef.server().verify(exactly(1), AfRequests.list(T8Examples.IP_ADDRS_QUERY));
    }

    @Test
    void resetBeforeTheNefCommittedIsCreatedOnceMore() throws Exception {
        nef.server().stubFor(post(WireMockNef.COLLECTION).withMetadata(fault("connection-reset"))
                .inScenario(NEF).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("lost")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        nef.server().stubFor(get(urlEqualTo(LIST_URL)).inScenario(NEF).whenScenarioStateIs("lost")
                .willReturn(json(200, "[]")));
        secondPostIn("lost", "created");
        nef.server().stubFor(get(urlEqualTo(LIST_URL)).inScenario(NEF).whenScenarioStateIs("created")
                .willReturn(json(200, representations(S2))));

        NefSubscription s = Await.result(nef.client().create(T8Examples.subscription()));

        assertEquals(nef.uri(S2), s.uri());
        nef.server().verify(exactly(2), AfRequests.create());
    }

    @Test
    void aTimeoutAfterTheNefCommittedIsRecoveredFromTheList() throws Exception {
        nef.server().stubFor(post(WireMockNef.COLLECTION).withMetadata(meta(creates(S1), fault("slow")))
                .inScenario(NEF).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("committed")
                .willReturn(created(nef.uri(S1).toString(), T8Examples.representation(nef.uri(S1).toString()))
                        .withFixedDelay(1_500)));
        nef.server().stubFor(get(urlEqualTo(LIST_URL)).inScenario(NEF).whenScenarioStateIs("committed")
                .willReturn(json(200, representations(S1))));
        secondPostIn("committed", "duplicated");

        NefSubscription s = Await.result(nef.client(500, 2_000, false).create(T8Examples.subscription()));

        assertEquals(nef.uri(S1), s.uri());
        nef.server().verify(exactly(1), AfRequests.create());
    }

    @Test
    void aCopyTheNefMadeLateIsDeleted() throws Exception {
        // The first POST times out and the NEF only commits it after the AF's lookup: the AF creates again,
        // then finds two subscriptions for its destination and deletes the one it did not get.
        nef.server().stubFor(post(WireMockNef.COLLECTION).withMetadata(meta(creates(S1), fault("slow")))
                .inScenario(NEF).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("pending")
                .willReturn(created(nef.uri(S1).toString(), T8Examples.representation(nef.uri(S1).toString()))
                        .withFixedDelay(1_500)));
        nef.server().stubFor(get(urlEqualTo(LIST_URL)).inScenario(NEF).whenScenarioStateIs("pending")
                .willReturn(json(200, "[]")));
        secondPostIn("pending", "both");
        nef.server().stubFor(get(urlEqualTo(LIST_URL)).inScenario(NEF).whenScenarioStateIs("both")
                .willReturn(json(200, representations(S1, S2))));
        nef.server().stubFor(delete(S1).withMetadata(deletes(S1)).willReturn(noContent()));

        NefSubscription s = Await.result(nef.client(500, 2_000, false).create(T8Examples.subscription()));

        assertEquals(nef.uri(S2), s.uri());
        nef.server().verify(exactly(2), AfRequests.create());
        nef.server().verify(exactly(1), AfRequests.delete(S1));
    }

    @Test
    void withoutAUeAddressTheWholeCollectionIsSearched() throws Exception {
        String other = WireMockNef.sub("other");
        nef.server().stubFor(post(WireMockNef.COLLECTION).withMetadata(meta(creates(S1), fault("connection-reset")))
                .inScenario(NEF).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("committed")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        nef.server().stubFor(get(urlEqualTo(WireMockNef.COLLECTION)).inScenario(NEF).whenScenarioStateIs("committed")
                .willReturn(json(200, "[" + T8Examples.representation(nef.uri(other).toString(),
                        "https://af.modelqos.example/nef-callbacks/v1/someone-else") + ","
                        + T8Examples.representation(nef.uri(S1).toString()) + "]")));
        secondPostIn("committed", "duplicated");

        NefSubscription s = Await.result(nef.client().create(T8Examples.subscription().ueIpv4Addr(null).gpsi("msisdn-491701234567")));

        assertEquals(nef.uri(S1), s.uri());
        nef.server().verify(exactly(1), AfRequests.list(null));
    }

    @Test
    void aFailedLookupLeavesTheOutcomeUnknown() throws Exception {
        nef.server().stubFor(post(WireMockNef.COLLECTION).withMetadata(fault("connection-reset"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        nef.server().stubFor(get(urlEqualTo(LIST_URL)).willReturn(problem(500, T8Examples.problem(500))));

        NefUnavailableException e = Await.failure(nef.client().create(T8Examples.subscription()),
                NefUnavailableException.class);

        assertEquals(NefUnavailableException.Reason.CREATE_OUTCOME_UNKNOWN, e.reason());
        assertTrue(e.outcomeUnknown());
        assertEquals(T8Examples.DESTINATION, e.notificationDestination().orElseThrow());
        nef.server().verify(exactly(1), AfRequests.create());
    }

    @Test
    void givesUpAfterThreeCreatesTheNefNeverSaw() throws Exception {
        nef.server().stubFor(post(WireMockNef.COLLECTION).withMetadata(fault("connection-reset"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        nef.server().stubFor(get(urlEqualTo(LIST_URL)).willReturn(json(200, "[]")));

        NefUnavailableException e = Await.failure(nef.client().create(T8Examples.subscription()),
                NefUnavailableException.class);

        assertEquals(NefUnavailableException.Reason.CONNECTION, e.reason());
        assertFalse(e.outcomeUnknown(), "the NEF was asked: it holds nothing");
        nef.server().verify(exactly(3), AfRequests.create());
        nef.server().verify(exactly(3), AfRequests.list(T8Examples.IP_ADDRS_QUERY));
    }
}
