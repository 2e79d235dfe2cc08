package io.modelqos.af.engine;

import io.modelqos.af.catalog.ModelVariant;
import io.modelqos.af.catalog.Precision;
import io.modelqos.af.delivery.DeliveryRequest;
import io.modelqos.af.delivery.PlannedOption;
import io.modelqos.af.delivery.RequestedQos;
import io.modelqos.af.problem.BestOffer;
import io.modelqos.af.qos.NothingFits;
import io.modelqos.af.qos.PlanRequest;
import io.modelqos.af.qos.PlannedQos;
import io.modelqos.af.qos.QosMode;
import io.modelqos.af.qos.QosPlan;
import io.modelqos.qos.SupportedFeatures;
import io.modelqos.af.sizing.InvalidPlanInputException;
import io.modelqos.af.sizing.TransferSizer;
import io.modelqos.af.sizing.TransferSizing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Between a delivery request and the planner: the plan's input, and the plan's options as a delivery keeps them. */
final class Plans {
    private Plans() {
    }

    /** The plan's input: {@code defaultStartWindow} unless the request names a start window of its own. */
    static PlanRequest planRequest(DeliveryRequest request, SupportedFeatures nefFeatures, Duration setupAllowance,
                                   Duration defaultStartWindow) {
        List<ModelVariant> variants = new ArrayList<>();
        for (int i = 0; i < request.variants().size(); i++) {
            DeliveryRequest.Variant v = request.variants().get(i);
            try {
                variants.add(new ModelVariant(v.id(), Precision.valueOf(v.precision().toUpperCase(Locale.ROOT)),
                        v.sizeBytes(), v.accuracy()));
            } catch (IllegalArgumentException e) {
                throw new InvalidPlanInputException("variants[" + i + "]", e.getMessage());
            }
        }
        return new PlanRequest(variants, Duration.ofMillis(request.latencyBudgetMs()), request.availability(),
                request.allowVariantFallback(),
                request.maxLatencyBudgetMs() == null ? null : Duration.ofMillis(request.maxLatencyBudgetMs()),
                setupAllowance, nefFeatures, request.startWindowMs() == null ? defaultStartWindow
                : Duration.ofMillis(request.startWindowMs()));
    }

    /** What the AF asks for when nothing fits: the largest variant at its sized rates. */
    static RequestedQos requestedOfLargest(DeliveryRequest request, Duration setupAllowance) {
        DeliveryRequest.Variant best = request.variants().stream()
                .max(Comparator.comparingLong(DeliveryRequest.Variant::sizeBytes)).orElseThrow();
        TransferSizing sizing = TransferSizer.DEFAULT.size(best.sizeBytes(), Duration.ofMillis(request.latencyBudgetMs()),
                setupAllowance);
        return requestedOf(request, sizing, best.id());
    }

    static RequestedQos requestedOf(DeliveryRequest request, TransferSizing sizing, String variantId) {
        return new RequestedQos(variantId, sizing.payloadRate().toString(), sizing.requestedGbrDl().toString(),
                request.latencyBudgetMs(), request.availability());
    }

    static List<PlannedOption> optionsOf(QosPlan plan) {
        List<PlannedOption> options = new ArrayList<>();
        for (PlannedQos q : plan.ordered()) {
            options.add(new PlannedOption(q.variant().id(), q.ref(), plan.mode() == QosMode.QOS_REFERENCE,
                    q.gbrDl().toString(), q.gbrDl().bitsPerSecond().longValue(),
                    q.transferTime().toMillis(), plan.latencyBudget().toMillis(), plan.startWindow().toMillis()));
        }
        return options;
    }

    static BestOffer offerOf(NothingFits nothing) {
        return new BestOffer(nothing.bestOfferDl() == null ? null : nothing.bestOfferDl().toString(),
                null, nothing.budgetNeededAtOffer() == null ? null : nothing.budgetNeededAtOffer().toMillis());
    }

    /** "variants[1].sizeBytes" → "/model/variants/1/sizeBytes", the pointer into the northbound request. */
    static String pointerOf(String field) {
        String pointer = "/" + field.replace("[", "/").replace("]", "").replace(".", "/");
        return switch (field.split("[.\\[]")[0]) {
            case "variants" -> "/model" + pointer;
            case "latencyBudget" -> "/latencyBudgetMs";
            case "maxLatencyBudget" -> "/negotiation/maxLatencyBudgetMs";
            case "startWindow" -> "/startWindowMs";
            default -> pointer;
        };
    }
}
