package io.modelqos.af.northbound;

import io.modelqos.af.delivery.DeliveryRequest;
import io.modelqos.af.problem.AfProblem;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** The domain's {@link DeliveryRequest} from a validated northbound body: a create's, or a plan's (the same body). */
final class RequestBodies {
    private RequestBodies() {
    }

    static DeliveryRequest delivery(JsonObject body) {
        JsonObject ue = body.getJsonObject("ue");
        JsonObject server = body.getJsonObject("server");
        return deliveryRequest(body,
                new DeliveryRequest.UeAddress(ue.getString("ipv4Addr"), ue.getString("ipv6Addr"), ue.getString("gpsi")),
                new DeliveryRequest.ServerAddress(server.getString("ipv4Addr"), server.getString("ipv6Addr"),
                        server.getInteger("port")));
    }

    /**
     * A plan takes the body of a create as it is, and needs no UE and no server: when the body names none,
     * placeholders that never reach the network stand in for them.
     */
    static DeliveryRequest plan(JsonObject body) {
        if (body.containsKey("ue") && body.containsKey("server")) {
            return delivery(body);
        }
        return deliveryRequest(body, new DeliveryRequest.UeAddress("0.0.0.0", null, null),
                new DeliveryRequest.ServerAddress("0.0.0.0", null, 1));
    }

    private static DeliveryRequest deliveryRequest(JsonObject body, DeliveryRequest.UeAddress ue,
                                                   DeliveryRequest.ServerAddress server) {
        JsonObject negotiation = body.getJsonObject("negotiation", new JsonObject());
        return new DeliveryRequest(ue, server,
                body.getJsonObject("model").getString("name"),
                variants(body.getJsonObject("model")),
                body.getLong("latencyBudgetMs"),
                body.getDouble("availability", 0.99999),
                negotiation.getBoolean("allowVariantFallback", true),
                negotiation.getLong("maxLatencyBudgetMs"),
                notificationUri(body),
                body.getString("notificationToken"),
                body.getLong("startWindowMs"));
    }

    private static URI notificationUri(JsonObject body) {
        String notificationUri = body.getString("notificationUri");
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

    private static List<DeliveryRequest.Variant> variants(JsonObject model) {
        List<DeliveryRequest.Variant> variants = new ArrayList<>();
        for (Object item : model.getJsonArray("variants")) {
            JsonObject v = (JsonObject) item;
            variants.add(new DeliveryRequest.Variant(v.getString("id"), v.getString("precision"),
                    v.getLong("sizeBytes"), v.getDouble("accuracy")));
        }
        return variants;
    }
}
