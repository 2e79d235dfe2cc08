package io.modelqos.nef.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Verifies the SupportedFeatures hex bitmask: last character = features 1-4, bit 0 = feature 1. */
class SupportedFeaturesTest {

    @Test
    void encodesFeatureNumbers() {
        assertEquals("30", SupportedFeatures.of(5, 6));
        assertEquals("830", SupportedFeatures.of(5, 6, 12));
        assertEquals("1", SupportedFeatures.of(1));
        assertEquals(EmulatorOptions.DEFAULT_SUPPORTED_FEATURES, SupportedFeatures.of(5, 6, 12));
    }

    @Test
    void intersectsWhatBothSidesSupport() {
        assertEquals("30", SupportedFeatures.intersect("1033", "830"));
        assertEquals("830", SupportedFeatures.intersect("FFF", "830"));
        assertEquals("0", SupportedFeatures.intersect("3", "830"));
        assertEquals("0", SupportedFeatures.intersect("", "830"));
        assertEquals("10", SupportedFeatures.intersect("0010", "830"), "leading zeros are dropped");
    }

    @Test
    void testsSingleFeatures() {
        assertTrue(SupportedFeatures.has("830", 12));
        assertTrue(SupportedFeatures.has("830", 5));
        assertFalse(SupportedFeatures.has("830", 1));
        assertFalse(SupportedFeatures.has(null, 5));
    }
}
