package io.modelqos.conformance.pcf;

import io.modelqos.openapi.validation.SpecValidator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks one recorded N5 exchange against the project's files and, with {@code -Dthreegpp.spec.dir}, the official
 * Rel-18 files of its API (TS 29.514, TS 29.521, TS 29.510): the AF's side always (its request, or its answer to a
 * notification), the peer's side unless a test made it wrong on purpose.
 */
final class N5Checks {
    private static final Map<String, String> ROOTS = Map.of(
            "pcf", SpecValidator.PCF_ROOT_FILE,
            "bsf", SpecValidator.BSF_ROOT_FILE,
            "nrf-disc", SpecValidator.NRF_DISCOVERY_ROOT_FILE,
            "nrf-token", SpecValidator.NRF_TOKEN_ROOT_FILE);

    private N5Checks() {
    }

    /** The validators of the exchange's API: the project's, then the official one when configured. */
    static List<SpecValidator> validators(SbiTraffic.Exchange exchange) {
        String root = ROOTS.get(exchange.api());
        List<SpecValidator> all = new ArrayList<>();
        all.add(SpecValidator.project(root));
        Optional<java.nio.file.Path> official = SpecValidator.officialSpecDir();
        official.ifPresent(dir -> all.add(SpecValidator.official(dir, root)));
        return all;
    }

    /** Whether the official files were checked too. */
    static boolean official() {
        return SpecValidator.officialSpecDir().isPresent();
    }

    /** The validation errors of {@code exchange}, one line each; empty when it conforms. */
    static List<String> errors(SbiTraffic.Exchange exchange) {
        List<String> errors = new ArrayList<>();
        SpecValidator.HttpRequest request = new SpecValidator.HttpRequest(exchange.method(), exchange.uri(),
                exchange.requestHeaders(), exchange.requestBody());
        SpecValidator.HttpResponse response = new SpecValidator.HttpResponse(exchange.status(),
                exchange.responseHeaders(), exchange.responseBody() == null || exchange.responseBody().isEmpty()
                ? null : exchange.responseBody());
        for (SpecValidator spec : validators(exchange)) {
            List<SpecValidator.Result> results = new ArrayList<>();
            if (exchange.direction().equals("pcf-to-af")) {
                String callback = exchange.uri().endsWith("/terminate") ? "terminationRequest" : "eventNotification";
                results.add(spec.validateCallbackExchange(callback, request, response));
            } else if (exchange.injectedFault() != null) {
                results.add(spec.validateRequest(request));
            } else {
                results.add(spec.validateExchange(request, response));
            }
            for (SpecValidator.Result r : results) {
                if (!r.isValid()) {
                    errors.add(exchange.direction() + " " + exchange.method() + " " + exchange.uri() + " -> "
                            + exchange.status() + ": " + r);
                }
            }
        }
        return errors;
    }
}
