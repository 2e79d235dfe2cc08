package io.modelqos.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * The benchmarks jar's entry point.
 * <ul>
 *   <li>{@code java -jar modelqos-benchmarks.jar [--quick] [options]}: the system bench, then the JMH benchmarks; prints the table.</li>
 *   <li>{@code java -jar modelqos-benchmarks.jar jmh [JMH options]}: JMH's own command line over the benchmarks
 *       of the pure hot paths (e.g. {@code jmh -f 1 -wi 3 -i 5 Planner}).</li>
 *   <li>{@code java -jar modelqos-benchmarks.jar store-churn [options]}: create+delete churn through the MVStore file
 *       store, in-process; prints the file size every 10,000 pairs ({@link StoreChurn}).</li>
 * </ul>
 * {@code ./modelqos bench} runs the first.
 */
@Command(name = "modelqos bench", mixinStandardHelpOptions = true,
        description = {"Measures the AF against the NEF emulator, both started as separate processes from the app jar, "
                + "and runs the JMH benchmarks of the pure hot paths. Prints one table (Markdown).",
                "JMH alone: java -jar benchmarks/target/modelqos-benchmarks.jar jmh [JMH options]",
                "Store file under churn: java -jar benchmarks/target/modelqos-benchmarks.jar store-churn --help"})
public final class BenchMain implements Callable<Integer> {

    @Option(names = "--quick", description = "short windows, 10,000 deliveries for the memory and restart figures, "
            + "indicative JMH runs; under 2 minutes")
    boolean quick;

    @Option(names = "--app-jar", paramLabel = "JAR",
            description = "the modelqos jar to start (default: $MODELQOS_APP_JAR, else app/target/modelqos.jar)")
    Path appJar;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "where the processes' logs, configs and data go "
            + "(default: a new temporary folder, removed after a successful run unless --keep-work-dir)")
    Path workDir;

    @Option(names = "--keep-work-dir", description = "keep the logs, configs, data and JFR files")
    boolean keepWorkDir;

    @Option(names = "--memory-deliveries", paramLabel = "N",
            description = "live deliveries for the memory and restart figures (default 100,000; 10,000 with --quick)")
    Integer memoryDeliveries;

    @Option(names = "--shards", paramLabel = "N",
            description = "engine.shards of every AF of the run (MODELQOS_SHARDS): how many event loops it spreads its "
                    + "deliveries over (default: the AF's, one per available processor)")
    Integer shards;

    @Option(names = "--idempotency-keys",
            description = "send an Idempotency-Key (a new UUID) with every create through an AF, as the SDK does; such "
                    + "creates run on the shard of the key (or of the delivery it made), not of the loop that read them")
    boolean idempotencyKeys;

    @Option(names = "--max-monitored-deliveries", paramLabel = "N",
            description = "engine.maxMonitoredDeliveries of AF \"c\" (phases 3-5): how many of its live deliveries the "
                    + "NEF reports data rates for (default: the AF's, 10,000)")
    Integer maxMonitoredDeliveries;

    @Option(names = "--phases", paramLabel = "N,N", split = ",", defaultValue = "1,2,3,4,5",
            description = "which figures to measure: 1 overhead, 2 throughput, 3 relay, 4 memory and QoS-monitoring load, "
                    + "5 restart (default: all)")
    java.util.Set<Integer> phases;

    @Option(names = "--overhead-concurrency", paramLabel = "N",
            description = "concurrency of the overhead comparison (default 1: the latency one delivery sees; at 4 the AF "
                    + "is already near its throughput limit and queueing dominates)")
    Integer overheadConcurrency;

    @Option(names = "--throughput-concurrency", paramLabel = "N,N", split = ",",
            description = "concurrency levels of the throughput sweep (default 64 with --quick, else 16,32,64,128,256)")
    List<Integer> throughputConcurrency;

    @Option(names = "--memory-time-limit", paramLabel = "SECONDS",
            description = "the longest time spent creating the live deliveries (default 1200; 15 with --quick)")
    Integer memoryTimeLimit;

    @Option(names = "--no-cds", description = "start the AF and emulator JVMs without the jar's class-data archive")
    boolean noCds;

    @Option(names = "--skip-jmh", description = "do not run the JMH benchmarks")
    boolean skipJmh;

    @Option(names = "--jfr", description = "record every child JVM with JFR (settings=profile) into the work dir; implies --keep-work-dir")
    boolean jfr;

    @Option(names = "--store", paramLabel = "KIND[,KIND]", split = ",", converter = StoreKindConverter.class,
            description = "where the AFs keep their deliveries: postgres (a real PostgreSQL server the bench starts), "
                    + "mvstore or memory (default: what serve uses, i.e. mvstore). The first serves every figure; with "
                    + "more than one, the throughput (phase 2) is measured on each in interleaved rounds and the AF's CPU "
                    + "per create+delete compared, e.g. --store postgres,mvstore")
    List<StoreKind> store;

    @Option(names = "--db-delay-ms", paramLabel = "MS",
            description = "with --store postgres: also measure the throughput (phase 2) with MS milliseconds added to "
                    + "every database round trip (a delaying TCP proxy in front of PostgreSQL), in the same run, and print "
                    + "the ratio")
    Integer dbDelayMs;

    @Option(names = "--rounds", paramLabel = "N",
            description = "with several stores or --db-delay-ms: how many interleaved rounds of each throughput window "
                    + "(default 2 with --quick, else 3)")
    Integer rounds;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Parses --store values with a message that names the kinds there are. */
    static final class StoreKindConverter implements CommandLine.ITypeConverter<StoreKind> {
        @Override
        public StoreKind convert(String value) {
            try {
                return StoreKind.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** The run's stores, or a usage error that says what is wrong with the options. */
    SystemBench.Stores stores() {
        List<StoreKind> kinds = store == null ? List.of() : store;
        if (kinds.size() != new java.util.HashSet<>(kinds).size()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--store: each kind at most once (got "
                    + kinds.stream().map(StoreKind::label).toList() + ")");
        }
        if (dbDelayMs != null) {
            if (!kinds.contains(StoreKind.POSTGRES)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--db-delay-ms delays PostgreSQL's round trips: add postgres to --store (e.g. --store postgres)");
            }
            if (dbDelayMs < 1 || dbDelayMs > 10_000) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--db-delay-ms: " + dbDelayMs + " is not between 1 and 10000 ms");
            }
        }
        if (rounds != null && rounds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rounds: must be at least 1");
        }
        SystemBench.Stores stores = new SystemBench.Stores(kinds,
                dbDelayMs == null ? null : java.time.Duration.ofMillis(dbDelayMs),
                rounds != null ? rounds : quick ? 2 : 3);
        if (stores.compares() && !phases.contains(2)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "comparing stores (--store with several kinds) "
                    + "and --db-delay-ms measure the throughput: add 2 to --phases");
        }
        return stores;
    }

    @Option(names = "--child-jvm-options", paramLabel = "OPTS", split = " ",
            description = "JVM options of the AF and emulator processes (default: ${DEFAULT-VALUE})", defaultValue = "-Xmx4g")
    List<String> childJvmOptions;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("jmh")) {
            org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("store-churn")) {
            StoreChurn.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("relay-floor")) {
            RelayFloor.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("store-relay")) {
            StoreRelay.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        PrintStream progress = System.err;
        Path jar = appJar != null ? appJar
                : System.getenv("MODELQOS_APP_JAR") != null ? Path.of(System.getenv("MODELQOS_APP_JAR"))
                : Path.of("app", "target", "modelqos.jar");
        SystemBench.Stores stores = stores();
        if (!Files.isRegularFile(jar)) {
            progress.println("modelqos bench: no app jar at " + jar.toAbsolutePath()
                    + " (build it: ./mvnw -B -q -pl app -am install -DskipTests, or pass --app-jar)");
            return 2;
        }
        SystemBench.Settings settings = quick ? SystemBench.Settings.quick() : SystemBench.Settings.full();
        if (throughputConcurrency != null && !throughputConcurrency.isEmpty()) {
            settings = settings.withThroughputConcurrencies(throughputConcurrency);
        }
        if (overheadConcurrency != null) {
            settings = settings.withOverheadConcurrency(overheadConcurrency);
        }
        if (memoryTimeLimit != null) {
            settings = settings.withMemoryTimeLimit(java.time.Duration.ofSeconds(memoryTimeLimit));
        }
        if (memoryDeliveries != null) {
            settings = settings.withMemoryDeliveries(memoryDeliveries);
        }
        if (maxMonitoredDeliveries != null) {
            if (maxMonitoredDeliveries < 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--max-monitored-deliveries: must not be negative");
            }
            settings = settings.withMaxMonitoredDeliveries(maxMonitoredDeliveries);
        }
        if (shards != null && (shards < 1 || shards > 64)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--shards: " + shards + " is not between 1 and 64");
        }
        Path work = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("modelqos-bench-");
        long t0 = System.nanoTime();
        Report report = new Report();
        report.header("ModelQoS bench (" + settings.name() + "), " + LocalDateTime.now().withNano(0)
                .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
        report.header("machine: " + MachineInfo.describe());
        report.header("load average at start: " + MachineInfo.loadAverage());
        report.header("processes: AF and NEF emulator = java " + String.join(" ", childJvmOptions) + " -jar " + jar
                + "; load generator = this JVM (Vert.x HTTP client, 2 event loops); loopback only"
                + (shards == null ? "" : "; every AF with engine.shards " + shards)
                + (idempotencyKeys ? "; every create through an AF with an Idempotency-Key" : ""));
        boolean failed = false;
        try {
            if (!phases.isEmpty()) {
                SystemBench bench = new SystemBench(settings, jar, work, childJvmOptions, !noCds, jfr, progress, report,
                        phases, stores);
                bench.afShards = shards;
                bench.idempotencyKeys = idempotencyKeys;
                bench.run();
                if (bench.defect() != null) {
                    failed = true;
                    report.note("the system bench found a defect: " + bench.defect() + " (logs kept in " + work + ")");
                }
            }
        } catch (Exception e) {
            failed = true;
            progress.println("modelqos bench: the system bench failed: " + e);
            e.printStackTrace(progress);
            report.note("the system bench failed: " + e.getMessage() + " (logs kept in " + work + ")");
        }
        if (!skipJmh) {
            progress.println("[bench] JMH: " + (quick ? "no fork (in this JVM), 1 × 0.3 s warm-up, 2 × 0.3 s measured per method; indicative"
                    : "two forks, 3 × 1 s warm-up, 5 × 1 s measured per method") + " (log: " + work.resolve("jmh.log") + ")");
            try {
                JmhRun.run(quick, work.resolve("jmh.log"), report);
            } catch (Exception e) {
                failed = true;
                report.note("JMH failed: " + e.getMessage());
            }
        } else {
            report.note("JMH skipped (--skip-jmh)");
        }
        report.header("load average at end: " + MachineInfo.loadAverage() + "; whole run " +
                Report.seconds((System.nanoTime() - t0) / 1e9));
        report.print(out);
        try (PrintStream file = new PrintStream(Files.newOutputStream(work.resolve("report.md")), true, "UTF-8")) {
            report.print(file);
        }
        if (failed || keepWorkDir || jfr || workDir != null) {
            progress.println("[bench] logs and report kept in " + work);
        } else {
            deleteTree(work);
        }
        return failed ? 1 : 0;
    }

    /** Deletes a folder and all it holds, as far as it can (a temporary folder). */
    static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Best effort: a temporary folder.
        }
    }
}
