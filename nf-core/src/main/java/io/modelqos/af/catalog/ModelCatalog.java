package io.modelqos.af.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The models the AF knows, looked up by id.
 *
 * <p>{@link #builtIn()} holds the seven models of TR 22.874 table 6.x.1-1 with FP32 (4 bytes/parameter) and
 * INT8 (1 byte/parameter) variants; sizes use MB = 10^6 bytes as the table does. Accuracies are left unset:
 * the table gives none, and published top-1 figures depend on the training recipe and the quantisation.
 */
public final class ModelCatalog {

    private static final ModelCatalog BUILT_IN = of(List.of(
            seedModel("alexnet", "AlexNet", 60_000_000L),
            seedModel("vgg16", "VGG16", 138_000_000L),
            seedModel("resnet-152", "ResNet-152", 60_000_000L),
            seedModel("resnet-50", "ResNet-50", 25_000_000L),
            seedModel("googlenet", "GoogleNet", 6_800_000L),
            seedModel("inception-v3", "Inception-V3", 23_000_000L),
            seedModel("mobilenet-224", "1.0 MobileNet-224", 4_200_000L)));

    private final Map<String, AiModel> modelsById;

    private ModelCatalog(Map<String, AiModel> modelsById) {
        this.modelsById = modelsById;
    }

    /** The seed's models in the seed's order. */
    public static ModelCatalog builtIn() {
        return BUILT_IN;
    }

    /** A catalogue of the given models, in the given order; ids must be unique. */
    public static ModelCatalog of(List<AiModel> models) {
        Map<String, AiModel> byId = models.stream().collect(Collectors.toMap(AiModel::id, Function.identity(),
                (a, b) -> {
                    throw new IllegalArgumentException("duplicate model id " + a.id());
                }, LinkedHashMap::new));
        return new ModelCatalog(byId);
    }

    public List<AiModel> models() {
        return List.copyOf(modelsById.values());
    }

    public List<String> ids() {
        return List.copyOf(modelsById.keySet());
    }

    public Optional<AiModel> find(String modelId) {
        return Optional.ofNullable(modelsById.get(modelId));
    }

    /** A variant by its own id, e.g. {@code "resnet-50-int8"}. */
    public Optional<ModelVariant> findVariant(String variantId) {
        return modelsById.values().stream()
                .flatMap(model -> model.variants().stream())
                .filter(variant -> variant.id().equals(variantId))
                .findFirst();
    }

    private static AiModel seedModel(String id, String displayName, long parameterCount) {
        return AiModel.withVariants(id, displayName, parameterCount, Precision.FP32, Precision.INT8);
    }
}
