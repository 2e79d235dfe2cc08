package io.modelqos.app.demo;

import io.modelqos.qos.BitRate;
import io.modelqos.af.sizing.TransportOverhead;
import io.modelqos.client.model.EventType;
import io.modelqos.client.model.ModelCatalog;
import io.modelqos.client.model.DeliveryState;
import io.modelqos.nef.emulator.CapacityOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the demo's 21 scenarios in-process, exactly as {@code modelqos demo} does (the real AF, the embedded
 * emulator, the SDK, full-size byte transfers over loopback), and checks every outcome against arithmetic done
 * here from the capacity model's documented defaults - not against the demo's own predictions, and not against
 * figures copied from a run. The only difference from the command: the unshaped loopback measurement moves
 * 32 MiB instead of 256 MiB.
 */
class DemoRunTest {

    /** The emulator's defaults (nef-emulator README): 2 Gbit/s per cell, 1.5 Gbit/s per UE. */
    private static final BigDecimal CELL = BigDecimal.valueOf(CapacityOptions.DEFAULT_CELL_GBR_DL.wholeBitsPerSecond());
    private static final BigDecimal UE_LIMIT = BigDecimal.valueOf(CapacityOptions.DEFAULT_UE_GBR_DL.wholeBitsPerSecond());
    /** Every scenario runs alone with its own UE, so its cell is empty and the UE holds nothing. */
    private static final BigDecimal GRANTABLE = CELL.min(UE_LIMIT);
    private static final BigDecimal OVERHEAD = TransportOverhead.DEFAULT.factor();

    private static DemoReport report;

    @BeforeAll
    static void runTheDemo() throws Exception {
        report = DemoRunner.run(DemoSettings.defaults().withProbeBytes(32L * 1024 * 1024), null);
    }

    /** The GBR the AF must ask for: size x 8 x overhead / budget, exactly. */
    private static BigDecimal gbr(long sizeBytes, long budgetMs) {
        return BigDecimal.valueOf(sizeBytes * 8L).multiply(OVERHEAD).multiply(BigDecimal.valueOf(1000))
                .divide(BigDecimal.valueOf(budgetMs), MathContext.DECIMAL128);
    }

    /** The GBR as the AF writes it: the exact rate rounded up at the third decimal of its unit. */
    private static String gbrText(long sizeBytes, long budgetMs) {
        BigDecimal exact = gbr(sizeBytes, budgetMs);
        BigDecimal unit = exact.compareTo(BigDecimal.valueOf(1_000_000_000L)) >= 0 ? BigDecimal.valueOf(1_000_000_000L)
                : BigDecimal.valueOf(1_000_000L);
        return exact.divide(unit, 3, RoundingMode.CEILING).stripTrailingZeros().toPlainString()
                + (unit.longValue() == 1_000_000_000L ? " Gbps" : " Mbps");
    }

    /** The GBR in the 3GPP text form as the AF writes it: rounded up is never below, and less than 0.001 unit above. */
    private static void assertSameGbr(BigDecimal expected, String text, String what) {
        BigDecimal actual = BitRate.parse(text).bitsPerSecond();
        BigDecimal unit = expected.compareTo(BigDecimal.valueOf(1_000_000_000L)) >= 0 ? BigDecimal.valueOf(1_000_000L)
                : BigDecimal.valueOf(1_000L);
        assertTrue(actual.compareTo(expected) >= 0 && actual.subtract(expected).compareTo(unit) < 0,
                what + ": expected " + expected.setScale(0, RoundingMode.CEILING) + " bit/s, the AF said " + text);
    }

    @Test
    void runsAll21ScenariosEachWithItsOwnUe() {
        List<ScenarioResult> results = report.results();

        assertEquals(21, results.size());
        Set<String> combinations = new HashSet<>();
        Set<String> ues = new HashSet<>();
        for (ScenarioResult r : results) {
            combinations.add(r.scenario().model() + "@" + r.scenario().budget().toMillis());
            ues.add(r.scenario().ueAddress());
        }
        assertEquals(21, combinations.size(), "7 models x 3 budgets");
        assertEquals(21, ues.size(), "a distinct UE per scenario");
        assertEquals(Set.of(1000L, 100L, 33L), results.stream().map(r -> r.scenario().budget().toMillis())
                .collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void everyOutcomeIsTheOneTheCapacityArithmeticGives() {
        Set<Prediction.Outcome> seen = EnumSet.noneOf(Prediction.Outcome.class);
        for (ScenarioResult r : report.results()) {
            ModelCatalog model = r.scenario().model();
            long budgetMs = r.scenario().budget().toMillis();
            BigDecimal fp32 = gbr(model.fp32().sizeBytes(), budgetMs);
            BigDecimal int8 = gbr(model.int8().sizeBytes(), budgetMs);
            String name = r.scenario().id();
            ScenarioResult.Answer answer = r.answer();
            assertEquals(GRANTABLE.longValueExact(), r.grantableReported(), name + ": the emulator's own grantable rate");

            if (fp32.compareTo(GRANTABLE) <= 0) {
                assertEquals(Prediction.Outcome.GRANTED, answer.outcome(), name);
                assertEquals(model.fp32().id(), answer.variantId(), name);
                assertSameGbr(fp32, answer.gbrDl(), name);
            } else if (int8.compareTo(GRANTABLE) <= 0) {
                assertEquals(Prediction.Outcome.FALLBACK, answer.outcome(), name);
                assertEquals(model.int8().id(), answer.variantId(), name);
                assertSameGbr(int8, answer.gbrDl(), name);
            } else {
                assertEquals(Prediction.Outcome.REJECTED, answer.outcome(), name);
                assertNull(answer.variantId(), name);
                assertNotNull(answer.bestOffer(), name + ": a rejection carries the best offer");
                assertEquals(0, BitRate.parse(answer.bestOffer().acceptableRate()).bitsPerSecond().compareTo(GRANTABLE),
                        name + ": the offer is the grantable rate, was " + answer.bestOffer().acceptableRate());
                long neededMs = BigDecimal.valueOf(model.int8().sizeBytes() * 8L).multiply(OVERHEAD)
                        .multiply(BigDecimal.valueOf(1000)).divide(GRANTABLE, 0, RoundingMode.CEILING).longValueExact();
                assertEquals(neededMs, answer.bestOffer().latencyBudgetMs(), name + ": INT8's budget at the offer");
            }
            assertEquals(answer.outcome(), r.prediction().outcome(), name + ": the demo predicted the same");
            assertTrue(r.asPredicted(), name + ": " + r.mismatches());
            seen.add(answer.outcome());
        }
        assertEquals(EnumSet.allOf(Prediction.Outcome.class), seen, "the seed's scenarios exercise every outcome");
        assertTrue(report.allAsPredicted());
    }

    @Test
    void everyAdmittedDeliveryMovesTheGrantedVariantThroughALinkShapedToItsRate() {
        for (ScenarioResult r : report.results()) {
            String name = r.scenario().id();
            if (r.answer().outcome() == Prediction.Outcome.REJECTED) {
                assertNull(r.transfer(), name + ": nothing moves without a grant");
                continue;
            }
            ScenarioResult.Transfer t = r.transfer();
            long size = r.scenario().model().spec().variant(r.answer().variantId()).orElseThrow().sizeBytes();
            BigDecimal granted = BitRate.parse(r.answer().gbrDl()).bitsPerSecond();
            double paced = granted.divide(OVERHEAD, MathContext.DECIMAL64).doubleValue();
            // The link starts with at most 2 ms of burst (64 KiB at least): no transfer can be faster than the rest
            // at the paced rate. The upper side depends on this machine and is what the table reports.
            double burstBytes = Math.max(64 * 1024, paced / 8 * 0.002);
            double fastestNanos = (size - burstBytes) * 8 / paced * 1e9;

            assertEquals(size, t.bytes(), name);
            assertTrue(t.intact(), name + ": every byte arrived with the right CRC-32");
            assertEquals(paced, t.pacedPayloadBps(), paced * 1e-9, name);
            assertTrue(t.elapsedNanos() >= fastestNanos, name + ": " + t.elapsedNanos() + " ns is faster than the "
                    + "link allows (" + (long) fastestNanos + " ns)");
            assertEquals(DeliveryState.COMPLETED, r.delivery().state(), name);
            assertEquals(size, r.delivery().achieved().bytes(), name + ": the AF got the model server's report");
            assertTrue(r.released(), name + ": the NEF subscription and its GBR were released");
        }
    }

    @Test
    void availabilityDropsBelowFullOnlyWhereADegradationWasInjected() {
        long degraded = 0;
        for (ScenarioResult r : report.results()) {
            String name = r.scenario().id();
            if (r.transfer() == null) {
                continue;
            }
            if (r.episode() != null) {
                degraded++;
                assertTrue(r.events().contains(EventType.QOS_DEGRADED), name + ": " + r.events());
                assertTrue(r.availability() < 1.0, name + ": " + r.availability());
                assertTrue(r.qosNotGuaranteedMs() > 0, name);
                // While the QoS is not guaranteed the network delivers the next lower alternative the AF offered
                // (INT8's GBR), or, without one, the grant x the episode's rate factor (nef-emulator README).
                BigDecimal granted = BitRate.parse(r.answer().gbrDl()).bitsPerSecond();
                BigDecimal expected = r.answer().outcome() == Prediction.Outcome.GRANTED
                        ? BitRate.parse(gbrText(r.scenario().model().int8().sizeBytes(), r.scenario().budget().toMillis()))
                        .bitsPerSecond()
                        : granted.multiply(BigDecimal.valueOf(DemoSettings.DEFAULT_EPISODE.rateFactor()));
                assertNotNull(r.transfer().degradedPayloadBps(), name + ": the link slowed down");
                assertEquals(expected.divide(OVERHEAD, MathContext.DECIMAL64).doubleValue(),
                        r.transfer().degradedPayloadBps(), 1.0, name);
            } else {
                assertFalse(r.events().contains(EventType.QOS_DEGRADED), name + ": " + r.events());
                assertEquals(1.0, r.availability(), name);
            }
        }
        assertEquals(2, degraded, "the default injects two degradations");
        assertTrue(report.results().stream().filter(r -> r.episode() != null).anyMatch(r -> r.episode().toAlternative()),
                "one degraded delivery falls back to its lower alternative");
        assertTrue(report.results().stream().filter(r -> r.episode() != null).anyMatch(r -> !r.episode().toAlternative()),
                "one degraded delivery has no lower alternative and loses a share of its rate");
    }

    @Test
    void tableAndJsonShowEveryScenario() throws Exception {
        String table = DemoTable.header(report.environment(), report.results().stream().map(ScenarioResult::scenario).toList(),
                report.results().stream().map(ScenarioResult::prediction).toList())
                + String.join("", report.results().stream().map(DemoTable::row).toList())
                + DemoTable.footer(report);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(DemoJson.write(report));

        for (ScenarioResult r : report.results()) {
            assertTrue(table.lines().anyMatch(line -> line.startsWith(String.format("%2d  %s", r.scenario().number(),
                    r.scenario().displayName()))), r.scenario().id() + "\n" + table);
        }
        assertTrue(table.contains("Summary: all 21 scenarios as predicted"), table);
        assertEquals(21, json.get("scenarios").size());
        assertTrue(json.get("allAsPredicted").asBoolean());
        assertEquals(0, BitRate.parse(json.get("scenarios").get(0).get("predicted").get("grantable").asText())
                .bitsPerSecond().compareTo(GRANTABLE));
    }
}
