package io.modelqos.conformance.pcf;

import io.modelqos.testing.EventLoopGuard;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.modelqos.conformance.pcf.WireMockCore.APP_SESSIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The PCF probe against a WireMock core: a core that follows the specs gets no deviation, one that bends them does. */
class PcfProbeSelfTest {
    private WireMockCore core;
    private Vertx vertx;

    @BeforeEach
    void start() {
        core = new WireMockCore();
        core.test = "pcf-probe-self-test";
        vertx = EventLoopGuard.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get();
        core.close();
    }

    private void sessionAt(String id) {
        core.server.stubFor(post(APP_SESSIONS).willReturn(WireMockCore.created(core.baseUrl() + APP_SESSIONS + "/" + id)));
        core.server.stubFor(patch(urlEqualTo(APP_SESSIONS + "/" + id)).willReturn(aResponse().withStatus(204)));
        core.server.stubFor(post(APP_SESSIONS + "/" + id + "/delete").inScenario(id).willSetStateTo("deleted")
                .willReturn(aResponse().withStatus(204)));
        core.server.stubFor(post(APP_SESSIONS + "/" + id + "/delete").inScenario(id).whenScenarioStateIs("deleted")
                .willReturn(WireMockCore.problem(404, "{\"status\":404,\"cause\":\"APPLICATION_SESSION_CONTEXT_NOT_FOUND\"}")));
    }

    @Test
    void aCoreThatFollowsTheSpecsHasNoDeviation() {
        sessionAt("p-1");

        PcfProbe.Report report = new PcfProbe(vertx, PcfProbe.Settings.viaNrf(core.baseUrl())).run();

        assertEquals(0, report.deviations(), report.text());
        assertTrue(report.text().contains("create"), report.text());
    }

    @Test
    void aCoreThatAnswersTheCreateWithoutItsRepresentationIsReported() {
        sessionAt("p-2");
        core.server.stubFor(post(APP_SESSIONS).willReturn(aResponse().withStatus(201)
                .withHeader("Location", core.baseUrl() + APP_SESSIONS + "/p-2")
                .withHeader(WireMockCore.FAULT_HEADER, "201 without the AppSessionContext")));

        PcfProbe.Report report = new PcfProbe(vertx, PcfProbe.Settings.viaNrf(core.baseUrl())).run();

        assertTrue(report.deviations() > 0, report.text());
        assertTrue(report.text().contains("response body"), report.text());
    }
}
