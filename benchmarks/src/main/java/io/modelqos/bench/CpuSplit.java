package io.modelqos.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who used the CPU during a measurement window: the CPU time of each named process (the AF, the emulator, the
 * load generator) between two readings, as cores busy on average and as a share of what they used together,
 * plus what the rest of the machine used meanwhile (other users' builds on a shared machine).
 */
public final class CpuSplit {
    private final Map<String, Long> ticksByRole;
    private final long otherTicks;
    private final double wallSeconds;
    private final long ticksPerSecond;
    private final int cores;

    /**
     * @param ticksByRole        CPU ticks used by each role during the window, in the order to print them
     * @param machineBusyTicks   busy ticks of the whole machine during the window (all cores), or -1 if unknown
     * @param wallSeconds        the window's length
     * @param ticksPerSecond     USER_HZ
     * @param cores              the machine's cores
     */
    public CpuSplit(Map<String, Long> ticksByRole, long machineBusyTicks, double wallSeconds, long ticksPerSecond, int cores) {
        if (wallSeconds <= 0 || ticksPerSecond <= 0) {
            throw new IllegalArgumentException("wallSeconds and ticksPerSecond must be positive");
        }
        this.ticksByRole = new LinkedHashMap<>(ticksByRole);
        long ours = ticksByRole.values().stream().mapToLong(t -> Math.max(0, t)).sum();
        this.otherTicks = machineBusyTicks < 0 ? -1 : Math.max(0, machineBusyTicks - ours);
        this.wallSeconds = wallSeconds;
        this.ticksPerSecond = ticksPerSecond;
        this.cores = cores;
    }

    /**
     * Two windows as one (rounds of the same measurement): the CPU of each role and of the rest of the machine added,
     * over both windows' time. Both must have been read with the same clock tick.
     */
    public CpuSplit plus(CpuSplit other) {
        Map<String, Long> ticks = new LinkedHashMap<>(ticksByRole);
        other.ticksByRole.forEach((role, t) -> ticks.merge(role, t, Long::sum));
        long ours = ticks.values().stream().mapToLong(t -> Math.max(0, t)).sum();
        long busy = otherTicks < 0 || other.otherTicks < 0 ? -1 : ours + otherTicks + other.otherTicks;
        return new CpuSplit(ticks, busy, wallSeconds + other.wallSeconds, ticksPerSecond, cores);
    }

    /** Whether the split counts this role. */
    public boolean has(String role) {
        return ticksByRole.containsKey(role);
    }

    /** Average cores the role kept busy during the window (1.0 = one core all the time). */
    public double cores(String role) {
        return Math.max(0, ticksByRole.getOrDefault(role, 0L)) / (double) ticksPerSecond / wallSeconds;
    }

    /** CPU time the role used during the window, in milliseconds. */
    public double cpuMillis(String role) {
        return Math.max(0, ticksByRole.getOrDefault(role, 0L)) * 1000.0 / ticksPerSecond;
    }

    /** CPU milliseconds of the role per operation completed in the window; NaN without operations. */
    public double cpuMillisPerOperation(String role, long operations) {
        return operations <= 0 ? Double.NaN : cpuMillis(role) / operations;
    }

    /** The role's share of the CPU the named roles used together, 0..1. */
    public double share(String role) {
        long ours = ticksByRole.values().stream().mapToLong(t -> Math.max(0, t)).sum();
        return ours == 0 ? 0 : Math.max(0, ticksByRole.getOrDefault(role, 0L)) / (double) ours;
    }

    /** Average cores used by everything else on the machine, or NaN if unknown. */
    public double otherCores() {
        return otherTicks < 0 ? Double.NaN : otherTicks / (double) ticksPerSecond / wallSeconds;
    }

    public int machineCores() {
        return cores;
    }

    /** E.g. "AF 0.95 cores (48%), emulator 0.61 (31%), load generator 0.42 (21%); rest of machine 0.02". */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (String role : ticksByRole.keySet()) {
            if (!first) {
                sb.append(", ");
            }
            sb.append(role).append(' ').append(String.format(java.util.Locale.ROOT, "%.2f", cores(role)))
                    .append(first ? " cores (" : " (")
                    .append(Math.round(share(role) * 100)).append("%)");
            first = false;
        }
        if (!Double.isNaN(otherCores())) {
            sb.append("; rest of machine ").append(String.format(java.util.Locale.ROOT, "%.2f", otherCores()))
                    .append(" of ").append(cores);
        }
        return sb.toString();
    }
}
