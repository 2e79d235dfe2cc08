package io.modelqos.af.nef;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.modelqos.testing.Await;
import io.modelqos.testing.EventLoopGuard;
import io.modelqos.testing.MutableClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Verifies the client-credentials request, the token cache, shared fetches and invalidation. */
class OAuth2TokenSourceTest {

    private static final String SECRET = "s3cr=t&x";
    private static WireMockServer tokenServer;
    private static Vertx vertx;
    private static WebClient web;
    private MutableClock clock;

    @BeforeAll
    static void start() {
        tokenServer = new WireMockServer(options().dynamicPort());
        tokenServer.start();
        vertx = EventLoopGuard.vertx();
        web = WebClient.create(vertx);
    }

    @AfterAll
    static void stop() {
        web.close();
        vertx.close();
        tokenServer.stop();
    }

    @BeforeEach
    void reset() {
        tokenServer.resetAll();
        clock = new MutableClock(Instant.parse("2026-11-27T13:00:00Z"));
    }

    private OAuth2TokenSource source(OAuth2TokenSource.ClientAuthentication auth) {
        return new OAuth2TokenSource(web, URI.create(tokenServer.baseUrl() + "/oauth2/token"), "af client", SECRET,
                auth, 10_000, clock); // generous: these tests are not about the timeout, and CI machines stall
    }

    private static void tokenAnswers(String token, long expiresIn) {
        tokenServer.stubFor(post("/oauth2/token").willReturn(okJson(
                "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + "}")));
    }

    @Test
    void basicAuthenticationSendsFormEncodedCredentialsInTheHeader() throws Exception {
        tokenAnswers("t-1", 3600);
        assertEquals("t-1", Await.result(source(OAuth2TokenSource.ClientAuthentication.BASIC).token()));
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                "af+client:s3cr%3Dt%26x".getBytes(StandardCharsets.UTF_8));
        tokenServer.verify(exactly(1), postRequestedFor(urlEqualTo("/oauth2/token"))
                .withHeader("Authorization", equalTo(expected))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withRequestBody(equalTo("grant_type=client_credentials")));
    }

    @Test
    void formAuthenticationSendsCredentialsInTheBody() throws Exception {
        tokenAnswers("t-1", 3600);
        assertEquals("t-1", Await.result(source(OAuth2TokenSource.ClientAuthentication.FORM).token()));
        tokenServer.verify(exactly(1), postRequestedFor(urlEqualTo("/oauth2/token"))
                .withoutHeader("Authorization")
                .withRequestBody(containing("grant_type=client_credentials"))
                .withRequestBody(containing("client_id=af+client"))
                .withRequestBody(containing("client_secret=s3cr%3Dt%26x")));
    }

    @Test
    void cachesTheTokenUntilShortlyBeforeItExpires() throws Exception {
        tokenAnswers("t-1", 300); // refreshed 30 s early
        OAuth2TokenSource tokens = source(OAuth2TokenSource.ClientAuthentication.BASIC);
        assertEquals("t-1", Await.result(tokens.token()));
        clock.advance(Duration.ofSeconds(269));
        assertEquals("t-1", Await.result(tokens.token()));
        tokenServer.verify(exactly(1), postRequestedFor(urlEqualTo("/oauth2/token")));

        tokenAnswers("t-2", 300);
        clock.advance(Duration.ofSeconds(1));
        assertEquals("t-2", Await.result(tokens.token()));
        tokenServer.verify(exactly(2), postRequestedFor(urlEqualTo("/oauth2/token")));
    }

    @Test
    void shortLivedTokensAreRefreshedATenthOfTheirLifetimeEarly() throws Exception {
        tokenAnswers("t-1", 20);
        OAuth2TokenSource tokens = source(OAuth2TokenSource.ClientAuthentication.BASIC);
        Await.result(tokens.token());
        clock.advance(Duration.ofSeconds(17));
        Await.result(tokens.token());
        tokenServer.verify(exactly(1), postRequestedFor(urlEqualTo("/oauth2/token")));
        clock.advance(Duration.ofSeconds(1));
        Await.result(tokens.token());
        tokenServer.verify(exactly(2), postRequestedFor(urlEqualTo("/oauth2/token")));
    }

    @Test
    void withoutExpiresInTheTokenIsKeptForTheDefaultLifetime() throws Exception {
        tokenServer.stubFor(post("/oauth2/token").willReturn(okJson("{\"access_token\":\"t-1\",\"token_type\":\"bearer\"}")));
        OAuth2TokenSource tokens = source(OAuth2TokenSource.ClientAuthentication.BASIC);
        Await.result(tokens.token());
        clock.advance(Duration.ofSeconds(53));
        Await.result(tokens.token());
        tokenServer.verify(exactly(1), postRequestedFor(urlEqualTo("/oauth2/token")));
        clock.advance(Duration.ofSeconds(1));
        Await.result(tokens.token());
        tokenServer.verify(exactly(2), postRequestedFor(urlEqualTo("/oauth2/token")));
    }

    @Test
    void concurrentCallersShareOneFetch() throws Exception {
        tokenServer.stubFor(post("/oauth2/token").willReturn(okJson(
                "{\"access_token\":\"t-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}").withFixedDelay(300)));
        OAuth2TokenSource tokens = source(OAuth2TokenSource.ClientAuthentication.BASIC);
        List<Future<String>> callers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            callers.add(tokens.token());
        }
        for (Future<String> caller : callers) {
            assertEquals("t-1", Await.result(caller));
        }
        tokenServer.verify(exactly(1), postRequestedFor(urlEqualTo("/oauth2/token")));
    }

    @Test
    void invalidatingTheCachedTokenFetchesANewOne() throws Exception {
        tokenAnswers("t-1", 3600);
        OAuth2TokenSource tokens = source(OAuth2TokenSource.ClientAuthentication.BASIC);
        Await.result(tokens.token());
        tokens.invalidate("some-older-token");
        Await.result(tokens.token());
        tokenServer.verify(exactly(1), postRequestedFor(urlEqualTo("/oauth2/token")));

        tokenAnswers("t-2", 3600);
        tokens.invalidate("t-1");
        assertEquals("t-2", Await.result(tokens.token()));
        tokenServer.verify(exactly(2), postRequestedFor(urlEqualTo("/oauth2/token")));
    }

    @Test
    void refusalIsReportedWithTheOAuthErrorButNotTheSecret() throws Exception {
        tokenServer.stubFor(post("/oauth2/token").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_client\",\"error_description\":\"bad secret s3cr=t&x\"}")));
        OAuth2TokenException e = Await.failure(source(OAuth2TokenSource.ClientAuthentication.BASIC).token(),
                OAuth2TokenException.class);
        assertEquals(401, e.status());
        assertEquals("invalid_client", e.error().orElseThrow());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    }

    @Test
    void aFailedFetchIsNotCached() throws Exception {
        tokenServer.stubFor(post("/oauth2/token").willReturn(aResponse().withStatus(503)));
        OAuth2TokenSource tokens = source(OAuth2TokenSource.ClientAuthentication.BASIC);
        Await.failure(tokens.token(), OAuth2TokenException.class);
        tokenAnswers("t-1", 3600);
        assertEquals("t-1", Await.result(tokens.token()));
    }

    @Test
    void rejectsAnswersThatAreNotBearerTokens() throws Exception {
        tokenServer.stubFor(post("/oauth2/token").willReturn(okJson("{\"access_token\":\"t\",\"token_type\":\"mac\"}")));
        OAuth2TokenException notBearer = Await.failure(source(OAuth2TokenSource.ClientAuthentication.BASIC).token(),
                OAuth2TokenException.class);
        assertTrue(notBearer.getMessage().contains("mac"), notBearer.getMessage());

        tokenServer.stubFor(post("/oauth2/token").willReturn(okJson("{\"token_type\":\"Bearer\"}")));
        Await.failure(source(OAuth2TokenSource.ClientAuthentication.BASIC).token(), OAuth2TokenException.class);

        tokenServer.stubFor(post("/oauth2/token").willReturn(aResponse().withStatus(200).withBody("<html>")));
        Await.failure(source(OAuth2TokenSource.ClientAuthentication.BASIC).token(), OAuth2TokenException.class);
    }

    @Test
    void anUnreachableEndpointIsReported() throws Exception {
        OAuth2TokenSource tokens = new OAuth2TokenSource(web, URI.create("http://127.0.0.1:1/token"), "af", SECRET,
                OAuth2TokenSource.ClientAuthentication.BASIC, 2_000, clock);
        OAuth2TokenException e = Await.failure(tokens.token(), OAuth2TokenException.class);
        assertEquals(0, e.status());
    }
}
