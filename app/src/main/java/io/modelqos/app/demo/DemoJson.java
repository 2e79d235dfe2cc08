package io.modelqos.app.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.qos.BitRate;
import io.modelqos.client.model.BestOffer;
import io.modelqos.client.model.NegotiationAttempt;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The demo's results as JSON: the environment, then per scenario the prediction, the AF's answer, the transfer
 * and the checks. Rates are in 3GPP text form ("1.5 Gbps") and, where measured, also in bit/s; times in ms.
 */
public final class DemoJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DemoJson() {
    }

    public static String write(DemoReport report) {
        try {
            return MAPPER.writeValueAsString(tree(report));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the demo's results as JSON", e);
        }
    }

    static ObjectNode tree(DemoReport report) {
        DemoEnvironment env = report.environment();
        ObjectNode json = MAPPER.createObjectNode();
        json.put("allAsPredicted", report.allAsPredicted());
        json.put("summary", DemoTable.summary(report));
        json.put("wallTimeMs", ms(report.wallNanos()));
        json.put("seed", env.seed());
        json.put("southbound", env.southbound());
        ObjectNode capacity = json.putObject("capacity");
        capacity.put("cells", env.cells());
        capacity.put("cellGbrDl", rate(env.cellGbrBps()));
        capacity.put("ueGbrDl", rate(env.ueLimitBps()));
        json.put("transportOverheadFactor", env.overheadFactor());
        json.put("setupAllowanceMs", env.setupAllowance().toMillis());
        ObjectNode loopback = json.putObject("loopback");
        loopback.put("bytes", env.probeBytes());
        loopback.put("ms", ms(env.probeNanos()));
        loopback.put("bitsPerSecond", Math.round(env.loopbackBps()));
        ObjectNode episode = json.putObject("degradationEpisode");
        episode.put("startAfterMs", env.episode().startAfterMs());
        episode.put("durationMs", env.episode().durationMs());
        episode.put("rateFactor", env.episode().rateFactor());
        ArrayNode scenarios = json.putArray("scenarios");
        report.results().forEach(r -> scenarios.add(scenario(r)));
        return json;
    }

    private static ObjectNode scenario(ScenarioResult r) {
        ObjectNode json = MAPPER.createObjectNode();
        DemoScenario s = r.scenario();
        json.put("number", s.number());
        json.put("id", s.id());
        json.put("model", s.model().modelName());
        json.put("displayName", s.displayName());
        json.put("parameters", s.model().parameters());
        json.put("latencyBudgetMs", s.budget().toMillis());
        json.put("ue", s.ueAddress());
        json.put("cell", r.cell());
        json.put("asPredicted", r.asPredicted());
        ArrayNode mismatches = json.putArray("mismatches");
        r.mismatches().forEach(mismatches::add);

        Prediction p = r.prediction();
        ObjectNode predicted = json.putObject("predicted");
        predicted.put("grantable", rate(p.grantableBps()));
        ArrayNode variants = predicted.putArray("variants");
        for (Prediction.SizedVariant v : p.variants()) {
            variants.addObject()
                    .put("id", v.variant().id())
                    .put("precision", v.variant().precision().name())
                    .put("sizeBytes", v.variant().sizeBytes())
                    .put("payloadRate", v.sizing().payloadRate().toString())
                    .put("requestedGbrDl", v.wireGbrDl().toString())
                    .put("fits", v.wireGbrDl().bitsPerSecond().compareTo(BigDecimal.valueOf(p.grantableBps())) <= 0);
        }
        predicted.put("outcome", p.outcome().name());
        if (p.delivered() != null) {
            predicted.put("variantId", p.delivered().variant().id());
            predicted.put("gbrDl", p.delivered().wireGbrDl().toString());
        } else {
            predicted.put("bestOffer", rate(p.grantableBps()));
            if (p.offerBudgetMs() != null) {
                predicted.put("bestOfferLatencyBudgetMs", p.offerBudgetMs());
            }
        }
        if (r.episode() != null) {
            predicted.putObject("degradation")
                    .put("startAfterMs", r.episode().startAfterMs())
                    .put("durationMs", r.episode().durationMs())
                    .put("degradedGbrDl", r.episode().degradedGbr().toString())
                    .put("toAlternative", r.episode().toAlternative());
        }

        ScenarioResult.Answer a = r.answer();
        ObjectNode answer = json.putObject("answer");
        answer.put("outcome", a.outcome() == null ? "ERROR" : a.outcome().name());
        putIfNotNull(answer, "deliveryId", a.deliveryId());
        putIfNotNull(answer, "variantId", a.variantId());
        putIfNotNull(answer, "gbrDl", a.gbrDl());
        answer.put("createMs", ms(a.createNanos()));
        BestOffer offer = a.bestOffer();
        if (offer != null) {
            ObjectNode o = answer.putObject("bestOffer");
            putIfNotNull(o, "acceptableRate", offer.acceptableRate());
            putIfNotNull(o, "variantId", offer.variantId());
            if (offer.latencyBudgetMs() != null) {
                o.put("latencyBudgetMs", offer.latencyBudgetMs());
            }
        }
        putIfNotNull(answer, "detail", a.detail());
        ArrayNode negotiation = answer.putArray("negotiation");
        for (NegotiationAttempt attempt : a.negotiation()) {
            ObjectNode n = negotiation.addObject().put("attempt", attempt.attempt());
            putIfNotNull(n, "variantId", attempt.variantId());
            putIfNotNull(n, "gbrDl", attempt.gbrDl());
            putIfNotNull(n, "outcome", attempt.outcome() == null ? null : attempt.outcome().name());
            putIfNotNull(n, "cause", attempt.cause());
        }

        ScenarioResult.Transfer t = r.transfer();
        if (t != null) {
            ObjectNode transfer = json.putObject("transfer");
            transfer.put("bytes", t.bytes());
            transfer.put("intact", t.intact());
            transfer.put("elapsedMs", ms(t.elapsedNanos()));
            transfer.put("ueElapsedMs", ms(t.ueElapsedNanos()));
            transfer.put("withinBudget", r.withinBudget());
            transfer.put("pacedPayloadBitsPerSecond", Math.round(t.pacedPayloadBps()));
            if (t.degradedPayloadBps() != null) {
                transfer.put("degradedPayloadBitsPerSecond", Math.round(t.degradedPayloadBps()));
            }
            transfer.put("achievedPayloadBitsPerSecond", Math.round(t.bytes() * 8e9 / Math.max(1, t.elapsedNanos())));
            transfer.put("machineLimited", t.machineLimited());
            transfer.put("senderMaxLagMs", ms(t.senderMaxLagNanos()));
        }
        if (r.delivery() != null) {
            ObjectNode delivery = json.putObject("delivery");
            delivery.put("state", r.delivery().state() == null ? null : r.delivery().state().name());
            if (r.delivery().achieved() != null) {
                delivery.set("achieved", MAPPER.valueToTree(r.delivery().achieved()));
            }
            if (r.delivery().granted() != null) {
                delivery.set("granted", MAPPER.valueToTree(r.delivery().granted()));
            }
        }
        ArrayNode events = json.putArray("events");
        r.events().forEach(e -> events.add(e.name()));
        json.put("released", r.released());
        return json;
    }

    private static String rate(long bps) {
        return BitRate.ofBitsPerSecond(bps).toString();
    }

    private static BigDecimal ms(long nanos) {
        return BigDecimal.valueOf(nanos).movePointLeft(6).setScale(3, RoundingMode.HALF_UP);
    }

    private static void putIfNotNull(ObjectNode json, String name, String value) {
        if (value != null) {
            json.put(name, value);
        }
    }
}
