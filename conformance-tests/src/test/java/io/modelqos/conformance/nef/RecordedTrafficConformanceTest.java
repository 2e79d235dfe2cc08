package io.modelqos.conformance.nef;

import io.modelqos.openapi.validation.SpecValidator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
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
 * Runs last, in its own Surefire execution after the rest of the suite: every file in
 * {@code target/nef-traffic/} is read back and checked against the project's OpenAPI files and, with
 * {@code -Dthreegpp.spec.dir}, the official Rel-18 files ({@link ExchangeChecks}). Skipped when nothing was
 * recorded (the suite did not run in this build).
 */
class RecordedTrafficConformanceTest {

    private static List<Path> recorded() throws IOException {
        List<Path> files = TrafficLog.files();
        Assumptions.assumeFalse(files.isEmpty(), "no traffic recorded in " + TrafficLog.DIR.toAbsolutePath()
                + ": run the whole module (mvn verify), not this class alone");
        return files;
    }

    @TestFactory
    Stream<DynamicTest> everyRecordedExchangeConforms() throws IOException {
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
