package io.modelqos.af.southbound;

import io.modelqos.qos.SupportedFeatures;

/**
 * A session the network opened.
 *
 * @param session      the session's reference, for later calls
 * @param appliedRef   the planned option the network applied, when its answer says (else an {@link NetworkEvent.Allocated}
 *                     tells later, or nothing does and the primary stands)
 * @param peerFeatures the features the network answered it supports, or null when its answer did not say
 */
public record OpenedSession(String session, String appliedRef, SupportedFeatures peerFeatures) {
}
