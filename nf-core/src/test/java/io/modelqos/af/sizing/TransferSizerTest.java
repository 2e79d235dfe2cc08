package io.modelqos.af.sizing;

import io.modelqos.qos.BitRate;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransferSizerTest {

    private static final long RESNET_50_INT8_BYTES = 25_000_000L;
    private final TransferSizer sizer = TransferSizer.DEFAULT;

    @Test
    void sizesPayloadRateAndRequestedGbrWithTheDefaultOverhead() {
        TransferSizing sizing = sizer.size(RESNET_50_INT8_BYTES, Duration.ofMillis(100));

        assertEquals(BitRate.parse("2 Gbps"), sizing.payloadRate());
        assertEquals(BitRate.ofBitsPerSecond(2_075_746_000L), sizing.requestedGbrDl()); // 2 Gbps x 1.037873
        assertEquals("2.076 Gbps", sizing.requestedGbrDl().toString());
        assertEquals(25_946_825L, sizing.wireBytesDl());
        assertEquals(BitRate.ofBitsPerSecond(35_980_982L), sizing.requestedGbrUl()); // x 0.017334, up
        assertEquals(Duration.ofMillis(100), sizing.transferWindow());
    }

    @Test
    void takesTheSetupAllowanceOffTheBudgetBeforeSizing() {
        TransferSizing sizing = sizer.size(RESNET_50_INT8_BYTES, Duration.ofMillis(100), Duration.ofMillis(20));

        assertEquals(Duration.ofMillis(80), sizing.transferWindow());
        assertEquals(BitRate.parse("2.5 Gbps"), sizing.payloadRate());
    }

    @Test
    void appliesAConfiguredOverheadFactor() {
        TransferSizer plain = new TransferSizer(TransportOverhead.ofFactor(new BigDecimal("1.1")));

        assertEquals(BitRate.parse("2.2 Gbps"), plain.size(RESNET_50_INT8_BYTES, Duration.ofMillis(100)).requestedGbrDl());
    }

    @Test
    void roundsAnUnevenRateUpToAWholeBitPerSecond() {
        // 4.2 MB in 33 ms = 1 018 181 818.18... bit/s
        assertEquals(BitRate.ofBitsPerSecond(1_018_181_819L), sizer.size(4_200_000L, Duration.ofMillis(33)).payloadRate());
    }

    @Test
    void rejectsAnAllowanceThatLeavesNoTimeForTheTransfer() {
        InvalidPlanInputException equal = assertThrows(InvalidPlanInputException.class,
                () -> sizer.size(RESNET_50_INT8_BYTES, Duration.ofMillis(100), Duration.ofMillis(100)));
        InvalidPlanInputException longer = assertThrows(InvalidPlanInputException.class,
                () -> sizer.size(RESNET_50_INT8_BYTES, Duration.ofMillis(100), Duration.ofMillis(150)));

        assertEquals("setupAllowance", equal.field());
        assertEquals("setupAllowance", longer.field());
        assertTrue(equal.getMessage().contains("shorter than the latency budget (100 ms)"), equal.getMessage());
    }

    @Test
    void rejectsNonPositiveSizesAndBudgetsAndNegativeAllowancesNamingTheField() {
        assertEquals("sizeBytes", assertThrows(InvalidPlanInputException.class,
                () -> sizer.size(0, Duration.ofSeconds(1))).field());
        assertEquals("latencyBudget", assertThrows(InvalidPlanInputException.class,
                () -> sizer.size(1, Duration.ZERO)).field());
        assertEquals("latencyBudget", assertThrows(InvalidPlanInputException.class,
                () -> sizer.size(1, Duration.ofMillis(-5))).field());
        assertEquals("setupAllowance", assertThrows(InvalidPlanInputException.class,
                () -> sizer.size(1, Duration.ofSeconds(1), Duration.ofMillis(-1))).field());
    }

    @Test
    void budgetNeededIsTheInverseOfSizing() {
        Duration budget = sizer.budgetNeeded(RESNET_50_INT8_BYTES, BitRate.parse("2.076 Gbps"), Duration.ZERO);

        assertEquals(Duration.ofMillis(100), budget); // 207 574 600 bits / 2.076 Gbit/s = 99.988 ms, up
        assertTrue(sizer.size(RESNET_50_INT8_BYTES, budget).requestedGbrDl().isAtMost(BitRate.parse("2.076 Gbps")));
        assertEquals(Duration.ofMillis(130),
                sizer.budgetNeeded(RESNET_50_INT8_BYTES, BitRate.parse("2.076 Gbps"), Duration.ofMillis(30)));
    }

    @Test
    void budgetNeededRejectsAZeroRate() {
        assertEquals("gbrDl", assertThrows(InvalidPlanInputException.class,
                () -> sizer.budgetNeeded(1, BitRate.ZERO, Duration.ZERO)).field());
    }
}
