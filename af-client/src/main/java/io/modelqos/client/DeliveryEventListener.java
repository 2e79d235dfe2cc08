package io.modelqos.client;

import io.modelqos.client.model.DeliveryEvent;

/**
 * Receives a delivery's events, one at a time and in order. Called on an HTTP client thread (for
 * streamed events) or the web server's thread (for webhooks): hand long work to an executor of your own.
 * An exception thrown here ends a stream subscription and fails a webhook call with 500, so that the
 * event is sent again.
 */
@FunctionalInterface
public interface DeliveryEventListener {

    void onEvent(DeliveryEvent event);
}
