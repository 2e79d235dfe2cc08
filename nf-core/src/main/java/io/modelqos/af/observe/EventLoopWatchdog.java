package io.modelqos.af.observe;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Vert.x's blocked-thread checker, set to a limit the AF is meant to keep: a task that holds an event loop longer
 * stalls every delivery of that loop. {@link #options} makes a Vert.x instance check often enough to see a block just
 * over the limit (the checker only looks every interval), and {@link #watch} hands each report, with the stack of the
 * blocked thread, to a listener (a metric, or a test that fails on it).
 */
public final class EventLoopWatchdog {
    private EventLoopWatchdog() {
    }

    /** Options whose event loops may run one task for at most {@code limit}; a longer one is reported with its stack. */
    public static VertxOptions options(Duration limit) {
        return limit(new VertxOptions(), limit);
    }

    /** {@code options}, with its event loops limited to {@code limit} per task (see {@link #options(Duration)}). */
    public static VertxOptions limit(VertxOptions options, Duration limit) {
        long limitNs = limit.toNanos();
        return options
                .setMaxEventLoopExecuteTime(limitNs)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.NANOSECONDS)
                .setWarningExceptionTime(limitNs)
                .setWarningExceptionTimeUnit(TimeUnit.NANOSECONDS)
                // A check every fifth of the limit sees a block of 1.2 times the limit for sure.
                .setBlockedThreadCheckInterval(Math.max(1, limit.toMillis() / 5))
                .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS);
    }

    /** One report of a blocked thread: how long its current task has run, and where it is now. */
    public record Block(Thread thread, long durationNanos, long limitNanos, StackTraceElement[] stack) {
        @Override
        public String toString() {
            StringBuilder text = new StringBuilder()
                    .append("thread ").append(thread.getName()).append(" blocked for ")
                    .append(durationNanos / 1_000_000).append(" ms, limit ")
                    .append(limitNanos / 1_000_000).append(" ms, at:");
            for (StackTraceElement frame : stack) {
                text.append("\n\tat ").append(frame);
            }
            return text.toString();
        }
    }

    /**
     * Hands each report of a blocked thread of {@code vertx} to {@code listener}, on the checker's thread; Vert.x
     * reports a task once its limit is passed and again at each check while it goes on. Replaces Vert.x's own log
     * line: the listener decides what to log.
     */
    public static void watch(Vertx vertx, Consumer<Block> listener) {
        ((VertxInternal) vertx).blockedThreadChecker().setThreadBlockedHandler(event -> listener.accept(
                new Block(event.thread(), event.duration(), event.maxExecTime(), event.thread().getStackTrace())));
    }
}
