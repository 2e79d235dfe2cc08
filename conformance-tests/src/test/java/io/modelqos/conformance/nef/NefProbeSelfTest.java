package io.modelqos.conformance.nef;

import io.modelqos.nef.emulator.EmulatorOptions;
import io.modelqos.nef.emulator.NefEmulator;
import io.modelqos.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.modelqos.conformance.nef.NefStubs.creates;
import static io.modelqos.conformance.nef.NefStubs.deletes;
import static io.modelqos.conformance.nef.NefStubs.fault;
import static io.modelqos.conformance.nef.NefStubs.json;
import static io.modelqos.conformance.nef.NefStubs.meta;
import static io.modelqos.conformance.nef.NefStubs.noContent;
import static io.modelqos.conformance.nef.NefStubs.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verifies the probe itself: it walks a whole subscription life through the project's NEF emulator and cleans up
 * after itself, and it names the deviations of a NEF that breaks TS 29.122 on purpose.
 */
class NefProbeSelfTest {

    @RegisterExtension
    static final WireMockNef nef = new WireMockNef();

    @Test
    void walksASubscriptionThroughTheEmulatorAndLeavesNothing() throws Exception {
        NefEmulator emulator = Await.result(NefEmulator.start(nef.vertx(), new EmulatorOptions().setPort(0)));
        try {
            NefProbe.Report report = new NefProbe(nef.vertx(), NefProbe.Settings.of(emulator.apiRoot(), "probe-af")).run();
            System.out.println(report.text());

            assertTrue(report.has(NefProbe.Severity.OK, "create", "subscription "), report.text());
            assertTrue(report.has(NefProbe.Severity.OK, "read", "self is the subscription's URI"), report.text());
            assertTrue(report.has(NefProbe.Severity.OK, "list", "contains the subscription"), report.text());
            assertTrue(report.has(NefProbe.Severity.OK, "gone", "read after delete answered 404"), report.text());
            assertEquals(6, report.exchanges().size(), report.text());
            assertEquals(0, report.deviations(), "the emulator conforms:\n" + report.text());
            assertEquals(0, emulator.liveSubscriptionCount(), "the probe deleted its subscription");
        } finally {
            Await.result(emulator.close());
        }
    }

    @Test
    void namesTheDeviationsOfANonConformingNef() throws Exception {
        String path = WireMockNef.sub("p1");
        String self = nef.uri(path).toString();
        // 201 without Location; the read's representation without self; PATCH refused as application/json.
        nef.server().stubFor(post(WireMockNef.COLLECTION).withMetadata(meta(creates(path), fault("missing-location")))
                .willReturn(json(201, T8Examples.representation(self))));
        nef.server().stubFor(get(path).willReturn(json(200, T8Examples.representation("x").replace("\"self\":\"x\",", ""))));
        nef.server().stubFor(get(urlPathEqualTo(WireMockNef.COLLECTION))
                .willReturn(json(200, "[" + T8Examples.representation(self) + "]")));
        nef.server().stubFor(patch(urlEqualTo(path)).willReturn(problem(415, T8Examples.problem(415))));
        nef.server().stubFor(delete(path).withMetadata(deletes(path)).willReturn(noContent()));

        NefProbe.Report report = new NefProbe(nef.vertx(), NefProbe.Settings.of(nef.baseUrl(), WireMockNef.SCS_AS_ID)).run();
        System.out.println(report.text());

        assertTrue(report.has(NefProbe.Severity.DEVIATION, "create", "201 without Location"), report.text());
        assertTrue(report.has(NefProbe.Severity.DEVIATION, "read", "representation without self"), report.text());
        assertTrue(report.has(NefProbe.Severity.DEVIATION, "modify", "answered 415, expected [200, 204] (cause=SYSTEM_FAILURE"),
                report.text());
        assertTrue(report.has(NefProbe.Severity.DEVIATION, "openapi", "Location"), report.text());
        assertTrue(report.has(NefProbe.Severity.DEVIATION, "gone", "read after delete answered 200"), report.text());
        assertTrue(report.has(NefProbe.Severity.OK, "list", "contains the subscription"), report.text());
    }
}
