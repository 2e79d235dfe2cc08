package io.modelqos.af.sizing;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProtocolFramingTest {

    private static final ProtocolFraming DEFAULT = ProtocolFraming.HTTP2_TLS13_TCP_IPV4;

    @Test
    void defaultFactorIsTheProductOfTheThreeFramingRatiosRoundedUp() {
        MathContext exact = MathContext.DECIMAL128;
        BigDecimal http2 = ratio(16384 + 9, 16384, exact);
        BigDecimal tls = ratio(16384 + 5 + 1 + 16, 16384, exact);
        BigDecimal tcpIp = ratio(1500, 1500 - 20 - 20 - 12, exact);
        BigDecimal product = http2.multiply(tls, exact).multiply(tcpIp, exact);

        assertEquals(new BigDecimal("1.037873"), product.setScale(6, RoundingMode.CEILING));
        assertEquals(new BigDecimal("1.037873"), DEFAULT.overheadFactor());
        assertEquals(new BigDecimal("1.037873"), TransportOverhead.DEFAULT.factor());
        assertEquals(1448, DEFAULT.mssBytes());
    }

    /**
     * Verifies the factor against a byte count of a 1 GB download cut into HTTP/2 frames, TLS records and TCP
     * segments, each partial unit rounded up.
     */
    @Test
    void factorMatchesTheBytesOfAFramedDownload() {
        long payload = 1_000_000_000L;
        long http2Bytes = payload + 9 * ceilDiv(payload, 16384);
        long tlsBytes = http2Bytes + 22 * ceilDiv(http2Bytes, 16384);
        long ipBytes = tlsBytes + 52 * ceilDiv(tlsBytes, 1448);
        BigDecimal counted = BigDecimal.valueOf(ipBytes).divide(BigDecimal.valueOf(payload), MathContext.DECIMAL64);

        BigDecimal difference = DEFAULT.overheadFactor().subtract(counted).abs();
        assertTrue(difference.compareTo(new BigDecimal("0.000002")) < 0, "counted " + counted);
    }

    @Test
    void uplinkAckRatioIsOneAckPerTwoFullSegments() {
        assertEquals(new BigDecimal("0.017334"), DEFAULT.uplinkAckRatio()); // 52 / 3000 = 0.0173333..., up
    }

    @Test
    void ipv6HeadersCostMore() {
        ProtocolFraming ipv6 = new ProtocolFraming(1500, 40, 20, 12, 16384, 22, 16384, 9, 2);
        assertEquals(1428, ipv6.mssBytes());
        assertTrue(ipv6.overheadFactor().compareTo(DEFAULT.overheadFactor()) > 0);
    }

    @Test
    void rejectsAnMtuWithoutRoomForPayload() {
        assertThrows(IllegalArgumentException.class, () -> new ProtocolFraming(52, 20, 20, 12, 16384, 22, 16384, 9, 2));
    }

    @Test
    void rejectsAConfiguredFactorBelowOneNamingIt() {
        InvalidPlanInputException e = assertThrows(InvalidPlanInputException.class,
                () -> TransportOverhead.ofFactor(new BigDecimal("0.99")));
        assertEquals("factor", e.field());
    }

    private static BigDecimal ratio(long numerator, long denominator, MathContext context) {
        return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), context);
    }

    private static long ceilDiv(long dividend, long divisor) {
        return (dividend + divisor - 1) / divisor;
    }
}
