package io.modelqos.af.northbound;

import io.modelqos.af.events.CloudEventCodec;
import io.modelqos.af.events.EventOutbox;
import io.vertx.core.Vertx;

/** Builds the SSE handler, which stays package-private to the northbound API. */
public final class EventStreamHandlerFactory {
    private EventStreamHandlerFactory() {
    }

    public static EventStreamHandler create(Vertx vertx, EventOutbox outbox, CloudEventCodec codec) {
        return new EventStreamHandler(vertx, id -> outbox, codec, null);
    }

    /**
     * With a store shared by several replicas: the events of a delivery another replica owns are read from the
     * store (every {@value EventStreamHandler#REMOTE_POLL_MS} ms), since they are appended on that replica.
     */
    public static EventStreamHandler create(Vertx vertx, java.util.function.Function<String, EventOutbox> outboxOf,
                                            CloudEventCodec codec, io.modelqos.af.store.SharedDeliveryStore shared) {
        return new EventStreamHandler(vertx, outboxOf, codec, shared);
    }
}
