package io.modelqos.qos;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.EnumSet;
import java.util.Set;

import static io.modelqos.qos.NefFeature.ALTERNATIVE_QOS_5G;
import static io.modelqos.qos.NefFeature.ALT_QOS_WITH_IND_PARAMS_5G;
import static io.modelqos.qos.NefFeature.GMEC;
import static io.modelqos.qos.NefFeature.NOTIFICATION_TEST_EVENT;
import static io.modelqos.qos.NefFeature.NOTIFICATION_WEBSOCKET;
import static io.modelqos.qos.NefFeature.QOS_MONITORING_5G;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SupportedFeaturesTest {

    @Test
    void lastCharacterCarriesFeaturesOneToFour() {
        assertEquals("30", SupportedFeatures.of(ALTERNATIVE_QOS_5G, QOS_MONITORING_5G).toHex());
        assertEquals("1", SupportedFeatures.of(NOTIFICATION_WEBSOCKET).toHex());
        assertEquals("800", SupportedFeatures.of(ALT_QOS_WITH_IND_PARAMS_5G).toHex());
        assertEquals("800000", SupportedFeatures.of(GMEC).toHex());
        assertEquals("800837", SupportedFeatures.of(EnumSet.allOf(NefFeature.class)).toHex());
    }

    @Test
    void parsesFeatureNumbersFromHex() {
        assertEquals(EnumSet.of(ALTERNATIVE_QOS_5G, QOS_MONITORING_5G), SupportedFeatures.parse("30").knownFeatures());
        assertEquals(EnumSet.of(ALTERNATIVE_QOS_5G, QOS_MONITORING_5G, ALT_QOS_WITH_IND_PARAMS_5G),
                SupportedFeatures.parse("830").knownFeatures());
        assertTrue(SupportedFeatures.parse("830").supports(ALT_QOS_WITH_IND_PARAMS_5G));
        assertFalse(SupportedFeatures.parse("30").supports(ALT_QOS_WITH_IND_PARAMS_5G));
    }

    @Test
    void treatsLeadingZerosAndCaseAsTheSameMask() {
        assertEquals(SupportedFeatures.parse("30"), SupportedFeatures.parse("0030"));
        assertEquals("30", SupportedFeatures.parse("0030").toHex());
        assertEquals("80A", SupportedFeatures.parse("80a").toHex());
    }

    @Test
    void keepsBitsOfUnnamedFeatures() {
        SupportedFeatures withFeature4 = SupportedFeatures.parse("80A"); // features 2, 4 and 12

        assertEquals(Set.of(NOTIFICATION_TEST_EVENT, ALT_QOS_WITH_IND_PARAMS_5G), withFeature4.knownFeatures());
        assertEquals("80A", withFeature4.toHex());
    }

    @Test
    void emptyMeansNoFeature() {
        assertEquals(SupportedFeatures.NONE, SupportedFeatures.parse(""));
        assertEquals("0", SupportedFeatures.NONE.toHex());
        assertTrue(SupportedFeatures.NONE.knownFeatures().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"xyz", "3 0", "0x30", "-1", "30\n"})
    void rejectsNonHexNamingTheValue(String hex) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SupportedFeatures.parse(hex));
        assertTrue(e.getMessage().contains("'" + hex + "'"));
    }

    @Test
    void negotiationKeepsTheCommonFeatures() {
        SupportedFeatures af = SupportedFeatures.parse("830");
        SupportedFeatures nef = SupportedFeatures.parse("10");

        assertEquals(SupportedFeatures.of(ALTERNATIVE_QOS_5G), af.intersect(nef));
    }

    @Test
    void namesTheKnownFeaturesInItsDescription() {
        assertEquals("30 (AlternativeQoS_5G, QoSMonitoring_5G)", SupportedFeatures.parse("30").toString());
    }

    @Test
    void readsAndWritesHexInJson() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        assertEquals("\"830\"", mapper.writeValueAsString(SupportedFeatures.parse("830")));
        assertEquals(SupportedFeatures.parse("30"), mapper.readValue("\"30\"", SupportedFeatures.class));
    }

    @Test
    void buildsMasksFromFeatureNumbersNamedOrNot() {
        assertEquals("30", SupportedFeatures.ofNumbers(5, 6).toHex());
        assertEquals("830", SupportedFeatures.ofNumbers(5, 6, 12).toHex());
        assertEquals("1", SupportedFeatures.ofNumbers(1).toHex());
        assertEquals("100", SupportedFeatures.ofNumbers(9).toHex(), "feature 9 has no name here");
        assertEquals("0", SupportedFeatures.ofNumbers().toHex());
        assertThrows(IllegalArgumentException.class, () -> SupportedFeatures.ofNumbers(0));
    }

    @Test
    void answersForFeatureNumbers() {
        SupportedFeatures mask = SupportedFeatures.parse("930");
        assertTrue(mask.supports(5));
        assertTrue(mask.supports(9), "an unnamed feature");
        assertFalse(mask.supports(1));
        assertFalse(mask.supports(100));
        assertThrows(IllegalArgumentException.class, () -> mask.supports(0));
    }

    /** Verifies the negotiation a NEF answers: the intersection, upper-case, without leading zeros, "0" for none. */
    @ParameterizedTest(name = "\"{0}\" and \"{1}\" -> \"{2}\"")
    @CsvSource({
            "1033, 830, 30",
            "FFF, 830, 830",
            "fff, 830, 830",
            "3, 830, 0",
            "'', 830, 0",
            "0010, 830, 10"})
    void intersectsToTheHexANefAnswers(String offered, String supported, String expected) {
        assertEquals(expected, SupportedFeatures.parse(offered).intersect(SupportedFeatures.parse(supported)).toHex());
    }

    @Test
    void validatesWhatParseAccepts() {
        assertTrue(SupportedFeatures.isValid(""));
        assertTrue(SupportedFeatures.isValid("0aF"));
        assertFalse(SupportedFeatures.isValid(null));
        assertFalse(SupportedFeatures.isValid("xyz"));
        assertFalse(SupportedFeatures.isValid("30\n"));
    }
}
