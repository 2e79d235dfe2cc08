package io.modelqos.af.engine;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.delivery.FailureCause;
import io.modelqos.af.delivery.NetworkUsage;
import io.modelqos.af.events.EventType;
import io.modelqos.af.southbound.NetworkEvent;
import io.modelqos.af.southbound.OpenedSession;
import io.modelqos.af.southbound.RateMonitoring;
import io.modelqos.af.southbound.SessionFailure;
import io.modelqos.af.southbound.SessionRequest;
import io.modelqos.af.store.InMemoryDeliveryStore;
import io.modelqos.qos.NefFeature;
import io.modelqos.qos.SupportedFeatures;
import io.vertx.core.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.modelqos.af.engine.EngineUnderTest.failure;
import static io.modelqos.af.engine.EngineUnderTest.resnet50;
import static io.modelqos.af.engine.EngineUnderTest.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which deliveries the network is asked to report data rates for, and how often: the plan's period for a delivery
 * within the cap, nothing beyond it, the slot given back by every end and taken again by a resumed monitored delivery,
 * and an unmonitored delivery accounted from usage and progress alone.
 */
class RateMonitoringTest {
    private final List<EngineUnderTest> engines = new ArrayList<>();

    @AfterEach
    void close() {
        engines.forEach(EngineUnderTest::close);
    }

    private EngineUnderTest engine(MonitoringSlots slots) {
        return engine(new InMemoryDeliveryStore(), slots);
    }

    private EngineUnderTest engine(InMemoryDeliveryStore store, MonitoringSlots slots) {
        EngineUnderTest af = EngineUnderTest.withMonitoring(store, slots);
        engines.add(af);
        return af;
    }

    /** A delivery of ResNet-50 within {@code budgetMs}, granted on its primary (no allocation report). */
    private static Delivery granted(EngineUnderTest af, String ue, long budgetMs) {
        Future<Delivery> f = af.engine.create("tenant-a", resnet50(ue, budgetMs), null, null);
        af.timers.advance(Duration.ofMillis(500));
        return result(f);
    }

    private static SessionRequest lastOpen(EngineUnderTest af) {
        return af.network.opened.get(af.network.opened.size() - 1);
    }

    @Test
    void aDeliveryWithinTheCapIsMonitoredEveryTenthOfItsTransfer() {
        EngineUnderTest af = engine(new MonitoringSlots(2));

        Delivery d = granted(af, "10.45.0.1", 60_000);

        SessionRequest asked = lastOpen(af);
        assertEquals(RateMonitoring.every(Duration.ofSeconds(6)), asked.monitoring(), "60 s transfer: a report every 6 s");
        assertEquals(asked.plan().rateReportPeriod(), asked.monitoring().reportPeriod(), "the plan's period, as planned");
        assertEquals(6, d.rateReportPeriodS());
        assertEquals(1, af.monitoring.held());
        assertEquals(6, af.engine.json().delivery(d, af.clock.instant()).path("granted").path("rateReportPeriodS").asInt(),
                "the grant shows how often the network reports");
    }

    @Test
    void aDeliveryBeyondTheCapIsNotMonitoredAndTheSlotOfAnEndedOneIsTakenAgain() {
        EngineUnderTest af = engine(new MonitoringSlots(1));
        Delivery first = granted(af, "10.45.0.1", 1000);

        Delivery second = granted(af, "10.45.0.2", 1000);

        assertEquals(RateMonitoring.NONE, lastOpen(af).monitoring());
        assertEquals(0, second.rateReportPeriodS());
        assertFalse(af.engine.json().delivery(second, af.clock.instant()).path("granted").has("rateReportPeriodS"));
        assertEquals(1, af.monitoring.held(), "the cap holds");

        result(af.engine.cancel("tenant-a", first.id()));
        assertEquals(0, af.monitoring.held(), "the ended delivery's slot is free");
        Delivery third = granted(af, "10.45.0.3", 1000);
        assertTrue(lastOpen(af).monitoring().monitored());
        assertEquals(1, third.rateReportPeriodS());
        assertEquals(1, first.rateReportPeriodS(), "an ended delivery still shows how it was followed");
    }

    @Test
    void aCapOfZeroMonitorsNone() {
        EngineUnderTest af = engine(new MonitoringSlots(0));

        granted(af, "10.45.0.1", 1000);

        assertEquals(RateMonitoring.NONE, lastOpen(af).monitoring());
        assertEquals(0, af.monitoring.held());
    }

    @Test
    void theCapIsSharedByEveryShard() {
        MonitoringSlots slots = new MonitoringSlots(1);
        EngineUnderTest shard0 = engine(slots);
        EngineUnderTest shard1 = engine(slots);
        Delivery d = granted(shard0, "10.45.0.1", 1000);

        granted(shard1, "10.45.0.2", 1000);
        assertFalse(lastOpen(shard1).monitoring().monitored(), "the other shard's delivery holds the one slot");

        result(shard0.engine.cancel("tenant-a", d.id()));
        granted(shard1, "10.45.0.3", 1000);
        assertTrue(lastOpen(shard1).monitoring().monitored());
    }

    @Test
    void aNetworkThatAnswersWithoutQosMonitoringFreesTheSlot() {
        EngineUnderTest af = engine(new MonitoringSlots(1));
        SupportedFeatures withoutMonitoring = SupportedFeatures.of(NefFeature.ALTERNATIVE_QOS_5G,
                NefFeature.ALT_QOS_WITH_IND_PARAMS_5G);
        io.vertx.core.Promise<OpenedSession> answer = af.network.holdsNextOpen();
        Future<Delivery> created = af.engine.create("tenant-a", resnet50("10.45.0.1", 1000), null, null);
        assertTrue(lastOpen(af).monitoring().monitored(), "asked for, as announced");
        answer.complete(new OpenedSession("nef:s/1", null, withoutMonitoring, ScriptedNetwork.refsOf(lastOpen(af))));
        af.timers.advance(Duration.ofMillis(500));
        Delivery d = result(created);

        assertEquals(DeliveryState.QOS_GRANTED, d.state());
        assertEquals(0, d.rateReportPeriodS(), "the network will not report: not monitored");
        assertEquals(0, af.monitoring.held());
    }

    @Test
    void aNetworkWithoutIndividualParametersKeepsTheMonitoringInTheReplacement() {
        EngineUnderTest af = engine(new MonitoringSlots(1));
        af.network.opens(new OpenedSession("nef:s/7", null, SupportedFeatures.of(NefFeature.ALTERNATIVE_QOS_5G,
                NefFeature.QOS_MONITORING_5G), List.of()));

        Delivery d = granted(af, "10.45.0.1", 60_000);

        SessionRequest replacement = af.network.replacements.get(0);
        assertTrue(replacement.monitoring().monitored());
        assertEquals(replacement.plan().rateReportPeriod(), replacement.monitoring().reportPeriod(),
                "the period of the plan with QoS references");
        assertEquals(replacement.plan().rateReportPeriod().toSeconds(), d.rateReportPeriodS());
        assertEquals(1, af.monitoring.held(), "one delivery, one slot");
    }

    @Test
    void aReplanAfterACounterOfferKeepsItsOneSlot() {
        EngineUnderTest af = engine(new MonitoringSlots(5));
        af.network.refusesOpen(SessionFailure.Kind.COUNTER_OFFER, null, "300 Mbps");

        Delivery d = granted(af, "10.45.0.1", 1000);

        assertEquals("resnet-50-int8", d.granted().variantId());
        assertEquals(2, af.network.opened.size());
        assertTrue(af.network.opened.get(1).monitoring().monitored());
        assertEquals(1, af.monitoring.held());
    }

    /** How a test ends a granted delivery. */
    enum End { CANCEL, COMPLETION, TERMINATION, EXPIRY, ALLOCATION_FAILURE }

    @ParameterizedTest(name = "{0}")
    @EnumSource(End.class)
    void everyEndGivesTheSlotBack(End end) {
        EngineUnderTest af = engine(new MonitoringSlots(1));
        Delivery d = granted(af, "10.45.0.1", 1000);
        assertEquals(1, af.monitoring.held());

        switch (end) {
            case CANCEL -> result(af.engine.cancel("tenant-a", d.id()));
            case COMPLETION -> result(af.engine.progress("tenant-a", d.id(), EngineUnderTest.RESNET50_FP32, 900, true));
            case TERMINATION -> af.engine.networkEvents(d, List.of(new NetworkEvent.Terminated()));
            case EXPIRY -> af.timers.advance(Duration.between(af.clock.instant(), d.expiresAt()));
            case ALLOCATION_FAILURE -> af.engine.networkEvents(d, List.of(new NetworkEvent.AllocationFailed()));
        }

        assertTrue(d.state().isFinal(), "ended: " + d.state());
        assertEquals(0, af.monitoring.held());
    }

    @Test
    void aDeliveryCancelledWhileACounterOfferIsOnItsWayTakesNoSlotForTheReplan() {
        EngineUnderTest af = engine(new MonitoringSlots(1));
        io.vertx.core.Promise<OpenedSession> answer = af.network.holdsNextOpen();
        Future<Delivery> created = af.engine.create("tenant-a", resnet50("10.45.0.1", 1000), null, null);
        Delivery d = af.store.byCallbackId(lastOpen(af).callbackId()).await().orElseThrow();
        result(af.engine.cancel("tenant-a", d.id()));
        assertEquals(0, af.monitoring.held(), "the cancel gave the slot back");

        answer.fail(new SessionFailure(SessionFailure.Kind.COUNTER_OFFER, "scripted", null, "300 Mbps", null));
        af.timers.advance(Duration.ofMillis(500));

        assertTrue(created.isComplete());
        assertEquals(DeliveryState.CANCELLED, d.state());
        assertEquals(0, af.monitoring.held(), "nothing would give a slot taken now back");
    }

    @Test
    void aCreateThatFailsGivesTheSlotBack() {
        EngineUnderTest af = engine(new MonitoringSlots(1));
        af.network.refusesOpen(SessionFailure.Kind.REJECTED, "HTTP_403", null);

        failure(af.engine.create("tenant-a", resnet50("10.45.0.1", 1000), null, null));

        assertTrue(af.network.opened.get(0).monitoring().monitored(), "it was asked for");
        assertEquals(0, af.monitoring.held());
    }

    @Test
    void aCreateThatEndsInTheStartWindowGivesTheSlotBack() {
        try (EngineUnderTest af = EngineUnderTest.withStartWindow(Duration.ofSeconds(1))) {
            Delivery d = granted(af, "10.45.0.1", 1000);
            assertEquals(1, af.monitoring.held());

            af.timers.advance(Duration.between(af.clock.instant(), d.startBy()));

            assertEquals(FailureCause.NO_PROGRESS_IN_START_WINDOW, d.endCause());
            assertEquals(0, af.monitoring.held());
        }
    }

    @Test
    void manyDeliveriesEndedEveryWayLeaveNoSlotHeld() {
        EngineUnderTest af = engine(new MonitoringSlots(7));
        List<Delivery> live = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            if (i % 5 == 4) {
                af.network.refusesOpen(SessionFailure.Kind.REJECTED, "HTTP_403", null);
                failure(af.engine.create("tenant-a", resnet50("10.45.1." + i, 60_000), null, null));
            } else {
                live.add(granted(af, "10.45.1." + i, 60_000)); // none expires meanwhile
            }
            assertTrue(af.monitoring.held() <= 7, "never above the cap");
        }
        long monitored = live.stream().filter(d -> d.rateReportPeriodS() > 0).count();
        assertEquals(7, af.monitoring.held());
        assertEquals(7, monitored, "the slots held are the monitored live deliveries");
        for (int i = 0; i < live.size(); i++) {
            Delivery d = live.get(i);
            switch (i % 3) {
                case 0 -> result(af.engine.cancel("tenant-a", d.id()));
                case 1 -> af.engine.networkEvents(d, List.of(new NetworkEvent.Terminated()));
                default -> result(af.engine.progress("tenant-a", d.id(), EngineUnderTest.RESNET50_FP32, 900, true));
            }
        }
        assertEquals(0, af.monitoring.held());
    }

    @Test
    void aResumedMonitoredDeliveryHoldsASlotEvenAboveTheCapAndGivesItBackWhenItEnds() {
        InMemoryDeliveryStore store = new InMemoryDeliveryStore();
        EngineUnderTest before = engine(store, new MonitoringSlots(2));
        Delivery ended = granted(before, "10.45.0.1", 1000);
        Delivery monitored = granted(before, "10.45.0.2", 1000);
        Delivery unmonitored = granted(before, "10.45.0.3", 1000);
        result(before.engine.cancel("tenant-a", ended.id()));
        Delivery alsoMonitored = granted(before, "10.45.0.4", 1000);
        assertEquals(List.of(1, 1, 1, 0), List.of(ended.rateReportPeriodS(), monitored.rateReportPeriodS(),
                alsoMonitored.rateReportPeriodS(), unmonitored.rateReportPeriodS()));

        // The restarted AF has a smaller cap: the network monitors both live ones all the same.
        EngineUnderTest after = engine(store, new MonitoringSlots(1));
        after.clock.set(before.clock.instant());
        List<Delivery> stored = new ArrayList<>();
        for (Delivery d : List.of(ended, monitored, unmonitored, alsoMonitored)) {
            stored.add(result(store.get(d.id())).orElseThrow());
        }
        result(after.engine.resume(stored));

        assertEquals(2, after.monitoring.held(), "the two live monitored deliveries, not the ended one");
        granted(after, "10.45.0.5", 1000);
        assertFalse(lastOpen(after).monitoring().monitored(), "no new one while the resumed ones fill the cap");
        result(after.engine.cancel("tenant-a", monitored.id()));
        result(after.engine.cancel("tenant-a", alsoMonitored.id()));
        result(after.engine.cancel("tenant-a", unmonitored.id()));
        assertEquals(0, after.monitoring.held());
    }

    @Test
    void deliveriesAReplicaNoLongerOwnsGiveTheirSlotsBack() {
        MonitoringSlots slots = new MonitoringSlots(3);
        MonitoredDeliveries shard = new MonitoredDeliveries(slots);
        List<Delivery> held = new ArrayList<>();
        for (String id : List.of("d-1", "d-2", "d-3")) {
            Delivery d = new Delivery(id, "t", resnet50("10.45.0.1", 1000), "cb-" + id, EngineUnderTest.T0);
            d.rateReportPeriodS(1);
            shard.held(d);
            held.add(d);
        }
        shard.held(held.get(0));
        assertEquals(3, slots.held(), "a delivery held twice takes one slot");

        shard.forget(id -> !id.equals("d-2"));

        assertEquals(1, slots.held());
        shard.ended(held.get(0));
        assertEquals(1, slots.held(), "a forgotten delivery has no slot to give back");
        shard.ended(held.get(1));
        assertEquals(0, slots.held());
    }

    @Test
    void anUnmonitoredDeliveryIsAccountedFromUsageAndProgress() {
        EngineUnderTest af = engine(new MonitoringSlots(0));
        Delivery d = granted(af, "10.45.0.1", 1000);
        af.timers.advance(Duration.ofMillis(400));

        af.engine.networkEvents(d, List.of(new NetworkEvent.UsageReported(
                new NetworkUsage(EngineUnderTest.RESNET50_FP32, 50_000L, EngineUnderTest.RESNET50_FP32 + 50_000L, 1L))));
        Delivery done = result(af.engine.progress("tenant-a", d.id(), EngineUnderTest.RESNET50_FP32, 950, true));

        assertEquals(DeliveryState.COMPLETED, done.state());
        assertEquals(FailureCause.COMPLETION_REPORTED, done.endCause());
        assertEquals(1.0, done.availability().availability(af.clock.instant()), "no report is no loss of QoS");
        assertEquals(Math.round(EngineUnderTest.RESNET50_FP32 * 8_000.0 / 950), done.rate().dlRateBps());
        assertEquals(0, done.rate().monitoredSamples());
        assertEquals(List.of(EventType.QOS_GRANTED, EventType.RATE_REPORT, EventType.RATE_REPORT, EventType.COMPLETED),
                af.told(done));
    }

    @Test
    void anUnmonitoredDeliveryThatRanItsQosDurationIsCompletedOnTheNetworksCount() {
        EngineUnderTest af = engine(new MonitoringSlots(0));
        Delivery d = granted(af, "10.45.0.1", 1000);
        af.network.closesWith(new NetworkUsage(EngineUnderTest.RESNET50_FP32 + 1_000L, 50_000L, null, 2L));

        af.timers.advance(Duration.between(af.clock.instant(), d.expiresAt()));

        assertEquals(FailureCause.COMPLETION_OBSERVED_BY_NETWORK, d.endCause());
        assertEquals(1.0, d.availability().availability(af.clock.instant()));
    }

    @Test
    void monitoringReportsAreCounted() {
        EngineUnderTest af = engine(new MonitoringSlots(1));
        Delivery d = granted(af, "10.45.0.1", 1000);

        af.engine.networkEvents(d, List.of(new NetworkEvent.RatesMeasured(List.of(800_000_000L)),
                new NetworkEvent.UsageReported(null), new NetworkEvent.RatesMeasured(List.of(810_000_000L))));

        assertTrue(af.metrics.scrape().contains("modelqos_monitoring_reports_total 2.0"), af.metrics.scrape());
    }

    @Test
    void aPlanWithoutQosMonitoringAmongTheNetworksFeaturesIsNotMonitored() {
        EngineUnderTest af = engine(new MonitoringSlots(1));
        af.network.peerFeatures(SupportedFeatures.of(NefFeature.ALTERNATIVE_QOS_5G, NefFeature.ALT_QOS_WITH_IND_PARAMS_5G));

        Delivery d = granted(af, "10.45.0.1", 1000);

        assertNull(lastOpen(af).monitoring().reportPeriod(), "the network said before that it does not monitor");
        assertEquals(0, d.rateReportPeriodS());
        assertEquals(0, af.monitoring.held());
    }
}
