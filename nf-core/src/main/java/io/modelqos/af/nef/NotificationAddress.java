package io.modelqos.af.nef;

import java.net.URI;
import java.util.Objects;

/**
 * Where the NEF reaches this AF: the base URI of the listener that serves {@value #PATH}, and each delivery's
 * notification URI under it, ending in the delivery's unguessable callback id.
 *
 * <p>The base is known only once the AF's HTTP server has bound its port, after the AF was built; it is set once
 * then, before any delivery is created.
 */
public final class NotificationAddress {
    /** The path under which the NEF's notifications arrive; the last segment is the delivery's callback id. */
    public static final String PATH = "/nef-callbacks/v1/";

    private volatile URI base;

    public NotificationAddress() {
    }

    public NotificationAddress(URI base) {
        this.base = base;
    }

    /** Sets the base once the listener is bound (an embedding application calls this through the AF). */
    public void base(URI base) {
        this.base = Objects.requireNonNull(base, "base");
    }

    /** The notification URI of the delivery with this callback id. */
    public URI of(String callbackId) {
        URI b = base;
        if (b == null) {
            throw new IllegalStateException("the AF's callback base URI is not known yet");
        }
        return URI.create(b + PATH + callbackId);
    }

    /** The callback id at the end of a notification URI, or null when it is not one of this AF's callback URIs. */
    public static String callbackIdOf(String destination) {
        if (destination == null) {
            return null;
        }
        int at = destination.lastIndexOf(PATH);
        if (at < 0) {
            return null;
        }
        String id = destination.substring(at + PATH.length());
        return id.isEmpty() || id.contains("/") ? null : id;
    }
}
