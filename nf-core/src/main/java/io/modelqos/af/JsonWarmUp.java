package io.modelqos.af;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryJson;
import io.modelqos.af.delivery.DeliveryRequest;
import io.modelqos.af.delivery.RequestedQos;
import io.modelqos.af.http.ProblemWriter;
import io.modelqos.af.problem.BestOffer;
import io.modelqos.af.problem.InvalidParam;
import io.modelqos.af.store.DeliveryRecord;
import io.modelqos.openapi.t8.model.AsSessionWithQoSSubscription;
import io.modelqos.openapi.t8.model.UserPlaneNotificationData;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * Jackson's first look at a type (introspection, serializers, the classes they load) costs tens to hundreds of
 * milliseconds; paid by the first create or notification it would hold an event loop that long. The AF pays it here,
 * on a worker thread before its listeners open, for the types every delivery goes through: the store's record, the
 * northbound JSON, its problem+json and the T8 bodies. Jackson keeps what it built per mapper, for every thread.
 */
final class JsonWarmUp {
    private JsonWarmUp() {
    }

    /** Warms the mappers; a failure only means the first request pays it, so it is logged and the AF goes on. */
    static void run(ObjectMapper t8, DeliveryJson json) {
        try {
            warm(t8, json);
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(JsonWarmUp.class).warn("warming up JSON failed; the first requests pay it: {}",
                    e.toString());
        }
    }

    private static void warm(ObjectMapper t8, DeliveryJson json) {
        Delivery d = new Delivery("d-warm-up", "warm-up", new DeliveryRequest(
                new DeliveryRequest.UeAddress("10.45.0.1", null, null),
                new DeliveryRequest.ServerAddress("10.0.0.10", null, 443), "warm-up",
                List.of(new DeliveryRequest.Variant("warm-up-fp32", "fp32", 1_000_000L, null)), 1000, 0.99999, false,
                null, null, null), "warm-up", Instant.EPOCH);
        d.requested(new RequestedQos("warm-up-fp32", "8 Mbps", "9 Mbps", 1000, 0.99999));
        try {
            DeliveryRecord.fromJson(DeliveryRecord.of(d).toJson());
            json.delivery(d, Instant.EPOCH);
            byte[] subscription = t8.writeValueAsBytes(new AsSessionWithQoSSubscription()
                    .notificationDestination("http://127.0.0.1/nef-callbacks/v1/warm-up")
                    .ueIpv4Addr("10.45.0.1"));
            t8.readValue(subscription, AsSessionWithQoSSubscription.class);
            // A NEF's list (the reconciliation's, read on the event loop when small) has a root deserializer of its own.
            t8.readValue("[" + new String(subscription, java.nio.charset.StandardCharsets.UTF_8) + "]",
                    new com.fasterxml.jackson.core.type.TypeReference<List<AsSessionWithQoSSubscription>>() { });
            // The first refusal's problem+json, its bestOffer through the mapper: 89 ms on an event loop once in CI.
            ProblemWriter.Body.of(422, "warm-up", "warm-up").type(ProblemWriter.ABOUT_BLANK).instance("/warm-up")
                    .invalidParams(List.of(new InvalidParam("/warm-up", "warm-up")))
                    .extension("bestOffer", t8.valueToTree(new BestOffer("8 Mbps", "warm-up-fp32", 1000L))).toJson();
            t8.readValue("{\"transaction\":\"http://127.0.0.1/s\",\"eventReports\":[{\"event\":\"USAGE_REPORT\","
                    + "\"accumulatedUsage\":{\"duration\":1,\"downlinkVolume\":1}}]}", UserPlaneNotificationData.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
