package io.modelqos.af.delivery;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The end a session's end leads to: by when it ended, what the model server reported and what the network counted. */
class EndRulesTest {
    private static final Instant T0 = Instant.parse("2026-12-03T08:00:00Z");
    private static final long FP32 = 102_400_000L;
    private static final long INT8 = 25_600_000L;

    /** Granted FP32 (or INT8) with a qosDuration of 2 s, created at T0. */
    private static Delivery granted(String variant) {
        Delivery d = new Delivery("d-1", "t", new DeliveryRequest(new DeliveryRequest.UeAddress("10.45.0.1", null, null),
                new DeliveryRequest.ServerAddress("10.0.0.10", null, 443), "resnet-50",
                List.of(new DeliveryRequest.Variant("fp32", "fp32", FP32, null),
                        new DeliveryRequest.Variant("int8", "int8", INT8, null)), 1000, 0.99999, true, null, null, null),
                "cb", T0);
        d.negotiating();
        d.granted(new GrantedQos(variant, "1 Gbps", null, variant + "@1Gbps", 900, 1000, 2), T0.plusMillis(30),
                T0.plusSeconds(32));
        return d;
    }

    @Test
    void theQosDurationCountsFromTheCreationSoAnOnTimeEndIsNeverEarly() {
        Delivery d = granted("fp32");
        assertFalse(EndRules.ranQosDuration(d, T0.plusMillis(1999)));
        assertTrue(EndRules.ranQosDuration(d, T0.plusSeconds(2)), "the network opened the session after the creation");
    }

    @Test
    void atTheQosDurationTheNetworksUsageOfTheGrantedVariantDecides() {
        Delivery seen = granted("fp32");
        seen.rate().usage(new NetworkUsage(FP32, null, null, null));
        assertEquals(FailureCause.COMPLETION_OBSERVED_BY_NETWORK, EndRules.sessionEnded(seen, T0.plusSeconds(2)));

        Delivery short1 = granted("fp32");
        short1.rate().usage(new NetworkUsage(FP32 - 1, null, null, null));
        assertEquals(FailureCause.COMPLETION_NOT_REPORTED, EndRules.sessionEnded(short1, T0.plusSeconds(2)));

        Delivery fallback = granted("int8");
        fallback.rate().usage(new NetworkUsage(INT8, null, null, null));
        assertEquals(FailureCause.COMPLETION_OBSERVED_BY_NETWORK, EndRules.sessionEnded(fallback, T0.plusSeconds(3)));

        assertEquals(FailureCause.COMPLETION_NOT_REPORTED, EndRules.sessionEnded(granted("fp32"), T0.plusSeconds(3)),
                "no usage at all");
        Delivery reported = granted("fp32");
        reported.rate().progress(FP32, 900, true);
        assertEquals(FailureCause.COMPLETION_REPORTED, EndRules.afterQosDuration(reported));
    }

    @Test
    void anEarlierEndIsTheNetworksWhateverWentThrough() {
        Delivery d = granted("fp32");
        d.rate().usage(new NetworkUsage(FP32 * 2, null, null, null));
        assertEquals(FailureCause.SESSION_TERMINATION, EndRules.sessionEnded(d, T0.plusMillis(1500)));
        assertEquals(io.modelqos.af.delivery.DeliveryState.FAILED, FailureCause.SESSION_TERMINATION.state());
    }
}
