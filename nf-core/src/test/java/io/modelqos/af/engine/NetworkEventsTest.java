package io.modelqos.af.engine;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.delivery.FailureCause;
import io.modelqos.af.delivery.NetworkUsage;
import io.modelqos.af.events.EventType;
import io.modelqos.af.southbound.NetworkEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.modelqos.af.engine.EngineUnderTest.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the network's events do to a granted delivery: availability, rates, usage, degraded and restored, the end. */
class NetworkEventsTest {
    private final EngineUnderTest af = new EngineUnderTest();

    @AfterEach
    void close() {
        af.close();
    }

    @Test
    void aLossOfQosIsAccountedUntilItIsRestored() {
        Delivery d = af.granted("10.45.0.1");
        af.timers.advance(Duration.ofMillis(1000));
        af.engine.networkEvents(d, List.of(new NetworkEvent.NotGuaranteed(null)));
        assertEquals(DeliveryState.DEGRADED, d.state());
        af.timers.advance(Duration.ofMillis(250));
        af.engine.networkEvents(d, List.of(new NetworkEvent.Guaranteed(null)));
        assertEquals(DeliveryState.QOS_GRANTED, d.state());
        assertEquals(250, d.availability().notGuaranteedMs(af.clock.instant()));
        assertEquals(List.of(EventType.QOS_GRANTED, EventType.QOS_DEGRADED, EventType.QOS_RESTORED), af.told(d));
    }

    @Test
    void aLossNamingAnAlternativeSwitchesTheGrantToItsVariant() {
        Delivery d = af.granted("10.45.0.1");
        af.engine.networkEvents(d, List.of(new NetworkEvent.NotGuaranteed(d.options().get(1).ref())));
        assertEquals("resnet-50-int8", d.granted().variantId());
        af.engine.networkEvents(d, List.of(new NetworkEvent.Guaranteed(null)));
        assertEquals("resnet-50-fp32", d.granted().variantId(), "restored to the allocated option");
    }

    @Test
    void measuredRatesAndUsageAreKeptAndReported() {
        Delivery d = af.granted("10.45.0.1");
        af.engine.networkEvents(d, List.of(new NetworkEvent.RatesMeasured(List.of(800_000_000L, 900_000_000L)),
                new NetworkEvent.RatesMeasured(List.of()),
                new NetworkEvent.UsageReported(new NetworkUsage(50_000_000L, 10_000L, 50_010_000L, 1L))));
        assertEquals(900_000_000L, d.rate().lastMonitoredBps());
        assertEquals(50_000_000L, d.rate().usage().downlinkVolume());
        assertEquals(List.of(EventType.QOS_GRANTED, EventType.RATE_REPORT, EventType.RATE_REPORT), af.told(d),
                "a monitoring report with no readable rate tells nothing");
    }

    /**
     * QoS-monitoring reports are the bulk of what the network sends: each is told (its event stored), but the record is
     * rewritten only every {@value NetworkEvents#RATE_SAMPLES_PER_RECORD_WRITE} samples, and at once for anything else.
     */
    @Test
    void measuredRatesAloneRewriteTheRecordOnlyEveryFewSamples() {
        java.util.concurrent.atomic.AtomicInteger puts = new java.util.concurrent.atomic.AtomicInteger();
        io.modelqos.af.store.DeliveryStore memory = new io.modelqos.af.store.InMemoryDeliveryStore();
        io.modelqos.af.store.DeliveryStore counting = (io.modelqos.af.store.DeliveryStore) java.lang.reflect.Proxy
                .newProxyInstance(getClass().getClassLoader(), new Class<?>[] {io.modelqos.af.store.DeliveryStore.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("put")) {
                                puts.incrementAndGet();
                            }
                            try {
                                return method.invoke(memory, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
        try (EngineUnderTest counted = new EngineUnderTest(counting, Admission.ALL)) {
            Delivery d = counted.granted("10.45.0.1");
            int afterGrant = puts.get();
            for (int i = 1; i < NetworkEvents.RATE_SAMPLES_PER_RECORD_WRITE; i++) {
                result(counted.engine.networkEvents(d, List.of(new NetworkEvent.RatesMeasured(List.of(800_000_000L)))));
            }
            assertEquals(afterGrant, puts.get(), "samples short of a multiple: the record waits");
            result(counted.engine.networkEvents(d, List.of(new NetworkEvent.RatesMeasured(List.of(900_000_000L)))));
            assertEquals(afterGrant + 1, puts.get(), "the multiple's sample writes the record");
            assertEquals(NetworkEvents.RATE_SAMPLES_PER_RECORD_WRITE,
                    counted.told(d).stream().filter(t -> t == EventType.RATE_REPORT).count(), "every report told");
            result(counted.engine.networkEvents(d, List.of(new NetworkEvent.RatesMeasured(List.of(900_000_000L)),
                    new NetworkEvent.UsageReported(new NetworkUsage(50_000_000L, 10_000L, 50_010_000L, 1L)))));
            assertEquals(afterGrant + 2, puts.get(), "anything beside rates writes the record at once");
        }
    }

    @Test
    void aTerminatedSessionEndsTheDeliveryAndIsClosed() {
        Delivery d = af.granted("10.45.0.1");
        af.engine.networkEvents(d, List.of(new NetworkEvent.Terminated()));
        assertEquals(DeliveryState.FAILED, d.state());
        assertEquals(FailureCause.SESSION_TERMINATION, d.failureCause());
        assertEquals(List.of("nef:s/1"), af.network.closed);
    }

    @Test
    void anEndedDeliveryTakesNoMoreEvents() {
        Delivery d = af.granted("10.45.0.1");
        result(af.engine.cancel("tenant-a", d.id()));
        int told = af.told(d).size();
        af.engine.networkEvents(d, List.of(new NetworkEvent.NotGuaranteed(null), new NetworkEvent.Terminated()));
        assertEquals(DeliveryState.CANCELLED, d.state());
        assertEquals(told, af.told(d).size());
    }

    @Test
    void aReportThatDoesNotFitTheStateIsIgnored() {
        Delivery d = af.granted("10.45.0.1");
        af.engine.networkEvents(d, List.of(new NetworkEvent.Guaranteed(null)));
        assertEquals(DeliveryState.QOS_GRANTED, d.state());
        af.engine.networkEvents(d, List.of(new NetworkEvent.Other("UP_PATH_CHANGE")));
        assertTrue(af.told(d).size() >= 1);
    }
}
