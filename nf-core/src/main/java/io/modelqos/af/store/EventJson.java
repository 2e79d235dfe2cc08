package io.modelqos.af.store;

import io.modelqos.af.events.DeliveryEvent;

import java.io.IOException;
import java.io.UncheckedIOException;

/** A {@link DeliveryEvent} as stores keep it: its JSON, with the instant as ISO-8601. */
final class EventJson {
    private EventJson() {
    }

    static byte[] write(DeliveryEvent event) {
        try {
            return DeliveryRecord.mapper().writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DeliveryEvent read(byte[] json) {
        try {
            return DeliveryRecord.mapper().readValue(json, DeliveryEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable event record", e);
        }
    }
}
