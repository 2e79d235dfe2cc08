package io.modelqos.af.store;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.delivery.FailureCause;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stored form of a delivery: what the start window and the end causes add, and records written before them. */
class DeliveryRecordTest {

    @Test
    void theStartWindowTheStartAndTheEndCauseRoundTrip() {
        Delivery d = Deliveries.granted("d-1", "t", "10.45.0.1", 0);
        Delivery back = DeliveryRecord.fromJson(DeliveryRecord.of(d).toJson()).toDelivery();
        assertEquals(d.startBy(), back.startBy());
        assertEquals(1000, back.granted().startWindowMs());
        assertEquals(1000, back.options().get(0).startWindowMs());
        assertTrue(back.rate().started());

        Deliveries.ended(d, DeliveryState.COMPLETED, 3);
        d.failureCause(FailureCause.COMPLETION_OBSERVED_BY_NETWORK);
        assertEquals(FailureCause.COMPLETION_OBSERVED_BY_NETWORK,
                DeliveryRecord.fromJson(DeliveryRecord.of(d).toJson()).toDelivery().endCause());
    }

    @Test
    void theReportPeriodOfAMonitoredDeliveryRoundTripsAndAnUnmonitoredOneWritesNone() {
        Delivery d = Deliveries.granted("d-1", "t", "10.45.0.1", 0);
        String unmonitored = new String(DeliveryRecord.of(d).toJson(), StandardCharsets.UTF_8);
        assertFalse(unmonitored.contains("rateReportPeriodS"), unmonitored);
        assertEquals(0, DeliveryRecord.fromJson(unmonitored.getBytes(StandardCharsets.UTF_8)).toDelivery()
                .rateReportPeriodS(), "a record without one (also an older AF's) is not monitored");

        d.rateReportPeriodS(360);
        assertEquals(360, DeliveryRecord.fromJson(DeliveryRecord.of(d).toJson()).toDelivery().rateReportPeriodS());
    }

    @Test
    void aRecordWrittenBeforeStartWindowsHasNoneAndItsEndCauseFollowsItsState() {
        Delivery d = Deliveries.ended(Deliveries.granted("d-1", "t", "10.45.0.1", 0), DeliveryState.EXPIRED, 3);
        String json = new String(DeliveryRecord.of(d).toJson(), StandardCharsets.UTF_8)
                .replaceAll(",\"startWindowMs\":1000", "").replaceAll(",\"startBy\":\"[^\"]*\"", "")
                .replace(",\"started\":true", "");
        Delivery old = DeliveryRecord.fromJson(json.getBytes(StandardCharsets.UTF_8)).toDelivery();
        assertNull(old.startBy());
        assertEquals(0, old.granted().startWindowMs());
        assertFalse(old.awaitingStart());
        assertEquals(FailureCause.COMPLETION_NOT_REPORTED, old.endCause(), "an expiry recorded without a cause");
    }
}
