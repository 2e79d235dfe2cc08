package io.modelqos.conformance.nef;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import java.util.LinkedHashMap;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

/** Answers of the WireMock NEF, and the metadata that tells {@link WireMockNef} what a stub did. */
final class NefStubs {

    static final String CREATES = "creates";
    static final String DELETES = "deletes";
    static final String FAULT = "fault";
    static final String JSON = "application/json";
    static final String PROBLEM_JSON = "application/problem+json";

    private NefStubs() {
    }

    /** Metadata: serving this stub makes the subscription at {@code path} exist at the NEF. */
    static Map<String, Object> creates(String path) {
        return Map.of(CREATES, path);
    }

    /** Metadata: serving this stub removes the subscription at {@code path}. */
    static Map<String, Object> deletes(String path) {
        return Map.of(DELETES, path);
    }

    /** Metadata: this stub's answer is a deliberate fault, e.g. {@code malformed-json}, {@code slow}. */
    static Map<String, Object> fault(String name) {
        return Map.of(FAULT, name);
    }

    @SafeVarargs
    static Map<String, Object> meta(Map<String, Object>... parts) {
        Map<String, Object> all = new LinkedHashMap<>();
        for (Map<String, Object> part : parts) {
            all.putAll(part);
        }
        return all;
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", JSON).withBody(body);
    }

    static ResponseDefinitionBuilder created(String location, String body) {
        return json(201, body).withHeader("Location", location);
    }

    static ResponseDefinitionBuilder problem(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", PROBLEM_JSON).withBody(body);
    }

    static ResponseDefinitionBuilder noContent() {
        return aResponse().withStatus(204);
    }

    static ResponseDefinitionBuilder redirect(int status, String location) {
        return aResponse().withStatus(status).withHeader("Location", location);
    }
}
