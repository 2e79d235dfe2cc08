package io.modelqos.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/**
 * The relay's physical floor, a child process of the bench (as the bare forwarder is for create+delete): a bare
 * Vert.x process that does only the wire work of one relayed notification and nothing of the AF's. It reads the NEF's
 * POST to {@code /relay/{id}} and parses its JSON, answers 204, renders a rate-report CloudEvent with subject {@code id}
 * and POSTs it to the webhook on a kept-alive connection of its own event loop, as the AF does; no store, no delivery
 * state, no validation. Measured with the same load generator, the same sink and the same number of event loops as the
 * AF, in the same run, its CPU per notification is what this machine charges for the two HTTP exchanges themselves.
 *
 * <p>{@code java -jar modelqos-benchmarks.jar relay-floor PORT WEBHOOK_URI EVENT_LOOPS}; {@code GET /ready} answers 200
 * once it listens.
 */
public final class RelayFloor extends VerticleBase {
    private final int port;
    private final URI webhook;
    private HttpClient client;

    private RelayFloor(int port, URI webhook) {
        this.port = port;
        this.webhook = webhook;
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: relay-floor PORT WEBHOOK_URI EVENT_LOOPS");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        URI webhook = URI.create(args[1]);
        int loops = Integer.parseInt(args[2]);
        deploy(Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops)), port, webhook, loops).await();
        System.out.println("relay floor on 127.0.0.1:" + port + " with " + loops + " event loops, webhook " + webhook);
    }

    /** One relay floor per event loop of {@code vertx}, all on {@code port}. */
    static Future<String> deploy(Vertx vertx, int port, URI webhook, int loops) {
        return vertx.deployVerticle(() -> new RelayFloor(port, webhook), new DeploymentOptions().setInstances(loops));
    }

    @Override
    public Future<?> start() {
        // As the AF's webhook clients: one per event loop, up to 64 kept-alive connections to the AI/ML server.
        client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(64).setMaxWaitQueueSize(16_384));
        return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
                .requestHandler(this::handle)
                .listen();
    }

    private void handle(HttpServerRequest req) {
        String path = req.path();
        if (req.method() == HttpMethod.GET && path.equals("/ready")) {
            req.response().end("ready");
        } else if (req.method() == HttpMethod.POST && path.startsWith("/relay/")) {
            String id = path.substring("/relay/".length());
            req.body().onComplete(ar -> {
                if (ar.failed()) {
                    req.response().setStatusCode(400).end();
                    return;
                }
                JsonObject notification = ar.result().toJsonObject();
                req.response().setStatusCode(204).end();
                relay(id, notification);
            });
        } else {
            req.response().setStatusCode(404).end();
        }
    }

    /** A rate-report CloudEvent about {@code id} to the webhook, as the AF sends it (headers and body). */
    private void relay(String id, JsonObject notification) {
        String eventId = UUID.randomUUID().toString();
        Buffer event = new JsonObject()
                .put("specversion", "1.0")
                .put("id", eventId)
                .put("source", "/relay-floor")
                .put("type", Sinks.RATE_REPORT)
                .put("subject", id)
                .put("time", Instant.now().toString())
                .put("datacontenttype", "application/json")
                .put("data", new JsonObject()
                        .put("deliveryId", id)
                        .put("state", "QOS_GRANTED")
                        .put("transaction", notification.getString("transaction"))
                        .put("achieved", new JsonObject().put("dlRate", "83.03 Mbps").put("availability", 1.0)))
                .toBuffer();
        client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost(webhook.getHost())
                        .setPort(webhook.getPort()).setURI(webhook.getRawPath()).setTimeout(2_000))
                .compose(request -> request.putHeader("Content-Type", "application/cloudevents+json")
                        .putHeader("ce-id", eventId)
                        .send(event))
                .compose(response -> response.end())
                .onFailure(e -> System.err.println("relay floor: webhook POST failed: " + e));
    }
}
