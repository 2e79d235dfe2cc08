package io.modelqos.nef.emulator;

import io.modelqos.openapi.t8.model.AccumulatedUsage;
import java.util.concurrent.TimeUnit;

/**
 * Simulated traffic of one session: volume grows at the rate currently delivered (granted rate,
 * or the degraded one during an episode), integrated piecewise between rate changes, and the
 * downlink stops at its limit when the fault plan sets one. Times are {@link System#nanoTime()} values.
 */
final class UsageMeter {

    private final long startNanos;
    private long markNanos;
    private double dlBytesAtMark;
    private double ulBytesAtMark;
    private long dlBps;
    private long ulBps;
    private double dlLimit = Double.MAX_VALUE;

    UsageMeter(long startNanos) {
        this.startNanos = startNanos;
        this.markNanos = startNanos;
    }

    /** The downlink stops after {@code bytes} (null: no limit). */
    synchronized void limitDownlink(Long bytes) {
        dlLimit = bytes == null ? Double.MAX_VALUE : bytes;
    }

    synchronized void setRate(long nowNanos, long dlBps, long ulBps) {
        dlBytesAtMark = downlinkBytesAt(nowNanos);
        ulBytesAtMark = uplinkBytesAt(nowNanos);
        markNanos = nowNanos;
        this.dlBps = dlBps;
        this.ulBps = ulBps;
    }

    synchronized long dlBps() {
        return dlBps;
    }

    synchronized long downlinkBytes(long nowNanos) {
        return (long) downlinkBytesAt(nowNanos);
    }

    synchronized long uplinkBytes(long nowNanos) {
        return (long) uplinkBytesAt(nowNanos);
    }

    long durationSeconds(long nowNanos) {
        return TimeUnit.NANOSECONDS.toSeconds(nowNanos - startNanos);
    }

    /**
     * Milliseconds from {@code nowNanos} until the downlink volume reaches {@code bytes} at the
     * current rate; {@code Long.MAX_VALUE} if it never will.
     */
    synchronized long millisUntilDownlink(long bytes, long nowNanos) {
        double missing = bytes - downlinkBytesAt(nowNanos);
        if (missing <= 0) {
            return 0;
        }
        return dlBps == 0 || bytes > dlLimit ? Long.MAX_VALUE : (long) Math.ceil(missing * 8 * 1000 / dlBps);
    }

    /** Milliseconds until the total (DL + UL) volume reaches {@code bytes}. */
    synchronized long millisUntilTotal(long bytes, long nowNanos) {
        double missing = bytes - downlinkBytesAt(nowNanos) - uplinkBytesAt(nowNanos);
        if (missing <= 0) {
            return 0;
        }
        long rate = (downlinkBytesAt(nowNanos) < dlLimit ? dlBps : 0) + ulBps;
        return rate == 0 ? Long.MAX_VALUE : (long) Math.ceil(missing * 8 * 1000 / rate);
    }

    /** Milliseconds until the uplink volume reaches {@code bytes}. */
    synchronized long millisUntilUplink(long bytes, long nowNanos) {
        double missing = bytes - uplinkBytesAt(nowNanos);
        if (missing <= 0) {
            return 0;
        }
        return ulBps == 0 ? Long.MAX_VALUE : (long) Math.ceil(missing * 8 * 1000 / ulBps);
    }

    /** The TS 29.122 AccumulatedUsage since the session started. */
    synchronized AccumulatedUsage accumulatedUsage(long nowNanos) {
        long dl = (long) downlinkBytesAt(nowNanos);
        long ul = (long) uplinkBytesAt(nowNanos);
        return new AccumulatedUsage()
                .duration((int) Math.min(Integer.MAX_VALUE, durationSeconds(nowNanos)))
                .downlinkVolume(dl)
                .uplinkVolume(ul)
                .totalVolume(dl + ul);
    }

    private double downlinkBytesAt(long nowNanos) {
        return Math.min(dlLimit, dlBytesAtMark + dlBps / 8.0 * Math.max(0, nowNanos - markNanos) / 1e9);
    }

    private double uplinkBytesAt(long nowNanos) {
        return ulBytesAtMark + ulBps / 8.0 * Math.max(0, nowNanos - markNanos) / 1e9;
    }
}
