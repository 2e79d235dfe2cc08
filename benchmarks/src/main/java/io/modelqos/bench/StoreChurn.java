package io.modelqos.bench;

import io.modelqos.af.catalog.ModelVariant;
import io.modelqos.af.catalog.Precision;
import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryIds;
import io.modelqos.af.delivery.DeliveryJson;
import io.modelqos.af.delivery.DeliveryRequest;
import io.modelqos.af.engine.EngineSettings;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.delivery.GrantedQos;
import io.modelqos.af.delivery.NegotiationAttempt;
import io.modelqos.af.delivery.NetworkUsage;
import io.modelqos.af.delivery.PlannedOption;
import io.modelqos.af.delivery.RequestedQos;
import io.modelqos.af.events.DeliveryEvent;
import io.modelqos.af.events.EventType;
import io.modelqos.af.qos.PlanRequest;
import io.modelqos.af.qos.PlannedQos;
import io.modelqos.af.qos.QosMode;
import io.modelqos.af.qos.QosPlan;
import io.modelqos.af.qos.QosPlanner;
import io.modelqos.af.store.DeliveryStore;
import io.modelqos.af.store.MvStoreDeliveryStore;
import io.modelqos.openapi.T8Json;
import io.vertx.core.Future;
import org.h2.mvstore.MVStoreTool;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * Creates and deletes deliveries through the AF's MVStore file store, in-process and without HTTP, writing exactly what
 * the AF writes for a create+delete with a webhook (see the engine package, EventOutbox, WebhookDispatcher), and prints the
 * store file's size every N pairs: does the file stay bounded under churn?
 *
 * <p>Per delivery, in the AF's order and in separate turns of its event loop: the idempotency key and two puts (created,
 * negotiating); the put when the NEF granted; the put and the QOS_GRANTED event when the allocation is known; the
 * webhook's cursor; the final put with "release pending" (twice, as end() and release() both write it); the put once
 * the NEF confirmed the delete, with its final usage report, and the terminal event; the cursor again. {@code
 * --in-flight} deliveries are under way at once and each turn moves {@code --per-turn} of them one step and then
 * commits once, as the AF's grouped commit does at the end of a turn. The AF's clock runs at {@code --rate} pairs per
 * second; every 60 s of it the ended deliveries older than {@code --retention} are purged, as the AF's housekeeping does
 * (1 h in the AF: at the bench's rates nothing is purged within 100,000 pairs).
 *
 * <p>{@code java -jar benchmarks/target/modelqos-benchmarks.jar store-churn [--pairs 100000] [--retention-s 3600]}
 */
@Command(name = "store-churn", mixinStandardHelpOptions = true,
        description = "Creates and deletes deliveries through the MVStore file store as the AF does and prints the file size.")
public final class StoreChurn implements Callable<Integer> {

    @Option(names = "--pairs", defaultValue = "100000", description = "create+delete pairs (default ${DEFAULT-VALUE})")
    long pairs;

    @Option(names = "--every", defaultValue = "10000", description = "print a row every N pairs (default ${DEFAULT-VALUE})")
    long every;

    @Option(names = "--in-flight", defaultValue = "64", description = "deliveries under way at once (default ${DEFAULT-VALUE})")
    int inFlight;

    @Option(names = "--per-turn", defaultValue = "4",
            description = "delivery steps per turn of the event loop, i.e. per commit (default ${DEFAULT-VALUE})")
    int perTurn;

    @Option(names = "--paced", description = "run in real time at --rate pairs per second, as an AF under that load: "
            + "the store's checkpoints (about one a second) then cover as many pairs as in the AF (default: as fast as "
            + "the store goes)")
    boolean paced;

    @Option(names = "--rate", defaultValue = "470",
            description = "pairs per second of the AF's clock, for createdAt/endedAt and the purge (default ${DEFAULT-VALUE}: "
                    + "the AF's measured create+delete throughput)")
    double rate;

    @Option(names = "--retention-s", defaultValue = "3600",
            description = "how long ended deliveries are kept, in seconds of the AF's clock (default ${DEFAULT-VALUE}, as the AF)")
    long retentionS;

    @Option(names = "--fsync", description = "open the store with fsync on every commit")
    boolean fsync;

    @Option(names = "--dir", paramLabel = "DIR", description = "the data directory (default: a new temporary one, removed at the end)")
    Path dir;

    @Option(names = "--random-ids", description = "random delivery and callback ids, as the AF made them "
            + "before they began with their creation time (to compare)")
    boolean randomIds;

    @Option(names = "--no-live-size", description = "skip measuring the live data at the end (a compacted copy of the file)")
    boolean noLiveSize;

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private final Random random = new Random(1);
    private final DeliveryIds ids = new DeliveryIds(new Random(2));
    private final DeliveryJson json = new DeliveryJson(T8Json.mapper());
    private DeliveryStore store;
    private long started;
    private long done;
    private long commits;
    private final List<Long> commitNanos = new ArrayList<>();
    /** The store's end-of-turn tasks (its grouped commit), run by {@link #commit()}. */
    private final List<Runnable> endOfTurn = new ArrayList<>();
    private DeliveryRequest request;
    private RequestedQos requested;
    private List<PlannedOption> options;
    private GrantedQos granted;

    public static void main(String[] args) {
        System.exit(new CommandLine(new StoreChurn()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        plan();
        boolean temporary = dir == null;
        Path data = temporary ? Files.createTempDirectory("modelqos-store-churn-") : Files.createDirectories(dir);
        Path file = data.resolve(MvStoreDeliveryStore.FILE_NAME);
        out.printf("# store-churn, %s%n", LocalDateTime.now().withNano(0));
        out.printf("machine: %s; load average at start: %s%n", MachineInfo.describe(), MachineInfo.loadAverage());
        out.printf("%,d create+delete pairs through %s (fsync %s); %d in flight, %d steps per commit; AF clock %.0f pairs/s, "
                + "ended deliveries kept %d s%s%n%n", pairs, file, fsync, inFlight, perTurn, rate, retentionS,
                paced ? "; paced in real time" : "");
        out.println("| pairs | file MB | ended deliveries kept | commits | wall s | CPU s |");
        out.println("| ---: | ---: | ---: | ---: | ---: | ---: |");
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        long kept;
        try (MvStoreDeliveryStore mv = MvStoreDeliveryStore.open(data, fsync)) {
            store = mv;
            // The end of each turn is the driver's: it runs the store's end-of-turn commit, as the AF's event loop does.
            store.groupCommits(endOfTurn::add);
            kept = run(file, out, t0, cpu0);
        }
        long[] c = commitNanos.stream().mapToLong(Long::longValue).sorted().toArray();
        double cpuS = (cpuNanos() - cpu0) / 1e9;
        out.printf("%nafter close: file %.1f MB; %,d ended deliveries kept (%.1f KB of file each)%n",
                Files.size(file) / 1e6, kept, kept == 0 ? 0 : Files.size(file) / 1e3 / kept);
        out.printf("commits: %,d, p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.1f ms; CPU %.2f ms per pair (this JVM, "
                        + "JIT included)%n", c.length, c[c.length / 2] / 1e6, c[c.length * 99 / 100] / 1e6,
                c[c.length * 999 / 1000] / 1e6, c[c.length - 1] / 1e6, cpuS * 1000 / pairs);
        if (!noLiveSize) {
            Path copy = data.resolve("live-data.mv.db");
            Files.copy(file, copy);
            MVStoreTool.compact(copy.toString(), false);
            out.printf("live data: %.1f MB (a compacted copy of the file), %.2f KB per ended delivery kept%n",
                    Files.size(copy) / 1e6, kept == 0 ? 0 : Files.size(copy) / 1e3 / kept);
            Files.delete(copy);
        }
        out.printf("load average at end: %s%n", MachineInfo.loadAverage());
        if (temporary) {
            try (Stream<Path> paths = Files.walk(data)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }

    /** Runs the pairs; returns how many ended deliveries the store keeps at the end. */
    private long run(Path file, PrintStream out, long t0, long cpu0) throws IOException {
        ArrayDeque<Flow> flows = new ArrayDeque<>();
        Instant lastPurge = T0;
        long purged = 0;
        while (done < pairs) {
            while (flows.size() < inFlight && started < pairs) {
                flows.add(new Flow(started++));
            }
            for (int i = 0; i < perTurn && !flows.isEmpty(); i++) {
                Flow f = flows.poll();
                if (f.step()) {
                    flows.add(f);
                } else if (++done % every == 0 || done == pairs) {
                    commit();
                    out.printf(Locale.ROOT, "| %,d | %.1f | %,d | %,d | %.1f | %.1f |%n", done, Files.size(file) / 1e6,
                            done - purged, commits, (System.nanoTime() - t0) / 1e9, (cpuNanos() - cpu0) / 1e9);
                }
            }
            commit();
            if (paced) {
                long due = t0 + (long) (started * 1e9 / rate);
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
            }
            Instant now = now();
            if (Duration.between(lastPurge, now).getSeconds() >= 60) {
                lastPurge = now;
                // The purge completes once committed, and the turn's end (commit()) is what commits it here.
                Future<List<String>> purge = store.purgeEndedBefore(now.minusSeconds(retentionS));
                commit();
                purged += purge.await().size();
            }
        }
        return done - purged;
    }

    /** Ends a turn as the AF's event loop does: runs the store's end-of-turn commit. */
    private void commit() {
        long t = System.nanoTime();
        List<Runnable> tasks = List.copyOf(endOfTurn);
        endOfTurn.clear();
        tasks.forEach(Runnable::run);
        store.flushed().await();
        commitNanos.add(System.nanoTime() - t);
        commits++;
    }

    private Instant now() {
        return T0.plusNanos((long) (started * 1e9 / rate));
    }

    /** What the AF's planner makes of the bench's delivery request (ResNet-50, FP32 100 MB / INT8 25 MB, 10 s). */
    private void plan() {
        long budgetMs = Workload.CREATE_DELETE_BUDGET_MS;
        request = new DeliveryRequest(new DeliveryRequest.UeAddress(Workload.UE_PLACEHOLDER, null, null),
                new DeliveryRequest.ServerAddress(Workload.SERVER, null, 443), "ResNet-50",
                List.of(new DeliveryRequest.Variant("resnet-50-fp32", "FP32", Workload.FP32_BYTES, null),
                        new DeliveryRequest.Variant("resnet-50-int8", "INT8", Workload.INT8_BYTES, null)),
                budgetMs, 0.99999, true, null, URI.create("http://127.0.0.1:43210/webhook"), null);
        QosPlan plan = (QosPlan) QosPlanner.withDefaults().plan(new PlanRequest(List.of(
                new ModelVariant("resnet-50-fp32", Precision.FP32, Workload.FP32_BYTES, null),
                new ModelVariant("resnet-50-int8", Precision.INT8, Workload.INT8_BYTES, null)),
                Duration.ofMillis(budgetMs), 0.99999, true, null, Duration.ZERO, EngineSettings.AF_FEATURES));
        PlannedQos primary = plan.primary();
        requested = new RequestedQos(primary.variant().id(), primary.sizing().payloadRate().toString(),
                primary.sizing().requestedGbrDl().toString(), budgetMs, 0.99999);
        options = new ArrayList<>();
        for (PlannedQos q : plan.ordered()) {
            double bps = q.gbrDl().bitsPerSecond().doubleValue();
            options.add(new PlannedOption(q.variant().id(), q.ref(), plan.mode() == QosMode.QOS_REFERENCE,
                    q.gbrDl().toString(), q.gbrDl().bitsPerSecond().longValue(),
                    (long) Math.ceil(q.sizing().wireBytesDl() * 8.0 * 1000.0 / bps), budgetMs));
        }
        PlannedOption first = options.get(0);
        granted = new GrantedQos(first.variantId(), first.gbrDl(), first.byReference() ? first.ref() : null,
                first.byReference() ? null : first.ref(), first.expectedTransferMs(), first.latencyBudgetMs(),
                plan.qosDurationSeconds());
    }

    /** This process's CPU time, every thread's (the JIT's and the store's commit thread's included). */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private String token(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** One delivery's life, a step per turn. */
    private final class Flow {
        private final long index;
        private Delivery d;
        private int step;

        Flow(long index) {
            this.index = index;
        }

        /** One step; false once the delivery is over. */
        boolean step() {
            Instant now = now();
            switch (step++) {
                case 0 -> {
                    DeliveryRequest r = new DeliveryRequest(new DeliveryRequest.UeAddress(Workload.ue(index), null, null),
                            request.server(), request.modelName(), request.variants(), request.latencyBudgetMs(),
                            request.availability(), request.allowVariantFallback(), request.maxLatencyBudgetMs(),
                            request.notificationUri(), request.notificationToken());
                    String id = randomIds ? "d-" + token(12) : ids.next(now);
                    d = new Delivery(id, "bench", r, randomIds ? token(16) : ids.callbackId(id), now);
                    store.rememberIdempotentCreate(d.tenant(), UUID.randomUUID().toString(),
                            new DeliveryStore.IdempotentCreate(token(32), d.id()));
                    d.requested(requested);
                    d.options(options);
                    store.put(d);
                    d.moveTo(DeliveryState.NEGOTIATING);
                    store.put(d);
                }
                case 1 -> {
                    d.nefSubscription(URI.create("http://127.0.0.1:8443/3gpp-as-session-with-qos/v1/bench/subscriptions/"
                            + UUID.randomUUID()));
                    d.granted(granted);
                    d.allocatedRef(options.get(0).ref());
                    d.availability().start(now);
                    d.expiresAt(now.plusSeconds(granted.qosDurationS()));
                    d.moveTo(DeliveryState.QOS_GRANTED);
                    store.put(d);
                }
                case 2 -> {
                    PlannedOption first = options.get(0);
                    d.recordAttempt(first.variantId(), first.gbrDl(), NegotiationAttempt.Outcome.GRANTED, null);
                    store.put(d);
                    event(EventType.QOS_GRANTED, 1, now, null);
                }
                case 3 -> store.markDelivered(d.id(), 1);
                case 4 -> {
                    d.availability().stop(now);
                    d.endedAt(now);
                    d.moveTo(DeliveryState.CANCELLED);
                    d.releasePending(true);
                    store.put(d);
                    store.put(d);
                }
                case 5 -> {
                    d.rate().usage(new NetworkUsage(Workload.FP32_BYTES, 52_000L, Workload.FP32_BYTES + 52_000L, 2L));
                    d.releasePending(false);
                    store.put(d);
                    event(EventType.COMPLETED, 2, now, null);
                }
                default -> {
                    store.markDelivered(d.id(), 2, true); // the COMPLETED event, as the AF's webhook marks it
                    return false;
                }
            }
            return true;
        }

        private void event(EventType type, long sequence, Instant now, String cause) {
            store.appendEvent(new DeliveryEvent(UUID.randomUUID().toString(), d.id(), sequence, type, now,
                    json.eventData(d, now, null, cause)));
        }
    }
}
