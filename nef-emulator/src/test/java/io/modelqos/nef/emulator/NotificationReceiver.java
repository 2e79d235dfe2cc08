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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntBiFunction;

/**
 * A real HTTP server standing in for the AF's notification endpoint. Every body it receives is
 * checked against the project's contract: on T8 the TS 29.122 UserPlaneNotificationData schema;
 * on N5 ({@link #startN5}) EventsNotification for {@code .../notify} and TerminationInfo for
 * {@code .../terminate}.
 */
final class NotificationReceiver implements AutoCloseable {

    /** One received notification: its path (the subscription's destination) and body. */
    record Received(String path, JsonObject body) {
        /** T8: the event of the i-th report; N5: the i-th AfEventNotification's event, "TERMINATION" for a termination request. */
        String event(int i) {
            if (path.endsWith("/terminate")) {
                return "TERMINATION";
            }
            if (body.containsKey("evNotifs")) {
                return body.getJsonArray("evNotifs").getJsonObject(i).getString("event");
            }
            return body.getJsonArray("eventReports").getJsonObject(i).getString("event");
        }

        JsonObject report() {
            return body.getJsonArray("eventReports").getJsonObject(0);
        }
    }

    private final HttpServer server;
    private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final List<String> schemaViolations = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Integer> requests = new ConcurrentHashMap<>();
    private final List<Received> history = Collections.synchronizedList(new ArrayList<>());
    private volatile ToIntBiFunction<String, Integer> answer = (path, n) -> 204;

    private NotificationReceiver(HttpServer server) {
        this.server = server;
    }

    static NotificationReceiver start(Vertx vertx, ApiContract contract) {
        return start(vertx, (path, body) -> contract.validate("UserPlaneNotificationData", body));
    }

    /** For the PCF's notifications, checked against the N5 contract. */
    static NotificationReceiver startN5(Vertx vertx, ApiContract pcf) {
        return start(vertx, (path, body) -> pcf.validate(path.endsWith("/terminate") ? "TerminationInfo" : "EventsNotification", body));
    }

    private static NotificationReceiver start(Vertx vertx, java.util.function.BiFunction<String, JsonObject, OutputUnit> check) {
        NotificationReceiver[] self = new NotificationReceiver[1];
        HttpServer server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(buf -> {
            int n = self[0].requests.merge(req.path(), 1, Integer::sum);
            int status = self[0].answer.applyAsInt(req.path().substring(1), n);
            JsonObject body = buf.toJsonObject();
            OutputUnit result = check.apply(req.path(), body);
            if (!Boolean.TRUE.equals(result.getValid())) {
                self[0].schemaViolations.add(req.path() + ": " + body.encode() + " -> " + result.toJson().encode());
            }
            if (status / 100 == 2) {
                Received r = new Received(req.path(), body);
                self[0].history.add(r);
                self[0].received.add(r);
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

    /** Status to answer to the n-th request (1-based) for a path (without the leading "/"); 204 by default. */
    void answer(ToIntBiFunction<String, Integer> statusForPathAndRequestNumber) {
        this.answer = statusForPathAndRequestNumber;
    }

    /** Requests received for a path, accepted or not. */
    int requests(String path) {
        return requests.getOrDefault("/" + path, 0);
    }

    /** All accepted notifications for {@code path} so far, in arrival order. */
    List<Received> received(String path) {
        synchronized (history) {
            return history.stream().filter(r -> r.path().equals("/" + path)).toList();
        }
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

    /** The events of all accepted notifications for {@code path} so far, in arrival order. */
    List<String> events(String path) {
        synchronized (history) {
            return history.stream().filter(r -> r.path().equals("/" + path)).map(r -> r.event(0)).toList();
        }
    }

    List<String> schemaViolations() {
        return List.copyOf(schemaViolations);
    }

    @Override
    public void close() {
        server.close().await();
    }
}
