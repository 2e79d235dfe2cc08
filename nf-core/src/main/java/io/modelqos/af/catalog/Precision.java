package io.modelqos.af.catalog;

/** How many bits encode one model parameter. */
public enum Precision {
    FP32(32),
    INT8(8);

    private final int bitsPerParameter;

    Precision(int bitsPerParameter) {
        this.bitsPerParameter = bitsPerParameter;
    }

    public int bitsPerParameter() {
        return bitsPerParameter;
    }

    public int bytesPerParameter() {
        return bitsPerParameter / 8;
    }

    /** Size in bytes of a model with this many parameters (weights only, no container format). */
    public long sizeBytes(long parameterCount) {
        return Math.multiplyExact(parameterCount, bytesPerParameter());
    }

    /** Lower-case name as used in variant ids and on the command line, e.g. {@code "int8"}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
