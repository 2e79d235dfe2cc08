package io.modelqos.conformance.nef;

import io.modelqos.openapi.validation.SpecValidator;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks one recorded exchange against the project's and (when configured) the official OpenAPI files: the
 * AF's side always (its request to the NEF, or its answer to a notification), the NEF's side unless the test
 * broke it on purpose ({@link NefExchange#nefSideBrokenOnPurpose()}).
 */
final class ExchangeChecks {

    static final String CALLBACK = "notificationDestination";

    private ExchangeChecks() {
    }

    /** The validation errors of {@code exchange}, one line each; empty when it conforms. */
    static List<String> errors(NefExchange exchange) {
        List<String> errors = new ArrayList<>();
        for (SpecValidator spec : Specs.all()) {
            for (SpecValidator.Result r : results(spec, exchange)) {
                if (!r.isValid()) {
                    errors.add(exchange.describe() + ": " + r);
                }
            }
        }
        return errors;
    }

    private static List<SpecValidator.Result> results(SpecValidator spec, NefExchange exchange) {
        if (NefExchange.NEF_TO_AF.equals(exchange.direction())) {
            // The NEF's notification and the AF's answer to it.
            return List.of(exchange.answered()
                    ? spec.validateCallbackExchange(CALLBACK, exchange.request(), exchange.response())
                    : spec.validateCallback(CALLBACK, exchange.request()));
        }
        List<SpecValidator.Result> results = new ArrayList<>();
        results.add(spec.validateRequest(exchange.request()));
        if (exchange.answered() && !exchange.nefSideBrokenOnPurpose()) {
            results.add(spec.validateResponse(exchange.request(), exchange.response()));
        }
        return results;
    }
}
