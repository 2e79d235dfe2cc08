package io.modelqos.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A model delivery as the AF knows it: its state, what was requested, granted and achieved, and the
 * negotiation that led there.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Delivery(String deliveryId, DeliveryState state, UeId ue, ModelSpec model,
                       RequestedQos requested, GrantedQos granted, List<NegotiationAttempt> negotiation,
                       AchievedQos achieved, NetworkUsage networkUsage, String nefSubscription,
                       String failureCause, Instant createdAt, Instant expiresAt, Instant endedAt) {

    public Delivery {
        negotiation = negotiation == null ? List.of() : List.copyOf(negotiation);
    }
}
