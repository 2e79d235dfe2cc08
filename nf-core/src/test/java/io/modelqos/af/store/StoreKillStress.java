package io.modelqos.af.store;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryState;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Kills a process that churns deliveries through the MVStore file store ({@link StoreChurn}) with SIGKILL at random
 * moments, and checks after each kill that everything the process had seen committed is in the file: every delivery
 * created before its last reported commit exists and its Idempotency-Key names it, and every delivery it reported done
 * is ended, released and has both events delivered. Each round goes on in the same file, so later rounds run with its
 * space being reused.
 *
 * <p>Not a unit test (each round starts a JVM): {@code java -cp <nf-core test classpath>
 * io.modelqos.af.store.StoreKillStress <rounds> [dir]}, with {@code -Dkill.minMs}/{@code -Dkill.maxMs} (how long a
 * child runs before the kill, default 500-3500 ms), {@code -Dkill.firstMs} (how long the first one runs, e.g. past
 * MVStore's default retention of 45 s) and {@code -Dkill.seed}. Exit status 1 when anything was lost.
 */
public final class StoreKillStress {
    private StoreKillStress() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("child")) {
            child(Path.of(args[1]), Long.parseLong(args[2]));
            return;
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("store-kill-");
        Random random = new Random(Long.getLong("kill.seed", 1));
        int minMs = Integer.getInteger("kill.minMs", 500);
        int maxMs = Integer.getInteger("kill.maxMs", 3500);
        int firstMs = Integer.getInteger("kill.firstMs", 0);
        long next = 0;
        long checked = 0;
        int lost = 0;
        for (int round = 1; round <= rounds; round++) {
            Process child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), StoreKillStress.class.getName(), "child",
                    dir.toString(), Long.toString(next))).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            long runMs = round == 1 && firstMs > 0 ? firstMs : minMs + random.nextInt(Math.max(1, maxMs - minMs));
            long killAt = System.nanoTime() + runMs * 1_000_000L;
            long created = 0;
            long doneBelow = 0;
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()));
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("committed ")) {
                    String[] f = line.split(" ");
                    created = Long.parseLong(f[1]);
                    doneBelow = Long.parseLong(f[2]);
                }
                if (System.nanoTime() > killAt) {
                    child.destroyForcibly(); // SIGKILL
                    break;
                }
            }
            child.waitFor();
            int missing = 0;
            int notDone = 0;
            try (MvStoreDeliveryStore store = MvStoreDeliveryStore.open(dir)) {
                for (long i = 0; i < created; i++) {
                    String id = "k-" + (next + i);
                    Optional<Delivery> d = store.get(id).await();
                    Optional<DeliveryStore.IdempotentCreate> key =
                            store.idempotentCreate("tenant-a", StoreChurn.idempotencyKey(id)).await();
                    if (d.isEmpty() || key.isEmpty() || !key.get().deliveryId().equals(id)) {
                        missing++;
                    } else if (i < doneBelow && (d.get().state() != DeliveryState.CANCELLED || d.get().releasePending()
                            || store.lastSequence(d.get().id()).await() != 2 || !owedIntact(store, id))) {
                        notDone++;
                    }
                }
                System.out.printf("round %d: killed after %d created, %d done; missing %d, not done %d; file %.1f MB%n",
                        round, created, doneBelow, missing, notDone, Files.size(store.file()) / 1e6);
            }
            lost += missing + notDone;
            checked += created;
            next += created + 1_000_000; // past whatever the child created after its last report
        }
        System.out.printf("%d rounds, %d acknowledged deliveries checked, %d lost%n", rounds, checked, lost);
        System.exit(lost == 0 ? 0 : 1);
    }

    /**
     * The webhook cursor is written lazily (within a second): a kill may take its last moves, never an event it still
     * owes (both events of a done delivery after its cursor are there to be sent again).
     */
    private static boolean owedIntact(MvStoreDeliveryStore store, String id) {
        long delivered = store.deliveredUpTo(id).await();
        return delivered <= 2 && store.events(id, delivered).await().stream().map(e -> e.sequence()).toList()
                .equals(java.util.stream.LongStream.rangeClosed(delivered + 1, 2).boxed().toList());
    }

    /** Churns until killed; after each commit, prints what it has committed. */
    private static void child(Path dir, long firstId) {
        MvStoreDeliveryStore store = MvStoreDeliveryStore.open(dir);
        StoreChurn churn = new StoreChurn(store, "k", firstId);
        while (true) {
            churn.run(Long.MAX_VALUE, 1);
            System.out.println("committed " + churn.created() + " " + churn.doneBelow());
        }
    }
}
