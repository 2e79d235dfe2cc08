package io.modelqos.af.southbound;

import io.modelqos.qos.SupportedFeatures;

import java.util.List;
import java.util.Objects;

/**
 * A session the network opened, as its answer shows it. The engine grants only what the answer shows: an option the
 * network's answer does not carry was not granted, whatever the status said.
 *
 * @param session      the session's reference, for later calls
 * @param appliedRef   the planned option the network applied, when its answer says (else an {@link NetworkEvent.Allocated}
 *                     tells later, or nothing does and the first carried option stands)
 * @param peerFeatures the features the network answered it supports; an answer that names none means none (never null)
 * @param carriedRefs  the refs of the request's planned options the network's answer carries, in the plan's order: all
 *                     of them for a network that holds what it was asked; empty when the answer carries none of them
 *                     (the network took the session but not the QoS, e.g. it applied a default QoS of its own)
 */
public record OpenedSession(String session, String appliedRef, SupportedFeatures peerFeatures, List<String> carriedRefs) {
    public OpenedSession {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(peerFeatures, "peerFeatures: an answer without features means none");
        carriedRefs = List.copyOf(carriedRefs);
    }
}
