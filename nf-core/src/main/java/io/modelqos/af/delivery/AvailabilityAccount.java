package io.modelqos.af.delivery;

import java.time.Instant;

/**
 * Accounts the time a delivery spends with and without the network's QoS guarantee, from the grant
 * until the delivery ends. The achieved availability is the guaranteed share of that time, the way
 * TS 22.261 defines communication service availability (time the agreed QoS is delivered over the time
 * it should be).
 *
 * <p>Not thread-safe: a delivery is only touched from its owner's context.
 */
public final class AvailabilityAccount {
    private long guaranteedMs;
    private long notGuaranteedMs;
    private Instant since;
    private boolean guaranteed;
    private boolean running;

    /** Starts the clock at the grant, with the QoS guaranteed. Later calls are ignored. */
    public void start(Instant at) {
        if (!running && since == null) {
            since = at;
            guaranteed = true;
            running = true;
        }
    }

    /** The network reports the QoS is no longer guaranteed (QOS_NOT_GUARANTEED). */
    public void lost(Instant at) {
        switchTo(false, at);
    }

    /** The network reports the QoS is guaranteed again (QOS_GUARANTEED). */
    public void restored(Instant at) {
        switchTo(true, at);
    }

    /** Stops the clock at the end of the delivery. */
    public void stop(Instant at) {
        if (running) {
            accrue(at);
            running = false;
        }
    }

    public boolean isGuaranteed() {
        return running ? guaranteed : guaranteed && since != null;
    }

    public long guaranteedMs(Instant now) {
        return guaranteedMs + (running && guaranteed ? elapsed(now) : 0);
    }

    public long notGuaranteedMs(Instant now) {
        return notGuaranteedMs + (running && !guaranteed ? elapsed(now) : 0);
    }

    /** The guaranteed share of the accounted time, or null before any time was accounted. */
    public Double availability(Instant now) {
        long good = guaranteedMs(now);
        long bad = notGuaranteedMs(now);
        if (good + bad == 0) {
            return since == null ? null : (guaranteed ? 1.0 : 0.0);
        }
        return (double) good / (good + bad);
    }

    private void switchTo(boolean nowGuaranteed, Instant at) {
        if (!running) {
            if (since == null) {
                // A QoS report before the grant was seen: start the clock in the reported state.
                since = at;
                running = true;
                guaranteed = nowGuaranteed;
            }
            return;
        }
        if (guaranteed != nowGuaranteed) {
            accrue(at);
            guaranteed = nowGuaranteed;
        }
    }

    private void accrue(Instant at) {
        long ms = elapsed(at);
        if (guaranteed) {
            guaranteedMs += ms;
        } else {
            notGuaranteedMs += ms;
        }
        since = at.isAfter(since) ? at : since;
    }

    private long elapsed(Instant now) {
        return Math.max(0, now.toEpochMilli() - since.toEpochMilli());
    }

    /** The stored figures, as {@link #restore} takes them back: time accrued up to {@link #since()}. */
    public long accruedGuaranteedMs() {
        return guaranteedMs;
    }

    /** See {@link #accruedGuaranteedMs()}. */
    public long accruedNotGuaranteedMs() {
        return notGuaranteedMs;
    }

    /** When the current (unaccrued) period started, or null before the grant. */
    public Instant since() {
        return since;
    }

    /** Whether the clock is running (between the grant and the end). */
    public boolean running() {
        return running;
    }

    /** Whether the current period is guaranteed (raw flag, as stored). */
    public boolean guaranteedFlag() {
        return guaranteed;
    }

    /** Restores an account from stored figures (for a store that persists deliveries). */
    public static AvailabilityAccount restore(long guaranteedMs, long notGuaranteedMs, Instant since,
                                              boolean guaranteed, boolean running) {
        AvailabilityAccount a = new AvailabilityAccount();
        a.guaranteedMs = guaranteedMs;
        a.notGuaranteedMs = notGuaranteedMs;
        a.since = since;
        a.guaranteed = guaranteed;
        a.running = running;
        return a;
    }
}
