package io.modelqos.af.catalog;

import io.modelqos.af.sizing.InvalidPlanInputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelCatalogTest {

    private final ModelCatalog catalog = ModelCatalog.builtIn();

    @Test
    void holdsTheSeedModelsInTheSeedOrder() {
        assertEquals(List.of("alexnet", "vgg16", "resnet-152", "resnet-50", "googlenet", "inception-v3",
                "mobilenet-224"), catalog.ids());
        assertEquals("1.0 MobileNet-224", catalog.find("mobilenet-224").orElseThrow().displayName());
    }

    @Test
    void givesEveryModelAnFp32AndAnInt8VariantSizedFromItsParameters() {
        AiModel resnet50 = catalog.find("resnet-50").orElseThrow();

        assertEquals(25_000_000L, resnet50.parameterCount());
        assertEquals(List.of(
                        ModelVariant.of("resnet-50-fp32", Precision.FP32, 100_000_000L),
                        ModelVariant.of("resnet-50-int8", Precision.INT8, 25_000_000L)),
                resnet50.variants());
        for (AiModel model : catalog.models()) {
            assertEquals(2, model.variants().size(), model.id());
            model.variants().forEach(variant -> assertNull(variant.accuracy(), variant.id()));
        }
    }

    @Test
    void findsVariantsByTheirOwnId() {
        assertEquals(6_800_000L, catalog.findVariant("googlenet-int8").orElseThrow().sizeBytes());
        assertTrue(catalog.findVariant("googlenet-fp16").isEmpty());
        assertTrue(catalog.find("lenet").isEmpty());
    }

    @Test
    void rejectsDuplicateModelIds() {
        AiModel model = AiModel.withVariants("m", "M", 10, Precision.INT8);
        assertThrows(IllegalArgumentException.class, () -> ModelCatalog.of(List.of(model, model)));
    }

    @Test
    void rejectsInvalidVariantsNamingTheField() {
        assertEquals("sizeBytes", assertThrows(InvalidPlanInputException.class,
                () -> ModelVariant.of("x", Precision.INT8, 0)).field());
        assertEquals("id", assertThrows(InvalidPlanInputException.class,
                () -> ModelVariant.of(" ", Precision.INT8, 1)).field());
        assertEquals("accuracy", assertThrows(InvalidPlanInputException.class,
                () -> new ModelVariant("x", Precision.INT8, 1, 1.5)).field());
    }
}
