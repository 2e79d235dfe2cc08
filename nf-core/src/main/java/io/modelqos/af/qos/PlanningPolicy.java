package io.modelqos.af.qos;

import io.modelqos.qos.PacketErrorRate;
import io.modelqos.af.sizing.TransferSizing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Objects;

/**
 * The rules that turn a budget and an availability target into QoS parameters.
 *
 * <ul>
 *   <li><b>PDB</b> at most {@code pdbPercentOfBudget} % of the latency budget (default 10 %, at least
 *       1 ms): the last packet may arrive up to one PDB after the transfer window, so a PDB well within the
 *       budget keeps that tail small (100 ms budget: PDB ≤ 10 ms; 33 ms: ≤ 3 ms). Include the PDB in the
 *       setup allowance for a strict bound.</li>
 *   <li><b>PER</b> at most (1 − availability) / 10^{@code perMarginDecades} (default one decade: 99.999 %
 *       gives 1E-6). PER is a link-layer loss rate after HARQ/RLC, not an availability: TCP recovers
 *       residual losses at the cost of a round trip. Keeping the chance that any packet needs such a
 *       recovery a decade below the transfer failure budget (1 − availability) leaves the rest of that budget
 *       to what dominates it in practice - admission, mobility and outages, which GBR admission, ARP and
 *       alternative QoS address. Below 1E-9 the TS 29.571 form cannot go; the planner then asks for
 *       1E-9.</li>
 *   <li><b>Averaging window</b> the transfer window in whole ms, within 1..4095: a rate averaged over the
 *       default 2000 ms could meet the GBR while a 100 ms download misses its deadline.</li>
 *   <li><b>Usage threshold</b> the transfer's IP bytes plus {@code usageMarginPercent} % (default 10 %:
 *       retransmissions, handshakes, headers not in the overhead factor).</li>
 *   <li><b>qosDuration</b> the start window (the time the model server has from the grant to its first byte),
 *       the latency budget and {@code qosDurationMargin} (default 1 s, covering the notification of the allocation),
 *       rounded up to whole seconds.</li>
 *   <li><b>Rate report period</b> (QoS monitoring's {@code repPeriod}) a tenth of the transfer time, rounded up to whole
 *       seconds and at least {@link #MIN_RATE_REPORT_PERIOD}: about {@value #RATE_REPORTS_PER_TRANSFER} data-rate
 *       reports per transfer, however long it is, so that the network's report load follows the deliveries
 *       started, not how long they last. The transfer time is the variant's bytes at its GBR; the start window and
 *       the setup allowance before the first byte do not count, since there is no rate to report then.</li>
 * </ul>
 */
public record PlanningPolicy(int pdbPercentOfBudget, int perMarginDecades, int usageMarginPercent,
                             Duration qosDurationMargin) {

    public static final PlanningPolicy DEFAULT = new PlanningPolicy(10, 1, 10, Duration.ofSeconds(1));

    /** TS 29.571 AverWindow range. */
    public static final int MIN_AVERAGING_WINDOW_MS = 1;
    public static final int MAX_AVERAGING_WINDOW_MS = 4095;
    /** About this many data-rate reports over one transfer. */
    public static final int RATE_REPORTS_PER_TRANSFER = 10;
    /** The shortest report period asked for (TS 29.122 {@code repPeriod} is in whole seconds). */
    public static final Duration MIN_RATE_REPORT_PERIOD = Duration.ofSeconds(1);

    public PlanningPolicy {
        Objects.requireNonNull(qosDurationMargin, "qosDurationMargin");
        if (pdbPercentOfBudget < 1 || pdbPercentOfBudget > 100) {
            throw new IllegalArgumentException("pdbPercentOfBudget must be within 1..100, was " + pdbPercentOfBudget);
        }
        if (perMarginDecades < 0 || usageMarginPercent < 0 || qosDurationMargin.isNegative()) {
            throw new IllegalArgumentException("margins must not be negative");
        }
    }

    public int maxPdbMs(Duration latencyBudget) {
        long share = latencyBudget.toMillis() * pdbPercentOfBudget / 100;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, share));
    }

    public PacketErrorRate maxPer(double availability) {
        BigDecimal failureBudget = BigDecimal.ONE.subtract(BigDecimal.valueOf(availability));
        return PacketErrorRate.largestAtMost(failureBudget.scaleByPowerOfTen(-perMarginDecades))
                .orElse(PacketErrorRate.STRICTEST);
    }

    public int averagingWindowMs(Duration transferWindow) {
        long millis = transferWindow.toMillis();
        return (int) Math.max(MIN_AVERAGING_WINDOW_MS, Math.min(MAX_AVERAGING_WINDOW_MS, millis));
    }

    public UsageThreshold usageThreshold(TransferSizing sizing) {
        long downlink = withMargin(sizing.wireBytesDl());
        long uplink = withMargin(sizing.wireBytesUl());
        return new UsageThreshold(downlink + uplink, downlink, uplink);
    }

    public long qosDurationSeconds(Duration latencyBudget) {
        return qosDurationSeconds(Duration.ZERO, latencyBudget);
    }

    /** The qosDuration of a session that gives the model server {@code startWindow} before the budget begins. */
    public long qosDurationSeconds(Duration startWindow, Duration latencyBudget) {
        Duration duration = startWindow.plus(latencyBudget).plus(qosDurationMargin);
        long seconds = duration.getSeconds() + (duration.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    /**
     * The QoS-monitoring report period for a transfer of {@code transferTime}: max(1 s, ⌈transfer time / 10⌉) in
     * whole seconds.
     */
    public Duration rateReportPeriod(Duration transferTime) {
        long tenthMs = ceilDiv(Math.max(0, transferTime.toMillis()), RATE_REPORTS_PER_TRANSFER);
        long seconds = ceilDiv(tenthMs, 1000);
        return Duration.ofSeconds(Math.max(MIN_RATE_REPORT_PERIOD.toSeconds(), seconds));
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }

    private long withMargin(long bytes) {
        return BigDecimal.valueOf(bytes)
                .multiply(BigDecimal.valueOf(100L + usageMarginPercent))
                .divide(BigDecimal.valueOf(100), 0, RoundingMode.CEILING)
                .longValueExact();
    }
}
