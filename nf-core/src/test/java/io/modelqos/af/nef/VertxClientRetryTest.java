package io.modelqos.af.nef;

import com.github.tomakehurst.wiremock.http.Fault;
import io.modelqos.af.observe.AfMetrics;
import io.modelqos.testing.Await;
import io.modelqos.testing.EventLoopGuard;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Verifies the client's retries of 429/503 within the budget, and that nothing else is retried. */
class VertxClientRetryTest {

    private static final String SUBSCRIPTION = "{\"self\":\"x\",\"notificationDestination\":\"http://af/cb/1\"}";
    private static WireMockNef nef;
    private static Vertx vertx;

    @BeforeAll
    static void start() {
        nef = new WireMockNef();
        vertx = EventLoopGuard.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close();
        nef.close();
    }

    @BeforeEach
    void reset() {
        nef.server.resetAll();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder status(int status) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":" + status + "}");
    }

    @Test
    void retries503And429UntilTheNefAnswers() throws Exception {
        AfMetrics metrics = new AfMetrics();
        nef.inSequence(() -> get(WireMockNef.SUB), "s", status(503), status(429), okJson(SUBSCRIPTION));
        var client = nef.client(vertx, 1000, 2000, false).metrics(metrics).build();
        assertEquals("http://af/cb/1", Await.result(client.read(nef.uri(WireMockNef.SUB))).getNotificationDestination());
        nef.server.verify(exactly(3), getRequestedFor(urlEqualTo(WireMockNef.SUB)));
        String scrape = metrics.scrape();
        assertTrue(scrape.contains("modelqos_nef_call_seconds_count{operation=\"read\",status=\"503\"} 1"), scrape);
        assertTrue(scrape.contains("modelqos_nef_call_seconds_count{operation=\"read\",status=\"429\"} 1"), scrape);
        assertTrue(scrape.contains("modelqos_nef_call_seconds_count{operation=\"read\",status=\"200\"} 1"), scrape);
    }

    @Test
    void waitsAsLongAsRetryAfterSays() throws Exception {
        nef.inSequence(() -> get(WireMockNef.SUB), "s", status(503).withHeader("Retry-After", "1"), okJson(SUBSCRIPTION));
        var client = nef.client(vertx, 1000, 3000, false).build();
        long start = System.nanoTime();
        Await.result(client.read(nef.uri(WireMockNef.SUB)));
        long elapsedMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(elapsedMs >= 1000, "retried after " + elapsedMs + " ms");
        nef.server.verify(exactly(2), getRequestedFor(urlEqualTo(WireMockNef.SUB)));
    }

    @Test
    void givesUpWhenTheBudgetIsUsedUp() throws Exception {
        nef.server.stubFor(get(WireMockNef.SUB).willReturn(status(429)));
        var client = nef.client(vertx, 1000, 300, false).build();
        long start = System.nanoTime();
        NefUnavailableException e = Await.failure(client.read(nef.uri(WireMockNef.SUB)), NefUnavailableException.class);
        long elapsedMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertEquals(NefUnavailableException.Reason.RETRIES_EXHAUSTED, e.reason());
        assertEquals(429, e.status());
        assertInstanceOf(NefProblemException.class, e.getCause());
        assertTrue(elapsedMs < 1000, "gave up after " + elapsedMs + " ms");
        int requests = nef.server.findAll(getRequestedFor(urlEqualTo(WireMockNef.SUB))).size();
        assertTrue(requests >= 3, "only " + requests + " requests");
    }

    @Test
    void doesNotWaitForARetryAfterBeyondTheBudget() throws Exception {
        nef.server.stubFor(get(WireMockNef.SUB).willReturn(status(503).withHeader("Retry-After", "120")));
        var client = nef.client(vertx, 1000, 2000, false).build();
        long start = System.nanoTime();
        NefUnavailableException e = Await.failure(client.read(nef.uri(WireMockNef.SUB)), NefUnavailableException.class);
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 1000);
        assertEquals(Duration.ofSeconds(120), e.retryAfter().orElseThrow());
        nef.server.verify(exactly(1), getRequestedFor(urlEqualTo(WireMockNef.SUB)));
    }

    @Test
    void otherErrorsAreNotRetried() throws Exception {
        nef.server.stubFor(get(WireMockNef.SUB).willReturn(status(500)));
        var client = nef.client(vertx, 1000, 2000, false).build();
        NefProblemException e = Await.failure(client.read(nef.uri(WireMockNef.SUB)), NefProblemException.class);
        assertEquals(500, e.status());
        nef.server.verify(exactly(1), getRequestedFor(urlEqualTo(WireMockNef.SUB)));
    }

    /** A read whose connection drops is sent once more (a stale keep-alive), and reported when that drops too. */
    @Test
    void aDroppedConnectionOfAReadIsSentOnceMoreThenReported() throws Exception {
        nef.server.stubFor(get(WireMockNef.SUB).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        var client = nef.client(vertx, 1000, 2000, false).build();
        NefUnavailableException e = Await.failure(client.read(nef.uri(WireMockNef.SUB)), NefUnavailableException.class);
        assertEquals(NefUnavailableException.Reason.CONNECTION, e.reason());
        assertEquals(0, e.status());
        nef.server.verify(exactly(2), getRequestedFor(urlEqualTo(WireMockNef.SUB)));
    }

    @Test
    void aReadWhoseFirstConnectionDropsIsAnsweredOnTheNext() throws Exception {
        nef.server.stubFor(get(WireMockNef.SUB).inScenario("stale keep-alive").whenScenarioStateIs(
                com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED).willSetStateTo("fresh connection")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        nef.server.stubFor(get(WireMockNef.SUB).inScenario("stale keep-alive").whenScenarioStateIs("fresh connection")
                .willReturn(okJson(SUBSCRIPTION)));
        var client = nef.client(vertx, 1000, 2000, false).build();
        assertEquals("http://af/cb/1", Await.result(client.read(nef.uri(WireMockNef.SUB))).getNotificationDestination());
        nef.server.verify(exactly(2), getRequestedFor(urlEqualTo(WireMockNef.SUB)));
    }

    @Test
    void aDroppedConnectionOfADeleteIsNotSentAgain() throws Exception {
        nef.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(WireMockNef.SUB)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        var client = nef.client(vertx, 1000, 2000, false).build();
        NefUnavailableException e = Await.failure(client.delete(nef.uri(WireMockNef.SUB)), NefUnavailableException.class);
        assertEquals(NefUnavailableException.Reason.CONNECTION, e.reason());
        nef.server.verify(exactly(1), com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor(
                urlEqualTo(WireMockNef.SUB)));
    }

    @Test
    void aRefusedConnectionOfACreateFailsWithoutALookup() throws Exception {
        var options = new io.modelqos.af.config.NefOptions("http://127.0.0.1:1", "af-1", 1000L, 1000L, null, null, null, null);
        var client = VertxAsSessionWithQosClient.builder(vertx, options).build();
        var body = new io.modelqos.openapi.t8.model.AsSessionWithQoSSubscription().notificationDestination("http://af/cb/1");
        NefUnavailableException e = Await.failure(client.create(body), NefUnavailableException.class);
        // A lookup would have been refused too and made the outcome unknown.
        assertEquals(NefUnavailableException.Reason.CONNECTION, e.reason());
        assertEquals(false, e.outcomeUnknown());
        assertTrue(e.getMessage().contains("refused"), e.getMessage());
    }

    @Test
    void aSlowAnswerTimesOut() throws Exception {
        AfMetrics metrics = new AfMetrics();
        nef.server.stubFor(get(WireMockNef.SUB).willReturn(okJson(SUBSCRIPTION).withFixedDelay(1500)));
        var client = nef.client(vertx, 300, 2000, false).metrics(metrics).build();
        long start = System.nanoTime();
        NefUnavailableException e = Await.failure(client.read(nef.uri(WireMockNef.SUB)), NefUnavailableException.class);
        long elapsedMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(e.timedOut(), e.toString());
        assertTrue(elapsedMs >= 290 && elapsedMs < 1200, "timed out after " + elapsedMs + " ms");
        String scrape = metrics.scrape();
        assertTrue(scrape.contains("modelqos_nef_errors_total{operation=\"read\",status=\"none\"} 1"), scrape);
        nef.awaitServed(1);
    }
}
