package io.modelqos.af.nef;

import java.net.URI;
import java.util.Objects;

/**
 * Where the NEF client sends creates and lists: {@code {apiRoot}/3gpp-as-session-with-qos/v1/{scsAsId}/subscriptions}.
 * Fixed when the apiRoot is configured; moved when CAPIF discovers the API at another exposing function. Existing
 * subscriptions are not affected: each is addressed by the absolute URI the NEF gave it.
 */
public final class NefEndpoint {
    private final String scsAsId;
    private volatile URI collection;

    private NefEndpoint(String apiRoot, String scsAsId) {
        this.scsAsId = Objects.requireNonNull(scsAsId, "scsAsId == null");
        this.collection = NefClientSettings.collection(apiRoot, scsAsId);
    }

    /** @throws IllegalArgumentException when {@code apiRoot} is not an absolute http(s) URI */
    public static NefEndpoint of(String apiRoot, String scsAsId) {
        return new NefEndpoint(apiRoot, scsAsId);
    }

    public URI collection() {
        return collection;
    }

    /** Moves the collection to another apiRoot, keeping the SCS/AS id. */
    public void moveTo(String apiRoot) {
        collection = NefClientSettings.collection(apiRoot, scsAsId);
    }

    @Override
    public String toString() {
        return "NefEndpoint[" + collection + "]";
    }
}
