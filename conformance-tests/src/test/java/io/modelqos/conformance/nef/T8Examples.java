package io.modelqos.conformance.nef;

import io.modelqos.openapi.t8.model.AsSessionWithQoSSubscription;
import io.modelqos.openapi.t8.model.FlowInfo;
import io.modelqos.openapi.t8.model.Snssai;
import io.modelqos.openapi.t8.model.UsageThreshold;
import io.modelqos.openapi.t8.model.UserPlaneEvent;

import java.util.List;

/**
 * The bodies the conformance tests exchange: the AF's subscription for one model download, and what it must
 * look like on the wire; the NEF's representations, problems and reports.
 */
final class T8Examples {

    static final String UE_IPV4 = "10.45.0.2";
    /** {@code ip-addrs=[{"ipv4Addr":"10.45.0.2"}]}, URL-encoded. */
    static final String IP_ADDRS_QUERY = "ip-addrs=%5B%7B%22ipv4Addr%22%3A%2210.45.0.2%22%7D%5D";
    static final String DESTINATION = "https://af.modelqos.example/nef-callbacks/v1/dl-7f3a";
    /** The AF announces AlternativeQoS_5G (5), QoSMonitoring_5G (6) and AltQosWithIndParams_5G (12). */
    static final String AF_FEATURES = "830";
    /** The NEF supports 5 and 6, not 12. */
    static final String NEF_FEATURES = "30";

    private T8Examples() {
    }

    /** The AF's subscription: one UE, one downlink flow, a pre-agreed QoS reference and one alternative. */
    static AsSessionWithQoSSubscription subscription() {
        return new AsSessionWithQoSSubscription()
                .supportedFeatures(AF_FEATURES)
                .dnn("internet")
                .snssai(new Snssai().sst(1).sd("000001"))
                .notificationDestination(DESTINATION)
                .exterAppId("modelqos-download")
                .flowInfo(List.of(new FlowInfo().flowId(1).flowDescriptions(List.of(
                        "permit out 6 from 198.51.100.10 443 to 10.45.0.2",
                        "permit out 6 from 10.45.0.2 to 198.51.100.10 443"))))
                .qosReference("modelqos-dl-50m")
                .altQoSReferences(List.of("modelqos-dl-25m"))
                .ueIpv4Addr(UE_IPV4)
                .usageThreshold(new UsageThreshold().duration(600).downlinkVolume(1_500_000_000L))
                .qosDuration(600)
                .events(List.of(UserPlaneEvent.QOS_GUARANTEED, UserPlaneEvent.QOS_NOT_GUARANTEED,
                        UserPlaneEvent.SUCCESSFUL_RESOURCES_ALLOCATION, UserPlaneEvent.FAILED_RESOURCES_ALLOCATION,
                        UserPlaneEvent.USAGE_REPORT, UserPlaneEvent.SESSION_TERMINATION));
    }

    /** {@link #subscription()} exactly as it must go on the wire (no nulls, no self, no empty arrays). */
    static final String SUBSCRIPTION_JSON = """
            {"supportedFeatures":"830","dnn":"internet","snssai":{"sst":1,"sd":"000001"},
             "notificationDestination":"https://af.modelqos.example/nef-callbacks/v1/dl-7f3a",
             "exterAppId":"modelqos-download",
             "flowInfo":[{"flowId":1,"flowDescriptions":["permit out 6 from 198.51.100.10 443 to 10.45.0.2",
                                                         "permit out 6 from 10.45.0.2 to 198.51.100.10 443"]}],
             "qosReference":"modelqos-dl-50m","altQoSReferences":["modelqos-dl-25m"],
             "ueIpv4Addr":"10.45.0.2",
             "usageThreshold":{"duration":600,"downlinkVolume":1500000000},
             "qosDuration":600,
             "events":["QOS_GUARANTEED","QOS_NOT_GUARANTEED","SUCCESSFUL_RESOURCES_ALLOCATION",
                       "FAILED_RESOURCES_ALLOCATION","USAGE_REPORT","SESSION_TERMINATION"]}
            """;

    /** The NEF's representation of the subscription at {@code self}, supporting features {@link #NEF_FEATURES}. */
    static String representation(String self) {
        return representation(self, DESTINATION);
    }

    static String representation(String self, String destination) {
        return """
                {"self":"%s","supportedFeatures":"30","dnn":"internet","snssai":{"sst":1,"sd":"000001"},
                 "notificationDestination":"%s","exterAppId":"modelqos-download",
                 "flowInfo":[{"flowId":1,"flowDescriptions":["permit out 6 from 198.51.100.10 443 to 10.45.0.2"]}],
                 "qosReference":"modelqos-dl-50m","altQoSReferences":["modelqos-dl-25m"],"ueIpv4Addr":"10.45.0.2",
                 "events":["QOS_GUARANTEED","QOS_NOT_GUARANTEED"]}
                """.formatted(self, destination);
    }

    /** The final report a DELETE may answer with. */
    static String finalReport(String transaction, String event) {
        return """
                {"transaction":"%s","eventReports":[{"event":"%s",
                 "accumulatedUsage":{"duration":412,"totalVolume":1210000000,"downlinkVolume":1200000000,"uplinkVolume":10000000}}]}
                """.formatted(transaction, event);
    }

    /** A TS 29.122 ProblemDetails for {@code status}, with the cause a NEF would give. */
    static String problem(int status) {
        return switch (status) {
            case 400 -> """
                    {"title":"Bad Request","status":400,"detail":"flowInfo[0].flowDescriptions is not an IPFilterRule",
                     "cause":"INVALID_MSG_FORMAT",
                     "invalidParams":[{"param":"/flowInfo/0/flowDescriptions/0","reason":"not an IPFilterRule"}]}""";
            case 403 -> """
                    {"title":"Forbidden","status":403,"detail":"requested GBR not available in the cell",
                     "cause":"REQUESTED_SERVICE_NOT_AUTHORIZED",
                     "acceptableServInfo":{"marBwDl":"25 Mbps","marBwUl":"1 Mbps"}}""";
            default -> """
                    {"title":"%s","status":%d,"cause":"%s"}""".formatted(title(status), status, cause(status));
        };
    }

    static String title(int status) {
        return switch (status) {
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 406 -> "Not Acceptable";
            case 411 -> "Length Required";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Error " + status;
        };
    }

    static String cause(int status) {
        return switch (status) {
            case 401 -> "UNAUTHORIZED";
            case 404 -> "RESOURCE_NOT_FOUND";
            case 429 -> "TOO_MANY_REQUESTS";
            case 503 -> "SERVICE_UNAVAILABLE";
            default -> "SYSTEM_FAILURE";
        };
    }
}
