package io.modelqos.af.engine;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.delivery.NetworkUsage;
import io.modelqos.af.events.EventType;
import io.modelqos.af.problem.AfProblem;
import io.modelqos.af.problem.ProblemKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.modelqos.af.engine.EngineUnderTest.failure;
import static io.modelqos.af.engine.EngineUnderTest.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Complete, cancel or expire; the session closed with retries; the final usage folded in before the last event. */
class EndingTest {
    private final EngineUnderTest af = new EngineUnderTest();

    @AfterEach
    void close() {
        af.close();
    }

    @Test
    void completionClosesTheSessionAndFoldsInTheFinalUsageBeforeTheLastEvent() {
        Delivery d = af.granted("10.45.0.1");
        java.util.concurrent.atomic.AtomicReference<NetworkUsage> usageWhenTold = new java.util.concurrent.atomic.AtomicReference<>();
        af.outbox.addSink(e -> {
            if (e.type().terminal()) {
                usageWhenTold.set(d.rate().usage());
            }
        });
        af.network.closesWith(new NetworkUsage(102_400_000L, 20_000L, 102_420_000L, 1L));
        result(af.engine.progress("tenant-a", d.id(), 51_200_000, 450, false));
        Delivery done = result(af.engine.progress("tenant-a", d.id(), 102_400_000, 900, true));
        assertEquals(DeliveryState.COMPLETED, done.state());
        assertEquals(List.of("nef:s/1"), af.network.closed);
        assertEquals(102_400_000L, d.rate().usage().downlinkVolume());
        assertEquals(List.of(EventType.QOS_GRANTED, EventType.RATE_REPORT, EventType.RATE_REPORT, EventType.COMPLETED),
                af.told(d));
        assertEquals(102_400_000L, usageWhenTold.get().downlinkVolume(), "the final usage is in before the last event");
    }

    @Test
    void progressThatGoesBackIsRefusedAndProgressAfterTheEndIsAConflict() {
        Delivery d = af.granted("10.45.0.1");
        result(af.engine.progress("tenant-a", d.id(), 1_000, 100, false));
        AfProblem back = (AfProblem) failure(af.engine.progress("tenant-a", d.id(), 500, 200, false));
        assertEquals(ProblemKind.INVALID_INPUT, back.kind());
        assertEquals("/bytes", back.invalidParams().get(0).param());
        result(af.engine.cancel("tenant-a", d.id()));
        assertEquals(ProblemKind.CONFLICT,
                ((AfProblem) failure(af.engine.progress("tenant-a", d.id(), 2_000, 300, false))).kind());
    }

    @Test
    void aCloseThatFailsIsRetriedWithBackoffUntilTheNetworkConfirms() {
        Delivery d = af.granted("10.45.0.1");
        af.network.failsClose(2);
        Delivery cancelled = result(af.engine.cancel("tenant-a", d.id()));
        assertEquals(DeliveryState.CANCELLED, cancelled.state());
        assertTrue(d.releasePending(), "owed until the network confirms");
        assertEquals(EventType.CANCELLED, af.told(d).get(af.told(d).size() - 1), "the caller is told at once");
        af.timers.advance(Duration.ofMillis(249));
        assertEquals(1, af.network.closed.size());
        af.timers.advance(Duration.ofMillis(1));
        assertEquals(2, af.network.closed.size(), "first retry after 250 ms");
        af.timers.advance(Duration.ofMillis(500));
        assertEquals(3, af.network.closed.size(), "second after 500 ms more");
        assertFalse(d.releasePending());
        af.timers.advance(Duration.ofSeconds(60));
        assertEquals(3, af.network.closed.size(), "nothing after the confirmation");
    }

    @Test
    void aDeliveryExpiresAfterItsQosDurationAndMargin() {
        Delivery d = af.granted("10.45.0.1");
        Duration left = Duration.between(af.clock.instant(), d.expiresAt());
        af.timers.advance(left.minusMillis(1));
        assertEquals(DeliveryState.QOS_GRANTED, d.state());
        af.timers.advance(Duration.ofMillis(1));
        assertEquals(DeliveryState.EXPIRED, d.state());
        assertEquals(List.of("nef:s/1"), af.network.closed);
        assertEquals(EventType.EXPIRED, af.told(d).get(af.told(d).size() - 1));
    }

    @Test
    void aCancelStopsTheExpiryAndASecondCancelChangesNothing() {
        Delivery d = af.granted("10.45.0.1");
        result(af.engine.cancel("tenant-a", d.id()));
        result(af.engine.cancel("tenant-a", d.id()));
        af.timers.advance(Duration.ofMinutes(5));
        assertEquals(DeliveryState.CANCELLED, d.state());
        assertEquals(1, af.network.closed.size());
        assertEquals(0, af.timers.pendingCount());
    }

    @Test
    void anotherTenantsDeliveryIsNotFound() {
        Delivery d = af.granted("10.45.0.1");
        Throwable failure = af.engine.cancel("tenant-b", d.id()).cause();
        AfProblem p = org.junit.jupiter.api.Assertions.assertInstanceOf(AfProblem.class, failure);
        assertEquals(ProblemKind.NOT_FOUND, p.kind());
    }
}
