package io.modelqos.nef.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.modelqos.qos.BitRate;
import io.modelqos.qos.PacketErrorRate;
import io.modelqos.qos.QosReference;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Verifies that a catalogue entry holds a QoS reference the way the emulated network applies it. */
class CatalogueEntryTest {

    private static final BitRate GIG = BitRate.parse("1 Gbps");

    @Test
    void holdsWholeBitsAndMbrEqualToGbr() {
        QosReference af = new QosReference("r", 130, BitRate.ofBitsPerSecond(new BigDecimal("1000.9")),
                BitRate.ofBitsPerSecond(new BigDecimal("20.5")), GIG, GIG, 20, PacketErrorRate.parse("1E-6"), 2000);

        CatalogueEntry entry = new CatalogueEntry(af);

        assertEquals(BitRate.ofBitsPerSecond(1000), entry.gbrDl());
        assertEquals(BitRate.ofBitsPerSecond(20), entry.gbrUl());
        assertEquals(entry.gbrDl(), entry.qos().mbrDl());
        assertEquals(entry.gbrUl(), entry.qos().mbrUl());
        assertEquals("1E-6", entry.per());
    }

    @Test
    void defaultsAMissingUplinkRateAndPer() {
        CatalogueEntry entry = new CatalogueEntry("r", 4, GIG, null, 300, null, 2000);

        assertEquals(BitRate.ZERO, entry.gbrUl());
        assertEquals("1E-6", entry.per());
    }

    @Test
    void refusesBadValuesWithTheEmulatorsMessages() {
        assertEquals("a QoS reference needs a name", assertThrows(IllegalArgumentException.class,
                () -> new CatalogueEntry(" ", 4, GIG, null, 300, "1E-6", 2000)).getMessage());
        assertEquals("gbrDl of r", assertThrows(NullPointerException.class,
                () -> new CatalogueEntry("r", 4, null, null, 300, "1E-6", 2000)).getMessage());
        assertEquals("5QI out of 0..255 in r: 256", assertThrows(IllegalArgumentException.class,
                () -> new CatalogueEntry("r", 256, GIG, null, 300, "1E-6", 2000)).getMessage());
        assertEquals("pdbMs must be >= 1 in r", assertThrows(IllegalArgumentException.class,
                () -> new CatalogueEntry("r", 4, GIG, null, 0, "1E-6", 2000)).getMessage());
        assertEquals("per must look like \"1E-6\" in r: 1e-6", assertThrows(IllegalArgumentException.class,
                () -> new CatalogueEntry("r", 4, GIG, null, 300, "1e-6", 2000)).getMessage());
        assertEquals("averagingWindowMs out of 1..4095 in r", assertThrows(IllegalArgumentException.class,
                () -> new CatalogueEntry("r", 4, GIG, null, 300, "1E-6", 4096)).getMessage());
    }
}
