package io.modelqos.af.delivery;

import io.modelqos.af.problem.AfProblem;
import io.modelqos.af.problem.BestOffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The delivery's own state machine: what it allows, what it refuses, and what each transition reports. */
class DeliveryStateMachineTest {
    private static final Instant T0 = Instant.parse("2026-12-03T08:00:00Z");

    private static Delivery delivery() {
        return new Delivery("d-1", "t", new DeliveryRequest(new DeliveryRequest.UeAddress("10.45.0.1", null, null),
                new DeliveryRequest.ServerAddress("10.0.0.10", null, 443), "m",
                List.of(new DeliveryRequest.Variant("v", "fp32", 1_000_000, null)), 1000, 0.99, false, null, null, null),
                "cb", T0);
    }

    private static GrantedQos grant() {
        return new GrantedQos("v", "10 Mbps", null, "alt-1", 800, 1000, 2);
    }

    @Test
    void aGrantStartsTheAvailabilityAccountAndReportsTheStateChange() {
        Delivery d = delivery();
        assertEquals(List.of(new DeliveryChange.StateChanged(DeliveryState.REQUESTED, DeliveryState.NEGOTIATING)),
                d.negotiating());
        List<DeliveryChange> changes = d.granted(grant(), T0, T0.plusSeconds(7));
        assertEquals(List.of(new DeliveryChange.StateChanged(DeliveryState.NEGOTIATING, DeliveryState.QOS_GRANTED)), changes);
        assertTrue(d.availability().running());
        assertEquals(T0.plusSeconds(7), d.expiresAt());
    }

    @Test
    void degradedAndRestoredMoveTheStateAndTellTheModelServer() {
        Delivery d = delivery();
        d.negotiating();
        d.granted(grant(), T0, T0.plusSeconds(7));
        List<DeliveryChange> lost = d.degraded(T0.plusMillis(100));
        assertEquals(new DeliveryChange.StateChanged(DeliveryState.QOS_GRANTED, DeliveryState.DEGRADED), lost.get(0));
        assertEquals(new DeliveryChange.Told(DeliveryChange.Kind.QOS_DEGRADED, "QOS_NOT_GUARANTEED"), lost.get(1));
        assertEquals(List.of(new DeliveryChange.Told(DeliveryChange.Kind.QOS_DEGRADED, "QOS_NOT_GUARANTEED")),
                d.degraded(T0.plusMillis(150)), "a second loss changes no state, and is told");
        List<DeliveryChange> back = d.restored(T0.plusMillis(300));
        assertEquals(new DeliveryChange.StateChanged(DeliveryState.DEGRADED, DeliveryState.QOS_GRANTED), back.get(0));
        assertEquals(DeliveryChange.Kind.QOS_RESTORED, ((DeliveryChange.Told) back.get(1)).kind());
        assertEquals(200, d.availability().notGuaranteedMs(T0.plusMillis(300)));
    }

    @Test
    void endingOwesTheReleaseOfAHeldSessionInTheSameChange() {
        Delivery d = delivery();
        d.negotiating();
        d.nefSubscription(URI.create("http://nef/s/1"));
        d.granted(grant(), T0, T0.plusSeconds(7));
        d.end(DeliveryState.EXPIRED, null, T0.plusSeconds(7));
        assertTrue(d.releasePending());
        assertEquals(T0.plusSeconds(7), d.endedAt());
        assertFalse(d.availability().running());
        assertEquals(new DeliveryChange.Told(DeliveryChange.Kind.EXPIRED, "COMPLETION_NOT_REPORTED"), d.terminal(),
                "an expiry recorded without a cause: the model server never reported completion");
    }

    @ParameterizedTest
    @EnumSource(value = DeliveryState.class, names = {"COMPLETED", "FAILED", "CANCELLED", "EXPIRED"})
    void aFinalStateIsNeverLeft(DeliveryState finalState) {
        Delivery d = delivery();
        d.negotiating();
        d.end(finalState, finalState == DeliveryState.FAILED ? FailureCause.NEF_ERROR : null, T0);
        for (DeliveryState next : DeliveryState.values()) {
            if (next != finalState) {
                assertFalse(d.canMoveTo(next), finalState + " -> " + next);
                assertThrows(IllegalStateException.class, () -> d.moveTo(next));
            }
        }
        assertThrows(IllegalStateException.class, () -> d.degraded(T0));
        assertEquals(finalState, d.state());
    }

    @Test
    void noGrantBeforeTheNetworkWasAsked() {
        Delivery d = delivery();
        assertThrows(IllegalStateException.class, () -> d.granted(grant(), T0, T0));
        assertThrows(IllegalStateException.class, () -> d.degraded(T0));
        assertThrows(IllegalArgumentException.class, () -> d.end(DeliveryState.QOS_GRANTED, null, T0));
        assertEquals(DeliveryState.REQUESTED, d.state());
    }

    @Test
    void aFailedCreateKeepsItsProblemAndTellsTheRejectionWithTheBestOffer() {
        Delivery d = delivery();
        d.negotiating();
        AfProblem problem = AfProblem.unprocessable("refused", new BestOffer("600 Mbps", null, null));
        List<DeliveryChange> changes = d.creationFailed(FailureCause.QOS_REJECTED, problem, T0);
        assertEquals(List.of(new DeliveryChange.StateChanged(DeliveryState.NEGOTIATING, DeliveryState.FAILED),
                new DeliveryChange.Told(DeliveryChange.Kind.QOS_REJECTED, "QOS_REJECTED", problem.bestOffer()),
                new DeliveryChange.Told(DeliveryChange.Kind.FAILED, "QOS_REJECTED", problem.bestOffer())), changes);
        assertEquals(problem, d.creationProblem());
        assertEquals(FailureCause.QOS_REJECTED, d.failureCause());
    }

    @Test
    void aNetworkErrorFailsWithoutARejection() {
        Delivery d = delivery();
        d.negotiating();
        List<DeliveryChange> changes = d.creationFailed(FailureCause.NEF_UNAVAILABLE,
                AfProblem.peerUnavailable("down", null), T0);
        assertEquals(2, changes.size());
        assertEquals(DeliveryChange.Kind.FAILED, ((DeliveryChange.Told) changes.get(1)).kind());
    }

    @Test
    void eachEndCauseLeadsToItsOwnStateAndIsToldWithTheLastEvent() {
        for (FailureCause cause : FailureCause.values()) {
            Delivery d = delivery();
            d.negotiating();
            for (DeliveryState other : List.of(DeliveryState.COMPLETED, DeliveryState.FAILED, DeliveryState.CANCELLED,
                    DeliveryState.EXPIRED)) {
                if (other != cause.state()) {
                    assertThrows(IllegalArgumentException.class, () -> d.end(other, cause, T0), cause + " -> " + other);
                }
            }
            d.end(cause.state(), cause, T0);
            assertEquals(cause, d.endCause());
            assertEquals(cause.name(), d.terminal().cause());
        }
    }

    @Test
    void aCancelIsToldAsCancelledAndAnExpiryAsExpired() {
        Delivery cancelled = delivery();
        cancelled.negotiating();
        cancelled.end(DeliveryState.CANCELLED, FailureCause.CANCELLED_BY_CALLER, T0);
        assertEquals(new DeliveryChange.Told(DeliveryChange.Kind.CANCELLED, "CANCELLED_BY_CALLER"), cancelled.terminal());
        Delivery expired = delivery();
        expired.negotiating();
        expired.end(DeliveryState.EXPIRED, FailureCause.NO_PROGRESS_IN_START_WINDOW, T0);
        assertEquals(new DeliveryChange.Told(DeliveryChange.Kind.EXPIRED, "NO_PROGRESS_IN_START_WINDOW"),
                expired.terminal());
    }

    @Test
    void aRecordThatEndedWithoutACauseGetsTheOneItsStateSays() {
        assertEquals(FailureCause.COMPLETION_REPORTED, endedWithoutCause(DeliveryState.COMPLETED).endCause());
        assertEquals(FailureCause.CANCELLED_BY_CALLER, endedWithoutCause(DeliveryState.CANCELLED).endCause());
        assertEquals(FailureCause.COMPLETION_NOT_REPORTED, endedWithoutCause(DeliveryState.EXPIRED).endCause());
        assertEquals(null, delivery().endCause(), "a live delivery has none");
    }

    private static Delivery endedWithoutCause(DeliveryState state) {
        Delivery d = delivery();
        d.negotiating();
        d.end(state, null, T0);
        return d;
    }

    @Test
    void aGrantWithAStartWindowAwaitsTheModelServersFirstReport() {
        Delivery d = delivery();
        d.negotiating();
        d.granted(new GrantedQos("v", "10 Mbps", null, "alt-1", 800, 1000, 3, 1000), T0, T0.plusSeconds(8));
        assertEquals(T0.plusSeconds(1), d.startBy());
        assertTrue(d.awaitingStart());
        d.rate().progress(0, 0, false);
        assertFalse(d.awaitingStart(), "a report of no bytes yet says the model server has begun");

        Delivery without = delivery();
        without.negotiating();
        without.granted(grant(), T0, T0.plusSeconds(7));
        assertEquals(null, without.startBy());
        assertFalse(without.awaitingStart());
    }

    @Test
    void storedCausesAreReadByName() {
        assertEquals(FailureCause.SESSION_TERMINATION, FailureCause.ofName("SESSION_TERMINATION"));
        assertEquals(null, FailureCause.ofName(null));
        assertThrows(IllegalArgumentException.class, () -> FailureCause.ofName("NO_SUCH_CAUSE"));
    }
}
