package io.modelqos.security;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.modelqos.nef.emulator.NefEmulator;
import io.modelqos.nef.emulator.NotificationOptions;
import io.modelqos.nef.emulator.OAuth2Options;
import io.modelqos.testing.EventLoopGuard;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verifies that no secret reaches the log, at any level of the AF's loggers, across a full flow that uses every one of
 * them: API keys and the NEF callback token read from files, JWTs (accepted and refused), the NEF client secret read
 * from a file and the access tokens the NEF's token endpoint issues, the AI/ML server's notification token, the
 * metrics token read from a file (scrapes accepted and refused), and the secret last segment of the callback URL the
 * NEF is given; and the NEF's static tokens, from a file rotated mid-flow and as a constant the NEF refuses.
 */
class SecretsNotLoggedTest {
    private static final String KEY_A = "secret-api-key-a-7f3e9c1d2b4a";
    private static final String KEY_B = "secret-api-key-b-0a9b8c7d6e5f";
    private static final String NEF_SECRET = "nef-client-secret-5d4c3b2a1f0e";
    private static final String CALLBACK_TOKEN = "nef-callback-token-9e8d7c6b5a49";
    private static final String WEBHOOK_TOKEN = "webhook-token-1a2b3c4d5e6f7081";
    private static final String METRICS_TOKEN = "metrics-token-8a7b6c5d4e3f2019";

    @TempDir
    Path dir;

    @Test
    void aFullFlowLogsNoSecret() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        Logger af = (Logger) LoggerFactory.getLogger("io.modelqos");
        Level rootBefore = root.getLevel();
        Level afBefore = af.getLevel();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        root.setLevel(Level.INFO);
        af.setLevel(Level.ALL);
        Vertx vertx = EventLoopGuard.vertx();
        List<String> secrets = new ArrayList<>(List.of(KEY_A, KEY_B, NEF_SECRET, CALLBACK_TOKEN, WEBHOOK_TOKEN,
                METRICS_TOKEN));
        try (Issuer issuer = new Issuer(vertx, "https://idp.secrets.test")) {
            Files.writeString(dir.resolve("api-keys"), "tenant-a:" + KEY_A + "\ntenant-b:" + KEY_B + "\n");
            Files.writeString(dir.resolve("nef-secret"), NEF_SECRET + "\n");
            Files.writeString(dir.resolve("callback-token"), CALLBACK_TOKEN);
            Files.writeString(dir.resolve("metrics-token"), METRICS_TOKEN + "\n");
            Relay nefRelay = Relay.start(vertx, new HttpServerOptions(), new WebClientOptions(), Map.of());
            Relay callbackRelay = Relay.start(vertx, new HttpServerOptions(), new WebClientOptions(),
                    Map.of("Authorization", "Bearer " + CALLBACK_TOKEN));
            String nefRoot = "http://127.0.0.1:" + nefRelay.port();
            NefEmulator emulator = SecureAf.await(NefEmulator.start(vertx, SecureAf.emulatorOptions().setApiRoot(nefRoot)
                    .setNotifications(new NotificationOptions().setAllocationDelayMs(10).setMonitoringPeriodMs(100))
                    .setOauth2(new OAuth2Options().setEnabled(true).setTokenTtlSeconds(2).addClient("modelqos-af", NEF_SECRET))));
            nefRelay.target("http://127.0.0.1:" + emulator.port());
            List<String> webhookAuthorizations = new CopyOnWriteArrayList<>();
            HttpServer webhook = vertx.createHttpServer().requestHandler(req -> {
                webhookAuthorizations.add(String.valueOf(req.getHeader("Authorization")));
                req.response().setStatusCode(204).end();
            }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

            try (SecureAf env = SecureAf.start(vertx, emulator, nefRoot, Map.of(
                    "nef.tokenUrl", nefRoot + "/oauth2/token",
                    "nef.clientId", "modelqos-af",
                    "auth.jwt.issuer", issuer.issuer,
                    "auth.jwt.jwksUri", issuer.jwksUri(),
                    "auth.jwt.audience", Issuer.AUDIENCE,
                    "callbackBaseUri", "http://127.0.0.1:" + callbackRelay.port()), Map.of(
                    "MODELQOS_API_KEYS_FILE", dir.resolve("api-keys").toString(),
                    "MODELQOS_NEF_CLIENT_SECRET_FILE", dir.resolve("nef-secret").toString(),
                    "MODELQOS_CALLBACK_TOKEN_FILE", dir.resolve("callback-token").toString(),
                    "MODELQOS_METRICS_TOKEN_FILE", dir.resolve("metrics-token").toString()), null, false)) {
                callbackRelay.target("http://127.0.0.1:" + env.af.callbackPort());

                JsonObject body = SecureAf.validBody("10.45.5.1").put("notificationUri",
                        "http://127.0.0.1:" + webhook.actualPort() + "/events").put("notificationToken", WEBHOOK_TOKEN);
                HttpResponse<String> created = env.call("POST", "deliveries", KEY_A, body.encode(), "Idempotency-Key", "k1");
                assertEquals(201, created.statusCode(), created.body());
                String id = new JsonObject(created.body()).getString("deliveryId");
                // The callback URL's last segment is a capability too: whoever knows it can post events.
                assertEquals(1, emulator.liveSubscriptions(SecureAf.SCS_AS_ID).size());
                emulator.liveSubscriptions(SecureAf.SCS_AS_ID).forEach(sub -> {
                    String destination = sub.get("notificationDestination").asText();
                    secrets.add(destination.substring(destination.lastIndexOf('/') + 1));
                });
                assertEquals(201, env.call("POST", "deliveries", KEY_A, body.encode(), "Idempotency-Key", "k1").statusCode());
                assertEquals(409, env.call("POST", "deliveries", KEY_A, SecureAf.validBody("10.45.5.2").encode(),
                        "Idempotency-Key", "k1").statusCode());
                assertEquals(404, env.call("GET", "deliveries/" + id, KEY_B, null).statusCode());

                String scopes = "modelqos.deliveries.read modelqos.deliveries.write modelqos.deliveries.delete";
                String jwt = issuer.token("rsa-1", issuer.claims("tenant-jwt", scopes));
                String readOnly = issuer.token("ec-1", issuer.claims("tenant-jwt", "modelqos.deliveries.read"));
                String expired = issuer.token("rsa-1", issuer.claims("tenant-jwt", scopes)
                        .put("exp", Instant.now().getEpochSecond() - 600));
                secrets.addAll(List.of(jwt, readOnly, expired));
                for (String token : List.of(jwt, readOnly, expired)) {
                    secrets.add(token.substring(token.lastIndexOf('.') + 1)); // the signature alone
                }
                assertEquals(200, env.call("GET", "deliveries", jwt, null).statusCode());
                assertEquals(403, env.call("POST", "deliveries", readOnly, body.encode()).statusCode());
                assertEquals(401, env.call("GET", "deliveries", expired, null).statusCode());
                assertEquals(401, env.call("GET", "deliveries", KEY_A + "-wrong", null).statusCode());
                assertEquals(401, env.call("GET", "deliveries", null, null, "Authorization", "Basic " + KEY_B).statusCode());

                assertEquals(200, env.call("GET", "/metrics", METRICS_TOKEN, null).statusCode());
                assertEquals(401, env.call("GET", "/metrics", METRICS_TOKEN + "-wrong", null).statusCode());
                assertEquals(401, env.call("GET", "/metrics", KEY_A, null).statusCode());

                Thread.sleep(2500); // the NEF's 2-second access token expires: the AF fetches another
                HttpResponse<String> second = env.call("POST", "deliveries", jwt, SecureAf.validBody("10.45.5.3").encode());
                assertEquals(201, second.statusCode(), second.body());
                assertEquals(200, env.call("DELETE", "deliveries/" + new JsonObject(second.body()).getString("deliveryId"),
                        jwt, null).statusCode());
                assertEquals(200, env.call("DELETE", "deliveries/" + id, KEY_A, null).statusCode());
                long deadline = System.currentTimeMillis() + 5_000;
                while (!webhookAuthorizations.contains("Bearer " + WEBHOOK_TOKEN) && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                }
                assertTrue(webhookAuthorizations.contains("Bearer " + WEBHOOK_TOKEN), "the webhook got its token");
                assertTrue(callbackRelay.forwarded.get() > 0, "the NEF's notifications reached the AF with the token");
            }
            List<String> nefTokens = nefRelay.authorizations.stream().filter(a -> a.startsWith("Bearer "))
                    .map(a -> a.substring(7)).toList();
            assertTrue(nefTokens.size() >= 2, "the AF used at least two NEF access tokens: " + nefTokens.size());
            secrets.addAll(nefTokens);
            nefRelay.close();
            callbackRelay.close();
            SecureAf.await(emulator.close());
        } finally {
            root.detachAppender(logs);
            root.setLevel(rootBefore);
            af.setLevel(afBefore);
            SecureAf.await(vertx.close());
        }

        assertTrue(logs.list.size() > 20, "the flow was logged: " + logs.list.size() + " events");
        assertTrue(logs.list.stream().anyMatch(e -> e.getLevel() == Level.DEBUG), "DEBUG events were captured too");
        for (ILoggingEvent event : logs.list) {
            String text = event.getLoggerName() + " " + event.getFormattedMessage() + " " + event.getMDCPropertyMap()
                    + throwableText(event.getThrowableProxy());
            for (String secret : secrets) {
                assertFalse(text.contains(secret), "a secret (" + secret.substring(0, 6) + "...) in the log: " + text);
            }
        }
    }

    @Test
    void theNefsStaticTokensAreNeverLoggedThroughRotationAndRefusal() throws Exception {
        String rotatedOut = "nef-static-token-1-3c2b1a09f8e7";
        String rotatedIn = "nef-static-token-2-6d5c4b3a2918";
        String refused = "nef-static-token-3-9f8e7d6c5b4a";
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        Logger af = (Logger) LoggerFactory.getLogger("io.modelqos");
        Level rootBefore = root.getLevel();
        Level afBefore = af.getLevel();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        root.setLevel(Level.INFO);
        af.setLevel(Level.ALL);
        Vertx vertx = EventLoopGuard.vertx();
        try {
            Path tokenFile = dir.resolve("nef-token");
            Files.writeString(tokenFile, rotatedOut + "\n");
            Relay nefRelay = Relay.start(vertx, new HttpServerOptions(), new WebClientOptions(), Map.of());
            String nefRoot = "http://127.0.0.1:" + nefRelay.port();
            NefEmulator emulator = SecureAf.await(NefEmulator.start(vertx, SecureAf.emulatorOptions().setApiRoot(nefRoot)));
            nefRelay.target("http://127.0.0.1:" + emulator.port());
            try (SecureAf env = SecureAf.start(vertx, emulator, nefRoot, Map.of(), Map.of(
                    "MODELQOS_NEF_TOKEN_FILE", tokenFile.toString()), null, false)) {
                assertEquals(201, env.call("POST", "deliveries", null, SecureAf.validBody("10.45.6.1").encode()).statusCode());
                Path next = dir.resolve("nef-token.next");
                Files.writeString(next, rotatedIn);
                Files.move(next, tokenFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                nefRelay.refused.add("Bearer " + rotatedOut);
                HttpResponse<String> second = env.call("POST", "deliveries", null, SecureAf.validBody("10.45.6.2").encode());
                assertEquals(201, second.statusCode(), second.body());
            }
            nefRelay.refused.add("Bearer " + refused);
            try (SecureAf env = SecureAf.start(vertx, emulator, nefRoot, Map.of(), Map.of("MODELQOS_NEF_TOKEN", refused),
                    null, false)) {
                // The NEF refused the AF's credentials: a failure of the peer (503), not a refusal of the QoS (422).
                assertEquals(503, env.call("POST", "deliveries", null, SecureAf.validBody("10.45.6.3").encode()).statusCode(),
                        "refused by the NEF");
            }
            assertTrue(nefRelay.authorizations.contains("Bearer " + rotatedIn), "the rotated token crossed");
            nefRelay.close();
            SecureAf.await(emulator.close());
        } finally {
            root.detachAppender(logs);
            root.setLevel(rootBefore);
            af.setLevel(afBefore);
            SecureAf.await(vertx.close());
        }

        assertTrue(logs.list.stream().anyMatch(e -> e.getFormattedMessage().contains("changed: using the token")),
                "the rotation was logged");
        for (ILoggingEvent event : logs.list) {
            String text = event.getLoggerName() + " " + event.getFormattedMessage() + " " + event.getMDCPropertyMap()
                    + throwableText(event.getThrowableProxy());
            for (String secret : List.of(rotatedOut, rotatedIn, refused)) {
                assertFalse(text.contains(secret), "a NEF token (" + secret.substring(0, 18) + "...) in the log: " + text);
            }
        }
    }

    private static String throwableText(IThrowableProxy proxy) {
        StringBuilder sb = new StringBuilder();
        while (proxy != null) {
            sb.append(' ').append(proxy.getClassName()).append(": ").append(proxy.getMessage());
            proxy = proxy.getCause();
        }
        return sb.toString();
    }
}
