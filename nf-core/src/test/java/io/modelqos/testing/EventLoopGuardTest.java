package io.modelqos.testing;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guard every test runs under: an event-loop task that computes past the limit is counted, and one whose time
 * went to loading classes is not, even when the report catches it after the loading, in the code that followed.
 */
class EventLoopGuardTest {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private Vertx vertx;

    @BeforeEach
    void start() {
        EventLoopGuard.takeBlocks();
        vertx = EventLoopGuard.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aTaskThatComputesPastTheLimitIsCounted() throws Exception {
        onLoop(() -> spinCpu(120));
        List<String> blocks = EventLoopGuard.takeBlocks();
        assertEquals(1, blocks.size(), "one task, counted once: " + blocks);
        assertTrue(blocks.get(0).contains("spinCpu"), blocks.get(0));
    }

    @Test
    void aTaskThatLoadedClassesIsWarmUpEvenWhenReportedAfterTheLoading() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean seen = new java.util.concurrent.atomic.AtomicBoolean();
        onLoop(() -> {
            // Loading for 45 ms: the guard takes stacks from 20 ms on, Vert.x reports from 50 ms on. On a loaded
            // machine the guard's sampler may not run within those 25 ms: the loading then goes on until it has (and
            // a report that comes meanwhile sees the loading in its own stack).
            long start = System.nanoTime();
            while (System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(45)
                    || !EventLoopGuard.warmUpSeenInCurrentTask(Thread.currentThread())
                    && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5)) {
                loadAFreshCopyOfAClass();
            }
            seen.set(EventLoopGuard.warmUpSeenInCurrentTask(Thread.currentThread()));
            spinCpu(120); // the report's stack is here, not in the loading
        });
        assertTrue(seen.get(), "the guard took a stack of the loading");
        assertEquals(List.of(), EventLoopGuard.takeBlocks());
    }

    private void onLoop(Runnable task) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        vertx.runOnContext(v -> {
            task.run();
            done.complete(null);
        });
        done.get(10, TimeUnit.SECONDS);
        Thread.sleep(100); // the checker's last look, and the listener's
    }

    /** Computes until this thread has used {@code millis} of CPU, however long a busy machine makes that. */
    private static void spinCpu(long millis) {
        long until = THREADS.getCurrentThreadCpuTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long x = 0;
        while (THREADS.getCurrentThreadCpuTime() < until) {
            for (int i = 0; i < 10_000; i++) {
                x += i * 31L ^ x;
            }
        }
        if (x == 42) {
            System.out.println(x);
        }
    }

    /** A class loader of its own each time, so the JVM defines the class again (nearly all the time in loadClass). */
    private static void loadAFreshCopyOfAClass() {
        ClassLoader loader = new ClassLoader(ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                if (!name.equals(Payload.class.getName())) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, PAYLOAD, 0, PAYLOAD.length);
            }
        };
        try {
            Class.forName(Payload.class.getName(), true, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final byte[] PAYLOAD = payloadBytes();

    private static byte[] payloadBytes() {
        String resource = Payload.class.getName().replace('.', '/') + ".class";
        try (var in = EventLoopGuardTest.class.getClassLoader().getResourceAsStream(resource)) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Loaded again and again by {@link #loadAFreshCopyOfAClass}. */
    static final class Payload {
        static final long[] TABLE = new long[64];
    }
}
