package io.modelqos.af.delivery;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.modelqos.af.json.JsonBytes;
import io.modelqos.af.json.IsoInstants;
import io.modelqos.af.json.RawJson;
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
        achieved(g, d, now);
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

    /**
     * The {@code data} of a delivery event: the state and figures at that moment, as the JSON every copy of the event
     * (the store's, each CloudEvent's) takes as it is.
     */
    public SerializedString eventData(Delivery d, Instant now, BestOffer bestOffer, String cause) {
        return RawJson.of(JsonBytes.of(mapper.getFactory(), 512, g -> {
            g.writeStartObject();
            g.writeStringField("deliveryId", d.id());
            g.writeStringField("state", d.state().name());
            GrantedQos granted = d.granted();
            if (granted != null) {
                g.writeStringField("variantId", granted.variantId());
                g.writeStringField("gbrDl", granted.gbrDl());
                if (granted.qosReference() != null) {
                    g.writeStringField("qosReference", granted.qosReference());
                }
            }
            g.writeFieldName("achieved");
            achieved(g, d, now);
            if (bestOffer != null) {
                g.writeFieldName("bestOffer");
                bestOffer(g, bestOffer);
            }
            if (cause != null) {
                g.writeStringField("cause", cause);
            }
            g.writeEndObject();
        }));
    }

    private static void bestOffer(JsonGenerator g, BestOffer offer) throws IOException {
        g.writeStartObject();
        if (offer.acceptableRate() != null) {
            g.writeStringField("acceptableRate", offer.acceptableRate());
        }
        if (offer.variantId() != null) {
            g.writeStringField("variantId", offer.variantId());
        }
        if (offer.latencyBudgetMs() != null) {
            g.writeNumberField("latencyBudgetMs", offer.latencyBudgetMs());
        }
        g.writeEndObject();
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

    private static void achieved(JsonGenerator g, Delivery d, Instant now) throws IOException {
        g.writeStartObject();
        RateAccount rate = d.rate();
        Long bps = rate.dlRateBps();
        if (bps != null) {
            g.writeStringField("dlRate", BitRate.ofBitsPerSecond(bps).toString());
        }
        numberIfSet(g, "bytes", rate.bytes());
        numberIfSet(g, "durationMs", rate.durationMs());
        Double availability = d.availability().availability(now);
        if (availability != null) {
            g.writeNumberField("availability", availability);
        }
        g.writeNumberField("qosGuaranteedMs", d.availability().guaranteedMs(now));
        g.writeNumberField("qosNotGuaranteedMs", d.availability().notGuaranteedMs(now));
        Boolean within = rate.withinBudget(d.granted() != null ? d.granted().latencyBudgetMs() : d.request().latencyBudgetMs());
        if (within != null) {
            g.writeBooleanField("withinBudget", within);
        }
        g.writeEndObject();
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
}
