package io.modelqos.af.qos;

import io.modelqos.qos.SupportedFeatures;
import io.modelqos.af.catalog.ModelVariant;
import io.modelqos.af.sizing.InvalidPlanInputException;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the planner needs to know about one model delivery. Invalid values are rejected on construction with
 * an {@link InvalidPlanInputException} naming the field.
 *
 * <pre>{@code
 * PlanRequest request = PlanRequest.of(model.variants(), Duration.ofMillis(100))
 *         .withNefFeatures(SupportedFeatures.parse("30"))
 *         .withMaxLatencyBudget(Duration.ofMillis(250));
 * }</pre>
 *
 * @param variants             the deliverable variants, at least one, ids unique
 * @param latencyBudget        time from request to model fully received, positive
 * @param availability         communication service availability target, within (0, 1); default 0.99999
 * @param allowVariantFallback whether a smaller variant may be delivered instead of the best; default true
 * @param maxLatencyBudget     the longest budget the caller would accept when the network offers less rate;
 *                             defaults to (and is never below) {@code latencyBudget}
 * @param setupAllowance       part of the budget spent before the first byte; default zero, and at least
 *                             1 ms of budget must remain
 * @param nefFeatures          features the NEF supports; default none
 * @param startWindow          the time the model server has from the grant to its first byte, on top of the budget
 *                             (part of qosDuration); default zero (none)
 */
public record PlanRequest(List<ModelVariant> variants, Duration latencyBudget, double availability,
                          boolean allowVariantFallback, Duration maxLatencyBudget, Duration setupAllowance,
                          SupportedFeatures nefFeatures, Duration startWindow) {

    public static final double DEFAULT_AVAILABILITY = 0.99999;

    private static final Duration SHORTEST_TRANSFER_WINDOW = Duration.ofMillis(1);

    public PlanRequest {
        variants = validVariants(variants);
        if (latencyBudget == null || latencyBudget.isNegative() || latencyBudget.isZero()) {
            throw new InvalidPlanInputException("latencyBudget", "must be positive, was " + latencyBudget);
        }
        if (!(availability > 0.0 && availability < 1.0)) {
            throw new InvalidPlanInputException("availability",
                    "must be within (0, 1), e.g. 0.99999 for 99.999 %, was " + availability);
        }
        setupAllowance = setupAllowance == null ? Duration.ZERO : setupAllowance;
        if (setupAllowance.isNegative()) {
            throw new InvalidPlanInputException("setupAllowance", "must not be negative, was " + setupAllowance);
        }
        if (latencyBudget.minus(setupAllowance).compareTo(SHORTEST_TRANSFER_WINDOW) < 0) {
            throw setupAllowance.isZero()
                    ? new InvalidPlanInputException("latencyBudget", "must be at least 1 ms, was " + latencyBudget)
                    : new InvalidPlanInputException("setupAllowance", "must leave at least 1 ms of the "
                    + latencyBudget.toMillis() + " ms latency budget, was " + setupAllowance.toMillis() + " ms");
        }
        maxLatencyBudget = maxLatencyBudget == null ? latencyBudget : maxLatencyBudget;
        if (maxLatencyBudget.compareTo(latencyBudget) < 0) {
            throw new InvalidPlanInputException("maxLatencyBudget", "must not be shorter than the latency budget ("
                    + latencyBudget.toMillis() + " ms), was " + maxLatencyBudget.toMillis() + " ms");
        }
        nefFeatures = nefFeatures == null ? SupportedFeatures.NONE : nefFeatures;
        startWindow = startWindow == null ? Duration.ZERO : startWindow;
        if (startWindow.isNegative()) {
            throw new InvalidPlanInputException("startWindow", "must not be negative, was " + startWindow);
        }
    }

    /** A request without a start window. */
    public PlanRequest(List<ModelVariant> variants, Duration latencyBudget, double availability,
                       boolean allowVariantFallback, Duration maxLatencyBudget, Duration setupAllowance,
                       SupportedFeatures nefFeatures) {
        this(variants, latencyBudget, availability, allowVariantFallback, maxLatencyBudget, setupAllowance, nefFeatures,
                Duration.ZERO);
    }

    /** A request with the defaults: availability 0.99999, fallback allowed, no longer budget, no setup. */
    public static PlanRequest of(List<ModelVariant> variants, Duration latencyBudget) {
        return new PlanRequest(variants, latencyBudget, DEFAULT_AVAILABILITY, true, null, Duration.ZERO,
                SupportedFeatures.NONE);
    }

    /** The time the bytes themselves have: budget minus setup allowance. */
    public Duration transferWindow() {
        return latencyBudget.minus(setupAllowance);
    }

    /** The same request with another budget; a longer maximum budget than that is kept. */
    public PlanRequest withLatencyBudget(Duration budget) {
        Duration max = maxLatencyBudget.compareTo(budget) >= 0 ? maxLatencyBudget : budget;
        return new PlanRequest(variants, budget, availability, allowVariantFallback, max, setupAllowance,
                nefFeatures, startWindow);
    }

    public PlanRequest withAvailability(double target) {
        return new PlanRequest(variants, latencyBudget, target, allowVariantFallback, maxLatencyBudget,
                setupAllowance, nefFeatures, startWindow);
    }

    public PlanRequest withVariantFallback(boolean allowed) {
        return new PlanRequest(variants, latencyBudget, availability, allowed, maxLatencyBudget, setupAllowance,
                nefFeatures, startWindow);
    }

    public PlanRequest withMaxLatencyBudget(Duration max) {
        return new PlanRequest(variants, latencyBudget, availability, allowVariantFallback, max, setupAllowance,
                nefFeatures, startWindow);
    }

    public PlanRequest withSetupAllowance(Duration allowance) {
        return new PlanRequest(variants, latencyBudget, availability, allowVariantFallback, maxLatencyBudget,
                allowance, nefFeatures, startWindow);
    }

    public PlanRequest withNefFeatures(SupportedFeatures features) {
        return new PlanRequest(variants, latencyBudget, availability, allowVariantFallback, maxLatencyBudget,
                setupAllowance, features, startWindow);
    }

    /** The same request with the model server given {@code window} from the grant to its first byte. */
    public PlanRequest withStartWindow(Duration window) {
        return new PlanRequest(variants, latencyBudget, availability, allowVariantFallback, maxLatencyBudget,
                setupAllowance, nefFeatures, window);
    }

    private static List<ModelVariant> validVariants(List<ModelVariant> variants) {
        if (variants == null || variants.isEmpty()) {
            throw new InvalidPlanInputException("variants", "must contain at least one model variant");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < variants.size(); i++) {
            ModelVariant variant = variants.get(i);
            if (variant == null) {
                throw new InvalidPlanInputException("variants[" + i + "]", "must not be null");
            }
            if (!ids.add(variant.id())) {
                throw new InvalidPlanInputException("variants[" + i + "].id", "repeats '" + variant.id() + "'");
            }
        }
        return List.copyOf(variants);
    }
}
