package io.modelqos.app;

import io.modelqos.af.catalog.ModelVariant;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/** Small text forms shared by the command outputs. */
final class Formats {

    private Formats() {
    }

    /** Milliseconds without trailing zeros, e.g. {@code 100} or {@code 0.5}. */
    static BigDecimal millis(Duration duration) {
        BigDecimal millis = BigDecimal.valueOf(duration.toNanos()).movePointLeft(6).stripTrailingZeros();
        return millis.scale() < 0 ? millis.setScale(0) : millis;
    }

    static String ms(Duration duration) {
        return millis(duration).toPlainString() + " ms";
    }

    /** Megabytes of 10^6 bytes, as the seed's tables count them. */
    static String megabytes(long bytes) {
        return BigDecimal.valueOf(bytes).movePointLeft(6).stripTrailingZeros().toPlainString() + " MB";
    }

    static String percent(double fraction) {
        return BigDecimal.valueOf(fraction).movePointRight(2).stripTrailingZeros().toPlainString() + " %";
    }

    static String bytes(long bytes) {
        return String.format(Locale.ROOT, "%,d bytes", bytes);
    }

    static String variant(ModelVariant variant) {
        return variant.id() + " (" + variant.precision() + ", " + megabytes(variant.sizeBytes()) + ")";
    }
}
