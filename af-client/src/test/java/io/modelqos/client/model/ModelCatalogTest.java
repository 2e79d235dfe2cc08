package io.modelqos.client.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Verifies that the catalogue holds the use case's models with FP32 and INT8 sizes (1 MB = 10^6 bytes). */
class ModelCatalogTest {

    @ParameterizedTest(name = "{0}: {1} MB FP32, {2} MB INT8")
    @CsvSource({
            "ALEXNET, 240, 60",
            "VGG16, 552, 138",
            "RESNET_152, 240, 60",
            "RESNET_50, 100, 25",
            "GOOGLENET, 27.2, 6.8",
            "INCEPTION_V3, 92, 23",
            "MOBILENET_224, 16.8, 4.2"})
    void variantSizesFollowTheSeedTable(ModelCatalog model, double fp32Megabytes, double int8Megabytes) {
        assertEquals(Math.round(fp32Megabytes * 1_000_000), model.fp32().sizeBytes());
        assertEquals(Math.round(int8Megabytes * 1_000_000), model.int8().sizeBytes());
        assertEquals(Precision.FP32, model.fp32().precision());
        assertEquals(Precision.INT8, model.int8().precision());
    }

    @Test
    void namesAndVariantIdsAreLowerCaseWithHyphens() {
        assertEquals("resnet-50", ModelCatalog.RESNET_50.modelName());
        assertEquals("inception-v3", ModelCatalog.INCEPTION_V3.modelName());
        assertEquals("mobilenet-224", ModelCatalog.MOBILENET_224.modelName());
        assertEquals(List.of("resnet-50-fp32", "resnet-50-int8"),
                ModelCatalog.RESNET_50.spec().variants().stream().map(ModelVariant::id).toList());
    }

    @Test
    void specFindsAVariantById() {
        assertEquals(ModelCatalog.VGG16.int8(), ModelCatalog.VGG16.spec().variant("vgg16-int8").orElseThrow());
    }
}
