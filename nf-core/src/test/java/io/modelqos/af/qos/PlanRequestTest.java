package io.modelqos.af.qos;

import io.modelqos.qos.SupportedFeatures;
import io.modelqos.af.catalog.ModelVariant;
import io.modelqos.af.catalog.Precision;
import io.modelqos.af.sizing.InvalidPlanInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanRequestTest {

    private static final ModelVariant INT8 = ModelVariant.of("resnet-50-int8", Precision.INT8, 25_000_000L);
    private static final ModelVariant FP32 = ModelVariant.of("resnet-50-fp32", Precision.FP32, 100_000_000L);
    private static final Duration BUDGET = Duration.ofMillis(100);

    @Test
    void appliesTheDefaults() {
        PlanRequest request = PlanRequest.of(List.of(INT8), BUDGET);

        assertEquals(0.99999, request.availability());
        assertTrue(request.allowVariantFallback());
        assertEquals(BUDGET, request.maxLatencyBudget());
        assertEquals(Duration.ZERO, request.setupAllowance());
        assertEquals(SupportedFeatures.NONE, request.nefFeatures());
        assertEquals(Duration.ZERO, request.startWindow());
    }

    @Test
    void keepsTheStartWindowThroughEveryChangeAndRejectsANegativeOne() {
        PlanRequest request = PlanRequest.of(List.of(INT8), BUDGET).withStartWindow(Duration.ofSeconds(2));
        assertEquals(Duration.ofSeconds(2), request.withLatencyBudget(Duration.ofMillis(200)).withAvailability(0.999)
                .withVariantFallback(false).withMaxLatencyBudget(Duration.ofSeconds(1))
                .withSetupAllowance(Duration.ofMillis(5)).withNefFeatures(SupportedFeatures.NONE).startWindow());
        assertField("startWindow", () -> request.withStartWindow(Duration.ofMillis(-1)));
    }

    @Test
    void rejectsMissingOrRepeatedVariants() {
        assertField("variants", () -> PlanRequest.of(List.of(), BUDGET));
        assertField("variants", () -> PlanRequest.of(null, BUDGET));
        assertField("variants[1].id", () -> PlanRequest.of(List.of(INT8, INT8), BUDGET));
    }

    @Test
    void rejectsNonPositiveBudgets() {
        assertField("latencyBudget", () -> PlanRequest.of(List.of(INT8), Duration.ZERO));
        assertField("latencyBudget", () -> PlanRequest.of(List.of(INT8), Duration.ofMillis(-1)));
        assertField("latencyBudget", () -> PlanRequest.of(List.of(INT8), null));
        assertField("latencyBudget", () -> PlanRequest.of(List.of(INT8), Duration.ofNanos(500_000)));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 1.0, 1.5, -0.1, Double.NaN, 99.999})
    void rejectsAvailabilityOutsideTheOpenUnitInterval(double availability) {
        assertField("availability", () -> PlanRequest.of(List.of(INT8), BUDGET).withAvailability(availability));
    }

    @Test
    void rejectsAnAllowanceThatLeavesLessThanAMillisecond() {
        assertField("setupAllowance", () -> PlanRequest.of(List.of(INT8), BUDGET).withSetupAllowance(BUDGET));
        assertField("setupAllowance", () -> PlanRequest.of(List.of(INT8), BUDGET)
                .withSetupAllowance(Duration.ofNanos(99_500_000)));
        assertField("setupAllowance", () -> PlanRequest.of(List.of(INT8), BUDGET)
                .withSetupAllowance(Duration.ofMillis(-1)));
    }

    @Test
    void rejectsAMaximumBudgetShorterThanTheBudget() {
        assertField("maxLatencyBudget", () -> PlanRequest.of(List.of(INT8), BUDGET)
                .withMaxLatencyBudget(Duration.ofMillis(99)));
    }

    @Test
    void keepsALongerMaximumWhenTheBudgetChanges() {
        PlanRequest request = PlanRequest.of(List.of(INT8, FP32), BUDGET).withMaxLatencyBudget(Duration.ofSeconds(1));

        assertEquals(Duration.ofSeconds(1), request.withLatencyBudget(Duration.ofMillis(500)).maxLatencyBudget());
        assertEquals(Duration.ofSeconds(2), request.withLatencyBudget(Duration.ofSeconds(2)).maxLatencyBudget());
    }

    private static void assertField(String field, Executable executable) {
        InvalidPlanInputException e = assertThrows(InvalidPlanInputException.class, executable);
        assertEquals(field, e.field());
        assertTrue(e.getMessage().startsWith(field + " "), e.getMessage());
    }
}
