package io.modelqos.af.engine;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryRequest;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.delivery.FailureCause;
import io.modelqos.af.events.EventType;
import io.modelqos.af.qos.QosPlan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.modelqos.af.engine.EngineUnderTest.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Verifies the start window: the time the model server has between the grant and its first progress report, from the
 * request or else the AF's default; it is part of qosDuration; a delivery that reports nothing within it is released
 * early and ends EXPIRED with its own cause, one that reports in time runs on to its expiry.
 */
class StartWindowTest {
    private final EngineUnderTest af = EngineUnderTest.withStartWindow(Duration.ofSeconds(1));

    @AfterEach
    void close() {
        af.close();
    }

    private Delivery create(DeliveryRequest request) {
        var f = af.engine.create("tenant-a", request, null, null);
        af.timers.advance(Duration.ofMillis(500)); // the allocation wait runs out: granted on the primary
        return result(f);
    }

    private static DeliveryRequest withStartWindow(Long startWindowMs) {
        DeliveryRequest r = EngineUnderTest.resnet50("10.45.0.1", 1000);
        return new DeliveryRequest(r.ue(), r.server(), r.modelName(), r.variants(), r.latencyBudgetMs(), r.availability(),
                r.allowVariantFallback(), r.maxLatencyBudgetMs(), r.notificationUri(), r.notificationToken(), startWindowMs);
    }

    @Test
    void theDefaultStartWindowIsPartOfTheQosDurationAndOfTheGrant() {
        Delivery d = create(withStartWindow(null));

        assertEquals(1000, d.granted().startWindowMs());
        assertEquals(3, d.granted().qosDurationS(), "1 s start window + 1 s budget + 1 s margin");
        assertEquals(3, af.network.opened.get(0).plan().qosDurationSeconds(), "what the network is asked for");
        assertEquals(d.createdAt().plusSeconds(1), d.startBy());
        QosPlan dryRun = (QosPlan) af.engine.plan(withStartWindow(null), null);
        assertEquals(Duration.ofSeconds(1), dryRun.startWindow());
        assertEquals(3, dryRun.qosDurationSeconds());
    }

    @Test
    void noProgressWithinTheStartWindowReleasesTheSessionEarlyAsExpired() {
        Delivery d = create(withStartWindow(null));
        af.timers.advance(Duration.between(af.clock.instant(), d.startBy()).minusMillis(1));
        assertEquals(DeliveryState.QOS_GRANTED, d.state());
        assertEquals(List.of(), af.network.closed);

        af.timers.advance(Duration.ofMillis(1));

        assertEquals(DeliveryState.EXPIRED, d.state());
        assertEquals(FailureCause.NO_PROGRESS_IN_START_WINDOW, d.endCause());
        assertEquals(List.of("nef:s/1"), af.network.closed, "no GBR is held for nothing");
        assertEquals(EventType.EXPIRED, af.told(d).get(af.told(d).size() - 1));
        assertEquals("NO_PROGRESS_IN_START_WINDOW", af.causes(d).get(af.causes(d).size() - 1));
        assertEquals(0, af.timers.pendingCount(), "nothing left armed");
    }

    @Test
    void aProgressReportWithinTheStartWindowKeepsTheSessionUntilItsExpiry() {
        Delivery d = create(withStartWindow(null));
        result(af.engine.progress("tenant-a", d.id(), 0, 0, false)); // "starting": no byte yet
        af.timers.advance(Duration.between(af.clock.instant(), d.expiresAt()).minusMillis(1));
        assertEquals(DeliveryState.QOS_GRANTED, d.state());
        assertEquals(1, af.timers.pendingCount(), "one timer per delivery: the expiry, once the start window passed");

        af.timers.advance(Duration.ofMillis(1));

        assertEquals(DeliveryState.EXPIRED, d.state());
        assertEquals(FailureCause.COMPLETION_NOT_REPORTED, d.endCause());
    }

    @Test
    void theRequestsStartWindowOverridesTheDefault() {
        Delivery d = create(withStartWindow(3000L));

        assertEquals(3000, d.granted().startWindowMs());
        assertEquals(5, d.granted().qosDurationS(), "3 s start window + 1 s budget + 1 s margin");
        af.timers.advance(Duration.between(af.clock.instant(), d.createdAt().plusMillis(2999)));
        assertEquals(DeliveryState.QOS_GRANTED, d.state());
        af.timers.advance(Duration.ofMillis(1));
        assertEquals(FailureCause.NO_PROGRESS_IN_START_WINDOW, d.endCause());
    }

    @Test
    void aStartWindowOfZeroIsNone() {
        Delivery d = create(withStartWindow(0L));

        assertEquals(0, d.granted().startWindowMs());
        assertEquals(2, d.granted().qosDurationS());
        assertNull(d.startBy());
        af.timers.advance(Duration.between(af.clock.instant(), d.expiresAt()).minusMillis(1));
        assertEquals(DeliveryState.QOS_GRANTED, d.state(), "no early release");
    }

    @Test
    void aRestartedAfKeepsTheStartWindowOfAStoredDelivery() {
        Delivery d = create(withStartWindow(null));
        try (EngineUnderTest restarted = new EngineUnderTest(af.store, Admission.ALL, id -> true, Duration.ZERO)) {
            restarted.clock.set(af.clock.instant());
            Delivery stored = result(af.store.get(d.id())).orElseThrow();
            result(restarted.engine.resume(List.of(stored)));
            restarted.timers.advance(Duration.between(restarted.clock.instant(), d.startBy()));

            assertEquals(DeliveryState.EXPIRED, stored.state());
            assertEquals(FailureCause.NO_PROGRESS_IN_START_WINDOW, stored.endCause());
        }
    }
}
