package io.modelqos.af.sizing;

import io.modelqos.qos.BitRate;

import java.time.Duration;
import java.util.Objects;

/**
 * The rates one transfer needs: the payload rate (model bytes × 8 / transfer window) and the guaranteed bit
 * rate to request, which adds the transport overhead. The transfer window is the latency budget minus the
 * setup allowance.
 *
 * @param payloadBytes     model size in bytes
 * @param latencyBudget    time from request to model fully received
 * @param setupAllowance   part of the budget spent before the first byte (QoS setup, TCP/TLS handshakes)
 * @param payloadRate      model bits / transfer window, rounded up to a whole bit/s
 * @param overhead         the transport overhead applied
 * @param requestedGbrDl   payload rate × overhead factor, rounded up to a whole bit/s
 * @param requestedGbrUl   requested DL GBR × uplink ACK ratio, rounded up to a whole bit/s
 * @param wireBytesDl      downlink IP bytes of the transfer, rounded up
 * @param wireBytesUl      uplink IP bytes (ACKs) of the transfer, rounded up
 */
public record TransferSizing(long payloadBytes, Duration latencyBudget, Duration setupAllowance,
                             BitRate payloadRate, TransportOverhead overhead,
                             BitRate requestedGbrDl, BitRate requestedGbrUl,
                             long wireBytesDl, long wireBytesUl) {

    public TransferSizing {
        Objects.requireNonNull(latencyBudget, "latencyBudget");
        Objects.requireNonNull(setupAllowance, "setupAllowance");
        Objects.requireNonNull(payloadRate, "payloadRate");
        Objects.requireNonNull(overhead, "overhead");
        Objects.requireNonNull(requestedGbrDl, "requestedGbrDl");
        Objects.requireNonNull(requestedGbrUl, "requestedGbrUl");
    }

    /** The time the bytes themselves have: budget minus setup allowance. */
    public Duration transferWindow() {
        return latencyBudget.minus(setupAllowance);
    }
}
