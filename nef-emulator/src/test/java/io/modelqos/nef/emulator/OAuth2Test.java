package io.modelqos.nef.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Verifies the OAuth 2.0 client-credentials token endpoint and that, when it is enabled, the
 * AsSessionWithQoS API takes only valid unexpired bearer tokens.
 */
class OAuth2Test {

    private static Vertx vertx;
    private static NefEmulator nef;
    private static String tokenUri;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        EmulatorOptions options = new EmulatorOptions();
        options.getOauth2().setEnabled(true).setTokenTtlSeconds(1).addClient("modelqos-af", "s3cret");
        nef = NefEmulator.start(vertx, options).await();
        tokenUri = nef.apiRoot() + "/oauth2/token";
    }

    @AfterAll
    static void stop() {
        nef.close().await();
        vertx.close().await();
    }

    @Test
    void tokenIsIssuedForFormCredentials() throws Exception {
        T8Client.Response r = new T8Client(nef.apiRoot())
                .form(tokenUri, "grant_type=client_credentials&client_id=modelqos-af&client_secret=s3cret", null);

        assertEquals(200, r.status(), r.raw().body());
        assertEquals("Bearer", r.body().get("token_type").asText());
        assertEquals(1, r.body().get("expires_in").asInt());
        assertTrue(r.body().get("access_token").asText().length() >= 32);
        assertEquals("no-store", r.header("Cache-Control").orElseThrow());
    }

    @Test
    void tokenIsIssuedForHttpBasicCredentials() throws Exception {
        String basic = Base64.getEncoder().encodeToString("modelqos-af:s3cret".getBytes(StandardCharsets.UTF_8));

        T8Client.Response r = new T8Client(nef.apiRoot()).form(tokenUri, "grant_type=client_credentials", basic);

        assertEquals(200, r.status(), r.raw().body());
    }

    @Test
    void wrongSecretAndOtherGrantsAreRefused() throws Exception {
        T8Client client = new T8Client(nef.apiRoot());

        T8Client.Response wrong = client.form(tokenUri, "grant_type=client_credentials&client_id=modelqos-af&client_secret=nope", null);
        T8Client.Response password = client.form(tokenUri, "grant_type=password&client_id=modelqos-af&client_secret=s3cret", null);

        assertEquals(401, wrong.status());
        assertEquals("invalid_client", wrong.body().get("error").asText());
        assertEquals(400, password.status());
        assertEquals("unsupported_grant_type", password.body().get("error").asText());
    }

    @Test
    void apiNeedsAValidUnexpiredBearerToken() throws Exception {
        String token = new T8Client(nef.apiRoot())
                .form(tokenUri, "grant_type=client_credentials&client_id=modelqos-af&client_secret=s3cret", null)
                .body().get("access_token").asText();
        var sub = T8Client.subscription("http://127.0.0.1:9/cb", "10.90.0.1", "mq-gbr-50M");

        T8Client.Response none = new T8Client(nef.apiRoot()).create("af-auth", sub);
        T8Client.Response bogus = new T8Client(nef.apiRoot()).bearer("not-a-token").create("af-auth", sub);
        T8Client.Response valid = new T8Client(nef.apiRoot()).bearer(token).create("af-auth", sub);
        Thread.sleep(1100);
        T8Client.Response expired = new T8Client(nef.apiRoot()).bearer(token).list("af-auth");

        assertEquals(401, none.status());
        assertEquals("application/problem+json", none.header("Content-Type").orElseThrow());
        assertTrue(none.header("WWW-Authenticate").orElseThrow().startsWith("Bearer"));
        assertEquals(401, bogus.status());
        assertEquals(201, valid.status(), valid.raw().body());
        assertEquals(401, expired.status());
        assertFalse(expired.raw().body().contains(token), "tokens are not echoed");
        assertEquals(1, nef.liveSubscriptionCount(), "only the authorized create happened");
    }
}
