package io.modelqos.af.northbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelqos.af.delivery.DeliveryRequest;
import io.modelqos.af.problem.AfProblem;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The domain's {@link DeliveryRequest} from a validated northbound body (a create's, or a plan's: the same body), as
 * Jackson's tree: the validator parsed the bytes into it once, and the schema already checked every member's type.
 */
final class RequestBodies {
    private RequestBodies() {
    }

    static DeliveryRequest delivery(JsonNode body) {
        JsonNode ue = body.get("ue");
        JsonNode server = body.get("server");
        return deliveryRequest(body,
                new DeliveryRequest.UeAddress(text(ue, "ipv4Addr"), text(ue, "ipv6Addr"), text(ue, "gpsi")),
                new DeliveryRequest.ServerAddress(text(server, "ipv4Addr"), text(server, "ipv6Addr"),
                        server.get("port").intValue()));
    }

    /**
     * A plan takes the body of a create as it is, and needs no UE and no server: when the body names none,
     * placeholders that never reach the network stand in for them.
     */
    static DeliveryRequest plan(JsonNode body) {
        if (body.has("ue") && body.has("server")) {
            return delivery(body);
        }
        return deliveryRequest(body, new DeliveryRequest.UeAddress("0.0.0.0", null, null),
                new DeliveryRequest.ServerAddress("0.0.0.0", null, 1));
    }

    /** A string member, or null when absent or JSON null. */
    static String text(JsonNode object, String name) {
        JsonNode value = object.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** A number member as a long, or null when absent or JSON null. */
    static Long longOrNull(JsonNode object, String name) {
        JsonNode value = object.get(name);
        return value == null || value.isNull() ? null : value.longValue();
    }

    private static DeliveryRequest deliveryRequest(JsonNode body, DeliveryRequest.UeAddress ue,
                                                   DeliveryRequest.ServerAddress server) {
        JsonNode negotiation = body.path("negotiation");
        JsonNode model = body.get("model");
        JsonNode availability = body.get("availability");
        JsonNode fallback = negotiation.get("allowVariantFallback");
        return new DeliveryRequest(ue, server,
                text(model, "name"),
                variants(model),
                body.get("latencyBudgetMs").longValue(),
                availability == null || availability.isNull() ? 0.99999 : availability.doubleValue(),
                fallback == null || fallback.isNull() || fallback.booleanValue(),
                longOrNull(negotiation, "maxLatencyBudgetMs"),
                notificationUri(body),
                text(body, "notificationToken"),
                longOrNull(body, "startWindowMs"));
    }

    private static URI notificationUri(JsonNode body) {
        String notificationUri = text(body, "notificationUri");
        if (notificationUri == null) {
            return null;
        }
        try {
            URI uri = new URI(notificationUri);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
            return uri;
        } catch (Exception e) {
            throw AfProblem.invalid("/notificationUri", "must be an absolute http(s) URI");
        }
    }

    private static List<DeliveryRequest.Variant> variants(JsonNode model) {
        List<DeliveryRequest.Variant> variants = new ArrayList<>();
        for (JsonNode v : model.get("variants")) {
            JsonNode accuracy = v.get("accuracy");
            variants.add(new DeliveryRequest.Variant(text(v, "id"), text(v, "precision"), v.get("sizeBytes").longValue(),
                    accuracy == null || accuracy.isNull() ? null : accuracy.doubleValue()));
        }
        return variants;
    }
}
