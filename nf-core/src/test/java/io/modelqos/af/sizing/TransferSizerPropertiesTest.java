package io.modelqos.af.sizing;

import io.modelqos.qos.BitRate;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.LongRange;

import java.math.BigDecimal;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

class TransferSizerPropertiesTest {

    @Property
    void requestedGbrIsNeverBelowThePayloadRate(@ForAll @LongRange(min = 1, max = 1_000_000_000_000L) long bytes,
                                                @ForAll @LongRange(min = 1_000, max = 60_000_000_000L) long budgetNanos,
                                                @ForAll @LongRange(min = 0, max = 1_000_000) long allowancePerMille,
                                                @ForAll @BigRange(min = "1", max = "2") BigDecimal factor) {
        Duration budget = Duration.ofNanos(budgetNanos);
        Duration allowance = Duration.ofNanos(budgetNanos * allowancePerMille / 1_000_001);
        TransferSizer sizer = new TransferSizer(TransportOverhead.ofFactor(factor));

        TransferSizing sizing = sizer.size(bytes, budget, allowance);

        assertTrue(sizing.requestedGbrDl().isAtLeast(sizing.payloadRate()),
                () -> sizing.requestedGbrDl() + " < " + sizing.payloadRate());
        assertTrue(sizing.wireBytesDl() >= bytes);
    }

    /** Verifies that the budget computed for a rate is long enough for a GBR not above that rate. */
    @Property
    void sizingWithinTheBudgetNeededStaysWithinTheRate(@ForAll @LongRange(min = 1, max = 10_000_000_000L) long bytes,
                                                       @ForAll @LongRange(min = 1, max = 100_000_000_000L) long bitsPerSecond,
                                                       @ForAll @LongRange(min = 0, max = 500) long allowanceMs) {
        TransferSizer sizer = TransferSizer.DEFAULT;
        BitRate rate = BitRate.ofBitsPerSecond(bitsPerSecond);
        Duration allowance = Duration.ofMillis(allowanceMs);

        Duration budget = sizer.budgetNeeded(bytes, rate, allowance);

        assertTrue(sizer.size(bytes, budget, allowance).requestedGbrDl().isAtMost(rate));
    }
}
