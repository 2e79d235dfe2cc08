package io.modelqos.nef.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.openapi.T8Json;

/** Bodies and URIs of the emulator's N5 faces, as a trusted AF would send them. */
final class N5Requests {

    private N5Requests() {
    }

    static String appSessions(String apiRoot) {
        return apiRoot + "/npcf-policyauthorization/v1/app-sessions";
    }

    static String bindings(String apiRoot) {
        return apiRoot + "/nbsf-management/v1/pcfBindings";
    }

    static String instances(String apiRoot) {
        return apiRoot + "/nnrf-disc/v1/nf-instances";
    }

    /**
     * An AppSessionContext for one UE with one media component (number 1) and, when given, the
     * events subscribed to at the same {@code notifUri}.
     *
     * @param notifUri the AF's URI: the PCF posts to it + "/notify" and + "/terminate"
     */
    static ObjectNode appSession(String notifUri, String ueIpv4, ObjectNode mediaComponent, String... events) {
        ObjectNode body = T8Json.mapper().createObjectNode();
        ObjectNode req = body.putObject("ascReqData");
        req.put("afAppId", "modelqos-model-delivery");
        req.put("dnn", "internet");
        req.putObject("sliceInfo").put("sst", 1).put("sd", "000001");
        req.put("ueIpv4", ueIpv4);
        req.put("suppFeat", "0");
        req.put("notifUri", notifUri);
        mediaComponent.put("medCompN", 1);
        ObjectNode sub = mediaComponent.putObject("medSubComps").putObject("1");
        sub.put("fNum", 1);
        sub.putArray("fDescs").add("permit out ip from 10.0.0.10 443 to " + ueIpv4);
        req.putObject("medComponents").set("1", mediaComponent);
        if (events.length > 0) {
            ObjectNode evSubsc = req.putObject("evSubsc");
            ArrayNode list = evSubsc.putArray("events");
            for (String e : events) {
                list.addObject().put("event", e);
            }
            evSubsc.put("notifUri", notifUri);
        }
        return body;
    }

    /** A media component asking for a catalogue QoS reference. */
    static ObjectNode reference(String qosReference) {
        return T8Json.mapper().createObjectNode().put("qosReference", qosReference);
    }

    /** A media component asking for a downlink bandwidth (marBwDl = mirBwDl). */
    static ObjectNode bandwidth(String dl) {
        return T8Json.mapper().createObjectNode().put("marBwDl", dl).put("mirBwDl", dl);
    }

    /** The events subscription of a body built by {@link #appSession}. */
    static ObjectNode evSubsc(ObjectNode body) {
        return (ObjectNode) body.get("ascReqData").get("evSubsc");
    }

    static String form(String... pairs) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(T8Client.urlEncode(pairs[i])).append('=').append(T8Client.urlEncode(pairs[i + 1]));
        }
        return out.toString();
    }
}
