package io.modelqos.nef.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.modelqos.openapi.T8Json;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs a session's notifications as its face wrote them (T8 UserPlaneNotificationData to
 * {@code notificationDestination}; N5 EventsNotification to {@code {notifUri}/notify} and
 * TerminationInfo to {@code {notifUri}/terminate}). The notifications of one session go out one
 * after the other, in order. A non-2xx answer or a transport error is retried with doubling
 * back-off up to {@code maxAttempts}; a 404 means the AF forgot the session, so the notification is
 * dropped without retry. While a session has {@value #MAX_PENDING_MONITORING} notifications
 * pending (an AF that is down or slow), further QoS monitoring reports of it are skipped (counted)
 * so the backlog stays bounded.
 */
final class Notifier {

    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    /** Periodic reports are skipped while this many notifications of the subscription are still pending. */
    static final int MAX_PENDING_MONITORING = 8;

    /** Delivery counters, as {@code GET /emulator/v1/state} shows them. */
    record Stats(long sent, long retried, long failed, long lost, long droppedNotFound, long skipped, long monitoringSent) {
    }

    private final Vertx vertx;
    private final NotificationOptions options;
    private final FaultInjector faults;
    private final WebClient client;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong droppedNotFound = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong monitoringSent = new AtomicLong();
    private volatile boolean closed;

    Notifier(Vertx vertx, NotificationOptions options, FaultInjector faults) {
        this.vertx = vertx;
        this.options = options;
        this.faults = faults;
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, options.getRequestTimeoutMs())));
    }

    /** Queues a notification of the session; never fails. */
    void send(Session sub, Face.Outgoing outgoing) {
        String what = outgoing.what();
        if (faults.loseNotification()) {
            lost.incrementAndGet();
            LOG.info("fault: notification {} of {} lost", what, sub.id);
            return;
        }
        Buffer body;
        try {
            body = Buffer.buffer(T8Json.mapper().writeValueAsBytes(outgoing.body()));
        } catch (JsonProcessingException e) {
            LOG.error("cannot encode notification {} of {}", what, sub.id, e);
            return;
        }
        if (outgoing.monitoring() && sub.pendingNotifications >= MAX_PENDING_MONITORING) {
            skipped.incrementAndGet();
            LOG.debug("QOS_MONITORING of {} skipped: {} notifications still pending", sub.id, sub.pendingNotifications);
            return;
        }
        String destination = outgoing.uri();
        sub.pendingNotifications++;
        sub.notificationChain = sub.notificationChain
                .transform(ignored -> deliver(destination, body, what, outgoing.monitoring(), sub.id, 1))
                .onComplete(done -> sub.pendingNotifications--);
    }

    Stats stats() {
        return new Stats(sent.get(), retried.get(), failed.get(), lost.get(), droppedNotFound.get(), skipped.get(),
                monitoringSent.get());
    }

    void close() {
        closed = true;
        client.close();
    }

    private Future<Void> deliver(String destination, Buffer body, String what, boolean monitoring, String subId,
                                 int attempt) {
        if (closed) {
            return Future.succeededFuture();
        }
        return client.postAbs(destination)
                .timeout(options.getRequestTimeoutMs())
                .putHeader("Content-Type", "application/json")
                .sendBuffer(body)
                .transform(ar -> {
                    if (ar.succeeded() && ar.result().statusCode() / 100 == 2) {
                        sent.incrementAndGet();
                        if (monitoring) {
                            monitoringSent.incrementAndGet();
                        }
                        LOG.debug("notification {} of {} delivered (attempt {})", what, subId, attempt);
                        return Future.succeededFuture();
                    }
                    if (ar.succeeded() && ar.result().statusCode() == 404) {
                        droppedNotFound.incrementAndGet();
                        LOG.info("notification {} of {} dropped: the AF answered 404", what, subId);
                        return Future.succeededFuture();
                    }
                    String why = ar.succeeded() ? "HTTP " + ar.result().statusCode() : ar.cause().toString();
                    if (attempt >= options.getMaxAttempts()) {
                        failed.incrementAndGet();
                        LOG.warn("notification {} of {} failed after {} attempts: {}", what, subId, attempt, why);
                        return Future.succeededFuture();
                    }
                    long backoff = Math.min(options.getMaxBackoffMs(),
                            options.getInitialBackoffMs() << Math.min(20, attempt - 1));
                    retried.incrementAndGet();
                    LOG.info("notification {} of {} attempt {} failed ({}); retrying in {} ms", what, subId, attempt,
                            why, backoff);
                    Promise<Void> later = Promise.promise();
                    vertx.setTimer(Math.max(1, backoff), t -> deliver(destination, body, what, monitoring, subId, attempt + 1)
                            .onComplete(later));
                    return later.future();
                });
    }
}
