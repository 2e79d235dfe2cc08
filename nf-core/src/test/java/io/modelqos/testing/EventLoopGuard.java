package io.modelqos.testing;

import io.modelqos.af.observe.EventLoopWatchdog;
import io.modelqos.af.observe.EventLoopWatchdog.Block;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.impl.VertxThread;
import io.vertx.core.internal.VertxInternal;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fails a test during which an event loop was blocked for more than {@link #LIMIT}. The tests make their Vert.x
 * instances with {@link #vertx()}, whose blocked-thread checker (Vert.x's own, see {@link EventLoopWatchdog}) reports
 * here, and this extension (registered for every test through the JUnit service loader) turns each blocked task into a
 * failure of the test, or of the class when it came from its set-up or tear-down.
 *
 * <p>On a machine of two cores shared by the build, wall time is not the AF's work: a runnable thread may wait for a
 * core. So a runnable task counts once it has used {@link #LIMIT} of CPU time; a thread that waits (on a lock, a
 * future, a sleep) or for a file counts once the task has run {@link #LIMIT} of wall time, whatever CPU it used. JVM
 * warm-up (the thread is loading or initialising a class: once per class and JVM; seen in the stack of the report, or
 * in one taken every {@value #SAMPLE_MS} ms while the task ran) is logged but not counted; so are
 * Vert.x's acceptor thread, which runs no AF code, and a loop already idle when its stack is read.
 * The CPU time of each event-loop thread is sampled every {@value #SAMPLE_MS} ms to know where it stood when a
 * reported task began.
 */
public final class EventLoopGuard implements AfterEachCallback, AfterAllCallback {
    /** The longest an AF task may hold an event loop. */
    public static final Duration LIMIT = Duration.ofMillis(50);
    private static final long SAMPLE_MS = 5;
    private static final int SAMPLES = 128;
    private static final Logger LOG = LoggerFactory.getLogger(EventLoopGuard.class);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final List<String> BLOCKS = new CopyOnWriteArrayList<>();
    /** The CPU time of each watched thread over the last {@link #SAMPLES} samples. */
    private static final Map<Thread, CpuSamples> CPU = new ConcurrentHashMap<>();
    /** Per watched thread, stacks of its current task once it has run over {@link #STACKS_AFTER_NANOS}. */
    private static final Map<Thread, TaskStacks> TASK_STACKS = new ConcurrentHashMap<>();
    /** A task that has run this long has its stack taken at each sample: few do, so this costs the tests nothing. */
    private static final long STACKS_AFTER_NANOS = 20_000_000;
    private static final int MAX_TASK_STACKS = 64;
    /** Per thread, the task last reported. */
    private static final Map<Thread, Report> LAST_REPORT = new ConcurrentHashMap<>();
    private static final String WARM_UP = "JVM warm-up, a class is being loaded or initialised (or its annotations read,"
            + " or an event loop's DNS resolver built)";
    /** Classes whose frames mean the thread waits for a file. */
    private static final java.util.Set<String> FILE_IO = java.util.Set.of("sun.nio.ch.FileChannelImpl",
            "sun.nio.ch.UnixFileDispatcherImpl", "java.io.RandomAccessFile", "java.io.FileOutputStream",
            "java.io.FileInputStream", "sun.nio.fs.UnixNativeDispatcher");

    static {
        Thread sampler = new Thread(EventLoopGuard::sample, "event-loop-guard-cpu-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** A Vert.x instance whose event loops are watched at {@link #LIMIT}. */
    public static Vertx vertx() {
        return vertx(new VertxOptions());
    }

    /** {@code options} with event loops watched at {@link #LIMIT}. */
    public static Vertx vertx(VertxOptions options) {
        Vertx vertx = Vertx.vertx(EventLoopWatchdog.limit(options, LIMIT));
        EventLoopWatchdog.watch(vertx, EventLoopGuard::reported);
        VertxInternal internal = (VertxInternal) vertx;
        internal.nettyEventLoopGroup().forEach(loop -> loop.execute(EventLoopGuard::sampleThisThread));
        internal.acceptorEventLoopGroup().forEach(loop -> loop.execute(EventLoopGuard::sampleThisThread));
        return vertx;
    }

    private static void sampleThisThread() {
        CPU.putIfAbsent(Thread.currentThread(), new CpuSamples());
    }

    private static void reported(Block block) {
        Report last = LAST_REPORT.get(block.thread());
        boolean sameTask = last != null && block.durationNanos() > last.durationNanos();
        if (sameTask && (last.counted() || last.warmUp())) {
            // Counted once per task; and a task seen loading classes is warm-up throughout (its time is the JVM's).
            LAST_REPORT.put(block.thread(), new Report(block.durationNanos(), last.counted(), last.warmUp()));
            return;
        }
        String excuse = excuse(block);
        if (excuse == null) {
            BLOCKS.add(block.toString());
            LOG.warn("{} (CPU used meanwhile: {})", block, cpuText(block));
        } else if (!sameTask) {
            LOG.info("(not counted: {}) {}", excuse, block);
        }
        LAST_REPORT.put(block.thread(), new Report(block.durationNanos(), excuse == null, excuse == WARM_UP));
    }

    /** The last report of a thread's task: how long it had run, whether it was counted, whether it was warm-up. */
    private record Report(long durationNanos, boolean counted, boolean warmUp) {
    }

    /** Why a report is not the AF holding a loop, or null when it is. */
    private static String excuse(Block block) {
        StackTraceElement[] stack = block.stack();
        if (stack.length == 0) {
            return "the thread had ended when its stack was read";
        }
        if (block.thread().getName().startsWith("vert.x-acceptor-thread")) {
            return "Vert.x's acceptor thread runs no AF code (it hands connections to the event loops)";
        }
        boolean idle = stack.length > 0 && (stack[0].getClassName().equals("sun.nio.ch.EPoll")
                && stack[0].getMethodName().equals("wait") || stack[0].getClassName().startsWith("sun.nio.ch.SelectorImpl"));
        if (idle) {
            return "the task had ended when its stack was read (the loop waits for I/O)";
        }
        if (warmUp(stack) || warmUpWhileRunning(block.thread())) {
            return WARM_UP;
        }
        boolean io = false;
        boolean socket = false;
        for (StackTraceElement frame : block.stack()) {
            String type = frame.getClassName();
            io |= FILE_IO.contains(type);
            socket |= type.startsWith("sun.nio.ch.Socket") || type.startsWith("sun.nio.ch.EPoll")
                    || type.equals("sun.nio.ch.EventFD");
        }
        // File I/O waits for the disk: always the AF's fault. A socket call is non-blocking on an event loop: time
        // spent there is CPU (or the lack of it), judged as any other code.
        if (io && !socket || block.thread().getState() != Thread.State.RUNNABLE) {
            return null;
        }
        long used = cpuUsed(block);
        if (used >= 0 && used < block.limitNanos()) {
            return "the task ran " + used / 1_000_000 + " ms of CPU in " + block.durationNanos() / 1_000_000
                    + " ms; the rest it waited for a core";
        }
        return null;
    }

    /**
     * Whether the stack is the JVM warming up: class loading, and its kin the first run of a lambda's call site (the
     * JVM defines a hidden class for it, and links the method handles it names), and the first reading of a class's
     * annotations (parsed once, then cached in the Class; Netty asks each new handler class whether it is @Sharable):
     * one-time costs of a cold JVM, not the AF holding the loop.
     */
    private static boolean warmUp(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            String method = frame.getMethodName();
            String type = frame.getClassName();
            if (method.equals("<clinit>") || type.equals("java.lang.ClassLoader") && method.startsWith("loadClass")
                    || type.startsWith("jdk.internal.loader.")
                    || type.equals("java.lang.invoke.MethodHandleNatives") && method.startsWith("link")
                    || type.equals("java.lang.Class") && method.equals("createAnnotationData")
                    // Netty builds an event loop's DNS resolver (a datagram channel, the system's resolver settings)
                    // at its first connection, once per loop: 72 ms once on CI, under the first NEF create of a loop.
                    || type.equals("io.netty.resolver.dns.DnsNameResolver") && method.equals("<init>")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a stack taken while the thread's current task ran (see {@link #sampleTask}) was warm-up. The stack of the
     * report alone is one moment: a first request that spends most of its time loading and linking classes may be seen
     * after them, in the code they ran (a cold-path report in CI named {@code AfProblem.unprocessable}).
     */
    private static boolean warmUpWhileRunning(Thread thread) {
        TaskStacks task = TASK_STACKS.get(thread);
        return task != null && thread instanceof VertxThread vertxThread && task.start == vertxThread.startTime()
                && task.anyWarmUp();
    }

    /** Whether a stack taken while {@code thread}'s current task runs shows warm-up (for the guard's own test). */
    static boolean warmUpSeenInCurrentTask(Thread thread) {
        return warmUpWhileRunning(thread);
    }

    /** Takes the stack of a watched event loop whose current task has run over {@link #STACKS_AFTER_NANOS}. */
    private static void sampleTask(Thread thread, long now) {
        if (!(thread instanceof VertxThread vertxThread)) {
            return;
        }
        long start = vertxThread.startTime();
        if (start == 0 || now - start < STACKS_AFTER_NANOS) {
            return;
        }
        TaskStacks task = TASK_STACKS.compute(thread, (t, old) -> old != null && old.start == start ? old
                : new TaskStacks(start));
        task.add(thread.getStackTrace());
    }

    /** Stacks of one long task of one thread, by the task's start ({@link VertxThread#startTime}). */
    private static final class TaskStacks {
        final long start;
        private final List<StackTraceElement[]> stacks = new CopyOnWriteArrayList<>();

        TaskStacks(long start) {
            this.start = start;
        }

        void add(StackTraceElement[] stack) {
            if (stacks.size() < MAX_TASK_STACKS) {
                stacks.add(stack);
            }
        }

        boolean anyWarmUp() {
            return stacks.stream().anyMatch(EventLoopGuard::warmUp);
        }
    }

    private static String cpuText(Block block) {
        long used = cpuUsed(block);
        return used < 0 ? "unknown" : used / 1_000_000 + " ms";
    }

    /** The CPU the blocked task has used so far, or -1 when the samples do not reach back to its start. */
    private static long cpuUsed(Block block) {
        CpuSamples samples = CPU.get(block.thread());
        return samples == null ? -1 : samples.usedSince(System.nanoTime() - block.durationNanos(),
                THREADS.getThreadCpuTime(block.thread().getId()));
    }

    private static void sample() {
        while (true) {
            long now = System.nanoTime();
            CPU.entrySet().removeIf(e -> !e.getKey().isAlive());
            CPU.forEach((thread, samples) -> samples.add(now, THREADS.getThreadCpuTime(thread.getId())));
            TASK_STACKS.keySet().removeIf(thread -> !thread.isAlive());
            CPU.keySet().forEach(thread -> sampleTask(thread, now));
            try {
                Thread.sleep(SAMPLE_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** A ring of (time, CPU time) samples of one thread. */
    private static final class CpuSamples {
        private final long[] at = new long[SAMPLES];
        private final long[] cpu = new long[SAMPLES];
        private int next;
        private int count;

        synchronized void add(long nanoTime, long cpuNanos) {
            at[next] = nanoTime;
            cpu[next] = cpuNanos;
            next = (next + 1) % SAMPLES;
            count = Math.min(count + 1, SAMPLES);
        }

        /**
         * The CPU used from the sample nearest to {@code since} up to {@code cpuNow}, or -1 when the samples do not
         * reach back that far. The nearest, not the last before: when the sampler itself waited for a core, the last
         * sample before the task may be long before it, and would count the CPU of earlier tasks.
         */
        synchronized long usedSince(long since, long cpuNow) {
            long best = -1;
            long bestGap = Long.MAX_VALUE;
            boolean reachesBack = false;
            for (int i = 1; i <= count; i++) {
                int k = Math.floorMod(next - i, SAMPLES);
                long gap = Math.abs(at[k] - since);
                if (gap < bestGap) {
                    bestGap = gap;
                    best = cpu[k];
                }
                if (at[k] <= since) {
                    reachesBack = true;
                    break;
                }
            }
            return reachesBack ? cpuNow - best : -1;
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        failOnBlocks();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        failOnBlocks();
    }

    /** The blocks counted so far, forgotten (for the guard's own test). */
    static List<String> takeBlocks() {
        List<String> seen = List.copyOf(BLOCKS);
        BLOCKS.clear();
        return seen;
    }

    private static void failOnBlocks() {
        if (BLOCKS.isEmpty()) {
            return;
        }
        List<String> seen = List.copyOf(BLOCKS);
        BLOCKS.clear();
        throw new AssertionError(seen.size() + " event-loop block(s) over " + LIMIT.toMillis() + " ms; the first: "
                + seen.get(0));
    }
}
