package io.modelqos.af.events;

import java.net.URI;
import java.util.List;

/** Where a delivery's events go besides its stream: the model server's webhook, if it gave one. */
public interface Webhooks {
    /** Events of this delivery go to {@code uri}, with the bearer token when one is given. */
    void register(String deliveryId, URI uri, String token);

    /**
     * After a restart or an adoption, before it is known what the delivery's webhook is owed: its events go to
     * {@code uri}, but new ones wait until {@link #resume} puts the owed ones ahead of them, or {@link #release} says
     * nothing is owed. Sent at once, a new event would overtake the owed ones, and its acknowledgement would move the
     * cursor past them. A delivery already registered is left as it is.
     */
    void hold(String deliveryId, URI uri, String token);

    /** After a restart or an adoption: sends {@code owed} to {@code uri}, ahead of any new event of the delivery. */
    void resume(String deliveryId, URI uri, String token, List<DeliveryEvent> owed);

    /** The held delivery's webhook is owed nothing more: the events that waited go now. */
    void release(String deliveryId);

    /** No webhooks (embedded uses and tests that follow the stream only). */
    Webhooks NONE = new Webhooks() {
        @Override
        public void register(String deliveryId, URI uri, String token) {
        }

        @Override
        public void hold(String deliveryId, URI uri, String token) {
        }

        @Override
        public void resume(String deliveryId, URI uri, String token, List<DeliveryEvent> owed) {
        }

        @Override
        public void release(String deliveryId) {
        }
    };
}
