package io.modelqos.app.demo;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * What the scenarios ran against: the AF and its embedded emulator, the capacity model, and this machine's
 * loopback.
 *
 * @param afBaseUri        the AF's base URI
 * @param nefApiRoot       the embedded emulator's apiRoot
 * @param cells            the emulator's cells
 * @param cellGbrBps       each cell's GBR admission budget
 * @param ueLimitBps       the per-UE GBR limit
 * @param overheadFactor   the AF's transport overhead factor (payload rate to GBR)
 * @param setupAllowance   the AF's setup allowance
 * @param episode          the degradation episode given to the degraded scenarios
 * @param seed             the demo's seed
 * @param probeBytes       bytes of the unshaped loopback measurement
 * @param probeNanos       how long they took
 */
public record DemoEnvironment(String afBaseUri, String nefApiRoot, int cells, long cellGbrBps, long ueLimitBps,
                              BigDecimal overheadFactor, Duration setupAllowance, DemoSettings.Episode episode,
                              long seed, long probeBytes, long probeNanos, String southbound) {

    /** What the AF asks the emulator through, as the demo's header names it. */
    public String network() {
        return "pcf".equals(southbound) ? "embedded emulator's PCF over N5 (found through its NRF and BSF)"
                : "embedded NEF emulator";
    }

    /** What this machine's loopback carried unshaped, in payload bit/s (both ends computing CRC-32). */
    public double loopbackBps() {
        return probeBytes * 8e9 / Math.max(1, probeNanos);
    }
}
