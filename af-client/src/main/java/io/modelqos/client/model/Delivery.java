package io.modelqos.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A model delivery as the AF knows it: its state, what was requested, granted and achieved, and the
 * negotiation that led there. An ended delivery says why in {@link #endCause()} (each cause leads to one
 * final state); {@code failureCause} repeats it for a FAILED delivery.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Delivery(String deliveryId, DeliveryState state, UeId ue, ModelSpec model,
                       RequestedQos requested, GrantedQos granted, List<NegotiationAttempt> negotiation,
                       AchievedQos achieved, NetworkUsage networkUsage, String nefSubscription,
                       String failureCause, Instant createdAt, Instant expiresAt, Instant endedAt,
                       EndCause endCause) {

    public Delivery {
        negotiation = negotiation == null ? List.of() : List.copyOf(negotiation);
    }

    /** A delivery without an end cause (from an AF that did not send one). */
    public Delivery(String deliveryId, DeliveryState state, UeId ue, ModelSpec model, RequestedQos requested,
                    GrantedQos granted, List<NegotiationAttempt> negotiation, AchievedQos achieved,
                    NetworkUsage networkUsage, String nefSubscription, String failureCause, Instant createdAt,
                    Instant expiresAt, Instant endedAt) {
        this(deliveryId, state, ue, model, requested, granted, negotiation, achieved, networkUsage, nefSubscription,
                failureCause, createdAt, expiresAt, endedAt, null);
    }
}
