package io.modelqos.af.northbound;

import io.modelqos.af.events.CloudEventCodec;
import io.modelqos.af.events.EventOutbox;
import io.vertx.core.Vertx;

/** Builds the SSE handler, which stays package-private to the northbound API. */
public final class EventStreamHandlerFactory {
    private EventStreamHandlerFactory() {
    }

    public static EventStreamHandler create(Vertx vertx, EventOutbox outbox, CloudEventCodec codec) {
        return new EventStreamHandler(vertx, outbox, codec);
    }
}
