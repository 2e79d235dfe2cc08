package io.modelqos.bench;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The harness's own arithmetic: percentiles, /proc parsing, the CPU split and the verdicts. No timing. */
class HarnessArithmeticTest {

    @Test
    void aPrometheusSampleIsReadByItsExactName() {
        String exposition = """
                # HELP modelqos_monitored_deliveries Live deliveries whose data rate the network reports
                # TYPE modelqos_monitored_deliveries gauge
                modelqos_monitored_deliveries_max 10000.0
                modelqos_monitored_deliveries 256.0
                modelqos_monitoring_reports_total 1.2345E4
                """;
        assertEquals(256, Prometheus.value(exposition, "modelqos_monitored_deliveries"));
        assertEquals(10_000, Prometheus.value(exposition, "modelqos_monitored_deliveries_max"));
        assertEquals(12_345, Prometheus.value(exposition, "modelqos_monitoring_reports_total"));
        assertThrows(IllegalStateException.class, () -> Prometheus.value(exposition, "modelqos_deliveries"));
    }

    @Test
    void nearestRankPercentiles() {
        long[] sorted = new long[100];
        for (int i = 0; i < 100; i++) {
            sorted[i] = i + 1;                       // 1..100
        }
        assertEquals(50, Latencies.percentile(sorted, 50));
        assertEquals(99, Latencies.percentile(sorted, 99));
        assertEquals(100, Latencies.percentile(sorted, 100));
        assertEquals(1, Latencies.percentile(sorted, 0.5));
        long[] five = {10, 20, 30, 40, 50};
        assertEquals(30, Latencies.percentile(five, 50));     // rank ceil(2.5) = 3
        assertEquals(50, Latencies.percentile(five, 99));     // rank ceil(4.95) = 5
        assertEquals(10, Latencies.percentile(five, 20));     // rank 1
        assertEquals(20, Latencies.percentile(five, 20.1));   // rank ceil(1.005) = 2
        assertTrue(Double.isNaN(Latencies.percentile(new long[0], 50)));
        assertThrows(IllegalArgumentException.class, () -> Latencies.percentile(five, 0));
        assertThrows(IllegalArgumentException.class, () -> Latencies.percentile(five, 100.5));
    }

    @Test
    void latenciesSortAndStayBounded() {
        Latencies l = new Latencies(3);
        l.record(3_000_000);
        l.record(1_000_000);
        l.record(2_000_000);
        l.record(9_000_000);
        assertEquals(3, l.count());
        assertEquals(1, l.dropped());
        assertEquals(2.0, l.percentileMillis(50), 1e-9);
        assertEquals(3.0, l.percentileMillis(99), 1e-9);
    }

    @Test
    void processTicksAreUtimePlusStimeCountedFromTheLastParenthesis() {
        // A command name with a space and a parenthesis must not shift the fields.
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 1000 0 0 0 1234 567 8 9 20 0 30 0 100 "
                + "4000000000 50000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";
        assertEquals(1234 + 567, CpuTimes.parseProcessTicks(stat));
        assertThrows(IllegalArgumentException.class, () -> CpuTimes.parseProcessTicks("no parenthesis"));
    }

    @Test
    void machineBusyLeavesOutIdleAndIowait() {
        CpuTimes.Machine m = CpuTimes.parseMachine("cpu  100 5 50 1000 20 3 2 1 0 0");
        assertEquals(100 + 5 + 50 + 3 + 2 + 1, m.busyTicks());
        assertEquals(161 + 1000 + 20, m.totalTicks());
        assertThrows(IllegalArgumentException.class, () -> CpuTimes.parseMachine("cpu0 1 2 3 4"));
    }

    @Test
    void cpuSplitInCoresAndShares() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        ticks.put("AF", 180L);              // 1.8 s of CPU over 2 s = 0.9 cores
        ticks.put("emulator", 100L);
        ticks.put("load generator", 120L);
        CpuSplit split = new CpuSplit(ticks, 460, 2.0, 100, 2);
        assertEquals(0.9, split.cores("AF"), 1e-9);
        assertEquals(0.5, split.cores("emulator"), 1e-9);
        assertEquals(0.45, split.share("AF"), 1e-9);
        assertEquals(0.30, split.share("load generator"), 1e-9);
        assertEquals(0.3, split.otherCores(), 1e-9);  // (460 - 400) ticks / 100 / 2 s
        assertEquals("AF 0.90 cores (45%), emulator 0.50 (25%), load generator 0.60 (30%); rest of machine 0.30 of 2",
                split.describe());
        assertTrue(Double.isNaN(new CpuSplit(ticks, -1, 2.0, 100, 2).otherCores()));
        // A process that vanished reads as -1: it counts as nothing, not as negative time.
        assertEquals(0, new CpuSplit(Map.of("AF", -5L), -1, 1.0, 100, 2).cores("AF"));
    }

    @Test
    void histogramTotal() {
        String histogram = """
                12345:
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:         10000        4000000  [B (java.base@17.0.15)
                   2:          5000         120000  java.lang.String (java.base@17.0.15)
                Total         15000        4120000
                """;
        assertEquals(4_120_000L, Jcmd.parseHistogramTotal(histogram));
        Jcmd.Histogram after = Jcmd.parseHistogram(histogram);
        assertEquals(4_000_000L, after.bytesByClass().get("[B"));
        Jcmd.Histogram before = new Jcmd.Histogram(Map.of("[B", 1_000_000L, "java.lang.String", 100_000L), 1_100_000L);
        var grown = after.grownSince(before, 1);
        assertEquals("[B", grown.get(0).getKey());
        assertEquals(3_000_000L, grown.get(0).getValue());
        assertThrows(IllegalArgumentException.class, () -> Jcmd.parseHistogramTotal("nothing"));
    }

    @Test
    void threadGroups() {
        assertEquals("event loops", ThreadCpu.group("vert.x-eventloo"));
        assertEquals("JIT", ThreadCpu.group("C2 CompilerThre"));
        assertEquals("GC", ThreadCpu.group("G1 Conc#0"));
        assertEquals("store", ThreadCpu.group("MVStore backgro"));
        assertEquals("store", ThreadCpu.group("modelqos-store-"));
        assertEquals("logging", ThreadCpu.group("log-writer-STDE"));
        assertEquals("other", ThreadCpu.group("main"));
        Map<String, Long> used = new LinkedHashMap<>();
        used.put("event loops", 60L);
        used.put("JIT", 30L);
        used.put("GC", 10L);
        used.put("store", 0L);
        assertEquals("event loops 60%, JIT 30%, GC 10%", ThreadCpu.describe(used));
    }

    @Test
    void verdicts() {
        assertEquals("yes", Report.atMost(1.5, 1.5));
        assertEquals("no (100% over)", Report.atMost(3.0, 1.5));
        assertEquals("yes", Report.atLeast(2000, 2000));
        assertEquals("no (25% short)", Report.atLeast(1500, 2000));
        assertEquals("n/a", Report.atLeast(Double.NaN, 2000));
    }

    @Test
    void distinctUesAndLoopbackOnly() {
        assertEquals("10.64.0.0", Workload.ue(0));
        assertEquals("10.65.134.160", Workload.ue(100_000));
        assertEquals(Workload.ue(1), Workload.withUe(Workload.UE_PLACEHOLDER, 1));
        LoadClient.checkLoopback("http://127.0.0.1:8080/x");
        assertThrows(IllegalArgumentException.class, () -> LoadClient.checkLoopback("http://10.0.0.1:8080/x"));
    }

    @Test
    void theDirectCallsCarryTheBodyTheAfWrites() {
        String body = Workload.subscriptionTemplate(Workload.CREATE_DELETE_BUDGET_MS, "http://127.0.0.1:9/nef-sink/direct");
        assertTrue(body.contains("\"ueIpv4Addr\":\"" + Workload.UE_PLACEHOLDER + "\""), body);
        assertTrue(body.contains("\"altQosReqs\""), body);
        assertTrue(body.contains("\"notificationDestination\":\"http://127.0.0.1:9/nef-sink/direct\""), body);
        assertTrue(Workload.withUe(body, 7).contains(Workload.ue(7)));
    }
}
