package io.modelqos.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time from Linux's /proc: a process's user + system time ({@code /proc/<pid>/stat} fields 14 and 15, in
 * clock ticks, all its threads together) and the whole machine's busy and total time (first line of
 * {@code /proc/stat}).
 */
public final class CpuTimes {
    /** USER_HZ: 100 on every mainstream Linux build; {@code getconf CLK_TCK} tells. */
    public static final long DEFAULT_CLOCK_TICKS_PER_SECOND = 100;

    private CpuTimes() {
    }

    /** utime + stime of a process, in clock ticks; -1 when the process is gone or /proc is not there. */
    public static long processTicks(long pid) {
        try {
            return parseProcessTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * utime + stime of a process and of all its descendants alive now (a PostgreSQL server: the postmaster and its
     * backends), in clock ticks; -1 when the process is gone. A descendant that exits takes its time with it.
     */
    public static long processTreeTicks(long pid) {
        long own = processTicks(pid);
        if (own < 0) {
            return -1;
        }
        long[] total = {own};
        ProcessHandle.of(pid).ifPresent(root -> root.descendants()
                .forEach(child -> total[0] += Math.max(0, processTicks(child.pid()))));
        return total[0];
    }

    /**
     * Parses a {@code /proc/<pid>/stat} line. The command name (field 2) is in parentheses and may itself hold
     * spaces and parentheses, so the fields are counted from the last ')': the state is field 3, utime 14, stime 15.
     */
    public static long parseProcessTicks(String statLine) {
        int close = statLine.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line");
        }
        String[] fields = statLine.substring(close + 1).trim().split("\\s+");
        // fields[0] is field 3 (state), so field n is fields[n - 3].
        long utime = Long.parseLong(fields[14 - 3]);
        long stime = Long.parseLong(fields[15 - 3]);
        return utime + stime;
    }

    /** The machine's CPU time so far, from {@code /proc/stat}; null when unreadable. */
    public static Machine machine() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            return parseMachine(lines.get(0));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Parses the aggregate {@code cpu} line of /proc/stat: user nice system idle iowait irq softirq steal ...
     * Busy = user + nice + system + irq + softirq + steal; total adds idle and iowait (guest time is already
     * inside user).
     */
    public static Machine parseMachine(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        if (!f[0].equals("cpu")) {
            throw new IllegalArgumentException("not the aggregate cpu line of /proc/stat");
        }
        long user = Long.parseLong(f[1]);
        long nice = Long.parseLong(f[2]);
        long system = Long.parseLong(f[3]);
        long idle = Long.parseLong(f[4]);
        long iowait = f.length > 5 ? Long.parseLong(f[5]) : 0;
        long irq = f.length > 6 ? Long.parseLong(f[6]) : 0;
        long softirq = f.length > 7 ? Long.parseLong(f[7]) : 0;
        long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
        long busy = user + nice + system + irq + softirq + steal;
        return new Machine(busy, busy + idle + iowait);
    }

    /** Machine-wide CPU time in clock ticks, all cores added. */
    public record Machine(long busyTicks, long totalTicks) {
    }
}
