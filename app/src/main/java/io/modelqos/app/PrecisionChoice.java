package io.modelqos.app;

import io.modelqos.af.catalog.AiModel;
import io.modelqos.af.catalog.ModelVariant;
import io.modelqos.af.catalog.Precision;

import java.util.List;

/** Which variants of a model to plan for. */
enum PrecisionChoice {
    FP32, INT8, ALL;

    List<ModelVariant> variantsOf(AiModel model) {
        if (this == ALL) {
            return model.variants();
        }
        Precision precision = Precision.valueOf(name());
        return model.variant(precision).map(List::of).orElse(List.of());
    }
}
