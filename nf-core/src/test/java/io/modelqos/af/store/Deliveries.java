package io.modelqos.af.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryRequest;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.delivery.GrantedQos;
import io.modelqos.af.delivery.NegotiationAttempt;
import io.modelqos.af.delivery.NetworkUsage;
import io.modelqos.af.delivery.PlannedOption;
import io.modelqos.af.delivery.RequestedQos;
import io.modelqos.af.events.DeliveryEvent;
import io.modelqos.af.events.EventType;
import io.modelqos.af.problem.AfProblem;
import io.modelqos.af.problem.BestOffer;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/** Deliveries and events for the store tests, with every field the AF fills in. */
final class Deliveries {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456789Z");

    private Deliveries() {
    }

    static DeliveryRequest request(String ueIpv4) {
        return new DeliveryRequest(new DeliveryRequest.UeAddress(ueIpv4, null, null),
                new DeliveryRequest.ServerAddress("10.0.0.10", null, 443), "resnet-50",
                List.of(new DeliveryRequest.Variant("resnet-50-fp32", "fp32", 102_000_000L, 0.76),
                        new DeliveryRequest.Variant("resnet-50-int8", "int8", 25_600_000L, null)),
                1000, 0.9999, true, 2000L, URI.create("http://127.0.0.1:9/hook"), "tok");
    }

    /** A delivery in NEGOTIATING, created {@code secondsAfterT0} after T0. */
    static Delivery negotiating(String id, String tenant, String ue, long secondsAfterT0) {
        Delivery d = new Delivery(id, tenant, request(ue), "cb-" + id, T0.plusSeconds(secondsAfterT0));
        d.requested(new RequestedQos("resnet-50-fp32", "816 Mbps", "898 Mbps", 1000, 0.9999));
        d.options(List.of(new PlannedOption("resnet-50-fp32", "mq-gbr-1G", true, "1 Gbps", 1_000_000_000L, 900, 1000, 1000),
                new PlannedOption("resnet-50-int8", "mq-gbr-500M", true, "500 Mbps", 500_000_000L, 450, 1000, 1000)));
        d.moveTo(DeliveryState.NEGOTIATING);
        return d;
    }

    /** A delivery granted by the NEF, with accounts that have run a while. */
    static Delivery granted(String id, String tenant, String ue, long secondsAfterT0) {
        Delivery d = negotiating(id, tenant, ue, secondsAfterT0);
        d.recordAttempt("resnet-50-fp32", "1 Gbps", NegotiationAttempt.Outcome.GRANTED, null);
        d.granted(new GrantedQos("resnet-50-fp32", "1 Gbps", "mq-gbr-1G", null, 900, 1000, 3, 1000));
        d.nefSubscription(URI.create("http://nef.example/3gpp-as-session-with-qos/v1/af/subscriptions/s-" + id));
        Instant grant = d.createdAt().plusMillis(40);
        d.startBy(grant.plusSeconds(1));
        d.availability().start(grant);
        d.availability().lost(grant.plusMillis(100));
        d.availability().restored(grant.plusMillis(130));
        d.rate().monitored(800_000_000L);
        d.rate().monitored(820_000_000L);
        d.rate().progress(50_000_000, 500, false);
        d.rate().usage(new NetworkUsage(50_000_000L, 1_000L, 50_001_000L, 1L));
        d.expiresAt(d.createdAt().plusSeconds(32));
        d.moveTo(DeliveryState.QOS_GRANTED);
        return d;
    }

    /** Ends {@code d} at {@code secondsAfterT0} in {@code state}. */
    static Delivery ended(Delivery d, DeliveryState state, long secondsAfterT0) {
        d.availability().stop(T0.plusSeconds(secondsAfterT0));
        d.endedAt(T0.plusSeconds(secondsAfterT0));
        d.moveTo(state);
        return d;
    }

    /** A create that failed with the problem the caller saw. */
    static Delivery failedCreate(String id, String tenant, String ue, long secondsAfterT0) {
        Delivery d = negotiating(id, tenant, ue, secondsAfterT0);
        d.recordAttempt("resnet-50-fp32", "600 Mbps", NegotiationAttempt.Outcome.COUNTER_OFFER, "REQUESTED_SERVICE_NOT_AUTHORIZED");
        d.creationProblem(AfProblem.unprocessable("the NEF refused the re-planned QoS too",
                new BestOffer("600 Mbps", "resnet-50-int8", 1500L)));
        d.failureCause(io.modelqos.af.delivery.FailureCause.QOS_REJECTED);
        return ended(d, DeliveryState.FAILED, secondsAfterT0);
    }

    static DeliveryEvent event(String deliveryId, long sequence, EventType type) {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("deliveryId", deliveryId).put("state", "QOS_GRANTED");
        data.putObject("achieved").put("dlRateBps", 812_000_000L);
        return new DeliveryEvent(DeliveryEvent.idOf(deliveryId, sequence), deliveryId, sequence, type,
                T0.plusMillis(sequence * 10), data);
    }
}
