package io.modelqos.crash;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A crash point of the AF process: at the n-th crossing of the chosen point (once armed) it prints
 * {@code CRASHPOINT <point> <detail>} and stops the calling event loop dead, so that the test kills the process
 * (SIGKILL) in exactly that state.
 */
final class CrashPoint {
    private final String point;
    private final int at;
    private final AtomicInteger crossings = new AtomicInteger();
    /**
     * Crash points count only once the test arms them, after its check of the started AF: the AF's own start-up work
     * (the reconciliation, the release of deliveries that expired while it was down) must not trip them. Armed after
     * the reconciliation only, an expiry's delete once froze an AF during that check.
     */
    private volatile boolean armed;

    CrashPoint(String point, int at) {
        this.point = point == null ? "none" : point;
        this.at = at;
    }

    void arm() {
        armed = true;
    }

    void maybeCrash(String here, Object detail) {
        if (armed && point.equals(here) && crossings.incrementAndGet() == at) {
            System.out.println("CRASHPOINT " + here + " " + detail);
            System.out.flush();
            while (true) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    // Keep the event loop stopped until the test kills the process.
                }
            }
        }
    }
}
