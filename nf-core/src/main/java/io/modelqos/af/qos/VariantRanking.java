package io.modelqos.af.qos;

import io.modelqos.af.catalog.ModelVariant;

import java.util.Comparator;
import java.util.List;

/**
 * Orders variants best first: by accuracy when every variant has one, otherwise largest first (which puts
 * higher precision first within a model); ties by precision, then id, so the order is deterministic.
 */
final class VariantRanking {

    private static final Comparator<ModelVariant> BY_SIZE = Comparator
            .comparingLong(ModelVariant::sizeBytes).reversed()
            .thenComparing(Comparator.comparingInt((ModelVariant v) -> v.precision().bitsPerParameter()).reversed())
            .thenComparing(ModelVariant::id);

    private static final Comparator<ModelVariant> BY_ACCURACY = Comparator
            .comparing(ModelVariant::accuracy, Comparator.reverseOrder())
            .thenComparing(BY_SIZE);

    private VariantRanking() {
    }

    static List<ModelVariant> rank(List<ModelVariant> variants) {
        boolean allHaveAccuracy = variants.stream().allMatch(ModelVariant::hasAccuracy);
        return variants.stream().sorted(allHaveAccuracy ? BY_ACCURACY : BY_SIZE).toList();
    }
}
