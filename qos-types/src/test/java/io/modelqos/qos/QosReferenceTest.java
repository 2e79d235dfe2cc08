package io.modelqos.qos;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Verifies that a QoS reference refuses missing and out-of-range values and names the field. */
class QosReferenceTest {

    private static final BitRate GIG = BitRate.parse("1 Gbps");
    private static final BitRate UL = BitRate.parse("20 Mbps");
    private static final PacketErrorRate PER = PacketErrorRate.parse("1E-6");

    @Test
    void holdsWhatItIsGiven() {
        QosReference ref = new QosReference("mq-gbr-1G", 130, GIG, UL, GIG, UL, 20, PER, 2000);
        assertEquals(GIG, ref.gbrDl());
        assertEquals(new QosReference("mq-gbr-1G", 130, BitRate.parse("1000 Mbps"), UL, GIG, UL, 20,
                PacketErrorRate.parse("1E-6"), 2000), ref, "equal values, equal references");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "name              | name must not be blank",
            "fiveQi            | fiveQi must be within 0..255, was 256",
            "gbrDl             | gbrDl must be given",
            "mbrDl             | mbrDl must be at least gbrDl (1 Gbps), was 999 Mbps",
            "mbrUl             | mbrUl must be at least gbrUl (20 Mbps), was 0 bps",
            "pdbMs             | pdbMs must be at least 1, was 0",
            "per               | per must be given",
            "averagingWindowMs | averagingWindowMs must be within 1..4095, was 4096"})
    void namesTheOffendingField(String field, String message) {
        InvalidQosReferenceException e = assertThrows(InvalidQosReferenceException.class, () -> create(field));
        assertEquals(field, e.field());
        assertEquals(message, e.getMessage());
        assertEquals(message, e.field() + " " + e.detail());
    }

    /** A reference with {@code field} wrong and everything else right. */
    private static QosReference create(String field) {
        return switch (field) {
            case "name" -> new QosReference(" ", 130, GIG, UL, GIG, UL, 20, PER, 2000);
            case "fiveQi" -> new QosReference("a", 256, GIG, UL, GIG, UL, 20, PER, 2000);
            case "gbrDl" -> new QosReference("a", 130, null, UL, GIG, UL, 20, PER, 2000);
            case "mbrDl" -> new QosReference("a", 130, GIG, UL, BitRate.parse("999 Mbps"), UL, 20, PER, 2000);
            case "mbrUl" -> new QosReference("a", 130, GIG, UL, GIG, BitRate.ZERO, 20, PER, 2000);
            case "pdbMs" -> new QosReference("a", 130, GIG, UL, GIG, UL, 0, PER, 2000);
            case "per" -> new QosReference("a", 130, GIG, UL, GIG, UL, 20, null, 2000);
            default -> new QosReference("a", 130, GIG, UL, GIG, UL, 20, PER, 4096);
        };
    }
}
