package io.modelqos.af.engine;

/** One-shot timers on the engine's context (Vert.x timers in the AF; a manual clock in unit tests). */
public interface Timers {
    /** Runs {@code task} on the engine's context after {@code delayMs}; returns the timer's id. */
    long schedule(long delayMs, Runnable task);

    void cancel(long timerId);

    /** Timers whose tasks run on {@code context}, whichever thread sets them. */
    static Timers on(io.vertx.core.Context context) {
        io.vertx.core.Vertx vertx = context.owner();
        return new Timers() {
            @Override
            public long schedule(long delayMs, Runnable task) {
                return vertx.setTimer(Math.max(1, delayMs), id -> context.runOnContext(v -> task.run()));
            }

            @Override
            public void cancel(long timerId) {
                vertx.cancelTimer(timerId);
            }
        };
    }
}
