package io.modelqos.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.af.catalog.AiModel;
import io.modelqos.af.catalog.ModelVariant;
import io.modelqos.af.qos.NothingFits;
import io.modelqos.af.qos.PlanOutcome;
import io.modelqos.af.qos.PlanRequest;
import io.modelqos.af.qos.PlannedQos;
import io.modelqos.af.qos.QosPlan;
import io.modelqos.qos.QosReference;
import io.modelqos.af.sizing.TransferSizing;

import java.io.UncheckedIOException;

/**
 * A plan as JSON. Rates are 3GPP BitRate strings, PERs 3GPP PacketErrRate strings, durations milliseconds;
 * {@code avrgWndw}, {@code usageThreshold}, {@code qosDuration} and {@code repPeriod} (seconds, QoS monitoring) use the
 * AsSessionWithQoS names and units.
 */
final class PlanJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PlanJson() {
    }

    static String write(AiModel model, PlanRequest request, PlanOutcome outcome) {
        try {
            return MAPPER.writeValueAsString(toJson(model, request, outcome)) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode toJson(AiModel model, PlanRequest request, PlanOutcome outcome) {
        ObjectNode json = MAPPER.createObjectNode();
        json.putObject("model").put("id", model.id()).put("displayName", model.displayName());
        json.set("request", request(request));
        if (outcome instanceof QosPlan plan) {
            json.put("outcome", "PLANNED");
            json.set("plan", plan(plan));
        } else {
            json.put("outcome", "NOTHING_FITS");
            json.set("nothingFits", nothingFits((NothingFits) outcome));
        }
        return json;
    }

    private static ObjectNode request(PlanRequest request) {
        ObjectNode json = MAPPER.createObjectNode();
        ArrayNode variants = json.putArray("variants");
        request.variants().forEach(variant -> variants.add(variant(variant)));
        json.put("latencyBudgetMs", Formats.millis(request.latencyBudget()));
        json.put("maxLatencyBudgetMs", Formats.millis(request.maxLatencyBudget()));
        json.put("setupAllowanceMs", Formats.millis(request.setupAllowance()));
        json.put("startWindowMs", Formats.millis(request.startWindow()));
        json.put("availability", request.availability());
        json.put("allowVariantFallback", request.allowVariantFallback());
        json.put("supportedFeatures", request.nefFeatures().toHex());
        return json;
    }

    private static ObjectNode plan(QosPlan plan) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("mode", plan.mode().name());
        json.put("latencyBudgetMs", Formats.millis(plan.latencyBudget()));
        json.set("primary", qos(plan.primary()));
        ArrayNode alternatives = json.putArray("alternatives");
        plan.alternatives().forEach(alternative -> alternatives.add(qos(alternative)));
        json.put("avrgWndw", plan.averagingWindowMs());
        json.put("maxPdbMs", plan.maxPdbMs());
        json.put("maxPer", plan.maxPer().toString());
        json.putObject("usageThreshold")
                .put("totalVolume", plan.usageThreshold().totalVolume())
                .put("downlinkVolume", plan.usageThreshold().downlinkVolume())
                .put("uplinkVolume", plan.usageThreshold().uplinkVolume());
        json.put("startWindowMs", Formats.millis(plan.startWindow()));
        json.put("qosDuration", plan.qosDurationSeconds());
        json.put("repPeriod", plan.rateReportPeriod().toSeconds());
        ArrayNode adjustments = json.putArray("adjustments");
        plan.adjustments().stream().map(Enum::name).sorted().forEach(adjustments::add);
        return json;
    }

    private static ObjectNode qos(PlannedQos qos) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("ref", qos.ref());
        json.set("variant", variant(qos.variant()));
        TransferSizing sizing = qos.sizing();
        json.put("payloadRate", sizing.payloadRate().toString());
        json.put("transportOverheadFactor", sizing.overhead().factor());
        json.put("requestedGbrDl", sizing.requestedGbrDl().toString());
        json.put("gbrDl", qos.gbrDl().toString());
        json.put("gbrUl", qos.gbrUl().toString());
        json.put("pdb", qos.pdbMs());
        json.put("per", qos.per().toString());
        QosReference ref = qos.reference();
        if (ref == null) {
            json.putNull("qosReference");
        } else {
            json.putObject("qosReference")
                    .put("name", ref.name())
                    .put("fiveQi", ref.fiveQi())
                    .put("gbrDl", ref.gbrDl().toString())
                    .put("gbrUl", ref.gbrUl().toString())
                    .put("mbrDl", ref.mbrDl().toString())
                    .put("mbrUl", ref.mbrUl().toString())
                    .put("pdbMs", ref.pdbMs())
                    .put("per", ref.per().toString())
                    .put("averagingWindowMs", ref.averagingWindowMs());
        }
        return json;
    }

    private static ObjectNode nothingFits(NothingFits nothing) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("reason", nothing.reason());
        json.put("bestOfferDl", nothing.bestOfferDl() == null ? null : nothing.bestOfferDl().toString());
        json.set("smallestVariant", variant(nothing.smallestVariant()));
        json.put("budgetNeededAtOfferMs", nothing.budgetNeededAtOffer() == null ? null
                : Formats.millis(nothing.budgetNeededAtOffer()));
        return json;
    }

    private static ObjectNode variant(ModelVariant variant) {
        ObjectNode json = MAPPER.createObjectNode()
                .put("id", variant.id())
                .put("precision", variant.precision().name())
                .put("sizeBytes", variant.sizeBytes());
        if (variant.accuracy() != null) {
            json.put("accuracy", variant.accuracy());
        }
        return json;
    }
}
