package io.modelqos.af.sizing;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * The framing a model download crosses on its way down (HTTP/2 over TLS over TCP over IP), from which the
 * ratio of IP bytes to model bytes follows. A 5G QoS flow's bit rates count the IP packets of the PDU
 * session, so a guaranteed bit rate must cover those bytes, not only the model's.
 *
 * <p>For a long transfer every layer adds a fixed header per fixed-size unit, so the overhead factor is the
 * product of three ratios:
 * <pre>
 *   HTTP/2 DATA frames:  (16384 + 9) / 16384           = 1.000549  (9-byte frame header per 16384-byte payload)
 *   TLS 1.3 records:     (16384 + 5 + 1 + 16) / 16384  = 1.001343  (header, inner content type, AEAD tag)
 *   TCP/IPv4 segments:   1500 / (1500 - 20 - 20 - 12)  = 1.035912  (MSS 1448 with the timestamp option)
 *   product                                            = 1.0378724...  -> 1.037873 (rounded up)
 * </pre>
 * Not counted, because they are per connection rather than per byte or travel uplink: the TCP and TLS
 * handshakes, HTTP headers, WINDOW_UPDATE frames and TCP acknowledgements (the last give the uplink
 * ratio, {@link #uplinkAckRatio()}: one 52-byte ACK per {@code segmentsPerAck} full segments).
 *
 * @param mtuBytes                  IP packet size on the path
 * @param ipHeaderBytes             IPv4 20, IPv6 40
 * @param tcpHeaderBytes            20
 * @param tcpOptionBytes            12 for the timestamp option (RFC 7323) as Linux sends it
 * @param tlsMaxPlaintextBytes      TLS 1.3 record plaintext limit, 2^14
 * @param tlsRecordOverheadBytes    5 (record header) + 1 (inner content type) + 16 (AES-GCM / ChaCha20 tag)
 * @param http2MaxFramePayloadBytes default SETTINGS_MAX_FRAME_SIZE, 2^14
 * @param http2FrameHeaderBytes     9
 * @param segmentsPerAck            2: delayed ACKs acknowledge at least every second full segment (RFC 5681)
 */
public record ProtocolFraming(int mtuBytes, int ipHeaderBytes, int tcpHeaderBytes, int tcpOptionBytes,
                              int tlsMaxPlaintextBytes, int tlsRecordOverheadBytes,
                              int http2MaxFramePayloadBytes, int http2FrameHeaderBytes, int segmentsPerAck) {

    /** Digits kept when the exact ratios are rounded (up) into a {@link TransportOverhead}. */
    public static final int FACTOR_SCALE = 6;

    /** HTTP/2 over TLS 1.3 over TCP with timestamps over IPv4, MTU 1500. */
    public static final ProtocolFraming HTTP2_TLS13_TCP_IPV4 =
            new ProtocolFraming(1500, 20, 20, 12, 16384, 5 + 1 + 16, 16384, 9, 2);

    public ProtocolFraming {
        if (mtuBytes <= ipHeaderBytes + tcpHeaderBytes + tcpOptionBytes) {
            throw new IllegalArgumentException("mtuBytes " + mtuBytes + " leaves no room for TCP payload");
        }
        if (ipHeaderBytes < 0 || tcpHeaderBytes < 0 || tcpOptionBytes < 0 || tlsRecordOverheadBytes < 0
                || http2FrameHeaderBytes < 0) {
            throw new IllegalArgumentException("header sizes must not be negative");
        }
        if (tlsMaxPlaintextBytes <= 0 || http2MaxFramePayloadBytes <= 0 || segmentsPerAck <= 0) {
            throw new IllegalArgumentException("record, frame and ACK spacing sizes must be positive");
        }
    }

    /** TCP payload per IP packet. */
    public int mssBytes() {
        return mtuBytes - ipHeaderBytes - tcpHeaderBytes - tcpOptionBytes;
    }

    /** IP bytes per model byte, rounded up to {@link #FACTOR_SCALE} decimals. */
    public BigDecimal overheadFactor() {
        BigInteger numerator = BigInteger.valueOf(http2MaxFramePayloadBytes + http2FrameHeaderBytes)
                .multiply(BigInteger.valueOf(tlsMaxPlaintextBytes + tlsRecordOverheadBytes))
                .multiply(BigInteger.valueOf(mtuBytes));
        BigInteger denominator = BigInteger.valueOf(http2MaxFramePayloadBytes)
                .multiply(BigInteger.valueOf(tlsMaxPlaintextBytes))
                .multiply(BigInteger.valueOf(mssBytes()));
        return new BigDecimal(numerator).divide(new BigDecimal(denominator), FACTOR_SCALE, RoundingMode.CEILING);
    }

    /** Uplink IP bytes (TCP ACKs) per downlink IP byte, rounded up to {@link #FACTOR_SCALE} decimals. */
    public BigDecimal uplinkAckRatio() {
        int ackBytes = ipHeaderBytes + tcpHeaderBytes + tcpOptionBytes;
        return BigDecimal.valueOf(ackBytes)
                .divide(BigDecimal.valueOf((long) segmentsPerAck * mtuBytes), FACTOR_SCALE, RoundingMode.CEILING);
    }

    public TransportOverhead toOverhead() {
        return new TransportOverhead(overheadFactor(), uplinkAckRatio());
    }
}
