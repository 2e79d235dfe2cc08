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
    /** Crash points count only after the start-up reconciliation: its own deletes must not trip them. */
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
