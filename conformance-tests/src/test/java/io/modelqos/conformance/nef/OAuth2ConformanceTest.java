package io.modelqos.conformance.nef;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.modelqos.openapi.T8Json;
import io.modelqos.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.modelqos.conformance.nef.AfRequests.bearer;
import static io.modelqos.conformance.nef.NefStubs.created;
import static io.modelqos.conformance.nef.NefStubs.creates;
import static io.modelqos.conformance.nef.NefStubs.deletes;
import static io.modelqos.conformance.nef.NefStubs.json;
import static io.modelqos.conformance.nef.NefStubs.noContent;
import static io.modelqos.conformance.nef.NefStubs.problem;

/**
 * With OAuth2 on ({@code oAuth2ClientCredentials}): one client-credentials token request, the token as
 * {@code Authorization: Bearer} on every operation, and after a 401 one new token and one repeated request.
 */
class OAuth2ConformanceTest {

    @RegisterExtension
    static final WireMockNef nef = new WireMockNef();

    private static final String PATH = WireMockNef.sub("sub-1");

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder token(String value) {
        return okJson("{\"access_token\":\"" + value + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
    }

    @Test
    void everyOperationCarriesTheBearerToken() throws Exception {
        String self = nef.uri(PATH).toString();
        nef.server().stubFor(post(WireMockNef.TOKEN_PATH).willReturn(token("tok-1")));
        nef.server().stubFor(post(WireMockNef.COLLECTION).withMetadata(creates(PATH))
                .willReturn(created(self, T8Examples.representation(self))));
        nef.server().stubFor(get(PATH).willReturn(json(200, T8Examples.representation(self))));
        nef.server().stubFor(get(urlEqualTo(WireMockNef.COLLECTION + "?" + T8Examples.IP_ADDRS_QUERY))
                .willReturn(json(200, "[" + T8Examples.representation(self) + "]")));
        nef.server().stubFor(put(PATH).willReturn(noContent()));
        nef.server().stubFor(patch(urlEqualTo(PATH)).willReturn(noContent()));
        nef.server().stubFor(delete(PATH).withMetadata(deletes(PATH)).willReturn(noContent()));
        TrackingClient client = nef.client(3_000, 2_000, true);
        ObjectNode mergePatch = T8Json.mapper().createObjectNode().put("qosReference", "modelqos-dl-25m");

        Await.result(client.create(T8Examples.subscription()));
        Await.result(client.read(nef.uri(PATH)));
        Await.result(client.list(Optional.of(T8Examples.UE_IPV4)));
        Await.result(client.replace(nef.uri(PATH), T8Examples.subscription()));
        Await.result(client.modify(nef.uri(PATH), mergePatch));
        Await.result(client.delete(nef.uri(PATH)));

        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (WireMockNef.CLIENT_ID + ":" + WireMockNef.CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        nef.server().verify(exactly(1), postRequestedFor(urlEqualTo(WireMockNef.TOKEN_PATH))
                .withHeader("Authorization", equalTo(basic))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withRequestBody(equalTo("grant_type=client_credentials")));
        nef.server().verify(exactly(1), bearer(AfRequests.create(), "tok-1"));
        nef.server().verify(exactly(1), bearer(AfRequests.read(PATH), "tok-1"));
        nef.server().verify(exactly(1), bearer(AfRequests.list(T8Examples.IP_ADDRS_QUERY), "tok-1"));
        nef.server().verify(exactly(1), bearer(AfRequests.replace(PATH, T8Examples.SUBSCRIPTION_JSON), "tok-1"));
        nef.server().verify(exactly(1), bearer(AfRequests.modify(PATH, "{\"qosReference\":\"modelqos-dl-25m\"}"), "tok-1"));
        nef.server().verify(exactly(1), bearer(AfRequests.delete(PATH), "tok-1"));
    }

    @Test
    void a401GetsOneNewTokenAndOneRepeat() throws Exception {
        nef.server().stubFor(post(WireMockNef.TOKEN_PATH).inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("second").willReturn(token("tok-1")));
        nef.server().stubFor(post(WireMockNef.TOKEN_PATH).inScenario("tokens").whenScenarioStateIs("second")
                .willReturn(token("tok-2")));
        nef.server().stubFor(get(PATH).withHeader("Authorization", equalTo("Bearer tok-1"))
                .willReturn(problem(401, T8Examples.problem(401))));
        nef.server().stubFor(get(PATH).withHeader("Authorization", equalTo("Bearer tok-2"))
                .willReturn(json(200, T8Examples.representation(nef.uri(PATH).toString()))));

        Await.result(nef.client(3_000, 2_000, true).read(nef.uri(PATH)));

        nef.server().verify(exactly(2), postRequestedFor(urlEqualTo(WireMockNef.TOKEN_PATH)));
        nef.server().verify(exactly(1), bearer(AfRequests.read(PATH), "tok-1"));
        nef.server().verify(exactly(1), bearer(AfRequests.read(PATH), "tok-2"));
    }

    @Test
    void theTokenEndpointIsNotAskedWithoutOAuth2() throws Exception {
        nef.server().stubFor(get(PATH).willReturn(json(200, T8Examples.representation(nef.uri(PATH).toString()))));

        Await.result(nef.client().read(nef.uri(PATH)));

        nef.server().verify(exactly(0), postRequestedFor(urlEqualTo(WireMockNef.TOKEN_PATH)));
        nef.server().verify(exactly(1), AfRequests.read(PATH));
    }
}
