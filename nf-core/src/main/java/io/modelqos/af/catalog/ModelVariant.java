package io.modelqos.af.catalog;

import io.modelqos.af.sizing.InvalidPlanInputException;

import java.util.Objects;

/**
 * One deliverable encoding of a model, e.g. ResNet-50 in INT8.
 *
 * @param id        stable id, e.g. {@code "resnet-50-int8"}
 * @param precision parameter encoding
 * @param sizeBytes bytes to transfer, positive
 * @param accuracy  top-1 accuracy in [0, 1] when known, else {@code null}; the planner prefers the most
 *                  accurate variant when every variant has one
 */
public record ModelVariant(String id, Precision precision, long sizeBytes, Double accuracy) {

    public ModelVariant {
        if (id == null || id.isBlank()) {
            throw new InvalidPlanInputException("id", "must not be blank");
        }
        if (precision == null) {
            throw new InvalidPlanInputException("precision", "must be given");
        }
        if (sizeBytes <= 0) {
            throw new InvalidPlanInputException("sizeBytes", "must be positive, was " + sizeBytes);
        }
        if (accuracy != null && !(accuracy >= 0.0 && accuracy <= 1.0)) {
            throw new InvalidPlanInputException("accuracy", "must be within [0, 1], was " + accuracy);
        }
    }

    /** A variant without a known accuracy. */
    public static ModelVariant of(String id, Precision precision, long sizeBytes) {
        return new ModelVariant(id, precision, sizeBytes, null);
    }

    public boolean hasAccuracy() {
        return accuracy != null;
    }

    @Override
    public String toString() {
        return id + " (" + precision + ", " + sizeBytes + " B" + (accuracy == null ? "" : ", acc " + accuracy) + ")";
    }

    static ModelVariant ofParameters(String modelId, Precision precision, long parameterCount) {
        Objects.requireNonNull(modelId, "modelId");
        return of(modelId + "-" + precision.id(), precision, precision.sizeBytes(parameterCount));
    }
}
