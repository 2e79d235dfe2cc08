package io.modelqos.bench;

import com.fasterxml.jackson.core.io.SerializedString;
import io.modelqos.af.delivery.DeliveryIds;
import io.modelqos.af.events.EventOutbox;
import io.modelqos.af.events.EventType;
import io.modelqos.af.store.MvStoreDeliveryStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * The MVStore file's share of a relayed rate report, in-process: the AF's event outbox over the store logs a
 * RATE_REPORT event for {@code --deliveries} deliveries in turn (each history soon full, so trimmed as it grows, as for
 * a delivery monitored for a long time), and each turn of {@code --per-turn} reports ends with the store's grouped
 * commit, as the AF's event loop ends its turns. The first quarter of the reports warms the JVM up and is not counted.
 * Prints the process's CPU per report: what the store (and the outbox) cost, without HTTP, the webhook or the engine.
 *
 * <p>{@code java -jar benchmarks/target/modelqos-benchmarks.jar store-relay [--reports 400000] [--per-turn 32]}
 */
@Command(name = "store-relay", mixinStandardHelpOptions = true,
        description = "Logs rate reports through the AF's event outbox into the MVStore file store and prints the CPU per report.")
public final class StoreRelay implements Callable<Integer> {

    @Option(names = "--reports", defaultValue = "400000", description = "reports counted, after a quarter as many for warm-up "
            + "(default ${DEFAULT-VALUE})")
    int reports;

    @Option(names = "--deliveries", defaultValue = "256", description = "deliveries the reports go to in turn (default "
            + "${DEFAULT-VALUE}, as phase 3 of the bench)")
    int deliveries;

    @Option(names = "--per-turn", defaultValue = "32", description = "reports per turn of the event loop, i.e. per commit "
            + "(default ${DEFAULT-VALUE})")
    int perTurn;

    public static void main(String[] args) {
        System.exit(new CommandLine(new StoreRelay()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Path data = Files.createTempDirectory("modelqos-store-relay-");
        out.printf("# store-relay, %s; machine: %s; load average at start: %s%n", LocalDateTime.now().withNano(0),
                MachineInfo.describe(), MachineInfo.loadAverage());
        List<Runnable> endOfTurn = new ArrayList<>();
        DeliveryIds ids = new DeliveryIds(new Random(2));
        List<String> deliveryIds = new ArrayList<>();
        for (int i = 0; i < deliveries; i++) {
            deliveryIds.add(ids.next(java.time.Instant.parse("2026-03-01T10:00:00Z").plusMillis(i)));
        }
        try (MvStoreDeliveryStore store = MvStoreDeliveryStore.open(data, false)) {
            store.groupCommits(endOfTurn::add);
            EventOutbox outbox = new EventOutbox(Clock.systemUTC(), store);
            // As the AF's deliveries, made in this process: their trimming counts from the first event instead of
            // reading each history back once it is full (which the AF does only after a restart).
            deliveryIds.forEach(outbox::begin);
            int warmUp = reports / 4;
            long cpu0 = 0;
            long t0 = 0;
            long commits = 0;
            for (int k = 0; k < warmUp + reports; k++) {
                if (k == warmUp) {
                    cpu0 = StoreChurn.cpuNanos();
                    t0 = System.nanoTime();
                    commits = 0;
                }
                outbox.append(deliveryIds.get(k % deliveries), EventType.RATE_REPORT, new SerializedString(
                        "{\"dlRate\":\"183.2 Mbps\",\"windowMs\":1000,\"samples\":" + k + "}"));
                if (k % perTurn == perTurn - 1 || k == warmUp + reports - 1) {
                    List<Runnable> tasks = List.copyOf(endOfTurn);
                    endOfTurn.clear();
                    tasks.forEach(Runnable::run);
                    store.flushed().toCompletionStage().toCompletableFuture().get();
                    commits++;
                }
            }
            double cpuMs = (StoreChurn.cpuNanos() - cpu0) / 1e6;
            out.printf(Locale.ROOT, "%,d rate reports to %d deliveries, %d per commit (%,d commits): %.4f ms of CPU per "
                            + "report (this JVM, JIT included), %.1f s; file %.1f MB; a delivery's history holds %d events%n",
                    reports, deliveries, perTurn, commits, cpuMs / reports, (System.nanoTime() - t0) / 1e9,
                    Files.size(data.resolve(MvStoreDeliveryStore.FILE_NAME)) / 1e6,
                    store.events(deliveryIds.get(0), 0).toCompletionStage().toCompletableFuture().get().size());
        } finally {
            BenchMain.deleteTree(data);
        }
        out.printf("load average at end: %s%n", MachineInfo.loadAverage());
        return 0;
    }
}
