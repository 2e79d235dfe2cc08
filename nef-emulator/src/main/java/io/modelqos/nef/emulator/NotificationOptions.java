package io.modelqos.nef.emulator;

/**
 * Timing of the notifications the emulator sends to the AF, and how it retries them.
 */
public class NotificationOptions {

    private long allocationDelayMs = 20;
    private long monitoringPeriodMs = 200;
    private double rateNoise = 0.02;
    private int maxAttempts = 4;
    private long initialBackoffMs = 50;
    private long maxBackoffMs = 1000;
    private long requestTimeoutMs = 2000;

    public long getAllocationDelayMs() {
        return allocationDelayMs;
    }

    /** Delay between the 201 and SUCCESSFUL/FAILED_RESOURCES_ALLOCATION (default 20 ms). */
    public NotificationOptions setAllocationDelayMs(long ms) {
        this.allocationDelayMs = nonNegative(ms, "allocationDelayMs");
        return this;
    }

    public long getMonitoringPeriodMs() {
        return monitoringPeriodMs;
    }

    /**
     * Period of QOS_MONITORING reports when the subscription gives no {@code repPeriod}
     * (default 200 ms); a {@code repPeriod} (seconds) of the subscription wins.
     */
    public NotificationOptions setMonitoringPeriodMs(long ms) {
        if (ms < 10) {
            throw new IllegalArgumentException("notifications.monitoringPeriodMs must be >= 10");
        }
        this.monitoringPeriodMs = ms;
        return this;
    }

    public double getRateNoise() {
        return rateNoise;
    }

    /** Relative noise on reported data rates: uniform in +/- this fraction (default 0.02). */
    public NotificationOptions setRateNoise(double rateNoise) {
        if (!(rateNoise >= 0 && rateNoise < 1)) {
            throw new IllegalArgumentException("notifications.rateNoise must be in [0, 1)");
        }
        this.rateNoise = rateNoise;
        return this;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    /** Attempts per notification, first one included (default 4). */
    public NotificationOptions setMaxAttempts(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("notifications.maxAttempts must be >= 1");
        }
        this.maxAttempts = maxAttempts;
        return this;
    }

    public long getInitialBackoffMs() {
        return initialBackoffMs;
    }

    /** Wait before the first retry; doubled per retry up to {@link #getMaxBackoffMs()}. */
    public NotificationOptions setInitialBackoffMs(long ms) {
        this.initialBackoffMs = nonNegative(ms, "initialBackoffMs");
        return this;
    }

    public long getMaxBackoffMs() {
        return maxBackoffMs;
    }

    public NotificationOptions setMaxBackoffMs(long ms) {
        this.maxBackoffMs = nonNegative(ms, "maxBackoffMs");
        return this;
    }

    public long getRequestTimeoutMs() {
        return requestTimeoutMs;
    }

    /** Timeout of one notification POST (default 2000 ms). */
    public NotificationOptions setRequestTimeoutMs(long ms) {
        if (ms < 1) {
            throw new IllegalArgumentException("notifications.requestTimeoutMs must be >= 1");
        }
        this.requestTimeoutMs = ms;
        return this;
    }

    private static long nonNegative(long v, String what) {
        if (v < 0) {
            throw new IllegalArgumentException("notifications." + what + " must be >= 0");
        }
        return v;
    }
}
