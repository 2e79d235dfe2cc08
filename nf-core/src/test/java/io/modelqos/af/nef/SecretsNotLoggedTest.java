package io.modelqos.af.nef;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.modelqos.openapi.t8.model.AsSessionWithQoSSubscription;
import io.modelqos.testing.Await;
import io.modelqos.testing.EventLoopGuard;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verifies that neither the client secret nor an access token reaches the logs, at any level, and that the
 * AF's unguessable callback URI appears only shortened.
 */
class SecretsNotLoggedTest {

    private static final String SECRET = "the-client-secret";
    private static final List<String> TOKENS = List.of("tok-AAAA-first", "tok-BBBB-second");

    private WireMockNef nef;
    private Vertx vertx;
    private ListAppender<ILoggingEvent> captured;
    private Logger nefLogger;
    private Level levelBefore;

    @BeforeEach
    void capture() {
        nef = new WireMockNef();
        vertx = EventLoopGuard.vertx();
        nefLogger = (Logger) LoggerFactory.getLogger("io.modelqos.af.nef");
        levelBefore = nefLogger.getLevel();
        nefLogger.setLevel(Level.ALL);
        captured = new ListAppender<>();
        captured.start();
        nefLogger.addAppender(captured);
    }

    @AfterEach
    void release() {
        nefLogger.detachAppender(captured);
        nefLogger.setLevel(levelBefore);
        vertx.close();
        nef.close();
    }

    @Test
    void tokenFetchRefreshAndRefusalLogNoSecret() throws Exception {
        nef.inSequence(() -> post("/oauth2/token"), "tokens",
                okJson("{\"access_token\":\"" + TOKENS.get(0) + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}"),
                okJson("{\"access_token\":\"" + TOKENS.get(1) + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}"),
                aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"invalid_client\",\"error_description\":\"secret " + SECRET + " is wrong\"}"));
        nef.server.stubFor(get(WireMockNef.SUB).withHeader("Authorization", equalTo("Bearer " + TOKENS.get(0)))
                .willReturn(aResponse().withStatus(401)));
        nef.server.stubFor(get(WireMockNef.SUB).withHeader("Authorization", equalTo("Bearer " + TOKENS.get(1)))
                .willReturn(aResponse().withStatus(401)));
        var client = nef.client(vertx, 1000, 1000, true).build();

        Await.failure(client.read(nef.uri(WireMockNef.SUB)), NefProblemException.class);   // token 1, 401, token 2, 401
        Await.failure(client.create(new AsSessionWithQoSSubscription().notificationDestination("http://af/cb/1")),
                NefUnavailableException.class);                                         // token 2 invalidated; refusal

        assertTrue(captured.list.stream().anyMatch(e -> e.getFormattedMessage().contains("401")),
                "the 401 was logged: " + messages());
        assertTrue(captured.list.stream().anyMatch(e -> e.getFormattedMessage().contains("invalid_client")),
                "the refusal was logged: " + messages());
        for (ILoggingEvent event : captured.list) {
            String text = event.getFormattedMessage() + throwableText(event.getThrowableProxy());
            assertFalse(text.contains(SECRET), "secret logged: " + text);
            for (String token : TOKENS) {
                assertFalse(text.contains(token), "token logged: " + text);
            }
        }
    }

    @Test
    void theCallbackCapabilityIsLoggedOnlyShortened() throws Exception {
        String capability = "dl-7f3a-unguessable-5e1d";
        String destination = "https://af.example/nef-callbacks/v1/" + capability;
        nef.server.stubFor(post(WireMockNef.COLLECTION).willReturn(aResponse()
                .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
        nef.server.stubFor(get(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(WireMockNef.COLLECTION))
                .willReturn(aResponse().withStatus(500)));
        var client = nef.client(vertx, 1000, 1000, false).build();

        NefUnavailableException e = Await.failure(client.create(new AsSessionWithQoSSubscription()
                .notificationDestination(destination).ueIpv4Addr("10.45.0.2")), NefUnavailableException.class);

        assertTrue(e.notificationDestination().orElseThrow().equals(destination), "the caller gets it whole");
        assertTrue(captured.list.stream().anyMatch(ev -> ev.getFormattedMessage().contains("v1/…5e1d")),
                "the shortened form was logged: " + messages());
        for (ILoggingEvent event : captured.list) {
            String text = event.getFormattedMessage() + throwableText(event.getThrowableProxy());
            assertFalse(text.contains(capability), "callback capability logged: " + text);
        }
        assertFalse(e.getMessage().contains(capability), e.getMessage());
    }

    @Test
    void shortensDestinations() {
        assertTrue(LogSafe.destination("https://af.example/cb/v1/abcdefghij?x=1").equals("https://af.example/cb/v1/…ghij"));
        assertTrue(LogSafe.destination("https://af.example/cb/short").equals("https://af.example/cb/…"));
        assertTrue(LogSafe.destination(null).equals("null"));
    }

    private List<String> messages() {
        return captured.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static String throwableText(IThrowableProxy proxy) {
        StringBuilder s = new StringBuilder();
        for (IThrowableProxy p = proxy; p != null; p = p.getCause()) {
            s.append(' ').append(p.getClassName()).append(": ").append(p.getMessage());
            for (IThrowableProxy suppressed : p.getSuppressed()) {
                s.append(throwableText(suppressed));
            }
        }
        return s.toString();
    }
}
