package io.modelqos.af.delivery;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Verifies that availability is the guaranteed share of the time from grant to end. */
class AvailabilityAccountTest {
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void anEpisodeWithoutTheGuaranteeLowersTheAvailability() {
        AvailabilityAccount a = new AvailabilityAccount();
        a.start(T0);
        a.lost(T0.plusMillis(600));
        a.restored(T0.plusMillis(800));
        a.stop(T0.plusMillis(1000));
        assertEquals(800, a.guaranteedMs(T0.plusMillis(5000)));
        assertEquals(200, a.notGuaranteedMs(T0.plusMillis(5000)));
        assertEquals(0.8, a.availability(T0.plusMillis(5000)), 1e-12);
    }

    @Test
    void repeatedReportsOfTheSameStateChangeNothing() {
        AvailabilityAccount a = new AvailabilityAccount();
        a.start(T0);
        a.lost(T0.plusMillis(100));
        a.lost(T0.plusMillis(300));
        a.restored(T0.plusMillis(400));
        a.restored(T0.plusMillis(450));
        a.stop(T0.plusMillis(500));
        assertEquals(300, a.notGuaranteedMs(T0.plusMillis(500)));
        assertEquals(200, a.guaranteedMs(T0.plusMillis(500)));
    }

    @Test
    void aRunningAccountCountsUpToNow() {
        AvailabilityAccount a = new AvailabilityAccount();
        assertNull(a.availability(T0), "nothing accounted before the grant");
        a.start(T0);
        a.lost(T0.plusMillis(250));
        assertEquals(250, a.guaranteedMs(T0.plusMillis(1000)));
        assertEquals(750, a.notGuaranteedMs(T0.plusMillis(1000)));
    }

    @Test
    void aLossReportedBeforeTheGrantStartsTheClockWithoutTheGuarantee() {
        AvailabilityAccount a = new AvailabilityAccount();
        a.lost(T0);
        a.start(T0.plusMillis(50));
        a.restored(T0.plusMillis(100));
        a.stop(T0.plusMillis(200));
        assertEquals(100, a.notGuaranteedMs(T0.plusMillis(200)));
        assertEquals(100, a.guaranteedMs(T0.plusMillis(200)));
    }
}
