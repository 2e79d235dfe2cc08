package io.modelqos.client;

import java.util.concurrent.CompletableFuture;

/**
 * A running subscription to a delivery's events. It ends by itself after the delivery's final event;
 * {@link #close()} ends it sooner. Thread-safe.
 */
public interface Subscription extends AutoCloseable {

    /**
     * Completes normally after the final event was handed to the listener or after {@link #close()};
     * exceptionally when the stream could not be kept up (a {@link ModelQosException}, e.g.
     * {@link NotFoundException}, or {@link UnavailableException} once reconnecting was given up) or
     * when the listener threw.
     */
    CompletableFuture<Void> completion();

    /** Stops listening and releases the connection; no event reaches the listener afterwards. Idempotent. */
    @Override
    void close();
}
