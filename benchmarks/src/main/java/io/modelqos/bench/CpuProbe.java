package io.modelqos.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the CPU time of named processes and of the machine at the start and the end of a window. */
public final class CpuProbe implements ClosedLoop.WindowListener {
    private final Map<String, Long> pids;
    private final java.util.Set<String> processTrees;
    private final long ticksPerSecond;
    private Map<String, Long> startTicks;
    private CpuTimes.Machine startMachine;
    private long startNanos;
    private CpuSplit split;
    private final ThreadCpu afThreads;
    private Map<String, Long> afThreadTicks = Map.of();
    private final ThreadCpu emulatorThreads;
    private Map<String, Long> emulatorThreadTicks = Map.of();

    /** @param pids role name to process id, in the order to print them */
    public CpuProbe(Map<String, Long> pids) {
        this(pids, java.util.Set.of());
    }

    /**
     * @param pids       role name to process id, in the order to print them
     * @param processTrees the roles whose processes' descendants count too (a PostgreSQL server and its backends)
     */
    public CpuProbe(Map<String, Long> pids, java.util.Set<String> processTrees) {
        this.pids = new LinkedHashMap<>(pids);
        this.processTrees = java.util.Set.copyOf(processTrees);
        this.ticksPerSecond = clockTicksPerSecond();
        Long af = pids.get("AF");
        this.afThreads = af == null ? null : new ThreadCpu(af);
        Long emulator = pids.get("emulator");
        this.emulatorThreads = emulator == null ? null : new ThreadCpu(emulator);
    }

    public void start() {
        startNanos = System.nanoTime();
        startMachine = CpuTimes.machine();
        startTicks = read();
        if (afThreads != null) {
            afThreads.start();
        }
        if (emulatorThreads != null) {
            emulatorThreads.start();
        }
    }

    public CpuSplit stop() {
        Map<String, Long> end = read();
        if (afThreads != null) {
            afThreadTicks = afThreads.stop();
        }
        if (emulatorThreads != null) {
            emulatorThreadTicks = emulatorThreads.stop();
        }
        CpuTimes.Machine endMachine = CpuTimes.machine();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Long> used = new LinkedHashMap<>();
        for (String role : pids.keySet()) {
            long a = startTicks.getOrDefault(role, -1L);
            long b = end.getOrDefault(role, -1L);
            used.put(role, a < 0 || b < 0 ? 0 : b - a);
        }
        long machineBusy = startMachine == null || endMachine == null ? -1 : endMachine.busyTicks() - startMachine.busyTicks();
        split = new CpuSplit(used, machineBusy, seconds, ticksPerSecond, Runtime.getRuntime().availableProcessors());
        return split;
    }

    @Override
    public void windowStarts() {
        start();
    }

    @Override
    public void windowEnds() {
        stop();
    }

    /** The AF's CPU during the window by thread group ("event loops 55%, JIT 25%, ..."). */
    public String afThreads() {
        String spread = afThreads == null ? "" : afThreads.eventLoopSpread(afThreadTicks);
        return ThreadCpu.describe(afThreadTicks) + (spread.isEmpty() ? "" : " (" + spread + ")");
    }

    /** The AF's CPU during the window in one thread group ("JIT", "GC", "event loops", ...), in milliseconds. */
    public double afThreadMillis(String group) {
        return afThreadTicks.getOrDefault(group, 0L) * 1000.0 / ticksPerSecond;
    }

    /** The AF's CPU per operation in the window without its JIT compiler threads (compiling is warm-up, not the work). */
    public double afMillisPerOperationWithoutJit(long operations) {
        return operations == 0 ? Double.NaN : (split.cpuMillis("AF") - afThreadMillis("JIT")) / operations;
    }

    /** The emulator's CPU during the window in one thread group, in milliseconds. */
    public double emulatorThreadMillis(String group) {
        return emulatorThreadTicks.getOrDefault(group, 0L) * 1000.0 / ticksPerSecond;
    }

    public CpuSplit split() {
        return split;
    }

    private Map<String, Long> read() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        pids.forEach((role, pid) -> ticks.put(role, processTrees.contains(role) ? CpuTimes.processTreeTicks(pid)
                : CpuTimes.processTicks(pid)));
        return ticks;
    }

    /** {@code getconf CLK_TCK}, or 100. */
    static long clockTicksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return Long.parseLong(out);
        } catch (Exception e) {
            return CpuTimes.DEFAULT_CLOCK_TICKS_PER_SECOND;
        }
    }
}
