package io.modelqos.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** The payload of a delivery event: the delivery's state and what changed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeliveryEventData(String deliveryId, DeliveryState state, String variantId, String gbrDl,
                                String qosReference, AchievedQos achieved, BestOffer bestOffer, String cause) {
}
