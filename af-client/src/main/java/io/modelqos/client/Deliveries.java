package io.modelqos.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.modelqos.client.internal.Checks;
import io.modelqos.client.internal.Json;
import io.modelqos.client.model.Delivery;
import io.modelqos.client.model.DeliveryPage;
import io.modelqos.client.model.DeliveryRequest;
import io.modelqos.client.model.ProgressReport;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The model deliveries of the AF: create, read, list, report progress on, listen to and end them.
 * Obtained from {@link ModelQosClient#deliveries()}; thread-safe. Every method throws a
 * {@link ModelQosException} when the AF refuses or cannot be reached (the async ones complete with it),
 * and {@link IllegalArgumentException} for a malformed delivery id before anything is sent.
 */
public final class Deliveries {

    private final HttpTransport transport;
    private final RetryPolicy eventRetry;

    Deliveries(HttpTransport transport, RetryPolicy eventRetry) {
        this.transport = transport;
        this.eventRetry = eventRetry;
    }

    /**
     * Asks for a delivery; the answer's {@code state} tells whether the network granted QoS yet. The
     * client sets a fresh {@code Idempotency-Key} and repeats it on each retry, so a retried create
     * makes one delivery.
     *
     * @throws UnprocessableException when nothing fits; it carries the network's best offer
     */
    public Delivery create(DeliveryRequest request) {
        return await(createAsync(request));
    }

    /** {@link #create(DeliveryRequest)} with the caller's {@code Idempotency-Key}, 1 to 128 visible ASCII characters. */
    public Delivery create(DeliveryRequest request, String idempotencyKey) {
        return await(createAsync(request, idempotencyKey));
    }

    /** {@link #create(DeliveryRequest)} without blocking. */
    public CompletableFuture<Delivery> createAsync(DeliveryRequest request) {
        return createAsync(request, UUID.randomUUID().toString());
    }

    /** {@link #create(DeliveryRequest, String)} without blocking. */
    public CompletableFuture<Delivery> createAsync(DeliveryRequest request, String idempotencyKey) {
        Objects.requireNonNull(request, "request == null");
        Checks.matching(Checks.IDEMPOTENCY_KEY, idempotencyKey, "idempotencyKey");
        return transport.send(Call.post("/deliveries", json(request), Map.of("Idempotency-Key", idempotencyKey),
                true, Delivery.class));
    }

    /**
     * Reads a delivery.
     *
     * @throws NotFoundException when the caller has no such delivery
     */
    public Delivery get(String deliveryId) {
        return await(getAsync(deliveryId));
    }

    /** {@link #get(String)} without blocking. */
    public CompletableFuture<Delivery> getAsync(String deliveryId) {
        return transport.send(Call.get(path(deliveryId), Delivery.class));
    }

    /**
     * The caller's deliveries that pass the filter, newest first. The iterable is lazy: each iterator
     * fetches the first page when first asked, then the next page, following {@code nextPageToken},
     * when it runs out. Iterators are not thread-safe; they throw {@link ModelQosException} from
     * {@code hasNext()} when a page cannot be fetched.
     */
    public Iterable<Delivery> list(DeliveryFilter filter) {
        Objects.requireNonNull(filter, "filter == null");
        return () -> new PageIterator(filter);
    }

    /** One page of the caller's deliveries; {@code pageToken} is null for the first page. */
    public DeliveryPage listPage(DeliveryFilter filter, String pageToken) {
        return await(listPageAsync(filter, pageToken));
    }

    /** {@link #listPage(DeliveryFilter, String)} without blocking. */
    public CompletableFuture<DeliveryPage> listPageAsync(DeliveryFilter filter, String pageToken) {
        Objects.requireNonNull(filter, "filter == null");
        return transport.send(Call.get("/deliveries" + filter.query(pageToken), DeliveryPage.class));
    }

    /**
     * Ends a delivery, releasing its network resources, and returns the final delivery (with the
     * network's usage report when it gave one). Ending an ended delivery returns it unchanged.
     */
    public Delivery cancel(String deliveryId) {
        return await(cancelAsync(deliveryId));
    }

    /** {@link #cancel(String)} without blocking. */
    public CompletableFuture<Delivery> cancelAsync(String deliveryId) {
        return transport.send(Call.delete(path(deliveryId), Delivery.class));
    }

    /**
     * Reports what the model server measured while sending: bytes sent so far (cumulative) and the
     * time since the first byte. Not retried: a report is not safe to repeat blindly.
     */
    public Delivery reportProgress(String deliveryId, long bytes, Duration elapsed) {
        return await(reportProgressAsync(deliveryId, ProgressReport.of(bytes, elapsed, null)));
    }

    /**
     * Tells the AF that the model server begins sending (a progress report of 0 bytes): due within the
     * delivery's start window after the grant ({@code granted().startWindowMs()}), or the AF releases the
     * session early and the delivery ends EXPIRED.
     */
    public Delivery reportStart(String deliveryId) {
        return await(reportStartAsync(deliveryId));
    }

    /** {@link #reportStart(String)} without blocking. */
    public CompletableFuture<Delivery> reportStartAsync(String deliveryId) {
        return reportProgressAsync(deliveryId, ProgressReport.of(0, Duration.ZERO, null));
    }

    /** {@link #reportProgress(String, long, Duration)}; {@code complete = true} once the whole model was sent. */
    public Delivery reportProgress(String deliveryId, long bytes, Duration elapsed, boolean complete) {
        return await(reportProgressAsync(deliveryId, ProgressReport.of(bytes, elapsed, complete)));
    }

    /** A progress report without blocking; build the report with {@link ProgressReport#of}. */
    public CompletableFuture<Delivery> reportProgressAsync(String deliveryId, ProgressReport report) {
        Objects.requireNonNull(report, "report == null");
        return transport.send(Call.post(path(deliveryId) + "/progress", json(report), Map.of(), false,
                Delivery.class));
    }

    /**
     * Listens to a delivery's events over Server-Sent Events, from its first event on. The stream is
     * reopened after a dropped connection (with {@code Last-Event-ID}, so no event is lost or repeated),
     * and ends by itself after the delivery's final event. Returns at once; the listener is called on
     * an HTTP client thread.
     *
     * <pre>{@code
     * try (Subscription events = client.deliveries().events(id, e -> log.info("{} {}", e.type(), e.data()))) {
     *     events.completion().get(1, TimeUnit.MINUTES);
     * }
     * }</pre>
     */
    public Subscription events(String deliveryId, DeliveryEventListener listener) {
        Objects.requireNonNull(listener, "listener == null");
        Checks.matching(Checks.DELIVERY_ID, deliveryId, "deliveryId");
        EventStream stream = new EventStream(transport, this, eventRetry, deliveryId, listener);
        stream.start();
        return stream;
    }

    private static String path(String deliveryId) {
        return "/deliveries/" + Checks.matching(Checks.DELIVERY_ID, deliveryId, "deliveryId");
    }

    private static byte[] json(Object value) {
        try {
            return Json.mapper().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Waits for the future; rethrows its {@link RuntimeException} as is. */
    static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ModelQosException("interrupted while waiting for the AF", ModelQosException.NO_RESPONSE,
                    null, e);
        } catch (ExecutionException e) {
            Throwable cause = HttpTransport.unwrap(e);
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new ModelQosException("the call failed: " + cause, ModelQosException.NO_RESPONSE, null, cause);
        }
    }

    /** Walks the pages of a listing, fetching each when the previous one is used up. */
    private final class PageIterator implements Iterator<Delivery> {
        private final DeliveryFilter filter;
        private Iterator<Delivery> page = List.<Delivery>of().iterator();
        private String nextPageToken;
        private boolean lastPageFetched;

        PageIterator(DeliveryFilter filter) {
            this.filter = filter;
        }

        @Override
        public boolean hasNext() {
            while (!page.hasNext() && !lastPageFetched) {
                DeliveryPage next = listPage(filter, nextPageToken);
                page = next.items().iterator();
                nextPageToken = next.nextPageToken();
                lastPageFetched = nextPageToken == null || nextPageToken.isEmpty();
            }
            return page.hasNext();
        }

        @Override
        public Delivery next() {
            if (!hasNext()) {
                throw new NoSuchElementException("no more deliveries");
            }
            return page.next();
        }
    }
}
