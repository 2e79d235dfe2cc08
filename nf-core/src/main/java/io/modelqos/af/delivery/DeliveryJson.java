package io.modelqos.af.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.af.problem.BestOffer;
import io.modelqos.qos.BitRate;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * Renders a delivery the way the northbound contract ({@code model-delivery.yaml}, schemas {@code Delivery}
 * and {@code DeliveryEventData}) describes it. The same figures go into the API answers and the events.
 */
public final class DeliveryJson {
    private final ObjectMapper mapper;

    public DeliveryJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ObjectNode delivery(Delivery d, Instant now) {
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

    /** The {@code data} of a delivery event: the state and figures at that moment. */
    public ObjectNode eventData(Delivery d, Instant now, BestOffer bestOffer, String cause) {
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

    public ObjectNode bestOffer(BestOffer offer) {
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

    private static String instant(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
