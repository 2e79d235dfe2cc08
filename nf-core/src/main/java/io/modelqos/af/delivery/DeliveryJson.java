package io.modelqos.af.delivery;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.modelqos.af.json.IsoInstants;
import io.modelqos.af.problem.BestOffer;
import io.modelqos.qos.BitRate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * Renders a delivery the way the northbound contract ({@code model-delivery.yaml}, schemas {@code Delivery}
 * and {@code DeliveryEventData}) describes it. The same figures go into the API answers and the events.
 */
public final class DeliveryJson {
    private final ObjectMapper mapper;

    public DeliveryJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The delivery as the answers of the northbound API show it ({@code Delivery}), written member by member: every
     * create and cancel is answered with it, and building a tree first cost as much again as writing it.
     */
    public void write(JsonGenerator g, Delivery d, Instant now) throws IOException {
        g.writeStartObject();
        g.writeStringField("deliveryId", d.id());
        g.writeStringField("state", d.state().name());
        g.writeFieldName("ue");
        ue(g, d.request().ue());
        g.writeFieldName("model");
        model(g, d.request());
        RequestedQos r = d.requested();
        g.writeObjectFieldStart("requested");
        g.writeStringField("variantId", r.variantId());
        g.writeStringField("payloadRate", r.payloadRate());
        g.writeStringField("gbrDl", r.gbrDl());
        g.writeNumberField("latencyBudgetMs", r.latencyBudgetMs());
        g.writeNumberField("availability", r.availability());
        g.writeEndObject();
        if (d.granted() != null) {
            g.writeFieldName("granted");
            granted(g, d.granted(), d.rateReportPeriodS());
        }
        g.writeArrayFieldStart("negotiation");
        for (NegotiationAttempt a : d.negotiation()) {
            g.writeStartObject();
            g.writeNumberField("attempt", a.attempt());
            g.writeStringField("variantId", a.variantId());
            g.writeStringField("gbrDl", a.gbrDl());
            g.writeStringField("outcome", a.outcome().name());
            if (a.cause() != null) {
                g.writeStringField("cause", a.cause());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeFieldName("achieved");
        g.writeTree(achieved(d, now));
        NetworkUsage usage = d.rate().usage();
        if (usage != null) {
            g.writeObjectFieldStart("networkUsage");
            numberIfSet(g, "downlinkVolume", usage.downlinkVolume());
            numberIfSet(g, "uplinkVolume", usage.uplinkVolume());
            numberIfSet(g, "totalVolume", usage.totalVolume());
            numberIfSet(g, "durationS", usage.durationS());
            g.writeEndObject();
        }
        if (d.nefSubscriptionText() != null) {
            g.writeStringField("nefSubscription", d.nefSubscriptionText());
        }
        FailureCause endCause = d.endCause();
        if (endCause != null) {
            g.writeStringField("endCause", endCause.name());
            if (d.state() == DeliveryState.FAILED) {
                g.writeStringField("failureCause", endCause.name());
            }
        }
        IsoInstants.write(g, "createdAt", d.createdAt());
        if (d.expiresAt() != null) {
            IsoInstants.write(g, "expiresAt", d.expiresAt());
        }
        if (d.endedAt() != null) {
            IsoInstants.write(g, "endedAt", d.endedAt());
        }
        g.writeEndObject();
    }

    /** {@link #write} as a tree (a page of a list holds several). */
    public ObjectNode delivery(Delivery d, Instant now) {
        try (TokenBuffer buffer = new TokenBuffer(mapper, false)) {
            write(buffer, d, now);
            return mapper.readTree(buffer.asParser());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    private static void granted(JsonGenerator json, GrantedQos g, int rateReportPeriodS) throws IOException {
        json.writeStartObject();
        json.writeStringField("variantId", g.variantId());
        json.writeStringField("gbrDl", g.gbrDl());
        if (g.qosReference() != null) {
            json.writeStringField("qosReference", g.qosReference());
        }
        if (g.altQosParamSetRef() != null) {
            json.writeStringField("altQosParamSetRef", g.altQosParamSetRef());
        }
        json.writeNumberField("expectedTransferMs", g.expectedTransferMs());
        json.writeNumberField("latencyBudgetMs", g.latencyBudgetMs());
        json.writeNumberField("qosDurationS", g.qosDurationS());
        json.writeNumberField("startWindowMs", g.startWindowMs());
        if (rateReportPeriodS > 0) {
            json.writeNumberField("rateReportPeriodS", rateReportPeriodS);
        }
        json.writeEndObject();
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

    private static void ue(JsonGenerator g, DeliveryRequest.UeAddress ue) throws IOException {
        g.writeStartObject();
        if (ue.ipv4Addr() != null) {
            g.writeStringField("ipv4Addr", ue.ipv4Addr());
        } else if (ue.ipv6Addr() != null) {
            g.writeStringField("ipv6Addr", ue.ipv6Addr());
        } else {
            g.writeStringField("gpsi", ue.gpsi());
        }
        g.writeEndObject();
    }

    private static void model(JsonGenerator g, DeliveryRequest request) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", request.modelName());
        g.writeArrayFieldStart("variants");
        for (DeliveryRequest.Variant v : request.variants()) {
            g.writeStartObject();
            g.writeStringField("id", v.id());
            g.writeStringField("precision", v.precision());
            g.writeNumberField("sizeBytes", v.sizeBytes());
            if (v.accuracy() != null) {
                g.writeNumberField("accuracy", v.accuracy());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void numberIfSet(JsonGenerator g, String name, Long value) throws IOException {
        if (value != null) {
            g.writeNumberField(name, value);
        }
    }

    private static void putIfNotNull(ObjectNode json, String name, Long value) {
        if (value != null) {
            json.put(name, value);
        }
    }
}
