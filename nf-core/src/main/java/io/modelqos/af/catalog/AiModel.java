package io.modelqos.af.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A model the AF can deliver, with its variants.
 *
 * @param id             stable id, e.g. {@code "resnet-50"}
 * @param displayName    name as in the literature, e.g. {@code "ResNet-50"}
 * @param parameterCount number of parameters
 * @param variants       deliverable encodings, at least one
 */
public record AiModel(String id, String displayName, long parameterCount, List<ModelVariant> variants) {

    public AiModel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        variants = List.copyOf(variants);
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("model " + id + " has no variants");
        }
    }

    /** A model with one variant per given precision, sized from the parameter count. */
    public static AiModel withVariants(String id, String displayName, long parameterCount, Precision... precisions) {
        List<ModelVariant> variants = Arrays.stream(precisions)
                .map(precision -> ModelVariant.ofParameters(id, precision, parameterCount))
                .toList();
        return new AiModel(id, displayName, parameterCount, variants);
    }

    public Optional<ModelVariant> variant(Precision precision) {
        return variants.stream().filter(v -> v.precision() == precision).findFirst();
    }
}
