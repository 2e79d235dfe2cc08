package io.modelqos.conformance.nef;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.modelqos.af.nef.NefProblemException;
import io.modelqos.af.nef.NefSubscription;
import io.modelqos.af.nef.NefUnavailableException;
import io.modelqos.openapi.T8Json;
import io.modelqos.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.modelqos.conformance.nef.NefStubs.created;
import static io.modelqos.conformance.nef.NefStubs.creates;
import static io.modelqos.conformance.nef.NefStubs.json;
import static io.modelqos.conformance.nef.NefStubs.noContent;
import static io.modelqos.conformance.nef.NefStubs.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Overload: 429 and 503 are retried with backoff, after the NEF's {@code Retry-After} (seconds or HTTP-date)
 * when it gives one, within the retry budget; other 5xx are not retried.
 */
class RetryConformanceTest {

    @RegisterExtension
    static final WireMockNef nef = new WireMockNef();

    private static final String PATH = WireMockNef.sub("sub-1");

    private static long millisSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }

    @Test
    void aCreateRefusedWith503IsSentAgain() throws Exception {
        nef.server().stubFor(post(WireMockNef.COLLECTION).inScenario("nef").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("recovered").willReturn(problem(503, T8Examples.problem(503))));
        nef.server().stubFor(post(WireMockNef.COLLECTION).withMetadata(creates(PATH))
                .inScenario("nef").whenScenarioStateIs("recovered")
                .willReturn(created(nef.uri(PATH).toString(), T8Examples.representation(nef.uri(PATH).toString()))));

        NefSubscription s = Await.result(nef.client().create(T8Examples.subscription()));

        assertEquals(nef.uri(PATH), s.uri());
        nef.server().verify(exactly(2), AfRequests.create());
    }

    @Test
    void a429IsRetriedAfterItsRetryAfterSeconds() throws Exception {
        nef.server().stubFor(get(PATH).inScenario("nef").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("calm")
                .willReturn(problem(429, T8Examples.problem(429)).withHeader("Retry-After", "1")));
        nef.server().stubFor(get(PATH).inScenario("nef").whenScenarioStateIs("calm")
                .willReturn(json(200, T8Examples.representation(nef.uri(PATH).toString()))));

        long start = System.nanoTime();
        Await.result(nef.client().read(nef.uri(PATH)));

        assertTrue(millisSince(start) >= 1_000, "retried after " + millisSince(start) + " ms");
        nef.server().verify(exactly(2), AfRequests.read(PATH));
    }

    @Test
    void a503IsRetriedAfterItsRetryAfterDate() throws Exception {
        String inTwoSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2));
        nef.server().stubFor(delete(PATH).inScenario("nef").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("calm")
                .willReturn(problem(503, T8Examples.problem(503)).withHeader("Retry-After", inTwoSeconds)));
        nef.server().stubFor(delete(PATH).inScenario("nef").whenScenarioStateIs("calm").willReturn(noContent()));

        long start = System.nanoTime();
        Await.result(nef.client(3_000, 4_000, false).delete(nef.uri(PATH)));

        // The date has a resolution of one second: at least one second is left when it is read.
        assertTrue(millisSince(start) >= 900, "retried after " + millisSince(start) + " ms");
        nef.server().verify(exactly(2), AfRequests.delete(PATH));
    }

    @Test
    void overloadLongerThanTheBudgetEndsTheCall() throws Exception {
        nef.server().stubFor(get(urlEqualTo(WireMockNef.COLLECTION + "?" + T8Examples.IP_ADDRS_QUERY))
                .willReturn(problem(503, T8Examples.problem(503))));

        long start = System.nanoTime();
        NefUnavailableException e = Await.failure(nef.client(3_000, 600, false)
                .list(java.util.Optional.of(T8Examples.UE_IPV4)), NefUnavailableException.class);

        assertEquals(NefUnavailableException.Reason.RETRIES_EXHAUSTED, e.reason());
        assertEquals(503, e.status());
        assertTrue(millisSince(start) < 1_500, "gave up after " + millisSince(start) + " ms");
        int tries = nef.server().findAll(AfRequests.list(T8Examples.IP_ADDRS_QUERY)).size();
        assertTrue(tries >= 3, "retried with backoff: " + tries + " requests");
    }

    @Test
    void a500IsNotRetried() throws Exception {
        nef.server().stubFor(patch(urlEqualTo(PATH)).willReturn(problem(500, T8Examples.problem(500))));
        ObjectNode patch = T8Json.mapper().createObjectNode().put("qosReference", "modelqos-dl-25m");

        NefProblemException e = Await.failure(nef.client().modify(nef.uri(PATH), patch), NefProblemException.class);

        assertEquals(500, e.status());
        nef.server().verify(exactly(1), AfRequests.modify(PATH, "{\"qosReference\":\"modelqos-dl-25m\"}"));
    }
}
