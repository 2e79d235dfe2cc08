package io.modelqos.af.engine;

import io.vertx.core.Context;
import io.vertx.core.Future;

import java.util.concurrent.Callable;

/**
 * Where the engine runs work that grows with the number of deliveries (a reconciliation judges every live one): on a
 * worker thread, its result handed back on the engine's context, so that no event loop waits for it. Inline in unit
 * tests, where the manual clock needs everything done before the next step.
 */
public interface Offload {
    /** Runs {@code work} away from the event loop; the future completes on the caller's context. */
    <T> Future<T> run(Callable<T> work);

    /** Runs the work at once, on the calling thread (unit tests). */
    Offload INLINE = new Offload() {
        @Override
        public <T> Future<T> run(Callable<T> work) {
            try {
                return Future.succeededFuture(work.call());
            } catch (Exception e) {
                return Future.failedFuture(e);
            }
        }
    };

    /** On {@code context}'s worker pool, not ordered (two offloaded tasks may run at once), completing on the context. */
    static Offload on(Context context) {
        return new Offload() {
            @Override
            public <T> Future<T> run(Callable<T> work) {
                return context.executeBlocking(work, false);
            }
        };
    }
}
