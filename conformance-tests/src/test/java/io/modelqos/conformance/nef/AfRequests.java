package io.modelqos.conformance.nef;

import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.http.RequestMethod;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * The exact requests the AF must send, as WireMock patterns: method, path and query, {@code Accept},
 * {@code Content-Type} (application/json, or application/merge-patch+json for PATCH), the body compared as JSON
 * with nothing extra allowed, and {@code Authorization} absent unless OAuth2 is on.
 */
final class AfRequests {

    static final String ACCEPT = "application/json, application/problem+json";
    static final String MERGE_PATCH = "application/merge-patch+json";

    private AfRequests() {
    }

    static RequestPatternBuilder create() {
        return withBody(RequestMethod.POST, WireMockNef.COLLECTION, NefStubs.JSON, T8Examples.SUBSCRIPTION_JSON);
    }

    static RequestPatternBuilder read(String path) {
        return withoutBody(RequestMethod.GET, path);
    }

    /** GET on the collection; {@code query} without the "?", or null. */
    static RequestPatternBuilder list(String query) {
        return withoutBody(RequestMethod.GET, WireMockNef.COLLECTION + (query == null ? "" : "?" + query));
    }

    static RequestPatternBuilder replace(String path, String json) {
        return withBody(RequestMethod.PUT, path, NefStubs.JSON, json);
    }

    static RequestPatternBuilder modify(String path, String json) {
        return withBody(RequestMethod.PATCH, path, MERGE_PATCH, json);
    }

    static RequestPatternBuilder delete(String path) {
        return withoutBody(RequestMethod.DELETE, path);
    }

    /** {@code pattern} with {@code Authorization: Bearer token} instead of no Authorization. */
    static RequestPatternBuilder bearer(RequestPatternBuilder pattern, String token) {
        return pattern.withHeader("Authorization", equalTo("Bearer " + token));
    }

    private static RequestPatternBuilder withBody(RequestMethod method, String url, String contentType, String json) {
        return RequestPatternBuilder.newRequestPattern(method, urlEqualTo(url))
                .withHeader("Accept", equalTo(ACCEPT))
                .withHeader("Content-Type", equalTo(contentType))
                .withHeader("Authorization", absent())
                .withRequestBody(equalToJson(json, false, false));
    }

    private static RequestPatternBuilder withoutBody(RequestMethod method, String url) {
        return RequestPatternBuilder.newRequestPattern(method, urlEqualTo(url))
                .withHeader("Accept", equalTo(ACCEPT))
                .withHeader("Content-Type", absent())
                .withHeader("Authorization", absent());
    }
}
