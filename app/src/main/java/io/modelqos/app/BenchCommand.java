package io.modelqos.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code modelqos bench [--quick] [options]}: runs the performance harness of the {@code benchmarks} module
 * ({@code benchmarks/target/modelqos-benchmarks.jar}) in a JVM of its own, handing it every argument and this jar
 * as the system under test.
 *
 * <p>The harness is executed, not linked: it starts this jar as separate AF and NEF emulator processes and drives
 * them, so the jar under test must not carry the load generator or JMH (nor could it depend on a module that needs
 * it to exist first). {@code modelqos bench --help} lists the harness's options.
 */
@Command(name = "bench",
        description = {"Measures the AF against the NEF emulator (separate processes, loopback) and runs the JMH "
                + "benchmarks of the pure hot paths; prints a table. --quick: under 2 minutes.",
                "Runs benchmarks/target/modelqos-benchmarks.jar ($MODELQOS_BENCH_JAR); see docs/performance.md."})
final class BenchCommand implements Callable<Integer> {
    static final String BENCH_JAR = "modelqos-benchmarks.jar";

    @Spec
    private CommandSpec spec;

    @Unmatched
    private List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Path appJar = runningJar();
        Path benchJar = benchJar(System.getenv("MODELQOS_BENCH_JAR"), appJar);
        if (benchJar == null || !Files.isRegularFile(benchJar)) {
            spec.commandLine().getErr().println("modelqos bench: no " + BENCH_JAR + " (looked at "
                    + (benchJar == null ? "benchmarks/target" : benchJar) + "); build it with "
                    + "./mvnw -B -q -pl benchmarks -am install -DskipTests, or set MODELQOS_BENCH_JAR");
            return 2;
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", benchJar.toString()));
        command.addAll(arguments);
        if (appJar != null && arguments.stream().noneMatch(a -> a.startsWith("--app-jar"))) {
            command.add("--app-jar");
            command.add(appJar.toString());
        }
        Process bench = new ProcessBuilder(command).inheritIO().start();
        Thread stop = new Thread(bench::destroy, "modelqos-bench-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            return bench.waitFor();
        } finally {
            if (bench.isAlive()) {
                bench.destroy();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException e) {
                // Shutting down already: the hook stops the bench.
            }
        }
    }

    /** The modelqos jar this command runs from, or null (run from classes, e.g. in tests). */
    static Path runningJar() {
        try {
            Path p = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return p.toString().endsWith(".jar") ? p.toAbsolutePath() : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** $MODELQOS_BENCH_JAR, else beside the app jar in the source tree (app/target -> benchmarks/target), else ./benchmarks/target. */
    static Path benchJar(String fromEnvironment, Path appJar) {
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment);
        }
        if (appJar != null && appJar.getParent() != null && appJar.getParent().getParent() != null
                && appJar.getParent().getParent().getParent() != null) {
            Path tree = appJar.getParent().getParent().getParent();
            Path candidate = tree.resolve("benchmarks").resolve("target").resolve(BENCH_JAR);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return Path.of("benchmarks", "target", BENCH_JAR).toAbsolutePath();
    }
}
