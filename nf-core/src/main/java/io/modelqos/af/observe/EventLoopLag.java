package io.modelqos.af.observe;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Measures how late the AF's event loops run: a timer on each, every {@value #PERIOD_MS} ms, records how much later
 * than due it ran ({@code modelqos_event_loop_lag_seconds}). Lag is what every request and notification on that loop
 * waits on top of its own work; the blocked-thread checker only reports the single tasks over its limit.
 */
public final class EventLoopLag {
    static final long PERIOD_MS = 100;

    private final Vertx vertx;
    private final List<Long> timers = new CopyOnWriteArrayList<>();
    private volatile boolean stopped;

    private EventLoopLag(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Starts measuring the event loops of {@code contexts} (one timer on each). */
    public static EventLoopLag watch(Vertx vertx, List<Context> contexts, AfMetrics metrics) {
        EventLoopLag lag = new EventLoopLag(vertx);
        for (Context context : contexts) {
            context.runOnContext(v -> lag.tick(metrics, System.nanoTime() + PERIOD_MS * 1_000_000));
        }
        return lag;
    }

    /** Arms the next measurement on the current context: due at {@code dueNanos}. */
    private void tick(AfMetrics metrics, long dueNanos) {
        if (stopped) {
            return;
        }
        long timer = vertx.setTimer(PERIOD_MS, id -> {
            timers.remove(id);
            long late = System.nanoTime() - dueNanos;
            metrics.eventLoopLag(Duration.ofNanos(Math.max(0, late)));
            tick(metrics, System.nanoTime() + PERIOD_MS * 1_000_000);
        });
        timers.add(timer);
    }

    public void stop() {
        stopped = true;
        for (Long timer : timers) {
            vertx.cancelTimer(timer);
        }
        timers.clear();
    }
}
