package io.modelqos.bench;

import java.util.Arrays;

/**
 * Latency samples in nanoseconds, bounded in number, with nearest-rank percentiles. Recording is synchronized:
 * the load generator records from several event-loop threads, at most some tens of thousands of times a second.
 */
public final class Latencies {
    private final int capacity;
    private long[] samples = new long[1024];
    private int size;
    private long dropped;

    /** @param capacity the most samples kept; later ones are counted as dropped (the bench's memory stays bounded) */
    public Latencies(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    public synchronized void record(long nanos) {
        if (size == capacity) {
            dropped++;
            return;
        }
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, Math.min(capacity, samples.length * 2));
        }
        samples[size++] = nanos;
    }

    public synchronized int count() {
        return size;
    }

    public synchronized long dropped() {
        return dropped;
    }

    /** A sorted copy of the samples. */
    public synchronized long[] sorted() {
        long[] copy = Arrays.copyOf(samples, size);
        Arrays.sort(copy);
        return copy;
    }

    /** The p-th percentile (0 < p <= 100) in nanoseconds, by the nearest-rank method; NaN without samples. */
    public double percentileNanos(double p) {
        return percentile(sorted(), p);
    }

    public double percentileMillis(double p) {
        return percentileNanos(p) / 1e6;
    }

    /**
     * Nearest rank: the smallest sample such that at least p % of the samples are at or below it, i.e. the
     * sample at 1-based rank ceil(p / 100 * n).
     */
    public static double percentile(long[] sorted, double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be within (0, 100], was " + p);
        }
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(1, Math.min(sorted.length, rank)) - 1];
    }
}
