package io.modelqos.af.catalog;

/** How many bits encode one model parameter. */
public enum Precision {
    FP32(32),
    FP16(16),
    BF16(16),
    INT8(8),
    INT4(4);

    private final int bitsPerParameter;

    Precision(int bitsPerParameter) {
        this.bitsPerParameter = bitsPerParameter;
    }

    public int bitsPerParameter() {
        return bitsPerParameter;
    }

    /** Size in bytes of a model with this many parameters (weights only, no container format), rounded up. */
    public long sizeBytes(long parameterCount) {
        long bits = Math.multiplyExact(parameterCount, (long) bitsPerParameter);
        return bits / 8 + (bits % 8 == 0 ? 0 : 1);
    }

    /** Lower-case name as used in variant ids and on the command line, e.g. {@code "int8"}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
