package io.modelqos.af.delivery;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.af.problem.AfProblem;
import io.modelqos.af.problem.BestOffer;
import io.modelqos.qos.BitRate;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The northbound rendering of a delivery ({@link DeliveryJson#write}) and of an event's data
 * ({@link DeliveryJson#eventData}), written member by member, are byte for byte what the trees they replaced gave (kept
 * here as {@link PreviousRendering}), for deliveries in every stage; and the delivery's tree form is the same tree.
 */
class DeliveryJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456789Z");

    @Test
    void aDeliveryIsWrittenAsTheTreeRenderingWroteIt() throws Exception {
        DeliveryJson json = new DeliveryJson(MAPPER);
        PreviousRendering previous = new PreviousRendering(MAPPER);
        for (Delivery d : List.of(negotiating(), granted(), ended(granted(), DeliveryState.COMPLETED),
                ended(granted(), DeliveryState.CANCELLED), failedCreate(), onIpv6AndGpsi())) {
            for (Instant now : List.of(T0.plusSeconds(5), T0.plusSeconds(100))) {
                String expected = MAPPER.writeValueAsString(previous.delivery(d, now));
                ByteArrayBuilder out = new ByteArrayBuilder();
                try (JsonGenerator g = MAPPER.createGenerator(out)) {
                    json.write(g, d, now);
                }
                assertEquals(expected, new String(out.toByteArray(), StandardCharsets.UTF_8), d.id() + " " + d.state());
                assertEquals(previous.delivery(d, now), json.delivery(d, now));
            }
        }
    }

    @Test
    void anEventsDataIsWrittenAsTheTreeRenderingWroteIt() throws Exception {
        DeliveryJson json = new DeliveryJson(MAPPER);
        PreviousRendering previous = new PreviousRendering(MAPPER);
        BestOffer offer = new BestOffer("600 Mbps", "resnet-50-int8", 1500L);
        for (Delivery d : List.of(negotiating(), granted(), ended(granted(), DeliveryState.CANCELLED), failedCreate())) {
            for (BestOffer o : java.util.Arrays.asList(null, offer, new BestOffer(null, null, null))) {
                for (String cause : java.util.Arrays.asList(null, "QOS_MONITORING")) {
                    Instant now = T0.plusSeconds(7);
                    assertEquals(MAPPER.writeValueAsString(previous.eventData(d, now, o, cause)),
                            json.eventData(d, now, o, cause).getValue(), d.id() + " " + d.state());
                }
            }
        }
    }

    private static Delivery negotiating() {
        Delivery d = new Delivery("d-1", "t", new DeliveryRequest(new DeliveryRequest.UeAddress("10.45.0.1", null, null),
                new DeliveryRequest.ServerAddress("10.0.0.10", null, 443), "resnet-50",
                List.of(new DeliveryRequest.Variant("resnet-50-fp32", "fp32", 102_000_000L, 0.76),
                        new DeliveryRequest.Variant("resnet-50-int8", "int8", 25_600_000L, null)),
                1000, 0.9999, true, 2000L, URI.create("http://127.0.0.1:9/hook"), "tok"), "cb-1", T0);
        d.requested(new RequestedQos("resnet-50-fp32", "816 Mbps", "898 Mbps", 1000, 0.9999));
        d.options(List.of(new PlannedOption("resnet-50-fp32", "mq-gbr-1G", true, "1 Gbps", 1_000_000_000L, 900, 1000, 1000)));
        d.moveTo(DeliveryState.NEGOTIATING);
        return d;
    }

    private static Delivery granted() {
        Delivery d = negotiating();
        d.recordAttempt("resnet-50-fp32", "1 Gbps", NegotiationAttempt.Outcome.GRANTED, null);
        d.granted(new GrantedQos("resnet-50-fp32", "1 Gbps", "mq-gbr-1G", "alt-1", 900, 1000, 3, 1000));
        d.rateReportPeriodS(6);
        d.nefSubscription(URI.create("http://nef.example/3gpp-as-session-with-qos/v1/af/subscriptions/s-1"));
        Instant grant = T0.plusMillis(40);
        d.availability().start(grant);
        d.availability().lost(grant.plusMillis(100));
        d.availability().restored(grant.plusMillis(130));
        d.rate().monitored(800_000_000L);
        d.rate().progress(50_000_000, 500, false);
        d.rate().usage(new NetworkUsage(50_000_000L, 1_000L, null, 1L));
        d.expiresAt(T0.plusSeconds(32));
        d.moveTo(DeliveryState.QOS_GRANTED);
        return d;
    }

    private static Delivery ended(Delivery d, DeliveryState state) {
        d.availability().stop(T0.plusSeconds(40));
        d.endedAt(T0.plusSeconds(40));
        d.moveTo(state);
        return d;
    }

    private static Delivery failedCreate() {
        Delivery d = negotiating();
        d.recordAttempt("resnet-50-fp32", "600 Mbps", NegotiationAttempt.Outcome.COUNTER_OFFER, "REQUESTED_SERVICE_NOT_AUTHORIZED");
        d.creationProblem(AfProblem.unprocessable("refused", new BestOffer("600 Mbps", "resnet-50-int8", 1500L)));
        d.failureCause(FailureCause.QOS_REJECTED);
        return ended(d, DeliveryState.FAILED);
    }

    private static Delivery onIpv6AndGpsi() {
        Delivery d = new Delivery("d-2", "t", new DeliveryRequest(new DeliveryRequest.UeAddress(null, "2001:db8::1", null),
                new DeliveryRequest.ServerAddress(null, "2001:db8::10", 443), "mobilenet",
                List.of(new DeliveryRequest.Variant("m", "int8", 4_000_000L, null)), 33, 0.99999, false, null, null, null),
                "cb-2", Instant.parse("2026-03-01T10:00:00Z"));
        d.requested(new RequestedQos("m", "1 Gbps", "1.1 Gbps", 33, 0.99999));
        return d;
    }

    /** The tree rendering {@link DeliveryJson#write} replaced, as it was. */
    private static final class PreviousRendering {
        private final ObjectMapper mapper;

        PreviousRendering(ObjectMapper mapper) {
            this.mapper = mapper;
        }

        ObjectNode delivery(Delivery d, Instant now) {
            ObjectNode json = mapper.createObjectNode();
            json.put("deliveryId", d.id());
            json.put("state", d.state().name());
            json.set("ue", ue(d.request().ue()));
            json.set("model", model(d.request()));
            RequestedQos r = d.requested();
            ObjectNode requested = json.putObject("requested");
            requested.put("variantId", r.variantId());
            requested.put("payloadRate", r.payloadRate());
            requested.put("gbrDl", r.gbrDl());
            requested.put("latencyBudgetMs", r.latencyBudgetMs());
            requested.put("availability", r.availability());
            if (d.granted() != null) {
                json.set("granted", granted(d.granted(), d.rateReportPeriodS()));
            }
            ArrayNode negotiation = json.putArray("negotiation");
            for (NegotiationAttempt a : d.negotiation()) {
                ObjectNode n = negotiation.addObject();
                n.put("attempt", a.attempt());
                n.put("variantId", a.variantId());
                n.put("gbrDl", a.gbrDl());
                n.put("outcome", a.outcome().name());
                if (a.cause() != null) {
                    n.put("cause", a.cause());
                }
            }
            json.set("achieved", achieved(d, now));
            NetworkUsage usage = d.rate().usage();
            if (usage != null) {
                ObjectNode u = json.putObject("networkUsage");
                putIfNotNull(u, "downlinkVolume", usage.downlinkVolume());
                putIfNotNull(u, "uplinkVolume", usage.uplinkVolume());
                putIfNotNull(u, "totalVolume", usage.totalVolume());
                putIfNotNull(u, "durationS", usage.durationS());
            }
            if (d.nefSubscriptionText() != null) {
                json.put("nefSubscription", d.nefSubscriptionText());
            }
            FailureCause endCause = d.endCause();
            if (endCause != null) {
                json.put("endCause", endCause.name());
                if (d.state() == DeliveryState.FAILED) {
                    json.put("failureCause", endCause.name());
                }
            }
            json.put("createdAt", instant(d.createdAt()));
            if (d.expiresAt() != null) {
                json.put("expiresAt", instant(d.expiresAt()));
            }
            if (d.endedAt() != null) {
                json.put("endedAt", instant(d.endedAt()));
            }
            return json;
        }



            private ObjectNode granted(GrantedQos g, int rateReportPeriodS) {
            ObjectNode json = mapper.createObjectNode();
            json.put("variantId", g.variantId());
            json.put("gbrDl", g.gbrDl());
            if (g.qosReference() != null) {
                json.put("qosReference", g.qosReference());
            }
            if (g.altQosParamSetRef() != null) {
                json.put("altQosParamSetRef", g.altQosParamSetRef());
            }
            json.put("expectedTransferMs", g.expectedTransferMs());
            json.put("latencyBudgetMs", g.latencyBudgetMs());
            json.put("qosDurationS", g.qosDurationS());
            json.put("startWindowMs", g.startWindowMs());
            if (rateReportPeriodS > 0) {
                json.put("rateReportPeriodS", rateReportPeriodS);
            }
            return json;
        }

        private ObjectNode achieved(Delivery d, Instant now) {
            ObjectNode json = mapper.createObjectNode();
            RateAccount rate = d.rate();
            Long bps = rate.dlRateBps();
            if (bps != null) {
                json.put("dlRate", BitRate.ofBitsPerSecond(bps).toString());
            }
            putIfNotNull(json, "bytes", rate.bytes());
            putIfNotNull(json, "durationMs", rate.durationMs());
            Double availability = d.availability().availability(now);
            if (availability != null) {
                json.put("availability", availability);
            }
            json.put("qosGuaranteedMs", d.availability().guaranteedMs(now));
            json.put("qosNotGuaranteedMs", d.availability().notGuaranteedMs(now));
            Boolean within = rate.withinBudget(d.granted() != null ? d.granted().latencyBudgetMs() : d.request().latencyBudgetMs());
            if (within != null) {
                json.put("withinBudget", within);
            }
            return json;
        }

        private ObjectNode ue(DeliveryRequest.UeAddress ue) {
            ObjectNode json = mapper.createObjectNode();
            if (ue.ipv4Addr() != null) {
                json.put("ipv4Addr", ue.ipv4Addr());
            } else if (ue.ipv6Addr() != null) {
                json.put("ipv6Addr", ue.ipv6Addr());
            } else {
                json.put("gpsi", ue.gpsi());
            }
            return json;
        }

        private ObjectNode model(DeliveryRequest request) {
            ObjectNode json = mapper.createObjectNode();
            json.put("name", request.modelName());
            ArrayNode variants = json.putArray("variants");
            for (DeliveryRequest.Variant v : request.variants()) {
                ObjectNode variant = variants.addObject();
                variant.put("id", v.id());
                variant.put("precision", v.precision());
                variant.put("sizeBytes", v.sizeBytes());
                if (v.accuracy() != null) {
                    variant.put("accuracy", v.accuracy());
                }
            }
            return json;
        }

        private static void putIfNotNull(ObjectNode json, String name, Long value) {
            if (value != null) {
                json.put(name, value);
            }
        }

        ObjectNode eventData(Delivery d, Instant now, BestOffer bestOffer, String cause) {
            ObjectNode data = mapper.createObjectNode();
            data.put("deliveryId", d.id());
            data.put("state", d.state().name());
            GrantedQos g = d.granted();
            if (g != null) {
                data.put("variantId", g.variantId());
                data.put("gbrDl", g.gbrDl());
                if (g.qosReference() != null) {
                    data.put("qosReference", g.qosReference());
                }
            }
            data.set("achieved", achieved(d, now));
            if (bestOffer != null) {
                data.set("bestOffer", bestOffer(bestOffer));
            }
            if (cause != null) {
                data.put("cause", cause);
            }
            return data;
        }

        ObjectNode bestOffer(BestOffer offer) {
            ObjectNode o = mapper.createObjectNode();
            if (offer.acceptableRate() != null) {
                o.put("acceptableRate", offer.acceptableRate());
            }
            if (offer.variantId() != null) {
                o.put("variantId", offer.variantId());
            }
            if (offer.latencyBudgetMs() != null) {
                o.put("latencyBudgetMs", offer.latencyBudgetMs());
            }
            return o;
        }

        private static String instant(Instant instant) {
            return DateTimeFormatter.ISO_INSTANT.format(instant);
        }
    }
}
