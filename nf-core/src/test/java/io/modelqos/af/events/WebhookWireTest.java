package io.modelqos.af.events;

import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelqos.af.observe.AfMetrics;
import io.modelqos.af.security.DevCertificates;
import io.modelqos.af.security.TlsOptions;
import io.modelqos.af.security.TlsSetup;
import io.modelqos.testing.EventLoopGuard;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a webhook POST looks like on the wire, against real receivers: the request target and headers, one kept-alive
 * connection serving POST after POST whatever the answers carry, and an https webhook verified against the configured
 * trust (and given up, never sent in clear, when its certificate is not trusted).
 */
class WebhookWireTest {
    @TempDir
    Path dir;
    private Vertx vertx;
    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    private final List<JsonObject> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger refuseNext = new AtomicInteger();

    @BeforeEach
    void start() {
        vertx = EventLoopGuard.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aPostGoesToTheWebhooksPathAndQueryWithTheCloudEventHeaders() throws Exception {
        HttpServer receiver = receiver(new HttpServerOptions());
        WebhookDispatcher dispatcher = dispatcher(new HttpClientOptions(), 5);
        URI hook = URI.create("http://127.0.0.1:" + receiver.actualPort() + "/ai%20server/hook?tenant=a%26b&x=1");
        vertx.runOnContext(v -> {
            dispatcher.register("d-1", hook, "secret-token");
            dispatcher.accept(event("d-1", 1, EventType.QOS_GRANTED));
        });
        awaitAccepted(1);
        Map<String, String> request = requests.get(0);
        assertEquals("/ai%20server/hook?tenant=a%26b&x=1", request.get("uri"));
        assertEquals("POST", request.get("method"));
        assertEquals("127.0.0.1:" + receiver.actualPort(), request.get("host"));
        assertEquals(CloudEventCodec.CONTENT_TYPE, request.get("content-type"));
        assertEquals("e-1", request.get("ce-id"));
        assertEquals("Bearer secret-token", request.get("authorization"));
        assertEquals(WebhookDispatcher.USER_AGENT, request.get("user-agent"));
        assertEquals("d-1", accepted.get(0).getString("subject"));
    }

    /**
     * One connection in the pool, answers with bodies, refusals among them: every POST goes out on that connection in
     * turn (a connection kept by an answer would leave the next POST waiting until its timeout, and the events given up).
     */
    @Test
    void oneKeptAliveConnectionServesEveryPostWhateverTheAnswersCarry() throws Exception {
        HttpServer receiver = receiver(new HttpServerOptions());
        WebhookDispatcher dispatcher = dispatcher(new HttpClientOptions().setKeepAlive(true), 1);
        refuseNext.set(2);
        URI hook = URI.create("http://127.0.0.1:" + receiver.actualPort() + "/hook");
        vertx.runOnContext(v -> {
            dispatcher.register("d-1", hook, null);
            for (long sequence = 1; sequence <= 4; sequence++) {
                dispatcher.accept(event("d-1", sequence, EventType.RATE_REPORT));
            }
        });
        awaitAccepted(4);
        assertEquals(List.of(1L, 2L, 3L, 4L), accepted.stream().map(e -> e.getLong("sequence")).toList());
        assertEquals(6, requests.size(), "two refusals (with a body), then four accepted (with a body)");
        assertEquals(1, connections.get(), "every POST on the one pooled connection");
        assertEquals(null, requests.get(0).get("authorization"), "no token, no Authorization header");
    }

    @Test
    void anHttpsWebhookIsPostedOverTlsTrustingTheConfiguredCa() throws Exception {
        DevCertificates.Issued ca = DevCertificates.ca("webhook test CA", Duration.ofDays(1));
        HttpServer receiver = tlsReceiver(ca);
        Path caFile = Files.writeString(dir.resolve("ca.crt"), ca.certificatePem());
        WebhookDispatcher dispatcher = dispatcher(TlsSetup.client(new HttpClientOptions(),
                new TlsOptions.ClientTls(caFile.toString(), null, null, true)), 5);
        URI hook = URI.create("https://127.0.0.1:" + receiver.actualPort() + "/hook");
        vertx.runOnContext(v -> {
            dispatcher.register("d-1", hook, null);
            dispatcher.accept(event("d-1", 1, EventType.COMPLETED));
        });
        awaitAccepted(1);
        assertEquals("https", requests.get(0).get("scheme"));
    }

    @Test
    void anHttpsWebhookWhoseCertificateIsNotTrustedIsGivenUpNotSentInClear() throws Exception {
        HttpServer receiver = tlsReceiver(DevCertificates.ca("webhook test CA", Duration.ofDays(1)));
        DevCertificates.Issued other = DevCertificates.ca("another CA", Duration.ofDays(1));
        Path otherFile = Files.writeString(dir.resolve("other.crt"), other.certificatePem());
        AfMetrics metrics = new AfMetrics();
        WebhookDispatcher dispatcher = new WebhookDispatcher(vertx, vertx.createHttpClient(TlsSetup.client(
                new HttpClientOptions(), new TlsOptions.ClientTls(otherFile.toString(), null, null, true))),
                new CloudEventCodec(new ObjectMapper(), "/test"), new WebhookOptions(1000L, 2, 5L, 10L), metrics);
        URI hook = URI.create("https://127.0.0.1:" + receiver.actualPort() + "/hook");
        vertx.runOnContext(v -> {
            dispatcher.register("d-1", hook, "secret-token");
            dispatcher.accept(event("d-1", 1, EventType.COMPLETED));
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (metrics.registry().get("modelqos_webhook_abandoned_total").counter().count() < 1
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(1.0, metrics.registry().get("modelqos_webhook_abandoned_total").counter().count());
        assertEquals(List.of(), requests, "no request reached the receiver");
    }

    /** A {@link #receiver} over TLS, its certificate (for 127.0.0.1) issued by {@code ca}. */
    private HttpServer tlsReceiver(DevCertificates.Issued ca) throws Exception {
        DevCertificates.Issued server = DevCertificates.server(ca, "ai-server.test", List.of("localhost"),
                List.of("127.0.0.1"), Duration.ofDays(1));
        Path certFile = Files.writeString(dir.resolve("server.crt"), server.certificatePem());
        Path keyFile = Files.writeString(dir.resolve("server.key"), server.keyPem());
        return receiver(new HttpServerOptions().setSsl(true).setKeyCertOptions(
                new PemKeyCertOptions().setCertPath(certFile.toString()).setKeyPath(keyFile.toString())));
    }

    /** Answers 503 with a problem body while {@link #refuseNext} says so, else 200 with a body. */
    private HttpServer receiver(HttpServerOptions options) throws Exception {
        return vertx.createHttpServer(options.setHost("127.0.0.1").setPort(0))
                .connectionHandler(connection -> connections.incrementAndGet())
                .requestHandler(req -> req.body().onSuccess(body -> {
                    Map<String, String> seen = new java.util.HashMap<>();
                    seen.put("method", req.method().name());
                    seen.put("uri", req.uri());
                    seen.put("scheme", req.scheme());
                    seen.put("host", req.authority().toString());
                    for (String name : List.of("content-type", "ce-id", "authorization", "user-agent")) {
                        if (req.getHeader(name) != null) {
                            seen.put(name, req.getHeader(name));
                        }
                    }
                    requests.add(seen);
                    if (refuseNext.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                        req.response().setStatusCode(503).putHeader("Content-Type", "application/problem+json")
                                .end("{\"status\":503,\"title\":\"busy\",\"detail\":\"" + "x".repeat(4096) + "\"}");
                        return;
                    }
                    accepted.add(body.toJsonObject());
                    req.response().setStatusCode(200).end("{\"ok\":true}");
                }))
                .listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private WebhookDispatcher dispatcher(HttpClientOptions options, int connections) {
        return new WebhookDispatcher(vertx, vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(connections)),
                new CloudEventCodec(new ObjectMapper(), "/test"), new WebhookOptions(2000L, 5, 5L, 10L), new AfMetrics());
    }

    private static DeliveryEvent event(String deliveryId, long sequence, EventType type) {
        return new DeliveryEvent("e-" + sequence, deliveryId, sequence, type, Instant.EPOCH, new SerializedString("{}"));
    }

    private void awaitAccepted(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (accepted.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(n, accepted.size(), "accepted events");
    }
}
