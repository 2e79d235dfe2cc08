package io.modelqos.client.model;

/**
 * The image-recognition models of the use case (3GPP TR 22.874, table 6.x.1-1), each with an FP32
 * variant (4 bytes per parameter) and an INT8 variant (1 byte per parameter); 1 MB = 10^6 bytes.
 * Model names are the constant's name in lower case with hyphens ("resnet-50"), variant ids add the
 * precision ("resnet-50-fp32", "resnet-50-int8").
 *
 * <pre>{@code DeliveryRequest.builder().model(ModelCatalog.RESNET_50)...}</pre>
 */
public enum ModelCatalog {
    /** AlexNet, 60 M parameters: 240 MB FP32, 60 MB INT8. */
    ALEXNET(60_000_000L),
    /** VGG16, 138 M parameters: 552 MB FP32, 138 MB INT8. */
    VGG16(138_000_000L),
    /** ResNet-152, 60 M parameters: 240 MB FP32, 60 MB INT8. */
    RESNET_152(60_000_000L),
    /** ResNet-50, 25 M parameters: 100 MB FP32, 25 MB INT8. */
    RESNET_50(25_000_000L),
    /** GoogLeNet, 6.8 M parameters: 27.2 MB FP32, 6.8 MB INT8. */
    GOOGLENET(6_800_000L),
    /** Inception-V3, 23 M parameters: 92 MB FP32, 23 MB INT8. */
    INCEPTION_V3(23_000_000L),
    /** 1.0 MobileNet-224, 4.2 M parameters: 16.8 MB FP32, 4.2 MB INT8. */
    MOBILENET_224(4_200_000L);

    private final long parameters;
    private final ModelSpec spec;

    ModelCatalog(long parameters) {
        this.parameters = parameters;
        String name = name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        this.spec = ModelSpec.of(name,
                ModelVariant.of(name + "-fp32", Precision.FP32, 4 * parameters),
                ModelVariant.of(name + "-int8", Precision.INT8, parameters));
    }

    /** The number of parameters (weights). */
    public long parameters() {
        return parameters;
    }

    /** The model name, e.g. "resnet-50". */
    public String modelName() {
        return spec.name();
    }

    /** The model with its two variants, FP32 first. */
    public ModelSpec spec() {
        return spec;
    }

    /** The FP32 variant, 4 bytes per parameter. */
    public ModelVariant fp32() {
        return spec.variants().get(0);
    }

    /** The INT8 variant, 1 byte per parameter. */
    public ModelVariant int8() {
        return spec.variants().get(1);
    }
}
