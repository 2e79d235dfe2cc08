package io.modelqos.af.qos;

import io.modelqos.qos.PacketErrorRate;
import io.modelqos.af.sizing.TransferSizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PlanningPolicyTest {

    private final PlanningPolicy policy = PlanningPolicy.DEFAULT;

    @ParameterizedTest(name = "{0} ms -> PDB <= {1} ms")
    @CsvSource({"1000, 100", "100, 10", "33, 3", "5, 1"})
    void pdbIsATenthOfTheBudget(long budgetMs, int maxPdbMs) {
        assertEquals(maxPdbMs, policy.maxPdbMs(Duration.ofMillis(budgetMs)));
    }

    @ParameterizedTest(name = "availability {0} -> PER <= {1}")
    @CsvSource({"0.99999, 1E-6", "0.999, 1E-4", "0.9, 1E-2", "0.95, 5E-3", "0.99999999, 1E-9",
            "0.9999999999, 1E-9"})
    void perIsADecadeBelowTheTransferFailureBudget(double availability, String maxPer) {
        assertEquals(PacketErrorRate.parse(maxPer), policy.maxPer(availability));
    }

    @ParameterizedTest(name = "{0} ms window -> {1} ms")
    @CsvSource({"100, 100", "33, 33", "10000, 4095", "1, 1"})
    void averagingWindowIsTheTransferWindowWithinTheAllowedRange(long windowMs, int averagingWindowMs) {
        assertEquals(averagingWindowMs, policy.averagingWindowMs(Duration.ofMillis(windowMs)));
    }

    @ParameterizedTest(name = "{0} ms -> {1} s")
    @CsvSource({"33, 2", "100, 2", "1000, 2", "1001, 3", "3500, 5"})
    void qosDurationIsTheBudgetPlusASecondRoundedUp(long budgetMs, long seconds) {
        assertEquals(seconds, policy.qosDurationSeconds(Duration.ofMillis(budgetMs)));
    }

    @ParameterizedTest(name = "{0} ms start window + {1} ms budget -> {2} s")
    @CsvSource({"0, 1000, 2", "1000, 1000, 3", "1000, 100, 3", "2500, 33, 4", "3000, 1000, 5"})
    void qosDurationAddsTheStartWindowBeforeTheBudget(long startWindowMs, long budgetMs, long seconds) {
        assertEquals(seconds, policy.qosDurationSeconds(Duration.ofMillis(startWindowMs), Duration.ofMillis(budgetMs)));
    }

    @ParameterizedTest(name = "{0} ms transfer -> a report every {1} s")
    @CsvSource({"0, 1", "100, 1", "9999, 1", "10000, 1", "10001, 2", "25000, 3", "60000, 6", "3600000, 360"})
    void theRateReportPeriodIsATenthOfTheTransferInWholeSecondsAtLeastOne(long transferMs, long seconds) {
        assertEquals(Duration.ofSeconds(seconds), policy.rateReportPeriod(Duration.ofMillis(transferMs)));
    }

    @Test
    void usageThresholdAddsTenPercentToTheTransferBytes() {
        UsageThreshold threshold = policy.usageThreshold(TransferSizer.DEFAULT.size(25_000_000L, Duration.ofMillis(100)));

        assertEquals(28_541_508L, threshold.downlinkVolume()); // 25 946 825 x 1.1, up
        assertEquals(494_740L, threshold.uplinkVolume());      // 449 763 x 1.1, up
        assertEquals(29_036_248L, threshold.totalVolume());
    }
}
