package io.modelqos.af.qos;

import io.modelqos.qos.SupportedFeatures;
import io.modelqos.af.catalog.ModelCatalog;
import io.modelqos.qos.BitRate;
import io.modelqos.af.sizing.InvalidPlanInputException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static io.modelqos.af.qos.QosPlannerTest.variant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Replanning after a 403 whose acceptableServInfo names the downlink rate the network would grant. */
class QosReplanTest {

    private final QosPlanner planner = QosPlanner.withDefaults();

    private final PlanRequest resnet50InOneSecond = PlanRequest.of(
                    ModelCatalog.builtIn().find("resnet-50").orElseThrow().variants(), Duration.ofSeconds(1))
            .withNefFeatures(SupportedFeatures.parse("30"));

    @Test
    void fallsBackToTheBestVariantThatFitsTheAcceptableRate() {
        QosPlan original = assertInstanceOf(QosPlan.class, planner.plan(resnet50InOneSecond));

        QosPlan replanned = assertInstanceOf(QosPlan.class, planner.replan(original, BitRate.parse("600 Mbps")));

        assertEquals(variant("resnet-50-int8"), replanned.primary().variant());
        assertEquals("mq-gbr-500M", replanned.primary().ref());
        assertEquals(Duration.ofSeconds(1), replanned.latencyBudget());
        assertEquals(Set.of(PlanAdjustment.SMALLER_VARIANT), replanned.adjustments());
    }

    @Test
    void keepsThePlanWhenTheAcceptableRateCoversIt() {
        QosPlan replanned = assertInstanceOf(QosPlan.class,
                planner.replan(resnet50InOneSecond, BitRate.parse("2 Gbps")));

        assertEquals("mq-gbr-1G", replanned.primary().ref());
        assertEquals(Set.of(), replanned.adjustments());
    }

    @Test
    void lengthensTheBudgetWithinTheMaximumWhenFallbackIsNotAllowed() {
        PlanRequest request = resnet50InOneSecond.withVariantFallback(false).withMaxLatencyBudget(Duration.ofSeconds(2));

        QosPlan replanned = assertInstanceOf(QosPlan.class, planner.replan(request, BitRate.parse("600 Mbps")));

        // 830.298 Mbit with overhead over 500 Mbit/s (the largest reference under 600 Mbit/s) = 1660.6 ms
        assertEquals(Duration.ofMillis(1661), replanned.latencyBudget());
        assertEquals(variant("resnet-50-fp32"), replanned.primary().variant());
        assertEquals("mq-gbr-500M", replanned.primary().ref());
        assertEquals(Set.of(PlanAdjustment.LONGER_BUDGET), replanned.adjustments());
        assertEquals(1661, replanned.averagingWindowMs());
        assertEquals(3, replanned.qosDurationSeconds());
    }

    @Test
    void reportsTheOfferWhenTheBudgetWouldExceedTheMaximum() {
        PlanRequest request = resnet50InOneSecond.withVariantFallback(false)
                .withMaxLatencyBudget(Duration.ofMillis(1500));

        NothingFits nothing = assertInstanceOf(NothingFits.class, planner.replan(request, BitRate.parse("600 Mbps")));

        assertEquals(BitRate.parse("600 Mbps"), nothing.bestOfferDl());
        assertEquals(variant("resnet-50-fp32"), nothing.smallestVariant());
        assertEquals(Duration.ofMillis(1661), nothing.budgetNeededAtOffer()); // through the 500M reference
    }

    @Test
    void withIndividualParametersTakesTheBestVariantThatFitsALongerBudget() {
        PlanRequest request = resnet50InOneSecond.withLatencyBudget(Duration.ofMillis(100))
                .withMaxLatencyBudget(Duration.ofMillis(300))
                .withNefFeatures(SupportedFeatures.parse("830"));

        QosPlan replanned = assertInstanceOf(QosPlan.class, planner.replan(request, BitRate.parse("1 Gbps")));

        // FP32 would need 831 ms at 1 Gbit/s; INT8 needs 207.6 ms
        assertEquals(variant("resnet-50-int8"), replanned.primary().variant());
        assertEquals(Duration.ofMillis(208), replanned.latencyBudget());
        assertTrue(replanned.primary().gbrDl().isAtMost(BitRate.parse("1 Gbps")));
        assertEquals(Set.of(PlanAdjustment.SMALLER_VARIANT, PlanAdjustment.LONGER_BUDGET), replanned.adjustments());
    }

    @Test
    void withIndividualParametersReportsTheBudgetTheSmallestVariantNeedsAtTheOffer() {
        PlanRequest request = resnet50InOneSecond.withLatencyBudget(Duration.ofMillis(100))
                .withMaxLatencyBudget(Duration.ofMillis(300))
                .withNefFeatures(SupportedFeatures.parse("830"));

        NothingFits nothing = assertInstanceOf(NothingFits.class, planner.replan(request, BitRate.parse("100 Mbps")));

        assertEquals(BitRate.parse("100 Mbps"), nothing.bestOfferDl());
        assertEquals(variant("resnet-50-int8"), nothing.smallestVariant());
        assertEquals(Duration.ofMillis(2076), nothing.budgetNeededAtOffer());
    }

    @Test
    void rejectsAMissingOrZeroAcceptableRate() {
        assertEquals("acceptableRateDl", assertThrows(InvalidPlanInputException.class,
                () -> planner.replan(resnet50InOneSecond, BitRate.ZERO)).field());
        assertEquals("acceptableRateDl", assertThrows(InvalidPlanInputException.class,
                () -> planner.replan(resnet50InOneSecond, null)).field());
    }
}
