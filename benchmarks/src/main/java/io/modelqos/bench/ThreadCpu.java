package io.modelqos.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A poor man's profile that works on a busy shared machine: a JVM's CPU time by thread group, from
 * {@code /proc/<pid>/task/<tid>/stat} (the thread name, cut to 15 characters, is field 2). It tells whether a
 * process spends its CPU on its own work (Vert.x event loops, workers) or on the JVM's (JIT compilers, GC).
 */
public final class ThreadCpu {
    /** Thread name prefixes (as /proc shows them) to groups; the first match wins. */
    static final List<Map.Entry<String, String>> GROUPS = List.of(
            Map.entry("vert.x-eventloo", "event loops"),
            Map.entry("vert.x-worker", "Vert.x workers"),
            Map.entry("vert.x-internal", "Vert.x workers"),
            Map.entry("vert.x-acceptor", "event loops"),
            Map.entry("C2 Compiler", "JIT"),
            Map.entry("C1 Compiler", "JIT"),
            Map.entry("GC Thread", "GC"),
            Map.entry("G1 ", "GC"),
            Map.entry("VM Thread", "GC"),
            Map.entry("MVStore", "store"),
            Map.entry("modelqos-store", "store"),
            Map.entry("log-writer", "logging"),
            Map.entry("AsyncAppender", "logging"),
            Map.entry("H2-", "store"),
            Map.entry("JFR", "JFR"));

    private final long pid;
    private Map<Long, Long> start;
    /** CPU ticks of each event-loop thread in the last window, largest first (how the work spread over loops). */
    private List<Long> lastEventLoops = List.of();

    public ThreadCpu(long pid) {
        this.pid = pid;
    }

    public void start() {
        start = ticksByThread(pid, null);
    }

    /** CPU ticks per group since {@link #start()}, largest first. */
    public Map<String, Long> stop() {
        Map<Long, String> names = new HashMap<>();
        Map<Long, Long> end = ticksByThread(pid, names);
        Map<String, Long> byGroup = new HashMap<>();
        java.util.List<Long> loops = new java.util.ArrayList<>();
        end.forEach((tid, ticks) -> {
            long used = Math.max(0, ticks - start.getOrDefault(tid, 0L));
            String name = names.get(tid);
            byGroup.merge(group(name), used, Long::sum);
            if (name != null && name.startsWith("vert.x-eventloo") && used > 0) {
                loops.add(used);
            }
        });
        loops.sort(java.util.Comparator.reverseOrder());
        lastEventLoops = List.copyOf(loops);
        return byGroup.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    static String group(String threadName) {
        if (threadName == null) {
            return "other";
        }
        for (Map.Entry<String, String> g : GROUPS) {
            if (threadName.startsWith(g.getKey())) {
                return g.getValue();
            }
        }
        return "other";
    }

    /** The event loops' share of the last window, each loop's own, largest first: "over 2 event loops: 31%, 24%". */
    public String eventLoopSpread(Map<String, Long> byGroup) {
        long total = byGroup.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0 || lastEventLoops.isEmpty()) {
            return "";
        }
        return "over " + lastEventLoops.size() + " event loop" + (lastEventLoops.size() == 1 ? "" : "s") + ": "
                + lastEventLoops.stream().map(t -> String.format(Locale.ROOT, "%.0f%%", 100.0 * t / total))
                .collect(Collectors.joining(", "));
    }

    /** E.g. "event loops 55%, JIT 25%, GC 12%, store 5%, other 3%". */
    public static String describe(Map<String, Long> byGroup) {
        long total = byGroup.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return "no CPU used";
        }
        return byGroup.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.0f%%", 100.0 * e.getValue() / total))
                .collect(Collectors.joining(", "));
    }

    private static Map<Long, Long> ticksByThread(long pid, Map<Long, String> names) {
        Map<Long, Long> ticks = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    long tid = Long.parseLong(task.getFileName().toString());
                    ticks.put(tid, CpuTimes.parseProcessTicks(stat));
                    if (names != null) {
                        names.put(tid, stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')));
                    }
                } catch (IOException | RuntimeException e) {
                    // The thread ended meanwhile.
                }
            }
        } catch (IOException e) {
            // Not Linux, or the process is gone.
        }
        return ticks;
    }
}
