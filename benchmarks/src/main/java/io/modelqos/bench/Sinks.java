package io.modelqos.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bench's own server on loopback: the webhook sink that receives the AF's CloudEvents
 * ({@code POST /webhook}) and a stand-in AF callback for the subscriptions the bench makes directly at the
 * emulator ({@code POST /nef-sink/...}). Both answer 204 at once.
 */
public final class Sinks implements AutoCloseable {
    public static final String RATE_REPORT = "io.modelqos.delivery.rate-report";
    public static final String QOS_GRANTED = "io.modelqos.delivery.qos-granted";

    private final HttpServer server;
    private final AtomicLong cloudEvents = new AtomicLong();
    private final AtomicLong rateReports = new AtomicLong();
    private final AtomicLong granted = new AtomicLong();
    private final AtomicLong nefNotifications = new AtomicLong();
    /** Rate reports awaited by the relay load, by delivery id: completed with the arrival time (nanoTime). */
    private final Map<String, Promise<Long>> awaited = new ConcurrentHashMap<>();
    /** Arrival times of rate reports, for the out-rate in a window. */
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MIN_VALUE;
    private final AtomicLong rateReportsInWindow = new AtomicLong();

    private Sinks(HttpServer server) {
        this.server = server;
    }

    public static Sinks start(Vertx vertx) {
        Sinks[] holder = new Sinks[1];
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                .setTcpNoDelay(true));
        server.requestHandler(req -> holder[0].handle(req));
        holder[0] = new Sinks(server);
        server.listen().await();
        return holder[0];
    }

    public String webhookUri() {
        return "http://127.0.0.1:" + server.actualPort() + "/webhook";
    }

    public String nefSinkUri(String id) {
        return "http://127.0.0.1:" + server.actualPort() + "/nef-sink/" + id;
    }

    private void handle(HttpServerRequest req) {
        String path = req.path();
        if (path.startsWith("/webhook")) {
            req.body().onComplete(ar -> {
                long now = System.nanoTime();
                req.response().setStatusCode(204).end();
                if (ar.succeeded()) {
                    onCloudEvent(ar.result().toJsonObject(), now);
                }
            });
        } else if (path.startsWith("/nef-sink/")) {
            req.body().onComplete(ar -> {
                nefNotifications.incrementAndGet();
                req.response().setStatusCode(204).end();
            });
        } else {
            req.response().setStatusCode(404).end();
        }
    }

    private void onCloudEvent(JsonObject event, long arrival) {
        cloudEvents.incrementAndGet();
        String type = event.getString("type");
        if (RATE_REPORT.equals(type)) {
            rateReports.incrementAndGet();
            if (arrival >= windowStart && arrival < windowEnd) {
                rateReportsInWindow.incrementAndGet();
            }
            Promise<Long> p = awaited.remove(event.getString("subject"));
            if (p != null) {
                p.tryComplete(arrival);
            }
        } else if (QOS_GRANTED.equals(type)) {
            granted.incrementAndGet();
        }
    }

    /** Waits for the next rate report of a delivery (one at a time per delivery). */
    public Future<Long> awaitRateReport(String deliveryId) {
        Promise<Long> p = Promise.promise();
        if (awaited.putIfAbsent(deliveryId, p) != null) {
            return Future.failedFuture(new IllegalStateException("already awaiting a report of " + deliveryId));
        }
        return p.future();
    }

    public void forget(String deliveryId) {
        awaited.remove(deliveryId);
    }

    /** Starts counting the rate reports that arrive from now on (System.nanoTime {@code start}). */
    public void windowStarts(long start) {
        rateReportsInWindow.set(0);
        windowEnd = Long.MAX_VALUE;
        windowStart = start;
    }

    /** Stops counting at {@code end}. */
    public void windowEnds(long end) {
        windowEnd = end;
    }

    public long rateReportsInWindow() {
        return rateReportsInWindow.get();
    }

    public long cloudEvents() {
        return cloudEvents.get();
    }

    public long granted() {
        return granted.get();
    }

    public long rateReports() {
        return rateReports.get();
    }

    public long nefNotifications() {
        return nefNotifications.get();
    }

    @Override
    public void close() {
        server.close().await();
    }
}
