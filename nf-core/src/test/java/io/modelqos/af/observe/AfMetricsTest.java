package io.modelqos.af.observe;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Verifies the QoS-monitoring metrics as a scrape shows them. */
class AfMetricsTest {

    @Test
    void theMonitoredDeliveriesGaugeReadsItsSupplierEvenAfterACollection() {
        AfMetrics metrics = new AfMetrics();
        AtomicInteger held = new AtomicInteger(3);
        metrics.monitoredDeliveries(held::get, 10);
        metrics.rateReportReceived();
        // A gauge holds a weakly referenced object by default; this one's supplier has no other holder.
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        held.set(4);

        String scrape = metrics.scrape();

        assertTrue(scrape.contains("modelqos_monitored_deliveries 4.0"), scrape);
        assertTrue(scrape.contains("modelqos_monitored_deliveries_max 10.0"), scrape);
        assertTrue(scrape.contains("modelqos_monitoring_reports_total 1.0"), scrape);
    }
}
