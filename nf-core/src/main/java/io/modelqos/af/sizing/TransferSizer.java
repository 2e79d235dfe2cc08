package io.modelqos.af.sizing;

import io.modelqos.qos.BitRate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Objects;

/**
 * Sizes a transfer: payload rate = size × 8 / (budget − setup allowance), requested GBR = payload rate ×
 * transport overhead factor. Sizes are in bytes; the seed's MB are 10^6 bytes.
 *
 * <pre>{@code
 * TransferSizing s = TransferSizer.DEFAULT.size(25_000_000, Duration.ofMillis(100));
 * s.payloadRate();     // 2 Gbps
 * s.requestedGbrDl();  // 2.076 Gbps (× 1.037873)
 * }</pre>
 */
public final class TransferSizer {

    public static final TransferSizer DEFAULT = new TransferSizer(TransportOverhead.DEFAULT);

    private static final BigDecimal BITS_PER_BYTE = BigDecimal.valueOf(8);
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);
    private static final BigDecimal MILLIS_PER_SECOND = BigDecimal.valueOf(1000);

    private final TransportOverhead overhead;

    public TransferSizer(TransportOverhead overhead) {
        this.overhead = Objects.requireNonNull(overhead, "overhead");
    }

    public TransportOverhead overhead() {
        return overhead;
    }

    public TransferSizing size(long payloadBytes, Duration latencyBudget) {
        return size(payloadBytes, latencyBudget, Duration.ZERO);
    }

    /**
     * @throws InvalidPlanInputException for a non-positive size or budget, a negative setup allowance, or an
     *                                   allowance that leaves no time for the transfer (allowance ≥ budget)
     */
    public TransferSizing size(long payloadBytes, Duration latencyBudget, Duration setupAllowance) {
        requirePositiveSize(payloadBytes);
        Duration window = transferWindow(latencyBudget, setupAllowance);
        BigDecimal payloadBitNanos = BigDecimal.valueOf(payloadBytes).multiply(BITS_PER_BYTE).multiply(NANOS_PER_SECOND);
        BigDecimal windowNanos = nanos(window);
        // Each rate is one exact quotient rounded up once, so that no intermediate rounding inflates the GBR.
        BitRate payloadRate = BitRate.ofBitsPerSecond(
                payloadBitNanos.divide(windowNanos, 0, RoundingMode.CEILING));
        BitRate requestedGbrDl = BitRate.ofBitsPerSecond(
                payloadBitNanos.multiply(overhead.factor()).divide(windowNanos, 0, RoundingMode.CEILING));
        BitRate requestedGbrUl = BitRate.ofBitsPerSecond(
                wholeUp(requestedGbrDl.bitsPerSecond().multiply(overhead.uplinkAckRatio())));
        BigDecimal wireBytesDl = wholeUp(BigDecimal.valueOf(payloadBytes).multiply(overhead.factor()));
        BigDecimal wireBytesUl = wholeUp(wireBytesDl.multiply(overhead.uplinkAckRatio()));
        return new TransferSizing(payloadBytes, latencyBudget, setupAllowance,
                payloadRate, overhead,
                requestedGbrDl, requestedGbrUl, wireBytesDl.longValueExact(), wireBytesUl.longValueExact());
    }

    /**
     * The shortest latency budget, in whole milliseconds, within which a GBR of {@code gbrDl} carries the
     * payload with its overhead, plus the setup allowance: the inverse of {@link #size}.
     */
    public Duration budgetNeeded(long payloadBytes, BitRate gbrDl, Duration setupAllowance) {
        requirePositiveSize(payloadBytes);
        Objects.requireNonNull(gbrDl, "gbrDl");
        if (!gbrDl.isPositive()) {
            throw new InvalidPlanInputException("gbrDl", "must be positive, was " + gbrDl);
        }
        BigDecimal wireBits = BigDecimal.valueOf(payloadBytes).multiply(BITS_PER_BYTE).multiply(overhead.factor());
        BigDecimal millis = wireBits.multiply(MILLIS_PER_SECOND)
                .divide(gbrDl.bitsPerSecond(), 0, RoundingMode.CEILING);
        return setupAllowance.plusMillis(millis.longValueExact());
    }

    private static Duration transferWindow(Duration latencyBudget, Duration setupAllowance) {
        Objects.requireNonNull(latencyBudget, "latencyBudget");
        Objects.requireNonNull(setupAllowance, "setupAllowance");
        if (latencyBudget.isNegative() || latencyBudget.isZero()) {
            throw new InvalidPlanInputException("latencyBudget", "must be positive, was " + latencyBudget);
        }
        if (setupAllowance.isNegative()) {
            throw new InvalidPlanInputException("setupAllowance", "must not be negative, was " + setupAllowance);
        }
        if (setupAllowance.compareTo(latencyBudget) >= 0) {
            throw new InvalidPlanInputException("setupAllowance", "must be shorter than the latency budget ("
                    + latencyBudget.toMillis() + " ms), was " + setupAllowance.toMillis() + " ms");
        }
        return latencyBudget.minus(setupAllowance);
    }

    private static void requirePositiveSize(long payloadBytes) {
        if (payloadBytes <= 0) {
            throw new InvalidPlanInputException("sizeBytes", "must be positive, was " + payloadBytes);
        }
    }

    /** Exact nanoseconds; {@code Duration.toNanos()} overflows beyond 292 years. */
    private static BigDecimal nanos(Duration duration) {
        return BigDecimal.valueOf(duration.getSeconds()).scaleByPowerOfTen(9).add(BigDecimal.valueOf(duration.getNano()));
    }

    private static BigDecimal wholeUp(BigDecimal value) {
        return value.setScale(0, RoundingMode.CEILING);
    }
}
