package io.modelqos.client;

/** Bodies shaped like the contract's, as the AF sends them. */
public final class Bodies {

    private Bodies() {
    }

    /** A delivery as the AF answers it, in the given state. */
    public static String deliveryJson(String deliveryId, String state) {
        return """
                {
                  "deliveryId": "%s",
                  "state": "%s",
                  "ue": {"ipv4Addr": "10.45.0.2"},
                  "model": {"name": "resnet-50", "variants": [
                    {"id": "resnet-50-fp32", "precision": "FP32", "sizeBytes": 100000000},
                    {"id": "resnet-50-int8", "precision": "INT8", "sizeBytes": 25000000}]},
                  "requested": {"variantId": "resnet-50-fp32", "payloadRate": "800 Mbps", "gbrDl": "860 Mbps",
                                "latencyBudgetMs": 1000, "availability": 0.99999},
                  "granted": {"variantId": "resnet-50-fp32", "gbrDl": "860 Mbps", "qosReference": "qos-gbr-1g",
                              "expectedTransferMs": 930, "latencyBudgetMs": 1000, "qosDurationS": 60},
                  "negotiation": [{"attempt": 1, "variantId": "resnet-50-fp32", "gbrDl": "860 Mbps", "outcome": "GRANTED"}],
                  "achieved": {},
                  "nefSubscription": "http://nef.example/3gpp-as-session-with-qos/v1/af-1/subscriptions/s-1",
                  "createdAt": "2025-11-27T13:35:00Z",
                  "expiresAt": "2025-11-27T13:36:00Z"
                }
                """.formatted(deliveryId, state);
    }

    /** A delivery event as the AF sends it: a structured CloudEvent. */
    public static String eventJson(String deliveryId, long sequence, String type, String state) {
        return """
                {"specversion": "1.0", "id": "%s-%d", "source": "/modelqos/af",
                 "type": "io.modelqos.delivery.%s", "subject": "%s", "time": "2025-11-27T13:35:0%dZ",
                 "datacontenttype": "application/json", "sequence": %d,
                 "data": {"deliveryId": "%s", "state": "%s", "variantId": "resnet-50-fp32", "gbrDl": "860 Mbps"}}
                """.formatted(deliveryId, sequence, type, deliveryId, sequence % 10, sequence, deliveryId, state);
    }

    /** One SSE message carrying the event, as the AF streams it. */
    public static String sseMessage(String deliveryId, long sequence, String type, String state) {
        return "id: " + sequence + "\n"
                + "event: io.modelqos.delivery." + type + "\n"
                + "data: " + eventJson(deliveryId, sequence, type, state).replace("\n", "") + "\n\n";
    }
}
