package io.modelqos.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * A closed-loop load: {@code concurrency} workers, each starting its next operation when the previous one ends,
 * for a warm-up and then a measurement window; bounded in time and in the number of operations. Latencies are
 * kept for the operations that started and ended inside the window; throughput counts the operations that ended
 * inside it.
 */
public final class ClosedLoop {
    /** What one window measured. */
    public record Result(int concurrency, Latencies latencies, long completed, long errors, double seconds, String firstError) {
        public double perSecond() {
            return completed / seconds;
        }
    }

    /** Told when the measurement window starts and ends (on the caller's thread), e.g. to read CPU times. */
    public interface WindowListener {
        void windowStarts();

        void windowEnds();
    }

    private ClosedLoop() {
    }

    public static Result run(Vertx vertx, int concurrency, Duration warmup, Duration window, long maxOperations,
                             IntFunction<Future<?>> operation) throws InterruptedException {
        return run(vertx, concurrency, warmup, window, maxOperations, operation, null);
    }

    /**
     * @param operation given the worker's index, starts one operation; a failed future counts as an error
     */
    public static Result run(Vertx vertx, int concurrency, Duration warmup, Duration window, long maxOperations,
                             IntFunction<Future<?>> operation, WindowListener listener) throws InterruptedException {
        Latencies latencies = new Latencies(5_000_000);
        AtomicLong started = new AtomicLong();
        AtomicLong completed = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        long t0 = System.nanoTime();
        long windowStart = t0 + warmup.toNanos();
        long windowEnd = windowStart + window.toNanos();
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int w = 0; w < concurrency; w++) {
            int worker = w;
            vertx.runOnContext(v -> next(vertx, worker, operation, started, maxOperations, windowStart, windowEnd,
                    latencies, completed, errors, firstError, done));
        }
        if (listener != null) {
            long untilStart = windowStart - System.nanoTime();
            if (untilStart > 0) {
                done.await(untilStart, TimeUnit.NANOSECONDS);
            }
            listener.windowStarts();
            long untilEnd = windowEnd - System.nanoTime();
            if (untilEnd > 0) {
                done.await(untilEnd, TimeUnit.NANOSECONDS);
            }
            listener.windowEnds();
        }
        long waitMs = TimeUnit.NANOSECONDS.toMillis(windowEnd - System.nanoTime()) + 30_000;
        if (!done.await(Math.max(1, waitMs), TimeUnit.MILLISECONDS)) {
            firstError.compareAndSet(null, "some operations never completed (30 s after the window)");
        }
        double seconds = Math.min(System.nanoTime(), windowEnd) - windowStart;
        return new Result(concurrency, latencies, completed.get(), errors.get(), Math.max(1, seconds) / 1e9, firstError.get());
    }

    private static void next(Vertx vertx, int worker, IntFunction<Future<?>> operation, AtomicLong started, long max,
                             long windowStart, long windowEnd, Latencies latencies, AtomicLong completed,
                             AtomicLong errors, AtomicReference<String> firstError, CountDownLatch done) {
        long begin = System.nanoTime();
        if (begin >= windowEnd || started.incrementAndGet() > max) {
            done.countDown();
            return;
        }
        Future<?> f;
        try {
            f = operation.apply(worker);
        } catch (RuntimeException e) {
            f = Future.failedFuture(e);
        }
        f.onComplete(ar -> {
            long end = System.nanoTime();
            boolean inWindow = end >= windowStart && end < windowEnd;
            if (ar.succeeded()) {
                if (inWindow) {
                    completed.incrementAndGet();
                    if (begin >= windowStart) {
                        latencies.record(end - begin);
                    }
                }
            } else {
                errors.incrementAndGet();
                firstError.compareAndSet(null, String.valueOf(ar.cause()));
            }
            if (ar.failed()) {
                // Do not spin on a failing target: pause a little before the next attempt.
                vertx.setTimer(5, id -> next(vertx, worker, operation, started, max, windowStart, windowEnd,
                        latencies, completed, errors, firstError, done));
            } else {
                next(vertx, worker, operation, started, max, windowStart, windowEnd, latencies, completed, errors,
                        firstError, done);
            }
        });
    }
}
