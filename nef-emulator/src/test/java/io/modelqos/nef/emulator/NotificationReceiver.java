package io.modelqos.nef.emulator;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A real HTTP server standing in for the AF's notification endpoint. Every body it receives is
 * checked against the TS 29.122 UserPlaneNotificationData schema of the project's contract.
 */
final class NotificationReceiver implements AutoCloseable {

    /** One received notification: its path (the subscription's destination) and body. */
    record Received(String path, JsonObject body) {
        String event(int i) {
            return body.getJsonArray("eventReports").getJsonObject(i).getString("event");
        }

        JsonObject report() {
            return body.getJsonArray("eventReports").getJsonObject(0);
        }
    }

    private final HttpServer server;
    private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final List<String> schemaViolations = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger requests = new AtomicInteger();
    private volatile IntUnaryOperator answer = n -> 204;

    private NotificationReceiver(HttpServer server) {
        this.server = server;
    }

    static NotificationReceiver start(Vertx vertx, T8Contract contract) {
        NotificationReceiver[] self = new NotificationReceiver[1];
        HttpServer server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(buf -> {
            int n = self[0].requests.incrementAndGet();
            int status = self[0].answer.applyAsInt(n);
            JsonObject body = buf.toJsonObject();
            OutputUnit result = contract.validate("UserPlaneNotificationData", body);
            if (!Boolean.TRUE.equals(result.getValid())) {
                self[0].schemaViolations.add(body.encode() + " -> " + result.toJson().encode());
            }
            if (status / 100 == 2) {
                self[0].received.add(new Received(req.path(), body));
            }
            req.response().setStatusCode(status).end();
        }));
        self[0] = new NotificationReceiver(server);
        server.listen(0, "127.0.0.1").await();
        return self[0];
    }

    /** The destination URI for a subscription; the path tells notifications of different tests apart. */
    String uri(String path) {
        return "http://127.0.0.1:" + server.actualPort() + "/" + path;
    }

    /** Status to answer to the n-th request (1-based); 204 by default. */
    void answer(IntUnaryOperator statusForRequestNumber) {
        this.answer = statusForRequestNumber;
    }

    int requests() {
        return requests.get();
    }

    /** The next accepted notification for {@code path} with {@code event}, skipping others. */
    Received await(String path, String event, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Received> skipped = new ArrayList<>();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                Received r = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
                if (r == null) {
                    throw new AssertionError("no " + event + " for /" + path + " within " + timeout
                            + "; skipped " + skipped.stream().map(s -> s.path() + ":" + s.event(0)).toList());
                }
                if (r.path().equals("/" + path) && event.equals(r.event(0))) {
                    return r;
                }
                skipped.add(r);
            }
        } finally {
            received.addAll(skipped);
        }
    }

    /** All accepted notifications for {@code path} so far. */
    List<Received> all(String path) {
        return received.stream().filter(r -> r.path().equals("/" + path)).toList();
    }

    List<String> schemaViolations() {
        return List.copyOf(schemaViolations);
    }

    @Override
    public void close() {
        server.close().await();
    }
}
