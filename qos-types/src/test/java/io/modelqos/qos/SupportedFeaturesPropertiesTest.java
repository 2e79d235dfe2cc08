package io.modelqos.qos;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SupportedFeaturesPropertiesTest {

    @Property
    void aSetOfFeaturesRoundTripsThroughHex(@ForAll Set<NefFeature> features) {
        SupportedFeatures mask = SupportedFeatures.of(features);

        assertEquals(features.isEmpty() ? EnumSet.noneOf(NefFeature.class) : EnumSet.copyOf(features),
                SupportedFeatures.parse(mask.toHex()).knownFeatures());
    }

    /** Verifies that any hex mask prints back in canonical form: upper case, no leading zeros. */
    @Property
    void anyHexMaskRoundTripsToItsCanonicalForm(@ForAll("hexMasks") String hex) {
        String canonical = hex.replaceFirst("^0+", "").toUpperCase(Locale.ROOT);

        assertEquals(canonical.isEmpty() ? "0" : canonical, SupportedFeatures.parse(hex).toHex());
        assertEquals(SupportedFeatures.parse(hex), SupportedFeatures.parse(SupportedFeatures.parse(hex).toHex()));
    }

    @Provide
    Arbitrary<String> hexMasks() {
        return Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofMinLength(0).ofMaxLength(12);
    }
}
