package io.modelqos.af.engine;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.delivery.FailureCause;
import io.modelqos.af.delivery.NetworkUsage;
import io.modelqos.af.events.EventType;
import io.modelqos.af.problem.AfProblem;
import io.modelqos.af.problem.ProblemKind;
import io.modelqos.af.southbound.NetworkEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.modelqos.af.engine.EngineUnderTest.failure;
import static io.modelqos.af.engine.EngineUnderTest.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verifies that each end state says what happened: a session that ran its qosDuration ends COMPLETED when the network
 * saw the whole variant go through and EXPIRED when it did not; FAILED only for a session the network ended early; a
 * cancel is CANCELLED with an event of its own. Each end names its cause, in the delivery and in its last event.
 */
class EndStatesTest {
    /** The usage the NEF reported in issue #16: more than the whole FP32 variant. */
    private static final NetworkUsage WHOLE_MODEL_SEEN = new NetworkUsage(114_369_765L, 1_000_000L, 115_369_765L, 2L);
    private static final NetworkUsage HALF_MODEL_SEEN = new NetworkUsage(51_200_000L, 500_000L, 51_700_000L, 2L);

    private final EngineUnderTest af = new EngineUnderTest();

    @AfterEach
    void close() {
        af.close();
    }

    /** Issue #16: 50 % reported at 0.45 s, never completion; the NEF ends the session at its qosDuration. */
    private Delivery halfReportedThenEndedByTheNetworkAtQosDuration(NetworkUsage reported) {
        Delivery d = af.granted("10.45.0.1");
        assertEquals(2, d.granted().qosDurationS(), "1 s budget plus the 1 s margin (no start window here)");
        result(af.engine.progress("tenant-a", d.id(), 51_200_000, 450, false));
        af.timers.advance(Duration.between(af.clock.instant(), d.createdAt().plusSeconds(2)));
        af.engine.networkEvents(d, List.of(new NetworkEvent.Terminated(reported)));
        return d;
    }

    @Test
    void aSessionThatRanItsQosDurationWithTheWholeVariantSeenByTheNetworkIsCompleted() {
        Delivery d = halfReportedThenEndedByTheNetworkAtQosDuration(WHOLE_MODEL_SEEN);

        assertEquals(DeliveryState.COMPLETED, d.state());
        assertEquals(FailureCause.COMPLETION_OBSERVED_BY_NETWORK, d.endCause());
        assertEquals(114_369_765L, d.rate().usage().downlinkVolume(), "the usage reported with the end is kept");
        assertEquals(List.of("nef:s/1"), af.network.closed, "the session is released");
        assertEquals(EventType.COMPLETED, last(af.told(d)));
        assertEquals("COMPLETION_OBSERVED_BY_NETWORK", last(af.causes(d)));
        AfProblem late = (AfProblem) failure(af.engine.progress("tenant-a", d.id(), 102_400_000, 3_450, true));
        assertEquals(ProblemKind.CONFLICT, late.kind(), "the delivery has ended");
        assertEquals(DeliveryState.COMPLETED, result(af.engine.cancel("tenant-a", d.id())).state(),
                "a cancel after the end answers the delivery as it ended");
    }

    @Test
    void aSessionThatRanItsQosDurationWithLessThanTheVariantSeenIsExpired() {
        Delivery d = halfReportedThenEndedByTheNetworkAtQosDuration(HALF_MODEL_SEEN);

        assertEquals(DeliveryState.EXPIRED, d.state());
        assertEquals(FailureCause.COMPLETION_NOT_REPORTED, d.endCause());
        assertEquals(EventType.EXPIRED, last(af.told(d)));
        assertEquals("COMPLETION_NOT_REPORTED", last(af.causes(d)));
    }

    @Test
    void aSessionTheNetworkEndsBeforeItsQosDurationFailsWhateverItsUsage() {
        Delivery d = af.granted("10.45.0.1");
        af.timers.advance(Duration.between(af.clock.instant(), d.createdAt().plusSeconds(2)).minusMillis(1));
        af.engine.networkEvents(d, List.of(new NetworkEvent.Terminated(WHOLE_MODEL_SEEN)));

        assertEquals(DeliveryState.FAILED, d.state());
        assertEquals(FailureCause.SESSION_TERMINATION, d.endCause());
        assertEquals(EventType.FAILED, last(af.told(d)));
        assertEquals("SESSION_TERMINATION", last(af.causes(d)));
    }

    @Test
    void aTerminationWithoutUsageAfterTheQosDurationIsExpired() {
        Delivery d = af.granted("10.45.0.1");
        af.timers.advance(Duration.ofSeconds(3));
        af.engine.networkEvents(d, List.of(new NetworkEvent.Terminated()));

        assertEquals(DeliveryState.EXPIRED, d.state());
        assertEquals(FailureCause.COMPLETION_NOT_REPORTED, d.endCause());
    }

    @Test
    void aUsageReportBeforeTheEndCountsForTheEnd() {
        Delivery d = af.granted("10.45.0.1");
        af.engine.networkEvents(d, List.of(new NetworkEvent.UsageReported(WHOLE_MODEL_SEEN)));
        af.timers.advance(Duration.ofSeconds(2));
        af.engine.networkEvents(d, List.of(new NetworkEvent.Terminated()));

        assertEquals(DeliveryState.COMPLETED, d.state());
        assertEquals(FailureCause.COMPLETION_OBSERVED_BY_NETWORK, d.endCause());
    }

    @Test
    void theVariantTheNetworkAppliedIsTheOneItMustHaveSeen() {
        Delivery d = af.granted("10.45.0.1");
        af.engine.networkEvents(d, List.of(new NetworkEvent.Allocated(d.options().get(1).ref())));
        assertEquals("resnet-50-int8", d.granted().variantId());
        af.timers.advance(Duration.ofSeconds(2));
        af.engine.networkEvents(d, List.of(new NetworkEvent.Terminated(
                new NetworkUsage(EngineUnderTest.RESNET50_INT8, 0L, EngineUnderTest.RESNET50_INT8, 2L))));

        assertEquals(DeliveryState.COMPLETED, d.state(), "all of INT8 went through");
        assertEquals(FailureCause.COMPLETION_OBSERVED_BY_NETWORK, d.endCause());
    }

    @Test
    void atItsExpiryTheAfClosesTheSessionFirstAndTheFinalUsageDecides() {
        Delivery d = af.granted("10.45.0.1");
        af.network.closesWith(WHOLE_MODEL_SEEN);
        af.timers.advance(Duration.between(af.clock.instant(), d.expiresAt()));

        assertEquals(DeliveryState.COMPLETED, d.state());
        assertEquals(FailureCause.COMPLETION_OBSERVED_BY_NETWORK, d.endCause());
        assertEquals(List.of("nef:s/1"), af.network.closed, "closed once");
        assertFalse(d.releasePending());
        assertEquals("COMPLETION_OBSERVED_BY_NETWORK", last(af.causes(d)));
    }

    @Test
    void atItsExpiryWithLessThanTheVariantInTheFinalUsageTheDeliveryIsExpired() {
        Delivery d = af.granted("10.45.0.1");
        af.network.closesWith(HALF_MODEL_SEEN);
        af.timers.advance(Duration.between(af.clock.instant(), d.expiresAt()));

        assertEquals(DeliveryState.EXPIRED, d.state());
        assertEquals(FailureCause.COMPLETION_NOT_REPORTED, d.endCause());
        assertEquals(51_200_000L, d.rate().usage().downlinkVolume(), "the final report is folded in");
        assertEquals(EventType.EXPIRED, last(af.told(d)));
    }

    @Test
    void aCloseThatFailsAtExpiryStillEndsTheDeliveryAndIsRetried() {
        Delivery d = af.granted("10.45.0.1");
        af.network.failsClose(1);
        af.timers.advance(Duration.between(af.clock.instant(), d.expiresAt()));

        assertEquals(DeliveryState.EXPIRED, d.state());
        assertEquals(FailureCause.COMPLETION_NOT_REPORTED, d.endCause());
        assertTrue(d.releasePending(), "owed until the network confirms");
        af.timers.advance(Duration.ofMillis(250));
        assertEquals(2, af.network.closed.size());
        assertFalse(d.releasePending());
    }

    @Test
    void aCancelIsCancelledWithAnEventOfItsOwn() {
        Delivery d = af.granted("10.45.0.1");
        Delivery cancelled = result(af.engine.cancel("tenant-a", d.id()));

        assertEquals(DeliveryState.CANCELLED, cancelled.state());
        assertEquals(FailureCause.CANCELLED_BY_CALLER, cancelled.endCause());
        assertEquals(EventType.CANCELLED, last(af.told(d)));
        assertTrue(EventType.CANCELLED.terminal());
        assertEquals("CANCELLED_BY_CALLER", last(af.causes(d)));
    }

    @Test
    void aReportedCompletionIsCompletedWithItsCause() {
        Delivery d = af.granted("10.45.0.1");
        Delivery done = result(af.engine.progress("tenant-a", d.id(), EngineUnderTest.RESNET50_FP32, 900, true));

        assertEquals(DeliveryState.COMPLETED, done.state());
        assertEquals(FailureCause.COMPLETION_REPORTED, done.endCause());
        assertEquals("COMPLETION_REPORTED", last(af.causes(d)));
    }

    @Test
    void aTerminationRelayedToTheOwnerKeepsItsUsage() {
        NetworkEvent.Terminated ended = new NetworkEvent.Terminated(WHOLE_MODEL_SEEN);
        assertEquals(List.of(ended, new NetworkEvent.Terminated()),
                NetworkEventCodec.decode(NetworkEventCodec.encode(List.of(ended, new NetworkEvent.Terminated()))));
    }

    private static <T> T last(List<T> items) {
        return items.get(items.size() - 1);
    }
}
