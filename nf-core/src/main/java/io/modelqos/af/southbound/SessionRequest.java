package io.modelqos.af.southbound;

import io.modelqos.af.delivery.DeliveryRequest;
import io.modelqos.af.qos.QosPlan;
import io.modelqos.qos.SupportedFeatures;

/**
 * What a session is opened (or modified) for: the plan's QoS options, the flow between the model server and the UE,
 * the delivery's callback id (the unguessable last segment of the address the network notifies), and the features
 * the AF announces.
 */
public record SessionRequest(QosPlan plan, DeliveryRequest delivery, String callbackId, SupportedFeatures features) {
}
