package io.modelqos.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.annotations.Mode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Runs the JMH benchmarks of the pure hot paths (package {@code io.modelqos.bench.jmh}) and adds a row per method. */
public final class JmhRun {
    private JmhRun() {
    }

    /**
     * @param quick no fork (in the bench's own JVM, whose JIT profile the bench's load has shaped), one 0.3 s
     *              warm-up and two 0.3 s measured iterations: indicative only, and quick; else two forks, three 1 s
     *              warm-ups and five 1 s measured iterations
     */
    public static void run(boolean quick, Path log, Report report) throws RunnerException {
        Options options = new OptionsBuilder()
                .include("io\\.modelqos\\.bench\\.jmh\\..*")
                .mode(Mode.AverageTime).timeUnit(TimeUnit.NANOSECONDS)
                .forks(quick ? 0 : 2)
                .warmupIterations(quick ? 1 : 3).warmupTime(quick ? TimeValue.milliseconds(300) : TimeValue.seconds(1))
                .measurementIterations(quick ? 2 : 5).measurementTime(quick ? TimeValue.milliseconds(300) : TimeValue.seconds(1))
                .jvmArgs("-Xms256m", "-Xmx256m")
                .output(log.toString())
                .build();
        Collection<RunResult> results = new Runner(options).run();
        List<RunResult> sorted = new ArrayList<>(results);
        sorted.sort((a, b) -> a.getParams().getBenchmark().compareTo(b.getParams().getBenchmark()));
        int i = 1;
        for (RunResult r : sorted) {
            String name = r.getParams().getBenchmark().replace("io.modelqos.bench.jmh.", "");
            var primary = r.getPrimaryResult();
            String error = Double.isNaN(primary.getScoreError()) ? "" : String.format(Locale.ROOT, " ± %.1f", primary.getScoreError());
            report.row("J" + i++, "JMH " + name + (quick ? " (quick: indicative)" : ""),
                    String.format(Locale.ROOT, "%.1f", primary.getScore()) + error + " ns/op", "–", "–");
        }
    }
}
