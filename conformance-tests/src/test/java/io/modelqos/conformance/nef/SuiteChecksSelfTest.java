package io.modelqos.conformance.nef;

import io.modelqos.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.modelqos.conformance.nef.NefStubs.created;
import static io.modelqos.conformance.nef.NefStubs.creates;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verifies that the suite's own checks can fail: the spec checks reject a non-conforming exchange on either
 * side, and the ledger reports a subscription the AF did not keep.
 */
class SuiteChecksSelfTest {

    @RegisterExtension
    static final WireMockNef nef = new WireMockNef();

    private static final String URI = "http://nef.example/3gpp-as-session-with-qos/v1/modelqos-af/subscriptions";
    private static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of("application/json"));

    private static NefExchange exchange(String requestBody, int status, Map<String, List<String>> responseHeaders,
                                    String responseBody, String fault) {
        return new NefExchange(NefExchange.AF_TO_NEF, "POST", URI, JSON, requestBody, status, responseHeaders,
                responseBody, "self-test", fault);
    }

    @Test
    void aRequestWithoutNotificationDestinationIsRejected() {
        String body = T8Examples.SUBSCRIPTION_JSON.replace(
                "\"notificationDestination\":\"https://af.modelqos.example/nef-callbacks/v1/dl-7f3a\",", "");
        List<String> errors = ExchangeChecks.errors(exchange(body, 201, location(), T8Examples.representation(URI + "/1"), null));
        assertFalse(errors.isEmpty());
        assertTrue(errors.get(0).contains("notificationDestination"), errors.get(0));
    }

    @Test
    void a201WithoutLocationIsRejectedUnlessStagedOnPurpose() {
        String body = T8Examples.representation(URI + "/1");
        assertFalse(ExchangeChecks.errors(exchange(T8Examples.SUBSCRIPTION_JSON, 201, JSON, body, null)).isEmpty());
        assertEquals(List.of(), ExchangeChecks.errors(exchange(T8Examples.SUBSCRIPTION_JSON, 201, JSON, body, "missing-location")));
        assertEquals(List.of(), ExchangeChecks.errors(exchange(T8Examples.SUBSCRIPTION_JSON, 201, location(), body, null)));
    }

    @Test
    void aStagedFaultDoesNotExcuseTheAfsRequest() {
        String badRequest = T8Examples.SUBSCRIPTION_JSON.replace("\"sd\":\"000001\"", "\"sd\":\"1\"");
        assertFalse(ExchangeChecks.errors(exchange(badRequest, 201, location(), "{", "malformed-json")).isEmpty());
    }

    @Test
    void aSubscriptionTheAfDidNotKeepIsReported() throws Exception {
        String path = WireMockNef.sub("orphan");
        nef.server().stubFor(post(WireMockNef.COLLECTION).withMetadata(creates(path))
                .willReturn(created(nef.uri(path).toString(), T8Examples.representation(nef.uri(path).toString()))));

        // The untracked client: the AF "forgets" what it created.
        Await.result(nef.client().unwrap().create(T8Examples.subscription()));

        assertEquals(Set.of(path), nef.forgotten());
        nef.acknowledge(path); // so that this test's own after-check passes
        assertEquals(Set.of(), nef.forgotten());
    }

    private static Map<String, List<String>> location() {
        return Map.of("Content-Type", List.of("application/json"), "Location", List.of(URI + "/1"));
    }
}
