package io.modelqos.client.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.modelqos.client.internal.Checks;

/**
 * One form in which a model can be delivered: its id, weight precision, size and, optionally, its
 * top-1 accuracy (0..1), which the AF uses to rank variants.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelVariant(String id, Precision precision, long sizeBytes, Double accuracy) {

    /** The largest size the contract accepts, 10^12 bytes. */
    public static final long MAX_SIZE_BYTES = 1_000_000_000_000L;

    /** A variant without accuracy, validated. */
    public static ModelVariant of(String id, Precision precision, long sizeBytes) {
        ModelVariant variant = new ModelVariant(id, precision, sizeBytes, null);
        variant.validate("variant");
        return variant;
    }

    /** This variant with the given top-1 accuracy, 0..1. */
    public ModelVariant withAccuracy(double accuracy) {
        ModelVariant variant = new ModelVariant(id, precision, sizeBytes, accuracy);
        variant.validate("variant");
        return variant;
    }

    void validate(String path) {
        Checks.matching(Checks.VARIANT_ID, id, path + ".id");
        Checks.check(precision != null && precision != Precision.UNKNOWN,
                "%s.precision must be one of FP32, FP16, BF16, INT8, INT4, was %s", path, precision);
        Checks.check(sizeBytes >= 1 && sizeBytes <= MAX_SIZE_BYTES,
                "%s.sizeBytes must be between 1 and %d, was %d", path, MAX_SIZE_BYTES, sizeBytes);
        Checks.check(accuracy == null || (accuracy >= 0 && accuracy <= 1),
                "%s.accuracy must be between 0 and 1, was %s", path, accuracy);
    }
}
