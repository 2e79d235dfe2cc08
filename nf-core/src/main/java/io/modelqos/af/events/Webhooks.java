package io.modelqos.af.events;

import java.net.URI;
import java.util.List;

/** Where a delivery's events go besides its stream: the model server's webhook, if it gave one. */
public interface Webhooks {
    /** Events of this delivery go to {@code uri}, with the bearer token when one is given. */
    void register(String deliveryId, URI uri, String token);

    /** After a restart or an adoption: sends {@code owed} to {@code uri}, ahead of any new event of the delivery. */
    void resume(String deliveryId, URI uri, String token, List<DeliveryEvent> owed);

    /** No webhooks (embedded uses and tests that follow the stream only). */
    Webhooks NONE = new Webhooks() {
        @Override
        public void register(String deliveryId, URI uri, String token) {
        }

        @Override
        public void resume(String deliveryId, URI uri, String token, List<DeliveryEvent> owed) {
        }
    };
}
