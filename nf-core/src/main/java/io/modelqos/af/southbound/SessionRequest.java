package io.modelqos.af.southbound;

import io.modelqos.af.delivery.DeliveryRequest;
import io.modelqos.af.qos.QosPlan;
import io.modelqos.qos.SupportedFeatures;

import java.util.Objects;

/**
 * What a session is opened (or modified) for: the plan's QoS options, the flow between the model server and the UE,
 * the delivery's callback id (the unguessable last segment of the address the network notifies), the features the AF
 * announces, and whether the network is to report the session's data rate ({@link RateMonitoring}).
 */
public record SessionRequest(QosPlan plan, DeliveryRequest delivery, String callbackId, SupportedFeatures features,
                             RateMonitoring monitoring) {
    public SessionRequest {
        Objects.requireNonNull(monitoring, "monitoring: RateMonitoring.NONE when the session is not monitored");
    }

    /** A session whose data rate is not monitored. */
    public SessionRequest(QosPlan plan, DeliveryRequest delivery, String callbackId, SupportedFeatures features) {
        this(plan, delivery, callbackId, features, RateMonitoring.NONE);
    }
}
