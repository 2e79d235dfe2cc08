package io.modelqos.crash;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.af.qos.QosCatalog;
import io.modelqos.client.DeliveryFilter;
import io.modelqos.client.ModelQosClient;
import io.modelqos.client.ModelQosException;
import io.modelqos.client.NotFoundException;
import io.modelqos.client.RetryPolicy;
import io.modelqos.client.model.Delivery;
import io.modelqos.client.model.DeliveryRequest;
import io.modelqos.client.model.ModelCatalog;
import io.modelqos.client.model.ModelServer;
import io.modelqos.client.model.UeId;
import io.modelqos.nef.emulator.CatalogueEntry;
import io.modelqos.nef.emulator.EmulatorOptions;
import io.modelqos.nef.emulator.NefEmulator;
import io.modelqos.nef.emulator.NotificationOptions;
import io.modelqos.qos.BitRate;
import io.modelqos.testing.EventLoopGuard;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Verifies that an AF killed with SIGKILL leaves nothing behind and loses nothing: the AF runs as a process of its
 * own ({@link AfProcessMain}, MVStore file store) against a NEF emulator in this JVM and is killed over and over
 * during 200 deliveries — at exact points ({@link CrashingNefClient}: between storing a delivery and the NEF create,
 * between the NEF's 201 and the store update, between the NEF's delete and the store update) and at random moments.
 * After each restart (and its reconciliation) the emulator holds exactly the subscriptions of the AF's live
 * deliveries, none twice; every delivery whose create the SDK saw acknowledged is still there; and at the end every
 * such delivery's webhook got its events in order, with no gap, ending with the terminal one.
 *
 * <p>{@code -Dcrash.deliveries=N} and {@code -Dcrash.seed=S} change the run; it prints what it did.
 */
class CrashRecoveryTest {
    private static final String SCS_AS_ID = "crash";
    private static final String[] POINTS = {"after-nef-create", "before-nef-create", "after-nef-delete", "random"};

    private static Vertx vertx;
    private static NefEmulator emulator;
    private static HttpServer webhook;
    /** Sequences received per delivery, in arrival order; and the deliveries whose terminal event arrived. */
    private static final Map<String, List<Long>> received = new ConcurrentHashMap<>();
    private static final Set<String> terminal = ConcurrentHashMap.newKeySet();

    /** The AF processes' config, data and logs; under target/ so that a failed run can be looked into. */
    private static Path work;

    @BeforeAll
    static void start() throws Exception {
        work = Path.of("target", "crash-work").toAbsolutePath();
        if (Files.exists(work)) {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(work);
        vertx = EventLoopGuard.vertx();
        List<CatalogueEntry> refs = QosCatalog.defaultCatalog().references().stream()
                .map(r -> new CatalogueEntry(r.name(), r.fiveQi(), BitRate.parse(r.gbrDl().toString()),
                        BitRate.parse(r.gbrUl().toString()), r.pdbMs(), r.per().toString(), r.averagingWindowMs()))
                .toList();
        EmulatorOptions options = new EmulatorOptions().setHost("127.0.0.1").setPort(0).setSeed(11).setQosReferences(refs)
                .setNotifications(new NotificationOptions().setAllocationDelayMs(5).setMonitoringPeriodMs(1000)
                        .setMaxAttempts(2).setInitialBackoffMs(20).setMaxBackoffMs(100).setRequestTimeoutMs(500));
        options.getCapacity().setCells(1).setCellGbrDl(BitRate.parse("900 Gbps")).setUeGbrDl(BitRate.parse("10 Gbps"));
        emulator = NefEmulator.start(vertx, options).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        webhook = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            JsonObject event = body.toJsonObject();
            String delivery = event.getString("subject");
            received.computeIfAbsent(delivery, id -> java.util.Collections.synchronizedList(new ArrayList<>()))
                    .add(event.getLong("sequence"));
            String type = event.getString("type");
            if (type.endsWith(".completed") || type.endsWith(".cancelled") || type.endsWith(".expired")
                    || type.endsWith(".failed")) {
                terminal.add(delivery);
            }
            req.response().setStatusCode(204).end();
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void aKilledAfLeavesNoOrphanAndLosesNoAcknowledgedDelivery() throws Exception {
        run(false);
    }

    /**
     * The same over N5, towards the emulator's PCF (found through its NRF and BSF). N5 has no list: a session made for a
     * create the kill interrupted is not found by the reconciliation but when it ends at its qosDuration (the PCF's
     * termination reaches the restarted AF, which deletes it); none is planted.
     */
    @Test
    void onN5AKilledAfLeavesNoAppSessionAndLosesNoAcknowledgedDelivery() throws Exception {
        run(true);
    }

    private void run(boolean n5) throws Exception {
        int total = Integer.getInteger("crash.deliveries", n5 ? 120 : 200);
        long seed = Long.getLong("crash.seed", 20_261_127L);
        Random random = new Random(seed);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path config = writeConfig(port, n5);
        Path logs = config.getParent();
        ModelQosClient client = ModelQosClient.builder().baseUri(URI.create("http://127.0.0.1:" + port))
                .timeout(Duration.ofSeconds(30)).retryPolicy(RetryPolicy.none()).build();
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        Totals totals = new Totals();
        long started = System.nanoTime();

        int submitted = 0;
        int round = 0;
        while (submitted < total) {
            round++;
            String point = POINTS[(round - 1) % POINTS.length];
            int batch = Math.min(total - submitted, 15 + random.nextInt(16));
            int at = Math.min(batch, 2 + random.nextInt(Math.max(1, point.equals("after-nef-delete") ? batch / 2 : batch - 2)));
            long t0 = System.nanoTime();
            AfProcess af = AfProcess.start(config, logs.resolve("af-" + round + ".log"), point, at);
            Reconciled r = af.awaitReady();
            long startMs = (System.nanoTime() - t0) / 1_000_000;
            totals.add(r);
            checkInvariants(client, acknowledged, "round " + round + " start", n5);
            af.armCrashPoint();

            ExecutorService pool = Executors.newFixedThreadPool(4);
            long t1 = System.nanoTime();
            AtomicBoolean killed = new AtomicBoolean();
            List<Future<?>> tasks = new ArrayList<>();
            int acksBefore = acknowledged.size();
            for (int i = 0; i < batch; i++) {
                int n = submitted + i;
                boolean cancel = random.nextInt(10) < 3;
                // qosDuration = budget + 1 s: the short ones end (the NEF ends them too) within a round, the long ones
                // outlive the kill, so that a restart finds subscriptions to match, orphans and interrupted creates.
                Duration budget = Duration.ofSeconds(1 + random.nextInt(8));
                tasks.add(pool.submit(() -> createAndMaybeCancel(client, n, budget, cancel, acknowledged, killed, n5)));
            }
            submitted += batch;
            String how;
            if (point.equals("random")) {
                long delay = 300 + random.nextInt(2500);
                how = af.killAfter(delay) ? "at random after " + delay + " ms" : "after the batch (" + delay + " ms)";
            } else {
                how = af.killAtCrashPoint(Duration.ofSeconds(8)) ? "at " + point + " #" + at
                        : "after the batch (" + point + " #" + at + " not reached)";
            }
            killed.set(true);
            pool.shutdown();
            for (Future<?> t : tasks) {
                t.get(30, TimeUnit.SECONDS);
            }
            totals.kills++;
            if (!n5 && round % 2 == 0 && plantOrphan()) {
                totals.planted++;
            }
            System.out.printf("crash round %d: started in %d ms (%s); %d creates (%d acknowledged) in %d ms, SIGKILL %s%n",
                    round, startMs, r.summary, batch, acknowledged.size() - acksBefore,
                    (System.nanoTime() - t1) / 1_000_000, how);
        }

        AfProcess last = AfProcess.start(config, logs.resolve("af-final.log"), "none", 0);
        try {
            totals.add(last.awaitReady());
            checkInvariants(client, acknowledged, "final start", n5);
            awaitAllEnded(client, acknowledged.keySet(), Duration.ofSeconds(40));
            checkInvariants(client, acknowledged, "all ended", n5);
            checkWebhookStreams(acknowledged.keySet(), Duration.ofSeconds(20));
        } finally {
            last.kill();
        }
        System.out.printf("crash test: %d deliveries submitted, %d acknowledged, %d SIGKILLs, %d restarts; "
                        + "reconciliation deleted %s orphan subscriptions, failed %d interrupted creates (%d of them made "
                        + "at the NEF and deleted), %d vanished, %d releases already done; emulator holds %d; %d s%n",
                submitted, acknowledged.size(), totals.kills, totals.restarts,
                totals.orphans + " (" + totals.planted + " planted)", totals.interrupted,
                totals.interruptedAtNef, totals.vanished, totals.released, heldAtNetwork(n5).size(),
                (System.nanoTime() - started) / 1_000_000_000L);
        assertTrue(acknowledged.size() >= total / 4, "creates were acknowledged between the kills: " + acknowledged.size());
        assertEquals(0, heldAtNetwork(n5).size(), "every delivery ended and released");
        if (n5) {
            assertTrue(totals.interrupted > 0, "a kill between storing a delivery and the PCF's answer was covered");
            return;
        }
        assertTrue(totals.interruptedAtNef > 0, "a kill between the NEF's 201 and the store update was covered");
        assertTrue(totals.planted > 0 && totals.orphans >= totals.planted,
                "the orphans planted while the AF was down were deleted: " + totals.planted + " planted, "
                        + totals.orphans + " deleted");
    }

    /**
     * While the AF is down, makes a second subscription for a delivery the AF holds (a copy of a live one, same
     * callback id), as a create whose answer was lost, or a NEF that kept a subscription it answered a delete for,
     * would leave; false when there was none to copy. The AF's store proves the copy its own, so the reconciliation
     * deletes it. (A subscription whose callback id no record holds is left alone: it may be another application's.)
     */
    private static boolean plantOrphan() throws Exception {
        List<ObjectNode> live = emulator.liveSubscriptions(SCS_AS_ID);
        if (live.isEmpty()) {
            return false;
        }
        ObjectNode body = live.get(0).deepCopy();
        body.remove("self");
        body.put("qosDuration", 3600); // so that only the AF's reconciliation can make it go
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(URI.create(emulator.apiRoot()
                                + "/3gpp-as-session-with-qos/v1/" + SCS_AS_ID + "/subscriptions"))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), "planting an orphan: " + response.body());
        return true;
    }

    private static void createAndMaybeCancel(ModelQosClient client, int n, Duration budget, boolean cancel,
                                             Map<String, String> acknowledged, AtomicBoolean killed, boolean n5) {
        if (killed.get()) {
            return;
        }
        String key = (n5 ? "crash-n5-" : "crash-") + n;
        try {
            Delivery d = client.deliveries().create(DeliveryRequest.builder()
                    .ue(UeId.ipv4((n5 ? "10.61." : "10.60.") + (n / 250) + "." + (n % 250 + 1)))
                    .server(ModelServer.ipv4("10.0.0.10", 443))
                    .model(ModelCatalog.MOBILENET_224)
                    .latencyBudget(budget)
                    .notificationUri(URI.create("http://127.0.0.1:" + webhook.actualPort() + "/events"))
                    .build(), key);
            acknowledged.put(d.deliveryId(), key);
            if (cancel && !killed.get()) {
                client.deliveries().cancel(d.deliveryId());
            }
        } catch (ModelQosException e) {
            // The AF was killed under the call (or it answered with a problem): not acknowledged.
        }
    }

    /**
     * The sessions the emulator holds for the AF on the path under test, each with the address it notifies: NEF
     * subscriptions over T8, live PCF app sessions over N5.
     */
    private static Map<String, String> heldAtNetwork(boolean n5) {
        Map<String, String> held = new java.util.LinkedHashMap<>();
        if (n5) {
            emulator.liveAppSessionsByUri().forEach((uri, s) ->
                    held.put(uri, s.path("ascReqData").path("notifUri").asText()));
        } else {
            for (ObjectNode s : emulator.liveSubscriptions(SCS_AS_ID)) {
                held.put(s.path("self").asText(), s.path("notificationDestination").asText());
            }
        }
        return held;
    }

    /** The emulator holds exactly the sessions of the AF's live deliveries, none twice; nothing acknowledged is lost. */
    private static void checkInvariants(ModelQosClient client, Map<String, String> acknowledged, String when, boolean n5)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String problem;
        do {
            Set<String> atNef = new TreeSet<>();
            Set<String> destinations = new HashSet<>();
            List<String> duplicates = new ArrayList<>();
            for (Map.Entry<String, String> s : heldAtNetwork(n5).entrySet()) {
                atNef.add(s.getKey());
                if (!destinations.add(s.getValue())) {
                    duplicates.add(s.getKey());
                }
            }
            Set<String> live = new TreeSet<>();
            Set<String> ids = new HashSet<>();
            for (Delivery d : client.deliveries().list(DeliveryFilter.all())) {
                ids.add(d.deliveryId());
                if (!d.state().name().equals("COMPLETED") && !d.state().name().equals("FAILED")
                        && !d.state().name().equals("CANCELLED") && !d.state().name().equals("EXPIRED")) {
                    live.add(String.valueOf(d.nefSubscription()));
                }
            }
            Set<String> lost = new TreeSet<>(acknowledged.keySet());
            lost.removeAll(ids);
            Set<String> orphans = new TreeSet<>(atNef);
            orphans.removeAll(live);
            Set<String> missing = new TreeSet<>(live);
            missing.removeAll(atNef);
            problem = !lost.isEmpty() ? "acknowledged deliveries lost: " + lost
                    : !duplicates.isEmpty() ? "duplicate subscriptions at the NEF: " + duplicates
                    : !orphans.isEmpty() ? "orphan subscriptions at the NEF: " + orphans
                    : !missing.isEmpty() ? "live deliveries without their subscription: " + missing : null;
            if (problem == null) {
                return;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        fail(when + ": " + problem);
    }

    private static void awaitAllEnded(ModelQosClient client, Set<String> ids, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        Set<String> open = new TreeSet<>(ids);
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            open.removeIf(id -> {
                try {
                    String state = client.deliveries().get(id).state().name();
                    return List.of("COMPLETED", "FAILED", "CANCELLED", "EXPIRED").contains(state);
                } catch (NotFoundException e) {
                    throw new AssertionError("acknowledged delivery " + id + " is gone", e);
                }
            });
            Thread.sleep(200);
        }
        assertTrue(open.isEmpty(), "deliveries that never ended: " + open);
    }

    /**
     * Every delivery's webhook — the acknowledged ones and any other the webhook heard of (failed or interrupted
     * creates) — got sequences 1..n in order (repeats allowed), ending with a terminal event.
     */
    private static void checkWebhookStreams(Set<String> acknowledgedIds, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        Set<String> ids = new TreeSet<>(acknowledgedIds);
        ids.addAll(received.keySet());
        while (!terminal.containsAll(ids) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            ids.addAll(received.keySet());
        }
        Set<String> noTerminal = new TreeSet<>(ids);
        noTerminal.removeAll(terminal);
        assertTrue(noTerminal.isEmpty(), "deliveries whose terminal event never reached the webhook: " + noTerminal);
        int repeats = 0;
        for (String id : ids) {
            List<Long> seqs;
            synchronized (received.get(id)) {
                seqs = List.copyOf(received.get(id));
            }
            long highest = 0;
            for (long s : seqs) {
                if (s <= highest) {
                    repeats++;
                    continue;
                }
                assertEquals(highest + 1, s, "delivery " + id + ": events arrived out of order or with a gap: " + seqs);
                highest = s;
            }
        }
        System.out.printf("webhooks: %d deliveries (%d acknowledged), every stream complete and in order; %d events "
                + "received again after a restart (at least once)%n", ids.size(), acknowledgedIds.size(), repeats);
    }

    private static Path writeConfig(int port, boolean n5) throws IOException {
        Path dir = work.resolve(n5 ? "n5" : "t8");
        Files.createDirectories(dir);
        Path file = dir.resolve("af.json");
        JsonObject config = new JsonObject()
                .put("host", "127.0.0.1").put("port", port)
                .put("dataDir", dir.resolve("data").toString())
                .put("nef", new JsonObject().put("apiRoot", emulator.apiRoot()).put("scsAsId", SCS_AS_ID)
                        .put("timeoutMs", 2000).put("retryBudgetMs", 1000))
                .put("expiryMarginS", 0).put("allocationWaitMs", 100)
                // No model server reports here: without a start window each delivery lives its qosDuration (budget +
                // 1 s), so the long ones outlive a kill as the rounds need; a 1 s window would release them all early.
                .put("startWindowMs", 0)
                .put("webhook", new JsonObject().put("maxAttempts", 50).put("initialBackoffMs", 20).put("maxBackoffMs", 200))
                .put("store", new JsonObject().put("kind", "mvstore").put("reconcileIntervalS", 0));
        if (n5) {
            config.put("southbound", new JsonObject().put("kind", "pcf"))
                    .put("pcf", new JsonObject().put("nrfApiRoot", emulator.apiRoot())
                            .put("nfInstanceId", "6d6f6465-6c71-4f73-8000-00000000c8a5").put("timeoutMs", 2000));
        }
        Files.writeString(file, config.encodePrettily());
        return file;
    }

    /** What a restart's reconciliation did, as the AF process printed it. */
    record Reconciled(int orphans, int interrupted, int interruptedAtNef, int vanished, int released, String summary) {
    }

    private static final class Totals {
        int planted;
        int kills;
        int restarts;
        int orphans;
        int interrupted;
        int interruptedAtNef;
        int vanished;
        int released;

        void add(Reconciled r) {
            restarts++;
            orphans += r.orphans();
            interrupted += r.interrupted();
            interruptedAtNef += r.interruptedAtNef();
            vanished += r.vanished();
            released += r.released();
        }
    }

    /** One AF process: its output is copied to a log file, and the lines the test waits for are queued. */
    private static final class AfProcess {
        private final Process process;
        private final Path log;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        private AfProcess(Process process, Path log) {
            this.process = process;
            this.log = log;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                     PrintWriter out = new PrintWriter(Files.newBufferedWriter(log))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        out.println(line);
                        out.flush();
                        if (line.startsWith("READY ") || line.startsWith("RECONCILED ") || line.startsWith("CRASHPOINT ")) {
                            lines.add(line);
                        }
                    }
                } catch (IOException e) {
                    // The process died: nothing more to read.
                }
            }, "af-output");
            reader.setDaemon(true);
            reader.start();
        }

        static AfProcess start(Path config, Path log, String point, int at) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classpath,
                    AfProcessMain.class.getName(), config.toString(), point, Integer.toString(at))
                    .redirectErrorStream(true);
            return new AfProcess(pb.start(), log);
        }

        Reconciled awaitReady() throws InterruptedException {
            String ready = await("READY ", Duration.ofSeconds(60));
            String line = await("RECONCILED ", Duration.ofSeconds(60));
            String[] f = line.split(" ", 9);
            return new Reconciled(Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                    Integer.parseInt(f[4]), Integer.parseInt(f[5]),
                    ready.substring(ready.indexOf("store-open-ms")) + "; " + f[8].substring(2));
        }

        /** Lets the process's crash point count from now on. */
        void armCrashPoint() throws IOException {
            process.getOutputStream().write("ARM\n".getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        }

        /** Kills the process when it reaches its crash point; false when it did not within {@code within}. */
        boolean killAtCrashPoint(Duration within) throws InterruptedException {
            String line = poll("CRASHPOINT ", within);
            kill();
            return line != null;
        }

        /** Kills the process after {@code ms}; true when it was still running then. */
        boolean killAfter(long ms) throws InterruptedException {
            Thread.sleep(ms);
            boolean alive = process.isAlive();
            kill();
            return alive;
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(20, TimeUnit.SECONDS);
        }

        private String await(String prefix, Duration within) throws InterruptedException {
            String line = poll(prefix, within);
            if (line == null) {
                kill();
                String tail;
                try {
                    List<String> all = Files.readAllLines(log);
                    tail = String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
                } catch (IOException e) {
                    tail = e.toString();
                }
                fail("the AF process did not print '" + prefix.trim() + "' within " + within + " (exit "
                        + (process.isAlive() ? "none" : process.exitValue()) + "); its log ends:\n" + tail);
            }
            return line;
        }

        private String poll(String prefix, Duration within) throws InterruptedException {
            long deadline = System.nanoTime() + within.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                String line = lines.poll(Math.min(left, 200_000_000L), TimeUnit.NANOSECONDS);
                if (line == null) {
                    if (!process.isAlive() && lines.isEmpty()) {
                        Thread.sleep(100);
                        if (lines.isEmpty()) {
                            return null;
                        }
                    }
                    continue;
                }
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        }
    }
}
