package io.modelqos.af.nef;

import io.modelqos.openapi.t8.model.AsSessionWithQoSSubscription;

import java.net.URI;

/** A subscription at the NEF: its resource URI (its identity) and the NEF's representation of it. */
public record NefSubscription(URI uri, AsSessionWithQoSSubscription body) {
}
