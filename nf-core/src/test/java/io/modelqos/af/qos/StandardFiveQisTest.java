package io.modelqos.af.qos;

import io.modelqos.qos.PacketErrorRate;
import io.modelqos.af.catalog.ModelCatalog;
import io.modelqos.af.catalog.Precision;
import io.modelqos.qos.BitRate;
import io.modelqos.af.sizing.TransferSizer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StandardFiveQisTest {

    @Test
    void holdsTheGbrAndDelayCriticalGbrRowsWithout75() {
        List<Integer> values = StandardFiveQis.all().stream().map(StandardFiveQi::value).toList();

        assertEquals(List.of(1, 2, 3, 4, 65, 66, 67, 71, 72, 73, 74, 76, 82, 83, 84, 85, 86, 87, 88, 89, 90), values);
        assertEquals(new StandardFiveQi(4, ResourceType.GBR, 50, 300, PacketErrorRate.parse("1E-6"), null, 2000,
                "Non-conversational video (buffered streaming)"), StandardFiveQis.find(4).orElseThrow());
        assertEquals(ResourceType.DELAY_CRITICAL_GBR, StandardFiveQis.find(84).orElseThrow().type());
        assertEquals(1354, StandardFiveQis.find(84).orElseThrow().mdbvBytes());
    }

    @Test
    void burstVolumePerPdbCapsDelayCriticalRates() {
        assertEquals(BitRate.parse("25.2 Mbps"), StandardFiveQis.find(90).orElseThrow().burstLimitedRate().orElseThrow());
        assertTrue(StandardFiveQis.find(4).orElseThrow().burstLimitedRate().isEmpty());
    }

    /**
     * Verifies that every delay-critical GBR 5QI caps its rate below the slowest download of the seed
     * (1.0 MobileNet-224 in INT8 within 1 s, 33.6 Mbit/s), which is why none may carry a model.
     */
    @Test
    void everyDelayCriticalRateIsBelowTheSlowestSeedDownload() {
        BitRate slowestSeedRate = ModelCatalog.builtIn().models().stream()
                .map(model -> model.variant(Precision.INT8).orElseThrow())
                .map(variant -> TransferSizer.DEFAULT.size(variant.sizeBytes(), Duration.ofSeconds(1)).payloadRate())
                .min(Comparator.naturalOrder()).orElseThrow();
        assertEquals(BitRate.parse("33.6 Mbps"), slowestSeedRate);

        StandardFiveQis.all().stream()
                .filter(row -> row.type() == ResourceType.DELAY_CRITICAL_GBR)
                .forEach(row -> {
                    assertTrue(row.burstLimitedRate().orElseThrow().compareTo(slowestSeedRate) < 0, "5QI " + row.value());
                    assertFalse(StandardFiveQis.suitsBulkTransfer(row.value()), "5QI " + row.value());
                });
    }

    @Test
    void onlyGbrAndOperatorSpecificFiveQisSuitBulkTransfer() {
        assertTrue(StandardFiveQis.suitsBulkTransfer(4));
        assertTrue(StandardFiveQis.suitsBulkTransfer(73));
        assertTrue(StandardFiveQis.suitsBulkTransfer(130));
        assertFalse(StandardFiveQis.suitsBulkTransfer(9), "non-GBR");
        assertFalse(StandardFiveQis.suitsBulkTransfer(75), "withdrawn");
        assertFalse(StandardFiveQis.suitsBulkTransfer(11), "unassigned");
        assertFalse(StandardFiveQis.suitsBulkTransfer(255), "reserved");
        StandardFiveQis.NON_GBR.forEach(fiveQi -> assertFalse(StandardFiveQis.suitsBulkTransfer(fiveQi)));
    }
}
