package io.modelqos.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** One attempt to obtain QoS from the network, in the order the AF made them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record NegotiationAttempt(int attempt, String variantId, String gbrDl, NegotiationOutcome outcome,
                                 String cause) {
}
