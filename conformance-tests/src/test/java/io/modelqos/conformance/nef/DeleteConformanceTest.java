package io.modelqos.conformance.nef;

import io.modelqos.openapi.t8.model.UserPlaneEvent;
import io.modelqos.openapi.t8.model.UserPlaneEventReport;
import io.modelqos.openapi.t8.model.UserPlaneNotificationData;
import io.modelqos.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static io.modelqos.conformance.nef.NefStubs.json;
import static io.modelqos.conformance.nef.NefStubs.noContent;
import static io.modelqos.conformance.nef.NefStubs.redirect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Delete (DELETE on the subscription, DeleteIndASSessionWithQoSSubscription): 204, or 200 with the final
 * UserPlaneNotificationData handed to the caller (an event of a later release included); any other 2xx, or a 200
 * whose body is no report, is a delete without a report; 307/308 followed.
 */
class DeleteConformanceTest {

    @RegisterExtension
    static final WireMockNef nef = new WireMockNef();

    private static final String PATH = WireMockNef.sub("sub-1");

    @Test
    void answeredWithNoContent() throws Exception {
        nef.server().stubFor(delete(PATH).willReturn(noContent()));

        assertTrue(Await.result(nef.client().delete(nef.uri(PATH))).isEmpty());

        nef.server().verify(exactly(1), AfRequests.delete(PATH));
    }

    @Test
    void theFinalReportIsHandedToTheCaller() throws Exception {
        String self = nef.uri(PATH).toString();
        nef.server().stubFor(delete(PATH).willReturn(json(200, T8Examples.finalReport(self, "USAGE_REPORT"))));

        UserPlaneNotificationData report = Await.result(nef.client().delete(nef.uri(PATH))).orElseThrow();

        nef.server().verify(exactly(1), AfRequests.delete(PATH));
        assertEquals(self, report.getTransaction());
        UserPlaneEventReport only = report.getEventReports().get(0);
        assertEquals(UserPlaneEvent.USAGE_REPORT, only.getEvent());
        assertEquals(1_200_000_000L, only.getAccumulatedUsage().getDownlinkVolume());
        assertEquals(412, only.getAccumulatedUsage().getDuration());
    }

    @Test
    void anEventOfALaterReleaseIsReadNotRejected() throws Exception {
        String self = nef.uri(PATH).toString();
        nef.server().stubFor(delete(PATH).willReturn(json(200, T8Examples.finalReport(self, "QOS_FLOW_REMAPPED_REL20"))));

        UserPlaneNotificationData report = Await.result(nef.client().delete(nef.uri(PATH))).orElseThrow();

        UserPlaneEventReport only = report.getEventReports().get(0);
        assertEquals(UserPlaneEvent.UNKNOWN_DEFAULT_OPEN_API, only.getEvent());
        assertEquals(1_200_000_000L, only.getAccumulatedUsage().getDownlinkVolume());
    }

    @Test
    void aBodyThatIsNotAReportIsIgnoredAndTheDeleteDone() throws Exception {
        // An independent NEF answers with the subscription it deleted.
        nef.server().stubFor(delete(PATH).withMetadata(NefStubs.fault("bends-the-spec"))
                .willReturn(json(200, T8Examples.representation(nef.uri(PATH).toString()))));

        assertTrue(Await.result(nef.client().delete(nef.uri(PATH))).isEmpty());

        nef.server().verify(exactly(1), AfRequests.delete(PATH));
    }

    @Test
    void anotherSuccessStatusIsADeleteToo() throws Exception {
        nef.server().stubFor(delete(PATH).withMetadata(NefStubs.fault("bends-the-spec"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(202)));

        assertTrue(Await.result(nef.client().delete(nef.uri(PATH))).isEmpty());
    }

    @ParameterizedTest(name = "{0} followed")
    @ValueSource(ints = {307, 308})
    void followsARedirect(int status) throws Exception {
        String moved = "/nef-b" + PATH;
        nef.server().stubFor(delete(PATH).willReturn(redirect(status, nef.uri(moved).toString())));
        nef.server().stubFor(delete(moved).willReturn(noContent()));

        assertTrue(Await.result(nef.client().delete(nef.uri(PATH))).isEmpty());

        nef.server().verify(exactly(1), AfRequests.delete(PATH));
        nef.server().verify(exactly(1), AfRequests.delete(moved));
    }
}
