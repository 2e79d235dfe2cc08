package io.modelqos.af.pcf;

import java.net.URI;
import java.util.Objects;

/**
 * Where the PCF reaches this AF: a delivery's {@code notifUri} is the listener's base, {@value #PATH} and the delivery's
 * unguessable callback id; the PCF appends {@code /notify} (EventsNotification) and {@code /terminate} (TerminationInfo).
 */
final class PcfCallbackAddress {
    static final String PATH = "/pcf-callbacks/v1/";

    private volatile URI base;

    void base(URI base) {
        this.base = Objects.requireNonNull(base, "base");
    }

    /** The {@code notifUri} of the delivery with this callback id. */
    URI of(String callbackId) {
        URI b = base;
        if (b == null) {
            throw new IllegalStateException("the AF's callback base URI is not known yet");
        }
        return URI.create(b + PATH + callbackId);
    }
}
