package io.modelqos.app;

import io.modelqos.qos.SupportedFeatures;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a supported-features hex mask such as {@code 30} or {@code 830}. */
final class FeaturesConverter implements ITypeConverter<SupportedFeatures> {

    @Override
    public SupportedFeatures convert(String hex) {
        try {
            return SupportedFeatures.parse(hex);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
