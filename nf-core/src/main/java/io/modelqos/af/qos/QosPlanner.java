package io.modelqos.af.qos;

import io.modelqos.qos.PacketErrorRate;
import io.modelqos.qos.QosReference;
import io.modelqos.qos.NefFeature;
import io.modelqos.qos.SupportedFeatures;
import io.modelqos.af.catalog.ModelVariant;
import io.modelqos.qos.BitRate;
import io.modelqos.af.sizing.InvalidPlanInputException;
import io.modelqos.af.sizing.TransferSizer;
import io.modelqos.af.sizing.TransferSizing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Plans the QoS for a model delivery: which variant goes first, at which GBR, under which QoS reference or
 * parameters, and what to fall back to.
 *
 * <ul>
 *   <li>Variants are ranked best first (accuracy when every variant has one, else size).</li>
 *   <li>Each variant is sized for the budget ({@link TransferSizer}); its QoS is the smallest catalogue
 *       reference that covers the requested GBR - with a bulk-capable 5QI (never delay-critical GBR), PDB and
 *       PER within {@link PlanningPolicy} - or, when the NEF supports AltQosWithIndParams_5G, the requested
 *       GBR with that PDB and PER as individual parameters.</li>
 *   <li>The primary is the first variant that gets a QoS (only the best when fallback is not allowed); the
 *       alternatives are the later ones whose GBR is strictly lower than the one before, offered only when
 *       fallback is allowed and the NEF supports AlternativeQoS_5G.</li>
 * </ul>
 *
 * <pre>{@code
 * QosPlanner planner = QosPlanner.withDefaults();
 * PlanOutcome outcome = planner.plan(PlanRequest.of(model.variants(), Duration.ofMillis(100))
 *         .withNefFeatures(SupportedFeatures.parse("30")));
 * // after a 403 whose acceptableServInfo offers marBwDl:
 * PlanOutcome next = planner.replan(plan, BitRate.parse(marBwDl));
 * }</pre>
 */
public final class QosPlanner {

    private final QosCatalog catalog;
    private final TransferSizer sizer;
    private final PlanningPolicy policy;

    public QosPlanner(QosCatalog catalog, TransferSizer sizer, PlanningPolicy policy) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.sizer = Objects.requireNonNull(sizer, "sizer");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** The default catalogue, transport overhead and policy. */
    public static QosPlanner withDefaults() {
        return new QosPlanner(QosCatalog.defaultCatalog(), TransferSizer.DEFAULT, PlanningPolicy.DEFAULT);
    }

    public PlanOutcome plan(PlanRequest request) {
        Objects.requireNonNull(request, "request");
        return planUnder(request, null, false);
    }

    /** {@link #replan(PlanRequest, BitRate)} for the request behind an earlier plan. */
    public PlanOutcome replan(QosPlan plan, BitRate acceptableRateDl) {
        return replan(plan.request(), acceptableRateDl);
    }

    /**
     * Plans again after the NEF refused the QoS (403) and named the downlink rate it would accept
     * ({@code acceptableServInfo.marBwDl}), in this order:
     * <ol>
     *   <li>the best allowed variant whose QoS fits under that rate within the budget (with fallback allowed,
     *       this may be a smaller variant);</li>
     *   <li>else the best allowed variant that fits under that rate within a longer budget, up to the
     *       request's {@code maxLatencyBudget} - the plan then carries the lengthened budget;</li>
     *   <li>else {@link NothingFits} with the offer: the acceptable rate and the shortest budget within which
     *       the smallest allowed variant would get a QoS under that rate (with references, through the
     *       fastest usable reference under it).</li>
     * </ol>
     */
    public PlanOutcome replan(PlanRequest request, BitRate acceptableRateDl) {
        Objects.requireNonNull(request, "request");
        if (acceptableRateDl == null || !acceptableRateDl.isPositive()) {
            throw new InvalidPlanInputException("acceptableRateDl", "must be a positive rate, was " + acceptableRateDl);
        }
        PlanOutcome sameBudget = planUnder(request, acceptableRateDl, false);
        if (sameBudget instanceof QosPlan) {
            return sameBudget;
        }
        for (ModelVariant variant : candidates(request)) {
            Optional<Duration> budget = shortestBudget(request, variant, acceptableRateDl)
                    .map(Offer::budget)
                    .filter(b -> b.compareTo(request.latencyBudget()) > 0)
                    .filter(b -> b.compareTo(request.maxLatencyBudget()) <= 0);
            if (budget.isPresent()) {
                PlanOutcome longer = planUnder(request.withLatencyBudget(budget.get()), acceptableRateDl, true);
                if (longer instanceof QosPlan plan && plan.primary().variant().equals(variant)) {
                    return plan;
                }
            }
        }
        return nothingFitsUnder(request, acceptableRateDl, request.maxLatencyBudget());
    }

    private PlanOutcome planUnder(PlanRequest request, BitRate ceiling, boolean budgetLengthened) {
        List<ModelVariant> ranked = VariantRanking.rank(request.variants());
        QosMode mode = QosMode.forFeatures(request.nefFeatures());
        int maxPdbMs = policy.maxPdbMs(request.latencyBudget());
        PacketErrorRate maxPer = policy.maxPer(request.availability());

        List<PlannedQos> fitting = new ArrayList<>();
        for (ModelVariant variant : candidates(request)) {
            TransferSizing sizing = sizer.size(variant.sizeBytes(), request.latencyBudget(), request.setupAllowance());
            Optional<PlannedQos> qos = mode == QosMode.QOS_REFERENCE
                    ? fromCatalogue(variant, sizing, maxPdbMs, maxPer)
                    : withIndividualParameters(variant, sizing, maxPdbMs, maxPer);
            qos.filter(q -> ceiling == null || q.gbrDl().isAtMost(ceiling)).ifPresent(fitting::add);
        }
        if (fitting.isEmpty()) {
            return ceiling == null ? nothingFits(request, maxPdbMs, maxPer)
                    : nothingFitsUnder(request, ceiling, request.latencyBudget());
        }
        PlannedQos primary = fitting.get(0);
        List<PlannedQos> alternatives = offersAlternatives(request) ? strictlyDecreasing(fitting) : List.of();
        Set<PlanAdjustment> adjustments = EnumSet.noneOf(PlanAdjustment.class);
        if (!primary.variant().equals(ranked.get(0))) {
            adjustments.add(PlanAdjustment.SMALLER_VARIANT);
        }
        if (budgetLengthened) {
            adjustments.add(PlanAdjustment.LONGER_BUDGET);
        }
        return new QosPlan(request, mode, primary, alternatives,
                policy.averagingWindowMs(request.transferWindow()), maxPdbMs, maxPer,
                policy.usageThreshold(primary.sizing()),
                policy.qosDurationSeconds(request.startWindow(), request.latencyBudget()),
                policy.rateReportPeriod(primary.transferTime()), adjustments);
    }

    private Optional<PlannedQos> fromCatalogue(ModelVariant variant, TransferSizing sizing, int maxPdbMs,
                                               PacketErrorRate maxPer) {
        return catalog.smallestCovering(sizing.requestedGbrDl(), ref -> usable(ref, maxPdbMs, maxPer))
                .map(ref -> new PlannedQos(ref.name(), variant, sizing, ref.gbrDl(), ref.gbrUl(), ref.pdbMs(),
                        ref.per(), ref));
    }

    private static Optional<PlannedQos> withIndividualParameters(ModelVariant variant, TransferSizing sizing,
                                                                 int maxPdbMs, PacketErrorRate maxPer) {
        String ref = variant.id() + "@" + sizing.requestedGbrDl().toString().replace(" ", "");
        return Optional.of(new PlannedQos(ref, variant, sizing, sizing.requestedGbrDl(), sizing.requestedGbrUl(),
                maxPdbMs, maxPer, null));
    }

    private static boolean usable(QosReference ref, int maxPdbMs, PacketErrorRate maxPer) {
        return StandardFiveQis.suitsBulkTransfer(ref.fiveQi())
                && ref.pdbMs() <= maxPdbMs
                && ref.per().isAtMost(maxPer);
    }

    /** A rate and the latency budget a variant needs at it. */
    private record Offer(BitRate rate, Duration budget) {
    }

    /**
     * The shortest budget within which the variant gets a QoS not above the ceiling ({@code null}: no
     * ceiling). Individual parameters: exactly the ceiling's rate. References: the fastest usable reference
     * under the ceiling whose PDB also fits the budget it needs.
     */
    private Optional<Offer> shortestBudget(PlanRequest request, ModelVariant variant, BitRate ceiling) {
        if (QosMode.forFeatures(request.nefFeatures()) == QosMode.INDIVIDUAL_PARAMETERS) {
            return Optional.ofNullable(ceiling).map(rate -> new Offer(rate,
                    sizer.budgetNeeded(variant.sizeBytes(), rate, request.setupAllowance())));
        }
        PacketErrorRate maxPer = policy.maxPer(request.availability());
        return catalog.references().stream()
                .filter(ref -> ref.gbrDl().isPositive() && (ceiling == null || ref.gbrDl().isAtMost(ceiling)))
                .filter(ref -> StandardFiveQis.suitsBulkTransfer(ref.fiveQi()) && ref.per().isAtMost(maxPer))
                .sorted(Comparator.comparing(QosReference::gbrDl).reversed())
                .flatMap(ref -> {
                    Duration budget = sizer.budgetNeeded(variant.sizeBytes(), ref.gbrDl(), request.setupAllowance());
                    return ref.pdbMs() <= policy.maxPdbMs(budget)
                            ? Stream.of(new Offer(ref.gbrDl(), budget)) : Stream.empty();
                })
                .findFirst();
    }

    private NothingFits nothingFits(PlanRequest request, int maxPdbMs, PacketErrorRate maxPer) {
        ModelVariant smallest = smallest(candidates(request));
        Optional<Offer> offer = shortestBudget(request, smallest, null);
        String reason = "no QoS reference with a GBR 5QI, PDB <= " + maxPdbMs + " ms and PER <= " + maxPer
                + " covers the GBR " + (request.allowVariantFallback() ? "of any allowed variant" : "of " + smallest.id())
                + " within " + request.latencyBudget().toMillis() + " ms";
        return new NothingFits(reason, offer.map(Offer::rate).orElse(null), smallest,
                offer.map(Offer::budget).orElse(null));
    }

    private NothingFits nothingFitsUnder(PlanRequest request, BitRate ceiling, Duration budget) {
        ModelVariant smallest = smallest(candidates(request));
        return new NothingFits("at the acceptable rate of " + ceiling + " no allowed variant arrives within "
                + budget.toMillis() + " ms", ceiling, smallest,
                shortestBudget(request, smallest, ceiling).map(Offer::budget).orElse(null));
    }

    private static List<PlannedQos> strictlyDecreasing(List<PlannedQos> fitting) {
        List<PlannedQos> alternatives = new ArrayList<>();
        BitRate previous = fitting.get(0).gbrDl();
        for (PlannedQos qos : fitting.subList(1, fitting.size())) {
            if (qos.gbrDl().compareTo(previous) < 0) {
                alternatives.add(qos);
                previous = qos.gbrDl();
            }
        }
        return alternatives;
    }

    private static boolean offersAlternatives(PlanRequest request) {
        return request.allowVariantFallback() && request.nefFeatures().supports(NefFeature.ALTERNATIVE_QOS_5G);
    }

    private static List<ModelVariant> candidates(PlanRequest request) {
        List<ModelVariant> ranked = VariantRanking.rank(request.variants());
        return request.allowVariantFallback() ? ranked : ranked.subList(0, 1);
    }

    private static ModelVariant smallest(List<ModelVariant> variants) {
        return variants.stream().min(Comparator.comparingLong(ModelVariant::sizeBytes)).orElseThrow();
    }
}
