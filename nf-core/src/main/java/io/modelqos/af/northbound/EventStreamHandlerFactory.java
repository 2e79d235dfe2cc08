package io.modelqos.af.northbound;

import io.modelqos.af.events.CloudEventCodec;
import io.modelqos.af.events.EventOutbox;
import io.vertx.core.Vertx;

/** Builds the SSE handler, which stays package-private to the northbound API. */
public final class EventStreamHandlerFactory {
    private EventStreamHandlerFactory() {
    }

    /**
     * The handler of the streams of deliveries whose events are in {@code outboxOf} (their shard's outbox). With a
     * store shared by several replicas ({@code shared}, else null), the events of a delivery another replica owns are
     * read from the store as it announces them. {@code limits} bounds the streams open per tenant and per delivery.
     */
    public static EventStreamHandler create(Vertx vertx, java.util.function.Function<String, EventOutbox> outboxOf,
                                            CloudEventCodec codec, io.modelqos.af.store.SharedDeliveryStore shared,
                                            io.modelqos.af.security.LimitsOptions limits) {
        return new EventStreamHandler(vertx, outboxOf, codec, shared, new EventStreamLimits(
                limits.eventStreamsPerTenantOrDefault(), limits.eventStreamsPerDeliveryOrDefault()));
    }
}
