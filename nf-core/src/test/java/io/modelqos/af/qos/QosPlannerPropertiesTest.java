package io.modelqos.af.qos;

import io.modelqos.qos.SupportedFeatures;
import io.modelqos.af.catalog.ModelVariant;
import io.modelqos.af.catalog.Precision;
import io.modelqos.qos.BitRate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QosPlannerPropertiesTest {

    private final QosPlanner planner = QosPlanner.withDefaults();

    @Property
    void alternativesStrictlyDecreaseInRate(@ForAll("requests") PlanRequest request) {
        planned(request).ifPresent(plan -> {
            List<PlannedQos> ordered = plan.ordered();
            for (int i = 1; i < ordered.size(); i++) {
                assertTrue(ordered.get(i).gbrDl().compareTo(ordered.get(i - 1).gbrDl()) < 0,
                        () -> plan.alternativeRefs().toString());
            }
        });
    }

    @Property
    void averagingWindowIsNeverLongerThanTheBudget(@ForAll("requests") PlanRequest request) {
        planned(request).ifPresent(plan -> {
            assertTrue(plan.averagingWindowMs() <= plan.latencyBudget().toMillis());
            assertTrue(plan.averagingWindowMs() >= 1 && plan.averagingWindowMs() <= 4095);
        });
    }

    @Property
    void everyQosCoversTheRequestedGbrWhichCoversThePayloadRate(@ForAll("requests") PlanRequest request) {
        planned(request).ifPresent(plan -> plan.ordered().forEach(qos -> {
            assertTrue(qos.gbrDl().isAtLeast(qos.sizing().requestedGbrDl()), qos.ref());
            assertTrue(qos.sizing().requestedGbrDl().isAtLeast(qos.sizing().payloadRate()), qos.ref());
            assertTrue(qos.pdbMs() <= plan.maxPdbMs() && qos.per().isAtMost(plan.maxPer()), qos.ref());
        }));
    }

    @Property
    void everyRefMapsBackToItsVariant(@ForAll("requests") PlanRequest request) {
        planned(request).ifPresent(plan -> {
            Set<String> refs = new HashSet<>();
            for (PlannedQos qos : plan.ordered()) {
                assertTrue(refs.add(qos.ref()), "repeated ref " + qos.ref());
                assertEquals(Optional.of(qos.variant()), plan.variantFor(qos.ref()));
            }
        });
    }

    /** Verifies that a replanned QoS never exceeds the rate the NEF said it would accept. */
    @Property
    void replanningStaysWithinTheAcceptableRateAndTheMaximumBudget(
            @ForAll("requests") PlanRequest request,
            @ForAll @LongRange(min = 1_000_000, max = 50_000_000_000L) long acceptableBitsPerSecond) {
        BitRate acceptable = BitRate.ofBitsPerSecond(acceptableBitsPerSecond);
        PlanOutcome outcome = planner.replan(request, acceptable);
        if (outcome instanceof QosPlan plan) {
            plan.ordered().forEach(qos -> assertTrue(qos.gbrDl().isAtMost(acceptable), qos.ref()));
            assertTrue(plan.latencyBudget().compareTo(request.maxLatencyBudget()) <= 0);
            assertTrue(plan.latencyBudget().compareTo(request.latencyBudget()) >= 0);
        } else {
            assertEquals(acceptable, ((NothingFits) outcome).bestOfferDl());
        }
    }

    private Optional<QosPlan> planned(PlanRequest request) {
        PlanOutcome outcome = planner.plan(request);
        return outcome instanceof QosPlan plan ? Optional.of(plan) : Optional.empty();
    }

    @Provide
    Arbitrary<PlanRequest> requests() {
        Arbitrary<List<ModelVariant>> variants = Arbitraries.longs().between(1_000, 600_000_000L).list()
                .ofMinSize(1).ofMaxSize(4)
                .flatMap(sizes -> Arbitraries.of(Precision.class).list().ofSize(sizes.size())
                        .flatMap(precisions -> Arbitraries.doubles().between(0.5, 0.9).list().ofSize(sizes.size())
                                .injectNull(0.5)
                                .map(accuracies -> variants(sizes, precisions, accuracies))));
        Arbitrary<Long> budgetMs = Arbitraries.longs().between(1, 5_000);
        Arbitrary<Integer> setupPercent = Arbitraries.integers().between(0, 90);
        Arbitrary<Integer> extraBudgetPercent = Arbitraries.integers().between(0, 300);
        Arbitrary<SupportedFeatures> features = Arbitraries.of("0", "10", "30", "800", "810", "830")
                .map(SupportedFeatures::parse);
        Arbitrary<Double> availability = Arbitraries.of(0.999, 0.9999, 0.99999, 0.999999);
        Arbitrary<Boolean> fallback = Arbitraries.of(true, false);
        return Combinators.combine(variants, budgetMs, setupPercent, extraBudgetPercent, features, availability,
                        fallback)
                .as((vs, budget, setup, extra, nef, target, allowFallback) -> new PlanRequest(vs,
                        Duration.ofMillis(budget), target, allowFallback,
                        Duration.ofMillis(budget + budget * extra / 100),
                        Duration.ofMillis(Math.min(budget - 1, budget * setup / 100)), nef));
    }

    private static List<ModelVariant> variants(List<Long> sizes, List<Precision> precisions, List<Double> accuracies) {
        List<ModelVariant> variants = new ArrayList<>();
        for (int i = 0; i < sizes.size(); i++) {
            Double accuracy = accuracies == null ? null : accuracies.get(i);
            variants.add(new ModelVariant("v" + i, precisions.get(i), sizes.get(i), accuracy));
        }
        return variants;
    }
}
