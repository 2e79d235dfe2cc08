package io.modelqos.af.delivery;

/**
 * Accounts the downlink rate a delivery achieved, from the best source there is: what the model server
 * measured while sending (progress reports), else the NEF's QoS-monitoring data-rate reports, else the
 * NEF's usage reports.
 */
public final class RateAccount {
    private long progressBytes;
    private long progressElapsedMs;
    private boolean complete;
    /** Whether the model server sent any progress report (even of 0 bytes: it has begun). */
    private boolean started;
    private long monitoredSamples;
    private double monitoredMeanBps;
    private long lastMonitoredBps;
    private NetworkUsage usage;

    /** A progress report: cumulative bytes sent and time since the first byte. */
    public void progress(long bytes, long elapsedMs, boolean complete) {
        this.started = true;
        this.progressBytes = Math.max(this.progressBytes, bytes);
        this.progressElapsedMs = Math.max(this.progressElapsedMs, elapsedMs);
        this.complete |= complete;
    }

    /** A downlink data-rate measurement from the NEF (QOS_MONITORING). */
    public void monitored(long dlBitsPerSecond) {
        monitoredSamples++;
        monitoredMeanBps += (dlBitsPerSecond - monitoredMeanBps) / monitoredSamples;
        lastMonitoredBps = dlBitsPerSecond;
    }

    /** Volumes reported by the NEF (USAGE_REPORT or the final report). */
    public void usage(NetworkUsage usage) {
        this.usage = usage;
    }

    /** The achieved downlink rate in bit/s, or null while nothing was measured. */
    public Long dlRateBps() {
        if (progressElapsedMs > 0 && progressBytes > 0) {
            return Math.round(progressBytes * 8_000.0 / progressElapsedMs);
        }
        if (monitoredSamples > 0) {
            return Math.round(monitoredMeanBps);
        }
        if (usage != null && usage.downlinkVolume() != null && usage.durationS() != null && usage.durationS() > 0) {
            return Math.round(usage.downlinkVolume() * 8.0 / usage.durationS());
        }
        return null;
    }

    public Long bytes() {
        if (progressBytes > 0) {
            return progressBytes;
        }
        return usage == null ? null : usage.downlinkVolume();
    }

    public Long durationMs() {
        if (progressElapsedMs > 0) {
            return progressElapsedMs;
        }
        return usage == null || usage.durationS() == null ? null : usage.durationS() * 1000;
    }

    /** Whether the model server has begun: it reported progress (of any bytes, or the end). */
    public boolean started() {
        return started || progressBytes > 0 || complete;
    }

    /** The raw flag of a progress report received, as stored (see {@link #started()}). */
    public boolean startedFlag() {
        return started;
    }

    /** Whether the model server reported the whole model sent. */
    public boolean complete() {
        return complete;
    }

    /** Whether the completed transfer met the budget; null until the model server reported completion. */
    public Boolean withinBudget(long latencyBudgetMs) {
        return complete ? progressElapsedMs <= latencyBudgetMs : null;
    }

    public long lastMonitoredBps() {
        return lastMonitoredBps;
    }

    public NetworkUsage usage() {
        return usage;
    }

    public long progressBytes() {
        return progressBytes;
    }

    public long progressElapsedMs() {
        return progressElapsedMs;
    }

    public long monitoredSamples() {
        return monitoredSamples;
    }

    public double monitoredMeanBps() {
        return monitoredMeanBps;
    }

    /** Restores an account from stored figures (for a store that persists deliveries). */
    public static RateAccount restore(long progressBytes, long progressElapsedMs, boolean complete, long monitoredSamples,
                                      double monitoredMeanBps, long lastMonitoredBps, NetworkUsage usage) {
        return restore(progressBytes, progressElapsedMs, complete, false, monitoredSamples, monitoredMeanBps,
                lastMonitoredBps, usage);
    }

    /** Restores an account from stored figures, with whether the model server had begun. */
    public static RateAccount restore(long progressBytes, long progressElapsedMs, boolean complete, boolean started,
                                      long monitoredSamples, double monitoredMeanBps, long lastMonitoredBps,
                                      NetworkUsage usage) {
        RateAccount r = new RateAccount();
        r.started = started;
        r.progressBytes = progressBytes;
        r.progressElapsedMs = progressElapsedMs;
        r.complete = complete;
        r.monitoredSamples = monitoredSamples;
        r.monitoredMeanBps = monitoredMeanBps;
        r.lastMonitoredBps = lastMonitoredBps;
        r.usage = usage;
        return r;
    }
}
