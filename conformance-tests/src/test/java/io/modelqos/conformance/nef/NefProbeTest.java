package io.modelqos.conformance.nef;

import io.modelqos.testing.EventLoopGuard;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The probe of a live NEF, run only when told where it is:
 * <pre>
 * ./mvnw -B -o -pl conformance-tests test -Dtest=NefProbeTest \
 *     -Dnef.probe.apiRoot=https://nef.example:8443 -Dnef.probe.scsAsId=my-af \
 *     [-Dnef.probe.tokenUrl=... -Dnef.probe.clientId=... -Dnef.probe.clientSecret=...] \
 *     [-Dnef.probe.ueIpv4=10.45.0.99 -Dnef.probe.qosReference=... -Dnef.probe.failOnDeviation=true] \
 *     [-Dthreegpp.spec.dir=/abs/path/Rel-18]
 * </pre>
 * The report is printed and written to {@code target/nef-probe-report.txt}; see the module README.
 */
class NefProbeTest {

    static final Path REPORT = Path.of("target", "nef-probe-report.txt");

    @Test
    void probeTheConfiguredNef() throws Exception {
        NefProbe.Settings settings = NefProbe.Settings.fromSystemProperties().orElse(null);
        Assumptions.assumeTrue(settings != null, "NEF probe skipped: set -Dnef.probe.apiRoot=<apiRoot> and "
                + "-Dnef.probe.scsAsId=<scsAsId> to probe a live NEF (see conformance-tests/README.md)");
        Vertx vertx = EventLoopGuard.vertx();
        NefProbe.Report report;
        try {
            report = new NefProbe(vertx, settings).run();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, report.text(), StandardCharsets.UTF_8);
        System.out.println(report.text());
        System.out.println("Report written to " + REPORT.toAbsolutePath());

        assertFalse(report.exchanges().isEmpty(), "the probe reached the NEF");
        if (Boolean.getBoolean(NefProbe.Settings.PREFIX + "failOnDeviation")) {
            assertEquals(0, report.deviations(), report.text());
        }
    }
}
