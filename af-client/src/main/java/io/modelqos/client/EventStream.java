package io.modelqos.client;

import io.modelqos.client.internal.Json;
import io.modelqos.client.internal.SseParser;
import io.modelqos.client.model.DeliveryEvent;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * A subscription to one delivery's Server-Sent Events: parses the stream line by line on the HTTP
 * client's line subscriber, hands each event to the listener, reconnects with {@code Last-Event-ID}
 * after the connection ends, and stops after the final event, on {@link #close()} or when reconnecting
 * fails {@link RetryPolicy#maxAttempts()} times in a row.
 */
final class EventStream implements Subscription {

    private final HttpTransport transport;
    private final Deliveries deliveries;
    private final RetryPolicy retry;
    private final String deliveryId;
    private final String call;
    private final DeliveryEventListener listener;
    private final SseParser parser = new SseParser();
    private final CompletableFuture<Void> completion = new CompletableFuture<>();

    private final Object lock = new Object();
    private boolean stopped;                       // guarded by lock
    private Flow.Subscription body;                // guarded by lock
    private CompletableFuture<?> exchange;         // guarded by lock

    // Used by one connection at a time; volatile as successive connections may run on different threads.
    private volatile String lastEventId = "";
    private volatile long lastSequence;
    private volatile int failedAttempts;
    private volatile boolean eventOnThisConnection;

    EventStream(HttpTransport transport, Deliveries deliveries, RetryPolicy retry, String deliveryId,
                DeliveryEventListener listener) {
        this.transport = transport;
        this.deliveries = deliveries;
        this.retry = retry;
        this.deliveryId = deliveryId;
        this.call = "GET /deliveries/" + deliveryId + "/events";
        this.listener = listener;
        completion.whenComplete((ignored, failure) -> {
            if (completion.isCancelled()) {
                close();
            }
        });
    }

    void start() {
        connect();
    }

    @Override
    public CompletableFuture<Void> completion() {
        return completion;
    }

    @Override
    public void close() {
        stop(null);
    }

    private void connect() {
        if (isStopped()) {
            return;
        }
        parser.newStream();
        eventOnThisConnection = false;
        HttpRequest request;
        try {
            HttpRequest.Builder builder = transport.request("/deliveries/" + deliveryId + "/events",
                    "text/event-stream").GET();
            if (!lastEventId.isEmpty()) {
                builder.header("Last-Event-ID", lastEventId);
            }
            request = builder.build();
        } catch (RuntimeException e) {
            stop(e);
            return;
        }
        CompletableFuture<HttpResponse<byte[]>> connection = transport.http().sendAsync(request, this::bodyFor);
        synchronized (lock) {
            if (stopped) {
                connection.cancel(true);
                return;
            }
            exchange = connection;
        }
        connection.whenComplete(this::connectionEnded);
    }

    /** An event stream is read line by line as it arrives; any other answer is read whole, for the error. */
    private HttpResponse.BodySubscriber<byte[]> bodyFor(HttpResponse.ResponseInfo info) {
        if (info.statusCode() == 200 && isEventStream(info.headers().firstValue("Content-Type"))) {
            return HttpResponse.BodySubscribers.fromLineSubscriber(new Lines(), lines -> null,
                    StandardCharsets.UTF_8, null);
        }
        return HttpResponse.BodySubscribers.ofByteArray();
    }

    private void connectionEnded(HttpResponse<byte[]> response, Throwable failure) {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            exchange = null;
            body = null;
        }
        if (failure != null) {
            Throwable cause = HttpTransport.unwrap(failure);
            if (cause instanceof IOException) {
                retryOrStop(Failures.noResponse(call, (IOException) cause), Optional.empty());
            } else {
                stop(cause);
            }
            return;
        }
        int status = response.statusCode();
        Optional<String> contentType = response.headers().firstValue("Content-Type");
        if (status == 200 && isEventStream(contentType)) {
            if (eventOnThisConnection) {
                failedAttempts = 0;
                reconnectLater(cleanEndDelay());
            } else {
                reconnectUnlessEnded();
            }
        } else if (status == 200) {
            stop(new ModelQosException(call + " answered 200 with " + contentType.orElse("no content type")
                    + ", not text/event-stream", status, null, null));
        } else if (HttpTransport.isTransient(status) || status >= 500) {
            retryOrStop(Failures.fromResponse(call, status, contentType, response.body()),
                    HttpTransport.retryAfter(response.headers()));
        } else {
            stop(Failures.fromResponse(call, status, contentType, response.body()));
        }
    }

    /**
     * The stream ended without a new event. Deliveries that end without a final event (a cancelled
     * one) end their stream that way too, so the delivery is read before listening again.
     */
    private void reconnectUnlessEnded() {
        deliveries.getAsync(deliveryId).whenComplete((delivery, failure) -> {
            if (failure == null) {
                if (delivery.state() != null && delivery.state().isTerminal()) {
                    stop(null);
                } else {
                    reconnectLater(cleanEndDelay());
                }
                return;
            }
            Throwable cause = HttpTransport.unwrap(failure);
            if (cause instanceof UnavailableException) {
                retryOrStop((UnavailableException) cause, Optional.empty());
            } else {
                stop(cause);
            }
        });
    }

    private void retryOrStop(ModelQosException failure, Optional<Duration> retryAfter) {
        int failures = failedAttempts + 1;
        failedAttempts = failures;
        if (failures >= retry.maxAttempts()) {
            stop(failure);
            return;
        }
        reconnectLater(retryAfter.map(retry::capRetryAfter).orElseGet(() -> retry.backoff(failures)));
    }

    /** After a stream ended normally: what the server asked for with {@code retry:}, else the first backoff. */
    private Duration cleanEndDelay() {
        Long serverRetry = parser.retryMillis();
        return serverRetry != null ? Duration.ofMillis(Math.min(serverRetry, retry.maxBackoff().toMillis()))
                : retry.backoff(1);
    }

    private void reconnectLater(Duration delay) {
        if (!isStopped()) {
            transport.schedule(delay, this::connect);
        }
    }

    private void deliver(SseParser.Message message) {
        DeliveryEvent event;
        try {
            event = Json.mapper().readValue(message.data(), DeliveryEvent.class);
        } catch (IOException e) {
            stop(new ModelQosException(call + " sent an event this SDK cannot read (id " + message.id() + "): "
                    + e.getMessage(), 200, null, e));
            return;
        }
        if (event.sequence() > 0 && event.sequence() <= lastSequence) {
            lastEventId = message.id();
            return;
        }
        try {
            listener.onEvent(event);
        } catch (Throwable t) {
            stop(t);
            return;
        }
        lastSequence = Math.max(lastSequence, event.sequence());
        lastEventId = message.id();
        eventOnThisConnection = true;
        failedAttempts = 0;
        if (event.isTerminal()) {
            stop(null);
        }
    }

    private boolean isStopped() {
        synchronized (lock) {
            return stopped;
        }
    }

    /** Ends the subscription once: releases the connection and completes, normally when failure is null. */
    private void stop(Throwable failure) {
        Flow.Subscription openBody;
        CompletableFuture<?> openExchange;
        synchronized (lock) {
            if (stopped) {
                return;
            }
            stopped = true;
            openBody = body;
            openExchange = exchange;
            body = null;
            exchange = null;
        }
        if (openBody != null) {
            openBody.cancel();
        }
        if (openExchange != null) {
            openExchange.cancel(true);
        }
        if (failure == null) {
            completion.complete(null);
        } else {
            completion.completeExceptionally(failure);
        }
    }

    private static boolean isEventStream(Optional<String> contentType) {
        return contentType.map(type -> type.toLowerCase(Locale.ROOT).startsWith("text/event-stream")).orElse(false);
    }

    /** Feeds the lines of one connection to the parser and dispatches the messages they complete. */
    private final class Lines implements Flow.Subscriber<String> {

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            synchronized (lock) {
                if (stopped) {
                    subscription.cancel();
                    return;
                }
                body = subscription;
            }
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (isStopped()) {
                return;
            }
            SseParser.Message message = parser.line(line);
            if (message != null) {
                deliver(message);
            }
        }

        @Override
        public void onError(Throwable failure) {
            // the exchange's future fails with it, and connectionEnded decides
        }

        @Override
        public void onComplete() {
            // the exchange's future completes, and connectionEnded decides
        }
    }
}
