package io.modelqos.conformance.pcf;

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
 * The probe of a live core on N5, run only when told where it is:
 * <pre>
 * ./mvnw -B -o -pl conformance-tests -am verify -Dtest=PcfProbeTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dpcf.probe.nrfApiRoot=https://nrf.core.example [-Dpcf.probe.nfInstanceId=&lt;uuid&gt;] \
 *     (or -Dpcf.probe.apiRoot=... / -Dpcf.probe.bsfApiRoot=...) \
 *     [-Dpcf.probe.ueIpv4=10.45.0.99 -Dpcf.probe.dnn=internet -Dpcf.probe.snssai=1-010203] \
 *     [-Dpcf.probe.failOnDeviation=true] [-Dthreegpp.spec.dir=/abs/path/Rel-18]
 * </pre>
 * The report is printed and written to {@code target/pcf-probe-report.txt}.
 */
class PcfProbeTest {
    static final Path REPORT = Path.of("target", "pcf-probe-report.txt");

    @Test
    void probeTheConfiguredCore() throws Exception {
        PcfProbe.Settings settings = PcfProbe.Settings.fromSystemProperties().orElse(null);
        Assumptions.assumeTrue(settings != null, "PCF probe skipped: set -Dpcf.probe.nrfApiRoot, -Dpcf.probe.bsfApiRoot"
                + " or -Dpcf.probe.apiRoot to probe a live core (see conformance-tests/README.md)");
        Vertx vertx = EventLoopGuard.vertx();
        PcfProbe.Report report;
        try {
            report = new PcfProbe(vertx, settings).run();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, report.text(), StandardCharsets.UTF_8);
        System.out.println(report.text());
        assertFalse(report.exchanges().isEmpty(), "the probe reached the core");
        if (Boolean.getBoolean(PcfProbe.Settings.PREFIX + "failOnDeviation")) {
            assertEquals(0, report.deviations(), report.text());
        }
    }
}
