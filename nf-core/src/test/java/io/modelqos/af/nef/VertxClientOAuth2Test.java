package io.modelqos.af.nef;

import io.modelqos.testing.Await;
import io.modelqos.testing.EventLoopGuard;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Verifies the bearer token on NEF calls, the single refresh after a 401, and a missing token. */
class VertxClientOAuth2Test {

    private static final String SUBSCRIPTION = "{\"self\":\"x\",\"notificationDestination\":\"http://af/cb/1\"}";
    private static WireMockNef nef;
    private static Vertx vertx;

    @BeforeAll
    static void start() {
        nef = new WireMockNef();
        vertx = EventLoopGuard.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close();
        nef.close();
    }

    @BeforeEach
    void reset() {
        nef.server.resetAll();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder token(String value) {
        return okJson("{\"access_token\":\"" + value + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
    }

    @Test
    void everyCallCarriesTheCachedToken() throws Exception {
        nef.server.stubFor(post("/oauth2/token").willReturn(token("tok-1")));
        nef.server.stubFor(get(WireMockNef.SUB).willReturn(okJson(SUBSCRIPTION)));
        var client = nef.client(vertx, 1000, 1000, true).build();
        Await.result(client.read(nef.uri(WireMockNef.SUB)));
        Await.result(client.read(nef.uri(WireMockNef.SUB)));
        nef.server.verify(exactly(2), getRequestedFor(urlEqualTo(WireMockNef.SUB))
                .withHeader("Authorization", equalTo("Bearer tok-1")));
        nef.server.verify(exactly(1), postRequestedFor(urlEqualTo("/oauth2/token")));
    }

    @Test
    void a401FetchesANewTokenAndRepeatsTheCallOnce() throws Exception {
        nef.inSequence(() -> post("/oauth2/token"), "tokens", token("tok-1"), token("tok-2"));
        nef.server.stubFor(get(WireMockNef.SUB).withHeader("Authorization", equalTo("Bearer tok-1"))
                .willReturn(aResponse().withStatus(401)));
        nef.server.stubFor(get(WireMockNef.SUB).withHeader("Authorization", equalTo("Bearer tok-2"))
                .willReturn(okJson(SUBSCRIPTION)));
        var client = nef.client(vertx, 1000, 1000, true).build();
        Await.result(client.read(nef.uri(WireMockNef.SUB)));
        nef.server.verify(exactly(2), postRequestedFor(urlEqualTo("/oauth2/token")));
        nef.server.verify(exactly(2), getRequestedFor(urlEqualTo(WireMockNef.SUB)));
    }

    @Test
    void aSecond401IsTheAnswer() throws Exception {
        nef.server.stubFor(post("/oauth2/token").willReturn(token("tok-1")));
        nef.server.stubFor(get(WireMockNef.SUB).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"status\":401,\"cause\":\"TOKEN_EXPIRED\"}")));
        var client = nef.client(vertx, 1000, 1000, true).build();
        NefProblemException e = Await.failure(client.read(nef.uri(WireMockNef.SUB)), NefProblemException.class);
        assertEquals(401, e.status());
        assertEquals("TOKEN_EXPIRED", e.problemCause().orElseThrow());
        nef.server.verify(exactly(2), postRequestedFor(urlEqualTo("/oauth2/token")));
        nef.server.verify(exactly(2), getRequestedFor(urlEqualTo(WireMockNef.SUB)));
    }

    @Test
    void withoutATokenTheNefIsNotCalled() throws Exception {
        nef.server.stubFor(post("/oauth2/token").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"invalid_client\"}")));
        var client = nef.client(vertx, 1000, 1000, true).build();
        NefUnavailableException e = Await.failure(client.read(nef.uri(WireMockNef.SUB)), NefUnavailableException.class);
        assertEquals(NefUnavailableException.Reason.NO_TOKEN, e.reason());
        nef.server.verify(exactly(0), getRequestedFor(urlEqualTo(WireMockNef.SUB)));
    }
}
