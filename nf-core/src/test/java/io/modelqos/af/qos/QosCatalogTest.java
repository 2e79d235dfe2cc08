package io.modelqos.af.qos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelqos.qos.PacketErrorRate;
import io.modelqos.qos.QosReference;
import io.modelqos.qos.BitRate;
import io.modelqos.af.sizing.InvalidPlanInputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QosCatalogTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final QosCatalog catalog = QosCatalog.defaultCatalog();

    @Test
    void defaultCatalogueOffersTwoFamiliesAtEightRates() {
        List<String> names = catalog.references().stream().map(QosReference::name).toList();

        assertEquals(16, names.size());
        assertEquals(List.of("mq-gbr-50M", "mq-gbr-50M-ll", "mq-gbr-200M", "mq-gbr-200M-ll"), names.subList(0, 4));
        assertEquals(List.of("mq-gbr-40G", "mq-gbr-40G-ll"), names.subList(14, 16));
        QosReference oneGig = catalog.find("mq-gbr-1G").orElseThrow();
        assertEquals(new QosReference("mq-gbr-1G", 130, BitRate.parse("1 Gbps"), BitRate.parse("20 Mbps"),
                BitRate.parse("1 Gbps"), BitRate.parse("20 Mbps"), 20, PacketErrorRate.parse("1E-6"), 2000), oneGig);
        assertEquals(3, catalog.find("mq-gbr-1G-ll").orElseThrow().pdbMs());
        catalog.references().forEach(ref -> assertTrue(StandardFiveQis.isOperatorSpecific(ref.fiveQi()), ref.name()));
    }

    @Test
    void smallestCoveringPrefersTheLowestSufficientGbrThenTheLeastDemandingPdb() {
        assertEquals("mq-gbr-2G", catalog.smallestCovering(BitRate.parse("1.2 Gbps"), ref -> true).orElseThrow().name());
        assertEquals("mq-gbr-1G", catalog.smallestCovering(BitRate.parse("1 Gbps"), ref -> true).orElseThrow().name());
        assertEquals("mq-gbr-2G-ll", catalog.smallestCovering(BitRate.parse("1.2 Gbps"), ref -> ref.pdbMs() <= 3)
                .orElseThrow().name());
        assertTrue(catalog.smallestCovering(BitRate.parse("40.001 Gbps"), ref -> true).isEmpty());
    }

    @Test
    void readsReferencesFromJsonWithDefaults() throws Exception {
        JsonNode json = JSON.readTree("""
                {"qosReferences": [
                  {"name": "gold", "fiveQi": 4, "gbrDl": "2 Gbps", "pdbMs": 300, "per": "1E-6"},
                  {"name": "silver", "fiveQi": 130, "gbrDl": "500 Mbps", "gbrUl": "10 Mbps", "mbrDl": "1 Gbps",
                   "mbrUl": "20 Mbps", "pdbMs": 10, "per": "1E-5", "averagingWindowMs": 100}
                ]}""");

        QosCatalog read = QosCatalog.fromJson(json);

        assertEquals(List.of("silver", "gold"), read.references().stream().map(QosReference::name).toList());
        assertEquals(new QosReference("gold", 4, BitRate.parse("2 Gbps"), BitRate.ZERO, BitRate.parse("2 Gbps"),
                BitRate.ZERO, 300, PacketErrorRate.parse("1E-6"), 2000), read.find("gold").orElseThrow());
        assertEquals(100, read.find("silver").orElseThrow().averagingWindowMs());
        assertEquals(read.references(), QosCatalog.fromJson(json.get("qosReferences")).references());
    }

    @Test
    void namesTheOffendingFieldOfABadReference() throws Exception {
        assertEquals("qosReferences[1].gbrDl", rejection("""
                [{"name": "a", "fiveQi": 130, "gbrDl": "1 Gbps", "pdbMs": 5, "per": "1E-6"},
                 {"name": "b", "fiveQi": 130, "gbrDl": "1Gbps", "pdbMs": 5, "per": "1E-6"}]""").field());
        assertEquals("qosReferences[0].per", rejection("""
                [{"name": "a", "fiveQi": 130, "gbrDl": "1 Gbps", "pdbMs": 5}]""").field());
        assertEquals("qosReferences[0].mbrDl", rejection("""
                [{"name": "a", "fiveQi": 130, "gbrDl": "1 Gbps", "mbrDl": "1 Mbps", "pdbMs": 5, "per": "1E-6"}]""")
                .field());
        assertEquals("qosReferences[0].fiveQi", rejection("""
                [{"name": "a", "fiveQi": "x", "gbrDl": "1 Gbps", "pdbMs": 5, "per": "1E-6"}]""").field());
        assertEquals("qosReferences[0].averagingWindowMs", rejection("""
                [{"name": "a", "fiveQi": 130, "gbrDl": "1 Gbps", "pdbMs": 5, "per": "1E-6",
                  "averagingWindowMs": 5000}]""").field());
        assertEquals("qosReferences", rejection("{\"references\": []}").field());
        assertEquals("qosReferences", rejection("""
                [{"name": "a", "fiveQi": 130, "gbrDl": "1 Gbps", "pdbMs": 5, "per": "1E-6"},
                 {"name": "a", "fiveQi": 130, "gbrDl": "2 Gbps", "pdbMs": 5, "per": "1E-6"}]""").field());
    }

    @Test
    void badBitRateMessageNamesTheValue() throws Exception {
        InvalidPlanInputException e = rejection("""
                [{"name": "a", "fiveQi": 130, "gbrDl": "fast", "pdbMs": 5, "per": "1E-6"}]""");
        assertTrue(e.getMessage().contains("'fast'"), e.getMessage());
    }

    private static InvalidPlanInputException rejection(String json) throws Exception {
        JsonNode node = JSON.readTree(json);
        return assertThrows(InvalidPlanInputException.class, () -> QosCatalog.fromJson(node));
    }
}
