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
 * Whole HTTP exchanges of N5 (Npcf_PolicyAuthorization), the BSF's binding lookup and the NRF's
 * discovery and token endpoint, as a trusted AF and the network produce them, against the
 * project's files and (when configured) the official ones. Each case states whether the exchange
 * conforms; a non-conforming one must be reported, for the stated reason.
 */
class N5ExchangeValidationTest {

    private static final String PCF = "https://pcf.operator.example/npcf-policyauthorization/v1";
    private static final String SESSIONS = PCF + "/app-sessions";
    private static final String SESSION = SESSIONS + "/3f1c9a";
    private static final String BINDINGS = "https://bsf.operator.example/nbsf-management/v1/pcfBindings";
    private static final String INSTANCES = "https://nrf.operator.example/nnrf-disc/v1/nf-instances";
    private static final String TOKEN = "https://nrf.operator.example/oauth2/token";
    private static final String NOTIFY = "https://af.modelqos.example/af/v1/pcf-notifications/dl-7f3a/notify";
    private static final String TERMINATE = "https://af.modelqos.example/af/v1/pcf-notifications/dl-7f3a/terminate";
    private static final String JSON = "application/json";
    private static final String PROBLEM = "application/problem+json";
    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String PCF_FILE = "TS29514_Npcf_PolicyAuthorization.";

    /** Which API a case exercises: its root file. */
    private enum Api {
        PCF(SpecValidator.PCF_ROOT_FILE), BSF(SpecValidator.BSF_ROOT_FILE),
        NRF_DISCOVERY(SpecValidator.NRF_DISCOVERY_ROOT_FILE), NRF_TOKEN(SpecValidator.NRF_TOKEN_ROOT_FILE);

        final String rootFile;

        Api(String rootFile) {
            this.rootFile = rootFile;
        }
    }

    /** {@code expectedError} null: the exchange conforms; else a text the reported error must contain. */
    private record Case(Api api, String name, String expectedError, Function<SpecValidator, SpecValidator.Result> check) {
        boolean conforms() {
            return expectedError == null;
        }
    }

    private static String valid(String name) {
        return ExamplePayloads.read("valid/" + name);
    }

    private static String invalid(String name) {
        return ExamplePayloads.read("invalid/" + name);
    }

    private static List<Case> cases() {
        String create = valid(PCF_FILE + "AppSessionContext.create.json");
        String created = valid(PCF_FILE + "AppSessionContext.created-201.json");
        String patch = valid(PCF_FILE + "AppSessionContextUpdateDataPatch.lower-bandwidth.json");
        String deleted = valid(PCF_FILE + "AppSessionContext.deleted-final-usage.json");
        String forbidden = valid(PCF_FILE + "ExtendedProblemDetails.forbidden-acceptable-bandwidth.json");
        String usage = valid(PCF_FILE + "EventsNotification.usage-report.json");
        String termination = valid(PCF_FILE + "TerminationInfo.insufficient-resources.json");
        String binding = valid("TS29521_Nbsf_Management.PcfBinding.binding.json");
        String searchResult = valid("TS29510_Nnrf_NFDiscovery.SearchResult.bsf.json");
        String token = valid("TS29510_Nnrf_AccessToken.AccessTokenRsp.token.json");
        String tokenError = valid("TS29510_Nnrf_AccessToken.AccessTokenErr.invalid-client.json");
        HttpRequest post = HttpRequest.of("POST", SESSIONS, JSON, create);
        HttpResponse createdResponse = HttpResponse.of(201, JSON, created).withHeader("Location", SESSION);
        HttpRequest patchRequest = HttpRequest.of("PATCH", SESSION, MERGE_PATCH, patch);

        List<Case> c = new ArrayList<>();
        // Npcf_PolicyAuthorization: create
        c.add(new Case(Api.PCF, "POST app-sessions -> 201 with Location", null, v -> v.validateExchange(post, createdResponse)));
        c.add(new Case(Api.PCF, "POST app-sessions with qosReference and altSerReqs", null, v -> v.validateRequest(
                HttpRequest.of("POST", SESSIONS, JSON, valid(PCF_FILE + "AppSessionContext.create-qosreference.json")))));
        c.add(new Case(Api.PCF, "POST app-sessions -> 201 without Location", "validation.response.header.missing: Header 'Location'",
                v -> v.validateExchange(post, HttpResponse.of(201, JSON, created))));
        c.add(new Case(Api.PCF, "POST app-sessions -> 303 to an equal context", null, v -> v.validateResponse(post,
                HttpResponse.of(303).withHeader("Location", SESSION))));
        c.add(new Case(Api.PCF, "POST app-sessions without suppFeat", "[\"suppFeat\"]", v -> v.validateRequest(
                HttpRequest.of("POST", SESSIONS, JSON, invalid(PCF_FILE + "AppSessionContext.without-supp-feat.json")))));
        c.add(new Case(Api.PCF, "POST app-sessions with a bad marBwDl", "[Path '/ascReqData/medComponents/1/marBwDl']", v -> v.validateRequest(
                HttpRequest.of("POST", SESSIONS, JSON, invalid(PCF_FILE + "AppSessionContext.bad-mar-bw-dl.json")))));
        c.add(new Case(Api.PCF, "POST app-sessions -> 403 with acceptableServInfo + Retry-After", null, v -> v.validateResponse(post,
                HttpResponse.of(403, PROBLEM, forbidden).withHeader("Retry-After", "5"))));
        c.add(new Case(Api.PCF, "POST app-sessions -> 403 as application/json", "validation.response.contentType.notAllowed",
                v -> v.validateResponse(post, HttpResponse.of(403, JSON, forbidden))));
        c.add(new Case(Api.PCF, "POST app-sessions -> 400 problem", null, v -> v.validateResponse(post, HttpResponse.of(400, PROBLEM,
                "{\"status\":400,\"cause\":\"MANDATORY_IE_MISSING\",\"invalidParams\":[{\"param\":\"/ascReqData/suppFeat\"}]}"))));
        c.add(new Case(Api.PCF, "POST app-sessions -> 503 problem", null, v -> v.validateResponse(post,
                HttpResponse.of(503, PROBLEM, "{\"status\":503,\"cause\":\"NF_CONGESTION\"}"))));
        // read, modify, delete
        c.add(new Case(Api.PCF, "GET app-session -> 200", null, v -> v.validateExchange(HttpRequest.of("GET", SESSION),
                HttpResponse.of(200, JSON, created))));
        c.add(new Case(Api.PCF, "GET app-session -> 404 problem", null, v -> v.validateResponse(HttpRequest.of("GET", SESSION),
                HttpResponse.of(404, PROBLEM, "{\"status\":404,\"cause\":\"APPLICATION_SESSION_CONTEXT_NOT_FOUND\"}"))));
        c.add(new Case(Api.PCF, "PATCH merge-patch -> 200", null, v -> v.validateExchange(patchRequest, HttpResponse.of(200, JSON, created))));
        c.add(new Case(Api.PCF, "PATCH merge-patch -> 204", null, v -> v.validateExchange(patchRequest, HttpResponse.of(204))));
        c.add(new Case(Api.PCF, "PATCH as application/json", "validation.request.contentType.notAllowed",
                v -> v.validateRequest(HttpRequest.of("PATCH", SESSION, JSON, patch))));
        c.add(new Case(Api.PCF, "PATCH -> 403 with acceptableServInfo", null, v -> v.validateResponse(patchRequest,
                HttpResponse.of(403, PROBLEM, forbidden))));
        c.add(new Case(Api.PCF, "POST delete without body -> 200 with the final usage", null, v -> v.validateExchange(
                HttpRequest.of("POST", SESSION + "/delete"), HttpResponse.of(200, JSON, deleted))));
        c.add(new Case(Api.PCF, "POST delete with events -> 204", null, v -> v.validateExchange(HttpRequest.of("POST", SESSION + "/delete", JSON,
                "{\"events\":[{\"event\":\"USAGE_REPORT\"}]}"), HttpResponse.of(204))));
        c.add(new Case(Api.PCF, "DELETE app-session (not an N5 operation)", "validation.request.operation.notAllowed",
                v -> v.validateRequest(HttpRequest.of("DELETE", SESSION))));
        // callbacks (PCF -> AF)
        for (ExamplePayloads.Example e : ExamplePayloads.valid()) {
            if (e.specFile().equals(SpecValidator.PCF_ROOT_FILE) && e.schemaName().equals("EventsNotification")) {
                c.add(new Case(Api.PCF, "notify " + e.fileName() + " -> 204", null, v -> v.validateCallbackExchange("eventNotification",
                        HttpRequest.of("POST", NOTIFY, JSON, e.json()), HttpResponse.of(204))));
            }
        }
        c.add(new Case(Api.PCF, "notify without evSubsUri", "[\"evSubsUri\"]", v -> v.validateCallback("eventNotification",
                HttpRequest.of("POST", NOTIFY, JSON, invalid(PCF_FILE + "EventsNotification.without-ev-subs-uri.json")))));
        c.add(new Case(Api.PCF, "notify -> 204 with a body", "validation.response.body.unexpected", v -> v.validateCallbackExchange(
                "eventNotification", HttpRequest.of("POST", NOTIFY, JSON, usage), HttpResponse.of(204, JSON, "{}"))));
        c.add(new Case(Api.PCF, "terminate -> 204", null, v -> v.validateCallbackExchange("terminationRequest",
                HttpRequest.of("POST", TERMINATE, JSON, termination), HttpResponse.of(204))));
        c.add(new Case(Api.PCF, "terminate without resUri", "[\"resUri\"]", v -> v.validateCallback("terminationRequest",
                HttpRequest.of("POST", TERMINATE, JSON, invalid(PCF_FILE + "TerminationInfo.without-res-uri.json")))));
        // Nbsf_Management
        String lookup = BINDINGS + "?ipv4Addr=10.45.0.2&dnn=internet&snssai=" + enc("{\"sst\":1,\"sd\":\"000001\"}");
        c.add(new Case(Api.BSF, "GET pcfBindings by UE address, DNN and slice -> 200", null, v -> v.validateExchange(
                HttpRequest.of("GET", lookup), HttpResponse.of(200, JSON, binding))));
        c.add(new Case(Api.BSF, "GET pcfBindings by IPv6 prefix -> 204", null, v -> v.validateExchange(
                HttpRequest.of("GET", BINDINGS + "?ipv6Prefix=" + enc("2001:db8:45::2/128")), HttpResponse.of(204))));
        c.add(new Case(Api.BSF, "GET pcfBindings with a bad IPv4 address", "validation.request.parameter.schema.pattern",
                v -> v.validateRequest(HttpRequest.of("GET", BINDINGS + "?ipv4Addr=10.45.0.256"))));
        c.add(new Case(Api.BSF, "GET pcfBindings with a bad slice", "validation.request.parameter.query.schema",
                v -> v.validateRequest(HttpRequest.of("GET", BINDINGS + "?snssai=" + enc("{\"sst\":1,\"sd\":\"xyz\"}")))));
        c.add(new Case(Api.BSF, "GET pcfBindings -> 200 binding without snssai", "[\"snssai\"]", v -> v.validateResponse(
                HttpRequest.of("GET", lookup), HttpResponse.of(200, JSON, invalid("TS29521_Nbsf_Management.PcfBinding.without-snssai.json")))));
        // Nnrf_NFDiscovery
        String discover = INSTANCES + "?target-nf-type=BSF&requester-nf-type=AF&service-names=nbsf-management";
        c.add(new Case(Api.NRF_DISCOVERY, "GET nf-instances (BSF for an AF) -> 200", null, v -> v.validateExchange(
                HttpRequest.of("GET", discover), HttpResponse.of(200, JSON, searchResult))));
        c.add(new Case(Api.NRF_DISCOVERY, "GET nf-instances by UE address", null, v -> v.validateRequest(
                HttpRequest.of("GET", discover + "&ue-ipv4-address=10.45.0.2&requester-nf-instance-id=3fa85f64-5717-4562-b3fc-2c963f66afa6"))));
        c.add(new Case(Api.NRF_DISCOVERY, "GET nf-instances without requester-nf-type", "requester-nf-type", v -> v.validateRequest(
                HttpRequest.of("GET", INSTANCES + "?target-nf-type=BSF"))));
        c.add(new Case(Api.NRF_DISCOVERY, "GET nf-instances -> 200 without validityPeriod", "[\"validityPeriod\"]", v -> v.validateResponse(
                HttpRequest.of("GET", discover), HttpResponse.of(200, JSON, "{\"nfInstances\":[]}"))));
        // Nnrf_AccessToken
        HttpRequest tokenRequest = HttpRequest.of("POST", TOKEN, FORM, "grant_type=client_credentials"
                + "&nfInstanceId=3fa85f64-5717-4562-b3fc-2c963f66afa6&nfType=AF&targetNfType=PCF&scope=npcf-policyauthorization");
        c.add(new Case(Api.NRF_TOKEN, "POST oauth2/token -> 200 with Cache-Control and Pragma", null, v -> v.validateExchange(tokenRequest,
                HttpResponse.of(200, JSON, token).withHeader("Cache-Control", "no-store").withHeader("Pragma", "no-cache"))));
        c.add(new Case(Api.NRF_TOKEN, "POST oauth2/token -> 200 without Cache-Control", "Cache-Control", v -> v.validateResponse(tokenRequest,
                HttpResponse.of(200, JSON, token).withHeader("Pragma", "no-cache"))));
        c.add(new Case(Api.NRF_TOKEN, "POST oauth2/token -> 400 invalid_client", null, v -> v.validateResponse(tokenRequest,
                HttpResponse.of(400, JSON, tokenError).withHeader("Cache-Control", "no-store").withHeader("Pragma", "no-cache"))));
        c.add(new Case(Api.NRF_TOKEN, "POST oauth2/token as JSON", "validation.request.contentType.notAllowed", v -> v.validateRequest(
                HttpRequest.of("POST", TOKEN, JSON, "{\"grant_type\":\"client_credentials\"}"))));
        return c;
    }

    @TestFactory
    Stream<DynamicTest> exchangesAgainstProjectSpec() {
        return run(SpecValidator::project);
    }

    @TestFactory
    Stream<DynamicTest> exchangesAgainstOfficialSpec() {
        if (SpecValidator.officialSpecDir().isEmpty()) {
            return ExamplesTest.withOfficial(v -> Stream.empty());
        }
        return run(root -> SpecValidator.official(SpecValidator.officialSpecDir().orElseThrow(), root));
    }

    private static Stream<DynamicTest> run(Function<String, SpecValidator> validators) {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.api() + " " + (c.conforms() ? "conforms: " : "reported: ") + c.name(), () -> {
            SpecValidator.Result r = c.check().apply(validators.apply(c.api().rootFile));
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
