package io.modelqos.af.sizing;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * How many bytes the network carries per model byte: downlink IP bytes per payload byte
 * ({@code factor}), and uplink IP bytes per downlink IP byte ({@code uplinkAckRatio}, the TCP ACKs).
 *
 * <p>{@link #DEFAULT} is derived in {@link ProtocolFraming}: factor 1.037873 for HTTP/2 over TLS 1.3 over
 * TCP (timestamps) over IPv4 with MTU 1500, uplink ratio 0.017334.
 *
 * @param factor         at least 1
 * @param uplinkAckRatio not negative
 */
public record TransportOverhead(BigDecimal factor, BigDecimal uplinkAckRatio) {

    public static final TransportOverhead DEFAULT = ProtocolFraming.HTTP2_TLS13_TCP_IPV4.toOverhead();

    public TransportOverhead {
        Objects.requireNonNull(factor, "factor");
        Objects.requireNonNull(uplinkAckRatio, "uplinkAckRatio");
        if (factor.compareTo(BigDecimal.ONE) < 0) {
            throw new InvalidPlanInputException("factor", "must be at least 1, was " + factor.toPlainString());
        }
        if (uplinkAckRatio.signum() < 0) {
            throw new InvalidPlanInputException("uplinkAckRatio", "must not be negative, was " + uplinkAckRatio);
        }
    }

    /** A configured factor, keeping the default uplink ratio. */
    public static TransportOverhead ofFactor(BigDecimal factor) {
        return new TransportOverhead(factor, DEFAULT.uplinkAckRatio());
    }
}
