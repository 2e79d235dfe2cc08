package io.modelqos.conformance.capif;

import io.modelqos.openapi.validation.SpecValidator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs after the CAPIF suite: every exchange recorded under {@code target/capif-traffic/} is read back and checked
 * against the project's TS 29.222 files and, with {@code -Dthreegpp.spec.dir}, the official Rel-18 files (the AF's
 * request always, CAPIF's answer unless a test made it wrong on purpose); and the recording covers onboard, discover,
 * trust, token and offboard. Skipped when nothing was recorded in this run, so stale files are never taken for it.
 */
@Order(Integer.MAX_VALUE)
class CapifRecordedTrafficConformanceTest {
    private static final Map<String, String> ROOTS = Map.of(
            "invoker-management", SpecValidator.CAPIF_INVOKER_ROOT_FILE,
            "discover", SpecValidator.CAPIF_DISCOVER_ROOT_FILE,
            "security", SpecValidator.CAPIF_SECURITY_ROOT_FILE);

    private static List<Path> recorded() throws IOException {
        Assumptions.assumeTrue(CapifTraffic.writtenInThisJvm(), "no CAPIF traffic recorded in this run");
        return CapifTraffic.files();
    }

    static List<String> errors(CapifTraffic.Exchange e) {
        String root = ROOTS.get(e.api());
        List<SpecValidator> validators = new ArrayList<>();
        validators.add(SpecValidator.project(root));
        SpecValidator.officialSpecDir().ifPresent(dir -> validators.add(SpecValidator.official(dir, root)));
        SpecValidator.HttpRequest request = new SpecValidator.HttpRequest(e.method(), e.uri(), e.requestHeaders(),
                e.requestBody() == null || e.requestBody().isEmpty() ? null : e.requestBody());
        SpecValidator.HttpResponse response = new SpecValidator.HttpResponse(e.status(), e.responseHeaders(),
                e.responseBody() == null || e.responseBody().isEmpty() ? null : e.responseBody());
        List<String> errors = new ArrayList<>();
        for (SpecValidator spec : validators) {
            SpecValidator.Result r = e.injectedFault() != null ? spec.validateRequest(request)
                    : spec.validateExchange(request, response);
            if (!r.isValid()) {
                errors.add(e.method() + " " + e.uri() + " -> " + e.status() + ": " + r);
            }
        }
        return errors;
    }

    @TestFactory
    Stream<DynamicTest> everyRecordedCapifExchangeConforms() throws IOException {
        System.out.println("CAPIF traffic: checked against the project's files" + (SpecValidator.officialSpecDir()
                .isPresent() ? " and the official Rel-18 files" : " (no -Dthreegpp.spec.dir: not the official files)"));
        return recorded().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            List<String> errors = errors(CapifTraffic.read(file));
            assertTrue(errors.isEmpty(), String.join("\n", errors));
        }));
    }

    @Test
    void theRecordingCoversOnboardUpdateDiscoverTrustTokenAndOffboard() throws IOException {
        Set<String> seen = new TreeSet<>();
        for (Path file : recorded()) {
            CapifTraffic.Exchange e = CapifTraffic.read(file);
            if (e.injectedFault() != null) {
                continue;
            }
            String path = URI.create(e.uri()).getPath();
            if (e.method().equals("POST") && path.endsWith("/onboardedInvokers") && e.status() == 201) {
                seen.add("onboard");
            } else if (e.method().equals("PUT") && path.contains("/onboardedInvokers/") && e.status() == 200) {
                seen.add("update");
            } else if (e.method().equals("DELETE") && path.contains("/onboardedInvokers/") && e.status() == 204) {
                seen.add("offboard");
            } else if (path.endsWith("/allServiceAPIs") && e.status() == 200) {
                seen.add("discover");
            } else if (e.method().equals("PUT") && path.contains("/trustedInvokers/") && e.status() == 201) {
                seen.add("trust");
            } else if (path.endsWith("/token") && e.status() == 200) {
                seen.add("token");
            }
        }
        assertTrue(seen.containsAll(Set.of("onboard", "update", "discover", "trust", "token", "offboard")), "recorded: " + seen);
    }
}
