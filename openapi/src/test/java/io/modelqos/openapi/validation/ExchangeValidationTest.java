package io.modelqos.openapi.validation;

import io.modelqos.openapi.validation.SpecValidator.HttpRequest;
import io.modelqos.openapi.validation.SpecValidator.HttpResponse;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole HTTP exchanges of the AsSessionWithQoS API, as the AF and the NEF produce them, against
 * the operations of the project's files and (when configured) of the official files. Each case
 * states whether the exchange conforms; a non-conforming one must be reported, for the stated
 * reason.
 */
class ExchangeValidationTest {

    private static final String API = "http://nef.operator.example:8080/3gpp-as-session-with-qos/v1";
    private static final String SUBS = API + "/modelqos-af/subscriptions";
    private static final String SUB = SUBS + "/5f0c7a21";
    private static final String JSON = "application/json";
    private static final String PROBLEM = "application/problem+json";
    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final String CALLBACK = "notificationDestination";

    private static String valid(String name) {
        return ExamplePayloads.read("valid/" + name);
    }

    private static String invalid(String name) {
        return ExamplePayloads.read("invalid/" + name);
    }

    /** {@code expectedError} null: the exchange conforms; else a text the reported error must contain. */
    private record Case(String name, String expectedError, Function<SpecValidator, SpecValidator.Result> check) {
        boolean conforms() {
            return expectedError == null;
        }
    }

    private static List<Case> cases() {
        String create = valid("AsSessionWithQoSSubscription.create-altqosreqs.json");
        String created = valid("AsSessionWithQoSSubscription.created-201.json");
        String patch = valid("AsSessionWithQoSSubscriptionPatch.lower-gbr.json");
        String forbidden = valid("ProblemDetailsAsSessionWithQos.forbidden-acceptable-bandwidth.json");
        String badRequest = valid("TS29122_CommonData.ProblemDetails.bad-request-invalid-params.json");
        String finalReport = valid("UserPlaneNotificationData.delete-final-report.json");
        HttpRequest post = HttpRequest.of("POST", SUBS, JSON, create);
        HttpResponse createdResponse = HttpResponse.of(201, JSON, created).withHeader("Location", SUB);

        List<Case> c = new ArrayList<>();
        // POST
        c.add(new Case("POST create -> 201 with Location", null, v -> v.validateExchange(post, createdResponse)));
        c.add(new Case("POST create (path relative to apiRoot) -> 201", null, v -> v.validateExchange(
                HttpRequest.of("POST", "/3gpp-as-session-with-qos/v1/modelqos-af/subscriptions", JSON, create), createdResponse)));
        c.add(new Case("POST create with qosReference", null, v -> v.validateRequest(
                HttpRequest.of("POST", SUBS, JSON, valid("AsSessionWithQoSSubscription.create-qosreference.json")))));
        c.add(new Case("POST create -> 201 without Location", "validation.response.header.missing: Header 'Location'", v -> v.validateExchange(post, HttpResponse.of(201, JSON, created))));
        c.add(new Case("POST create as text/plain", "validation.request.contentType.notAllowed", v -> v.validateRequest(HttpRequest.of("POST", SUBS, "text/plain", create))));
        c.add(new Case("POST create without body", "validation.request.body.missing", v -> v.validateRequest(HttpRequest.of("POST", SUBS))));
        c.add(new Case("POST create with bad bit rate", "[Path '/altQosReqs/0/gbrDl']", v -> v.validateRequest(
                HttpRequest.of("POST", SUBS, JSON, invalid("AsSessionWithQoSSubscription.bitrate-without-space.json")))));
        c.add(new Case("POST -> 403 ProblemDetailsAsSessionWithQos + Retry-After", null, v -> v.validateResponse(post,
                HttpResponse.of(403, PROBLEM, forbidden).withHeader("Retry-After", "120"))));
        c.add(new Case("POST -> 403 as application/json", "validation.response.contentType.notAllowed", v -> v.validateResponse(post, HttpResponse.of(403, JSON, forbidden))));
        c.add(new Case("POST -> 403 with bad acceptable bit rate", "[Path '/acceptableServInfo/marBwDl']", v -> v.validateResponse(post, HttpResponse.of(403, PROBLEM,
                invalid("ProblemDetailsAsSessionWithQos.acceptable-bandwidth-without-space.json")))));
        c.add(new Case("POST -> 400 ProblemDetails with invalidParams", null, v -> v.validateResponse(post,
                HttpResponse.of(400, PROBLEM, badRequest))));
        c.add(new Case("POST -> 400 with empty invalidParams", "[Path '/invalidParams']", v -> v.validateResponse(post, HttpResponse.of(400, PROBLEM,
                invalid("TS29122_CommonData.ProblemDetails.empty-invalid-params.json")))));
        c.add(new Case("POST -> 503 problem", null, v -> v.validateResponse(post,
                HttpResponse.of(503, PROBLEM, "{\"status\":503,\"cause\":\"SYSTEM_FAILURE\"}"))));
        // GET
        c.add(new Case("GET list -> 200 array", null, v -> v.validateExchange(HttpRequest.of("GET", SUBS),
                HttpResponse.of(200, JSON, "[" + created + "]"))));
        c.add(new Case("GET list -> 200 empty array", null, v -> v.validateResponse(HttpRequest.of("GET", SUBS),
                HttpResponse.of(200, JSON, "[]"))));
        c.add(new Case("GET list filtered by ip-addrs, ip-domain and mac-addrs", null, v -> v.validateRequest(HttpRequest.of("GET",
                SUBS + "?ip-addrs=" + enc("[{\"ipv4Addr\":\"10.45.0.2\"}]") + "&ip-domain=operator-domain&mac-addrs=00-1A-2B-3C-4D-5E"))));
        c.add(new Case("GET list with bad IPv4 in ip-addrs", "validation.request.parameter.query.schema.pattern: [Path '/0/ipv4Addr']", v -> v.validateRequest(HttpRequest.of("GET",
                SUBS + "?ip-addrs=" + enc("[{\"ipv4Addr\":\"10.45.0.256\"}]")))));
        c.add(new Case("GET list with empty ip-addrs", "validation.request.parameter.query.schema.minItems", v -> v.validateRequest(HttpRequest.of("GET",
                SUBS + "?ip-addrs=" + enc("[]")))));
        c.add(new Case("GET list with bad mac-addrs", "validation.request.parameter.schema.pattern", v -> v.validateRequest(HttpRequest.of("GET",
                SUBS + "?mac-addrs=00:1A:2B:3C:4D:5E"))));
        c.add(new Case("GET one -> 200", null, v -> v.validateExchange(HttpRequest.of("GET", SUB), HttpResponse.of(200, JSON, created))));
        c.add(new Case("GET one -> 307 with Location", null, v -> v.validateResponse(HttpRequest.of("GET", SUB),
                HttpResponse.of(307).withHeader("Location", "http://nef2.operator.example/3gpp-as-session-with-qos/v1/modelqos-af/subscriptions/5f0c7a21"))));
        c.add(new Case("GET one -> 308 without Location", "validation.response.header.missing: Header 'Location'", v -> v.validateResponse(HttpRequest.of("GET", SUB), HttpResponse.of(308))));
        c.add(new Case("GET one -> 404 problem", null, v -> v.validateResponse(HttpRequest.of("GET", SUB),
                HttpResponse.of(404, PROBLEM, "{\"status\":404,\"cause\":\"RESOURCE_NOT_FOUND\"}"))));
        // PUT
        c.add(new Case("PUT -> 200 with body", null, v -> v.validateExchange(HttpRequest.of("PUT", SUB, JSON, create),
                HttpResponse.of(200, JSON, created))));
        c.add(new Case("PUT -> 204", null, v -> v.validateExchange(HttpRequest.of("PUT", SUB, JSON, create), HttpResponse.of(204))));
        c.add(new Case("PUT without notificationDestination", "[\"notificationDestination\"]", v -> v.validateRequest(HttpRequest.of("PUT", SUB, JSON,
                invalid("AsSessionWithQoSSubscription.missing-notification-destination.json")))));
        // PATCH
        c.add(new Case("PATCH merge-patch -> 200", null, v -> v.validateExchange(HttpRequest.of("PATCH", SUB, MERGE_PATCH, patch),
                HttpResponse.of(200, JSON, created))));
        c.add(new Case("PATCH merge-patch -> 204", null, v -> v.validateExchange(HttpRequest.of("PATCH", SUB, MERGE_PATCH, patch),
                HttpResponse.of(204))));
        c.add(new Case("PATCH as application/json", "validation.request.contentType.notAllowed", v -> v.validateRequest(HttpRequest.of("PATCH", SUB, JSON, patch))));
        c.add(new Case("PATCH -> 403 with acceptable service", null, v -> v.validateResponse(HttpRequest.of("PATCH", SUB, MERGE_PATCH, patch),
                HttpResponse.of(403, PROBLEM, forbidden))));
        // DELETE
        c.add(new Case("DELETE -> 204", null, v -> v.validateExchange(HttpRequest.of("DELETE", SUB), HttpResponse.of(204))));
        c.add(new Case("DELETE -> 200 final report", null, v -> v.validateExchange(HttpRequest.of("DELETE", SUB),
                HttpResponse.of(200, JSON, finalReport))));
        c.add(new Case("DELETE -> 200 report without eventReports", "[\"eventReports\"]", v -> v.validateResponse(HttpRequest.of("DELETE", SUB),
                HttpResponse.of(200, JSON, invalid("UserPlaneNotificationData.without-event-reports.json")))));
        c.add(new Case("DELETE -> 500 as application/json", "validation.response.contentType.notAllowed", v -> v.validateResponse(HttpRequest.of("DELETE", SUB),
                HttpResponse.of(500, JSON, "{\"status\":500}"))));
        // Unknown resources
        c.add(new Case("POST on an unknown path", "validation.request.path.missing", v -> v.validateRequest(HttpRequest.of("POST", API + "/modelqos-af/sessions", JSON, create))));
        c.add(new Case("DELETE on the collection", "validation.request.operation.notAllowed", v -> v.validateRequest(HttpRequest.of("DELETE", SUBS))));
        // Callback (NEF -> AF)
        for (Example e : notifications()) {
            c.add(new Case("callback " + e.fileName() + " -> 204", null, v -> v.validateCallbackExchange(CALLBACK,
                    HttpRequest.of("POST", "https://af.modelqos.example/af/v1/notifications/dl-7f3a", JSON, e.json()), HttpResponse.of(204))));
        }
        c.add(new Case("callback without eventReports", "[\"eventReports\"]", v -> v.validateCallback(CALLBACK, HttpRequest.of("POST",
                "https://af.modelqos.example/af/v1/notifications/dl-7f3a", JSON, invalid("UserPlaneNotificationData.without-event-reports.json")))));
        c.add(new Case("callback with bad data rate", "[Path '/eventReports/0/qosMonDatRateReps/0/dlDataRate']", v -> v.validateCallback(CALLBACK, HttpRequest.of("POST",
                "https://af.modelqos.example/af/v1/notifications/dl-7f3a", JSON, invalid("UserPlaneNotificationData.data-rate-without-space.json")))));
        c.add(new Case("callback -> 400 problem from the AF", null, v -> v.validateCallbackExchange(CALLBACK, HttpRequest.of("POST",
                "https://af.modelqos.example/af/v1/notifications/dl-7f3a", JSON, valid("UserPlaneNotificationData.qos-guaranteed.json")),
                HttpResponse.of(400, PROBLEM, badRequest))));
        c.add(new Case("callback -> 204 with a body", "validation.response.body.unexpected", v -> v.validateCallbackExchange(CALLBACK, HttpRequest.of("POST",
                "https://af.modelqos.example/af/v1/notifications/dl-7f3a", JSON, valid("UserPlaneNotificationData.qos-guaranteed.json")),
                HttpResponse.of(204, JSON, "{}"))));
        return c;
    }

    private record Example(String fileName, String json) {
    }

    private static List<Example> notifications() {
        return ExamplePayloads.valid().stream()
                .filter(e -> e.schemaName().equals("UserPlaneNotificationData"))
                .map(e -> new Example(e.fileName(), e.json()))
                .toList();
    }

    @TestFactory
    Stream<DynamicTest> exchangesAgainstProjectSpec() {
        return run(SpecValidator.project());
    }

    @TestFactory
    Stream<DynamicTest> exchangesAgainstOfficialSpec() {
        return ExamplesTest.withOfficial(ExchangeValidationTest::run);
    }

    private static Stream<DynamicTest> run(SpecValidator validator) {
        return cases().stream().map(c -> DynamicTest.dynamicTest((c.conforms() ? "conforms: " : "reported: ") + c.name(), () -> {
            SpecValidator.Result r = c.check().apply(validator);
            if (c.conforms()) {
                r.assertValid();
            } else {
                r.assertInvalid();
                assertTrue(String.join("\n", r.errors()).contains(c.expectedError()),
                        "reported, but not for \"" + c.expectedError() + "\": " + r);
            }
        }));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
