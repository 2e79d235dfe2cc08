package io.modelqos.af.observe;

import io.vertx.core.Future;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A check of a peer (the NEF) that is made at most once per interval: readiness probes come from every load balancer
 * and orchestrator that watches the AF, often every second each, and each would otherwise be a request to the NEF.
 * Probes within the interval get the last result; a probe while a check is under way waits for that check.
 */
public final class ThrottledCheck {
    private final Supplier<Future<Void>> check;
    private final Duration interval;
    private final Clock clock;
    private Future<Void> last;
    private long lastStartedMs;

    public ThrottledCheck(Supplier<Future<Void>> check, Duration interval, Clock clock) {
        this.check = check;
        this.interval = interval;
        this.clock = clock;
    }

    /** The latest check's outcome, made now if the last one started longer than the interval ago. */
    public synchronized Future<Void> get() {
        long now = clock.millis();
        if (last == null || last.isComplete() && now - lastStartedMs >= interval.toMillis()) {
            lastStartedMs = now;
            last = check.get();
        }
        return last;
    }
}
