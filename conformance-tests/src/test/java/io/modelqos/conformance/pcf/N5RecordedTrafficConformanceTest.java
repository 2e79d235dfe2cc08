package io.modelqos.conformance.pcf;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs last: every exchange recorded under {@code target/pcf-traffic/} and {@code target/nrf-bsf-traffic/} is read back
 * and checked against the project's files and, with {@code -Dthreegpp.spec.dir}, the official TS 29.514, TS 29.521 and
 * TS 29.510 files; and the recording covers every operation the N5 path uses. Skipped when nothing was recorded in
 * this run (a single class run with {@code -Dtest}), so that stale files are never taken for this run's traffic.
 */
@Order(Integer.MAX_VALUE)
class N5RecordedTrafficConformanceTest {

    private static List<Path> recorded() throws IOException {
        Assumptions.assumeTrue(SbiTraffic.writtenInThisJvm(SbiTraffic.PCF), "no N5 traffic recorded in this run");
        List<Path> files = new ArrayList<>(SbiTraffic.files(SbiTraffic.PCF));
        files.addAll(SbiTraffic.files(SbiTraffic.NRF_BSF));
        return files;
    }

    @TestFactory
    Stream<DynamicTest> everyRecordedExchangeConforms() throws IOException {
        System.out.println("N5 traffic: checked against the project's files" + (N5Checks.official()
                ? " and the official Rel-18 files" : " (no -Dthreegpp.spec.dir: not against the official files)"));
        return recorded().stream().map(file -> DynamicTest.dynamicTest(file.getParent().getFileName() + "/"
                + file.getFileName(), () -> {
            List<String> errors = N5Checks.errors(SbiTraffic.read(file));
            assertTrue(errors.isEmpty(), String.join("\n", errors));
        }));
    }

    @Test
    void theRecordingCoversEveryOperationOfTheN5Path() throws IOException {
        Set<String> seen = new TreeSet<>();
        for (Path file : recorded()) {
            SbiTraffic.Exchange e = SbiTraffic.read(file);
            if (e.injectedFault() != null) {
                continue;
            }
            String path = java.net.URI.create(e.uri()).getPath();
            if (e.method().equals("POST") && path.endsWith("/app-sessions") && e.status() == 201) {
                seen.add("create");
            } else if (e.method().equals("PATCH") && path.contains("/app-sessions/")) {
                seen.add("modify");
            } else if (path.endsWith("/delete") && e.status() == 200 && e.responseBody() != null
                    && e.responseBody().contains("usgRep")) {
                seen.add("delete-with-usage");
            } else if (path.endsWith("/notify") && e.status() == 204) {
                seen.add("notify");
            } else if (path.endsWith("/terminate") && e.status() == 204) {
                seen.add("terminate");
            } else if (path.endsWith("/pcfBindings") && e.status() == 200) {
                seen.add("binding");
            } else if (path.endsWith("/nf-instances") && e.status() == 200) {
                seen.add("discovery");
            } else if (path.endsWith("/oauth2/token") && e.status() == 200) {
                seen.add("token");
            }
        }
        assertTrue(seen.containsAll(Set.of("create", "modify", "delete-with-usage", "notify", "terminate", "binding",
                "discovery", "token")), "recorded: " + seen);
    }
}
