package io.modelqos.crash;

import io.modelqos.af.AfServer;
import io.modelqos.af.config.AfConfig;
import io.modelqos.af.config.ConfigLoader;
import io.modelqos.af.nef.VertxAsSessionWithQosClient;
import io.modelqos.af.observe.AfMetrics;
import io.modelqos.af.engine.Reconciler;
import io.modelqos.af.store.MvStoreDeliveryStore;
import io.vertx.core.Vertx;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The AF as a process of its own, composed as {@code modelqos serve} composes it with a network configured (MVStore
 * under the data directory, reconciliation at start), with the NEF client wrapped in a {@link CrashingNefClient} or,
 * with {@code southbound.kind: pcf}, the PCF's southbound in a {@link CrashingSouthbound}.
 * Prints {@code READY <port>} once it serves and {@code RECONCILED <report>} after its first reconciliation.
 *
 * <pre>AfProcessMain CONFIG_FILE [CRASH_POINT CRASH_AT]</pre>
 */
public final class AfProcessMain {
    private AfProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        // The test client stands for many AI/ML servers: no per-tenant rate limit (it would answer 429).
        AfConfig config = ConfigLoader.load(Path.of(args[0]), Map.of(), Map.of("limits.requestsPerSecond", "0"));
        String point = args.length > 1 ? args[1] : "none";
        int at = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        Vertx vertx = Vertx.vertx();
        AfMetrics metrics = new AfMetrics();
        long opened = System.nanoTime();
        MvStoreDeliveryStore store = MvStoreDeliveryStore.open(config.dataDirOrDefault(),
                config.storeOrDefault().fsyncOrDefault());
        int live = store.live().await().size();
        long openMs = (System.nanoTime() - opened) / 1_000_000;
        CrashPoint crash = new CrashPoint(point, at);
        // The NEF over T8 through the crashing client, or (southbound.kind: pcf) the PCF over N5 through a crashing
        // southbound: the same crash points on either.
        io.modelqos.af.Southbound southbound = config.usesPcf()
                ? new CrashingSouthbound(io.modelqos.af.pcf.PcfSouthbound.create(vertx,
                        io.vertx.ext.web.client.WebClient.create(vertx), config.pcfOrDefault(), store, metrics,
                        java.time.Clock.systemUTC()), crash)
                : new io.modelqos.af.nef.NefSouthbound(new CrashingNefClient(VertxAsSessionWithQosClient.builder(vertx,
                        config.nefOrDefault()).metrics(metrics).build(), crash));
        AfServer server = AfServer.start(vertx, config, southbound, store, metrics)
                .toCompletionStage().toCompletableFuture().get();
        System.out.println("READY " + server.port() + " store-open-ms " + openMs + " live " + live);
        System.out.flush();
        long[] timer = new long[1];
        timer[0] = vertx.setPeriodic(20, id -> {
            Reconciler reconciler = server.af().deliveries().reconciler();
            Reconciler.Report report = reconciler == null ? null : reconciler.last();
            if (report != null) {
                vertx.cancelTimer(timer[0]);
                System.out.println("RECONCILED " + report.orphansDeleted() + " " + report.interrupted() + " "
                        + report.interruptedAtNef() + " " + report.vanished() + " " + report.released() + " "
                        + report.matched() + " " + report.tookMs() + " | " + report);
                System.out.flush();
            }
        });
        // The test arms the crash point once it has checked the AF after its start (a line "ARM" on stdin): the AF's
        // own start-up work (the reconciliation, expiries of deliveries that ran out while it was down) must not trip it.
        Thread armer = new Thread(() -> {
            try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                    java.nio.charset.StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.equals("ARM")) {
                        crash.arm();
                    }
                }
            } catch (java.io.IOException e) {
                // The test went away: nothing more to arm.
            }
        }, "crash-point-armer");
        armer.setDaemon(true);
        armer.start();
        new CountDownLatch(1).await();
    }
}
