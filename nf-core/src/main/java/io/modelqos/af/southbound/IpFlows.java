package io.modelqos.af.southbound;

import io.modelqos.af.delivery.DeliveryRequest;

import java.util.List;

/**
 * The model download as one IP flow between the model server and the UE, written as IPFilterRules (TS 29.214 clause
 * 5.3.8, as TS 29.122 flowDescriptions and TS 29.514 fDescs both take them): "out" is downlink, from the server to the
 * UE; "in" is uplink (the transport's acknowledgements).
 */
public final class IpFlows {
    private IpFlows() {
    }

    /** The downlink rule, then the uplink one. */
    public static List<String> descriptions(DeliveryRequest request) {
        DeliveryRequest.ServerAddress server = request.server();
        String ue = request.ue().ipv4Addr() != null ? request.ue().ipv4Addr()
                : request.ue().ipv6Addr() != null ? request.ue().ipv6Addr() : "any";
        return List.of(
                "permit out ip from " + server.address() + " " + server.port() + " to " + ue,
                "permit in ip from " + ue + " to " + server.address() + " " + server.port());
    }
}
