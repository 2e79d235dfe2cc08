package io.modelqos.af.nef;

import io.modelqos.openapi.t8.model.AsSessionWithQoSSubscription;
import io.modelqos.testing.Await;
import io.modelqos.testing.EventLoopGuard;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Verifies which redirects the client follows, how, and how far. */
class VertxClientRedirectTest {

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

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder redirect(int status, String location) {
        return aResponse().withStatus(status).withHeader("Location", location);
    }

    @Test
    void followsUpToThreeRedirectsOfARead() throws Exception {
        nef.server.stubFor(get(WireMockNef.SUB).willReturn(redirect(307, "/a" + WireMockNef.SUB)));
        nef.server.stubFor(get("/a" + WireMockNef.SUB).willReturn(redirect(308, nef.uri("/b" + WireMockNef.SUB).toString())));
        nef.server.stubFor(get("/b" + WireMockNef.SUB).willReturn(redirect(307, "/c" + WireMockNef.SUB)));
        nef.server.stubFor(get("/c" + WireMockNef.SUB).willReturn(okJson(SUBSCRIPTION)));
        var client = nef.client(vertx, 1000, 1000, false).build();
        assertEquals("http://af/cb/1", Await.result(client.read(nef.uri(WireMockNef.SUB))).getNotificationDestination());
        nef.server.verify(exactly(1), getRequestedFor(urlEqualTo("/c" + WireMockNef.SUB)));
    }

    @Test
    void aFourthRedirectIsAnError() throws Exception {
        nef.server.stubFor(get(urlPathMatching(".*")).willReturn(redirect(307, WireMockNef.SUB)));
        var client = nef.client(vertx, 1000, 1000, false).build();
        NefProtocolException e = Await.failure(client.read(nef.uri(WireMockNef.SUB)), NefProtocolException.class);
        assertEquals(307, e.status());
        assertFalse(e.succeededAtNef());
        nef.server.verify(exactly(4), getRequestedFor(urlEqualTo(WireMockNef.SUB)));
    }

    @Test
    void aReplaceIsResentWithItsMethodAndBody() throws Exception {
        nef.server.stubFor(put(WireMockNef.SUB).willReturn(redirect(308, "/b" + WireMockNef.SUB)));
        nef.server.stubFor(put("/b" + WireMockNef.SUB).willReturn(aResponse().withStatus(204)));
        var client = nef.client(vertx, 1000, 1000, false).build();
        var body = new AsSessionWithQoSSubscription().notificationDestination("http://af/cb/1").qosReference("q1");
        assertTrue(Await.result(client.replace(nef.uri(WireMockNef.SUB), body)).isEmpty());
        nef.server.verify(exactly(1), putRequestedFor(urlEqualTo("/b" + WireMockNef.SUB))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"notificationDestination\":\"http://af/cb/1\",\"qosReference\":\"q1\"}")));
    }

    @Test
    void aRedirectOfACreateIsNotFollowed() throws Exception {
        nef.server.stubFor(post(WireMockNef.COLLECTION).willReturn(redirect(307, "/b" + WireMockNef.COLLECTION)));
        var client = nef.client(vertx, 1000, 1000, false).build();
        var body = new AsSessionWithQoSSubscription().notificationDestination("http://af/cb/1").qosReference("q1");
        NefProtocolException e = Await.failure(client.create(body), NefProtocolException.class);
        assertEquals(307, e.status());
        assertEquals(NefOperation.CREATE, e.operation());
        nef.server.verify(exactly(1), postRequestedFor(urlPathMatching(".*")));
    }

    @Test
    void aRedirectWithoutLocationIsAnError() throws Exception {
        nef.server.stubFor(get(WireMockNef.SUB).willReturn(aResponse().withStatus(307)));
        var client = nef.client(vertx, 1000, 1000, false).build();
        NefProtocolException e = Await.failure(client.read(nef.uri(WireMockNef.SUB)), NefProtocolException.class);
        assertTrue(e.getMessage().contains("Location"), e.getMessage());
    }
}
