package io.modelqos.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The JDK's jcmd against a child JVM: live heap after a full GC. */
public final class Jcmd {
    private Jcmd() {
    }

    /**
     * Bytes of live objects in the heap: {@code jcmd <pid> GC.class_histogram} forces a full GC and lists every
     * class; its last line is {@code Total <instances> <bytes>}.
     */
    public static long liveHeapBytes(long pid) throws IOException, InterruptedException {
        return parseHistogramTotal(run(pid, "GC.class_histogram"));
    }

    /** The class histogram after a full GC: bytes per class, and the total. */
    public record Histogram(java.util.Map<String, Long> bytesByClass, long total) {
        /** The classes whose bytes grew most from {@code before} to this, largest first. */
        public java.util.List<java.util.Map.Entry<String, Long>> grownSince(Histogram before, int limit) {
            java.util.Map<String, Long> delta = new java.util.HashMap<>();
            bytesByClass.forEach((k, v) -> delta.put(k, v - before.bytesByClass.getOrDefault(k, 0L)));
            return delta.entrySet().stream()
                    .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(limit).toList();
        }
    }

    public static Histogram histogram(long pid) throws IOException, InterruptedException {
        return parseHistogram(run(pid, "GC.class_histogram"));
    }

    /** Parses the rows ({@code num: instances bytes class}) and the {@code Total} line of a class histogram. */
    public static Histogram parseHistogram(String histogram) {
        java.util.Map<String, Long> byClass = new java.util.HashMap<>();
        for (String line : histogram.split("\\R")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":")) {
                try {
                    byClass.merge(f[3], Long.parseLong(f[2]), Long::sum);
                } catch (NumberFormatException e) {
                    // A header line.
                }
            }
        }
        return new Histogram(byClass, parseHistogramTotal(histogram));
    }

    /** Parses the {@code Total} line of a class histogram. */
    public static long parseHistogramTotal(String histogram) {
        String[] lines = histogram.split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i].trim();
            if (line.startsWith("Total")) {
                String[] f = line.split("\\s+");
                return Long.parseLong(f[f.length - 1]);
            }
        }
        throw new IllegalArgumentException("no Total line in the class histogram");
    }

    static String run(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        String executable = Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd";
        Process p = new ProcessBuilder(List.of(executable, Long.toString(pid), command)).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("jcmd " + command + " did not finish");
        }
        if (p.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " " + command + " failed: " + new String(out));
        }
        return new String(out);
    }
}
