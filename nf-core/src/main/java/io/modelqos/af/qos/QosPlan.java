package io.modelqos.af.qos;

import io.modelqos.qos.PacketErrorRate;
import io.modelqos.af.catalog.ModelVariant;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The QoS to request for one model delivery: a primary QoS for the best deliverable variant and, when the
 * NEF supports AlternativeQoS_5G and fallback is allowed, alternatives in strictly decreasing GBR, each tied
 * to the variant it would carry.
 *
 * <p>When a notification (e.g. SUCCESSFUL_RESOURCES_ALLOCATION, QOS_NOT_GUARANTEED) names an
 * {@code appliedQosRef}, {@link #variantFor(String)} says which variant to send.
 *
 * @param request            the request planned for; after {@link PlanAdjustment#LONGER_BUDGET} it carries
 *                           the lengthened budget
 * @param mode               references or individual parameters
 * @param primary            the QoS asked for first
 * @param alternatives       ordered fallbacks ({@code altQoSReferences} / {@code altQosReqs}), strictly
 *                           decreasing {@code gbrDl}, possibly empty
 * @param averagingWindowMs  {@code avrgWndw}, within 1..4095 and not longer than the transfer window
 * @param maxPdbMs           the largest PDB the budget allows (requested as {@code pdb} for individual
 *                           parameters)
 * @param maxPer             the largest PER the availability target allows
 * @param usageThreshold     {@code usageThreshold} volumes for the primary variant
 * @param qosDurationSeconds {@code qosDuration}: the start window, the budget and a margin
 * @param rateReportPeriod   how often the network reports the measured data rate when the delivery is monitored
 *                           (QoS monitoring's {@code repPeriod}): a tenth of the primary's transfer time, at least 1 s
 *                           ({@link PlanningPolicy#rateReportPeriod}); whether it is monitored the engine decides
 * @param adjustments        how the plan departs from the request; empty when it does not
 */
public record QosPlan(PlanRequest request, QosMode mode, PlannedQos primary, List<PlannedQos> alternatives,
                      int averagingWindowMs, int maxPdbMs, PacketErrorRate maxPer, UsageThreshold usageThreshold,
                      long qosDurationSeconds, Duration rateReportPeriod, Set<PlanAdjustment> adjustments)
        implements PlanOutcome {

    public QosPlan {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(primary, "primary");
        Objects.requireNonNull(maxPer, "maxPer");
        Objects.requireNonNull(usageThreshold, "usageThreshold");
        Objects.requireNonNull(rateReportPeriod, "rateReportPeriod");
        alternatives = List.copyOf(alternatives);
        adjustments = Set.copyOf(adjustments);
        PlannedQos previous = primary;
        for (PlannedQos alternative : alternatives) {
            if (alternative.gbrDl().compareTo(previous.gbrDl()) >= 0) {
                throw new IllegalArgumentException("alternatives must strictly decrease in gbrDl: "
                        + alternative.ref() + " follows " + previous.ref());
            }
            previous = alternative;
        }
        if (averagingWindowMs < PlanningPolicy.MIN_AVERAGING_WINDOW_MS
                || averagingWindowMs > PlanningPolicy.MAX_AVERAGING_WINDOW_MS) {
            throw new IllegalArgumentException("averagingWindowMs must be within 1..4095, was " + averagingWindowMs);
        }
        if (rateReportPeriod.compareTo(PlanningPolicy.MIN_RATE_REPORT_PERIOD) < 0 || rateReportPeriod.getNano() != 0) {
            throw new IllegalArgumentException("rateReportPeriod must be whole seconds, at least 1 s, was " + rateReportPeriod);
        }
    }

    public Duration latencyBudget() {
        return request.latencyBudget();
    }

    /** The time the model server has from the grant to its first byte; part of {@link #qosDurationSeconds()}. */
    public Duration startWindow() {
        return request.startWindow();
    }

    /** Primary first, then the alternatives in order. */
    public List<PlannedQos> ordered() {
        List<PlannedQos> all = new ArrayList<>(alternatives.size() + 1);
        all.add(primary);
        all.addAll(alternatives);
        return all;
    }

    /** The refs of the alternatives, in order: the {@code altQoSReferences} or {@code altQosParamSetRef}s. */
    public List<String> alternativeRefs() {
        return alternatives.stream().map(PlannedQos::ref).toList();
    }

    /**
     * The variant to deliver when the NEF reports {@code appliedQosRef}; empty for a ref this plan did not
     * ask for (or {@code null}: what an absent ref means depends on the event, so the caller decides).
     */
    public Optional<ModelVariant> variantFor(String appliedQosRef) {
        return ordered().stream()
                .filter(qos -> qos.ref().equals(appliedQosRef))
                .map(PlannedQos::variant)
                .findFirst();
    }
}
