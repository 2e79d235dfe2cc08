package io.modelqos.testing;

import io.vertx.core.Future;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Blocks a test thread on a Vert.x future (20 s at most). */
public final class Await {

    private Await() {
    }

    public static <T> T result(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("expected success, got " + e.getCause(), e.getCause());
        }
    }

    /** The failure of {@code future}, which must fail with a {@code type}. */
    public static <E extends Throwable> E failure(Future<?> future, Class<E> type) throws Exception {
        try {
            Object value = future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
            throw new AssertionError("expected " + type.getSimpleName() + ", got success: " + value);
        } catch (ExecutionException e) {
            if (!type.isInstance(e.getCause())) {
                throw new AssertionError("expected " + type.getSimpleName() + ", got " + e.getCause(), e.getCause());
            }
            return type.cast(e.getCause());
        }
    }
}
