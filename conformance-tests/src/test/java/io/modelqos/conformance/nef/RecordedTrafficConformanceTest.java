package io.modelqos.conformance.nef;

import io.modelqos.openapi.validation.SpecValidator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs last (class order, see {@code junit-platform.properties}): every file in {@code target/nef-traffic/} is
 * read back and checked against the project's OpenAPI files and, with {@code -Dthreegpp.spec.dir}, the official
 * Rel-18 files ({@link ExchangeChecks}). Skipped when the suite did not record in this run (a single class run
 * with {@code -Dtest}), so that stale files are never mistaken for this run's traffic.
 */
@Order(Integer.MAX_VALUE)
class RecordedTrafficConformanceTest {

    private static List<Path> recorded() throws IOException {
        Assumptions.assumeTrue(TrafficLog.writtenInThisJvm(), "no traffic recorded in this run: the check of "
                + TrafficLog.DIR + " runs with the whole suite (mvn verify)");
        List<Path> files = TrafficLog.files();
        Assumptions.assumeFalse(files.isEmpty(), "no traffic in " + TrafficLog.DIR.toAbsolutePath());
        return files;
    }

    @TestFactory
    Stream<DynamicTest> everyRecordedExchangeConforms() throws IOException {
        // The extension of each class checked its own exchanges already; this reads the files themselves.
        System.out.println("Recorded traffic: checked against " + Specs.all().stream().map(SpecValidator::label).toList());
        return recorded().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            NefExchange exchange = TrafficLog.read(file);
            List<String> errors = ExchangeChecks.errors(exchange);
            assertTrue(errors.isEmpty(), String.join("\n", errors));
        }));
    }

    @Test
    void bothDirectionsAndEveryMethodWereRecorded() throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        List<String> faults = new ArrayList<>();
        for (Path file : recorded()) {
            NefExchange e = TrafficLog.read(file);
            counts.merge(e.direction() + " " + e.method(), 1, Integer::sum);
            if (e.nefSideBrokenOnPurpose()) {
                faults.add(file.getFileName() + " [" + e.injectedFault() + "]");
            }
        }
        System.out.println("Recorded exchanges: " + counts);
        System.out.println("NEF side broken on purpose (AF side checked only): " + faults);
        for (String key : List.of("af-to-nef POST", "af-to-nef GET", "af-to-nef PUT", "af-to-nef PATCH",
                "af-to-nef DELETE", "nef-to-af POST")) {
            assertTrue(counts.getOrDefault(key, 0) > 0, "no " + key + " recorded: " + counts);
        }
    }
}
