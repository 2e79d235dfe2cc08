package io.modelqos.app.demo;

import io.modelqos.af.config.AfConfig;
import io.modelqos.af.config.ConfigLoader;
import io.modelqos.qos.BitRate;
import io.modelqos.af.sizing.TransferSizer;
import io.modelqos.af.sizing.TransportOverhead;
import io.modelqos.app.AfRuntime;
import io.modelqos.app.demo.LoopbackModelServer.UeClient;
import io.modelqos.app.demo.Prediction.Outcome;
import io.modelqos.app.demo.ScenarioResult.Answer;
import io.modelqos.app.demo.ScenarioResult.PlannedEpisode;
import io.modelqos.app.demo.ScenarioResult.Transfer;
import io.modelqos.client.ModelQosClient;
import io.modelqos.client.ModelQosException;
import io.modelqos.client.Subscription;
import io.modelqos.client.UnprocessableException;
import io.modelqos.client.model.BestOffer;
import io.modelqos.client.model.Delivery;
import io.modelqos.client.model.DeliveryRequest;
import io.modelqos.client.model.DeliveryState;
import io.modelqos.client.model.EventType;
import io.modelqos.client.model.ModelCatalog;
import io.modelqos.client.model.ModelServer;
import io.modelqos.client.model.ProblemDetails;
import io.modelqos.client.model.UeId;
import io.modelqos.nef.emulator.CapacityOptions;
import io.modelqos.nef.emulator.EmulatorOptions;
import io.modelqos.nef.emulator.FaultOptions;
import io.modelqos.nef.emulator.NefEmulator;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the use case end to end in one process: the AF with its embedded NEF emulator, and the AI/ML server
 * played through the SDK, with a model server and a UE that move the model's bytes over loopback TCP through a
 * link shaped to the granted rate.
 *
 * <p>The scenarios run one after another, each to its end (completed, or rejected) before the next starts, and
 * each with a UE of its own: every request finds its UE's cell empty, so the rate the emulator can grant is
 * min(cell GBR budget, per-UE limit) every time. The runner checks that rather than assumes it: before each
 * request it compares the emulator's own {@code grantableFor(ue)} with that figure, and after each scenario it
 * checks that no GBR and no subscription were left.
 */
public final class DemoRunner {

    /** A UE address no scenario uses (scenarios use 10.45.1-3.x). */
    private static final String WARM_UP_UE = "10.45.0.1";
    /** The seed's communication service availability target, [P.R.6.x-003]. */
    private static final double AVAILABILITY_TARGET = 0.99999;
    /** What the shaper lets go at once at the start, in milliseconds of the rate. */
    private static final double BURST_MS = 2.0;
    /** How much the shaper lets a sender that fell behind catch up, in milliseconds of the rate. */
    private static final double CATCH_UP_MS = 100.0;

    /** Hears of the run as it goes, so a caller can print rows as they finish. */
    public interface Listener {
        /** The AF runs and the loopback was measured; the scenarios are about to start. */
        default void ready(DemoEnvironment environment, List<DemoScenario> scenarios, List<Prediction> predictions) {
        }

        /** One scenario ended. */
        default void finished(ScenarioResult result) {
        }

        /**
         * Every scenario ended; the AF and its emulator still run, and stop once this returns (so a listener that
         * waits here keeps them up, for the dashboard at {@code environment().afBaseUri() + "/ui/"}).
         */
        default void done(DemoReport report) throws Exception {
        }
    }

    private final DemoSettings settings;
    private final Listener listener;

    private DemoRunner(DemoSettings settings, Listener listener) {
        this.settings = settings;
        this.listener = listener;
    }

    /**
     * Runs the selected scenarios.
     *
     * @throws IllegalArgumentException when the scenario filter selects nothing
     */
    public static DemoReport run(DemoSettings settings, Listener listener) throws Exception {
        return new DemoRunner(settings, listener == null ? new Listener() { } : listener).run();
    }

    private DemoReport run() throws Exception {
        List<DemoScenario> scenarios = DemoScenario.select(settings.scenarios());
        long started = System.nanoTime();
        AfConfig config = ConfigLoader.load(null, Map.of(), Map.of(
                "host", "127.0.0.1",
                "port", "0",
                // The create answers with the QoS the network applied: wait for the allocation report well past
                // the emulator's 20 ms, so a busy machine does not turn a fallback into an apparent grant.
                "allocationWaitMs", "2000",
                "setupAllowanceMs", Long.toString(settings.setupAllowance().toMillis()),
                "southbound.kind", settings.southbound()));
        EmulatorOptions emulatorOptions = new EmulatorOptions().setHost("127.0.0.1").setPort(0).setSeed(settings.seed());
        TransferSizer sizer = config.transportOverhead() == null ? TransferSizer.DEFAULT
                : new TransferSizer(TransportOverhead.ofFactor(BigDecimal.valueOf(config.transportOverhead())));
        ExecutorService ues = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "modelqos-demo-ue");
            t.setDaemon(true);
            return t;
        });
        try (AfRuntime runtime = AfRuntime.start(config, emulatorOptions);
             LoopbackModelServer server = new LoopbackModelServer(settings.seed())) {
            NefEmulator nef = runtime.emulator();
            CapacityOptions capacity = nef.options().getCapacity();
            ModelQosClient client = ModelQosClient.builder()
                    .baseUri(URI.create(runtime.baseUri()))
                    .bearerToken("modelqos-demo")
                    .timeout(Duration.ofSeconds(10))
                    .build();

            measureLoopback(server, ues, 32L * 1024 * 1024);   // warms up both ends first
            long probeStart = System.nanoTime();
            measureLoopback(server, ues, settings.probeBytes());
            long probeNanos = System.nanoTime() - probeStart;
            warmUp(client, nef, server, ues);
            DemoEnvironment env = new DemoEnvironment(runtime.baseUri(), nef.apiRoot(), capacity.getCells(),
                    capacity.getCellGbrDl().wholeBitsPerSecond(), capacity.getUeGbrDl().wholeBitsPerSecond(),
                    sizer.overhead().factor(),
                    settings.setupAllowance(), settings.episode(), settings.seed(), settings.probeBytes(), probeNanos,
                    settings.southbound());

            Map<DemoScenario, Prediction> predictions = new LinkedHashMap<>();
            for (DemoScenario scenario : scenarios) {
                predictions.put(scenario, Prediction.of(scenario.model().spec(), scenario.budget(),
                        settings.setupAllowance(), sizer, isolatedGrantable(nef, capacity, scenario)));
            }
            Map<DemoScenario, PlannedEpisode> episodes = planEpisodes(predictions, sizer);

            listener.ready(env, scenarios, List.copyOf(predictions.values()));
            List<ScenarioResult> results = new ArrayList<>();
            for (DemoScenario scenario : scenarios) {
                ScenarioResult result = new ScenarioRun(env, runtime, client, server, ues, sizer, scenario,
                        predictions.get(scenario), episodes.get(scenario)).run();
                results.add(result);
                listener.finished(result);
            }
            DemoReport report = new DemoReport(env, results, System.nanoTime() - started);
            listener.done(report);
            return report;
        } finally {
            ues.shutdownNow();
        }
    }

    /**
     * The rate the capacity model lets the emulator grant the scenario's UE when the scenario runs alone:
     * min(cell budget - GBR reserved in its cell, UE limit - GBR the UE holds). The UE is the scenario's own, so
     * it holds nothing; the cell's reservation is read now (zero at the start, and zero again after every
     * scenario, which the run checks).
     */
    /** The sessions the emulator holds on either face: NEF subscriptions and PCF app sessions. */
    static int liveSessions(NefEmulator nef) {
        return nef.liveSubscriptionCount() + nef.liveAppSessionCount();
    }

    static long isolatedGrantable(NefEmulator nef, CapacityOptions capacity, DemoScenario scenario) {
        int cell = nef.cellOf(scenario.ueAddress());
        long cellHeadroom = capacity.getCellGbrDl().wholeBitsPerSecond() - nef.capacityInUse(cell).wholeBitsPerSecond();
        long ueHeadroom = capacity.getUeGbrDl().wholeBitsPerSecond();
        return Math.max(0, Math.min(cellHeadroom, ueHeadroom));
    }

    /**
     * Picks the scenarios that get a QoS degradation episode: among those predicted to be admitted at the 1 s
     * budget (long enough for an episode to fall inside the download), in an order the seed shuffles, first
     * one granted as asked (it degrades to its INT8 alternative), then one granted as a fallback (no lower
     * alternative: the rate drops by the episode's factor), then the rest.
     */
    private Map<DemoScenario, PlannedEpisode> planEpisodes(Map<DemoScenario, Prediction> predictions,
                                                           TransferSizer sizer) {
        List<DemoScenario> eligible = new ArrayList<>();
        predictions.forEach((scenario, prediction) -> {
            if (prediction.outcome() != Outcome.REJECTED && scenario.budget().compareTo(Duration.ofSeconds(1)) >= 0) {
                eligible.add(scenario);
            }
        });
        Collections.shuffle(eligible, new Random(settings.seed()));
        List<DemoScenario> ordered = new ArrayList<>();
        eligible.stream().filter(s -> predictions.get(s).outcome() == Outcome.GRANTED).findFirst().ifPresent(ordered::add);
        eligible.stream().filter(s -> predictions.get(s).outcome() == Outcome.FALLBACK).findFirst().ifPresent(ordered::add);
        eligible.stream().filter(s -> !ordered.contains(s)).forEach(ordered::add);

        Map<DemoScenario, PlannedEpisode> episodes = new HashMap<>();
        DemoSettings.Episode episode = settings.episode();
        for (DemoScenario scenario : ordered.subList(0, Math.min(settings.degraded(), ordered.size()))) {
            Prediction prediction = predictions.get(scenario);
            Prediction.SizedVariant lower = lowerAlternative(prediction);
            BitRate degraded = lower != null ? lower.wireGbrDl()
                    : BitRate.ofBitsPerSecond(prediction.delivered().wireGbrDl().bitsPerSecond()
                    .multiply(BigDecimal.valueOf(episode.rateFactor())).setScale(0, RoundingMode.HALF_UP));
            episodes.put(scenario, new PlannedEpisode(episode.startAfterMs(), episode.durationMs(), degraded,
                    lower != null));
        }
        return episodes;
    }

    /** The alternative after the delivered one with a strictly lower GBR, as the emulator picks it. */
    private static Prediction.SizedVariant lowerAlternative(Prediction prediction) {
        List<Prediction.SizedVariant> variants = prediction.variants();
        int index = variants.indexOf(prediction.delivered());
        for (int i = index + 1; i < variants.size(); i++) {
            if (variants.get(i).wireGbrDl().compareTo(prediction.delivered().wireGbrDl()) < 0) {
                return variants.get(i);
            }
        }
        return null;
    }

    /**
     * One delivery that is not a scenario, cancelled at once, and one short paced transfer: the first HTTP
     * exchanges and the first paced writes of a JVM are slow (class loading, compilation), and would otherwise
     * be charged to the first scenario.
     */
    private static void warmUp(ModelQosClient client, NefEmulator nef, LoopbackModelServer server,
                               ExecutorService ues) throws Exception {
        Delivery warmUp = client.deliveries().create(DeliveryRequest.builder()
                .ue(UeId.ipv4(WARM_UP_UE))
                .server(ModelServer.ipv4(server.address(), server.port()))
                .model(ModelCatalog.MOBILENET_224)
                .latencyBudget(Duration.ofSeconds(1))
                .build());
        try (Subscription events = client.deliveries().events(warmUp.deliveryId(), event -> { })) {
            client.deliveries().cancel(warmUp.deliveryId());
            events.completion().get(5, TimeUnit.SECONDS);
        }
        Future<UeClient.Received> received = ues.submit(() -> UeClient.download(server.port(), "warm-up"));
        server.send("warm-up", 8L * 1024 * 1024, TokenBucket.of(125_000_000, BURST_MS, CATCH_UP_MS));
        received.get(30, TimeUnit.SECONDS);
        if (nef.capacityInUse().wholeBitsPerSecond() != 0 || liveSessions(nef) != 0) {
            throw new IllegalStateException("the warm-up delivery left " + nef.capacityInUse().toExactString()
                    + " reserved at the NEF");
        }
    }

    private static void measureLoopback(LoopbackModelServer server, ExecutorService ues, long bytes) throws Exception {
        Future<UeClient.Received> received = ues.submit(() -> UeClient.download(server.port(), "loopback-probe"));
        LoopbackModelServer.Sent sent = server.send("loopback-probe", bytes, null);
        received.get(60, TimeUnit.SECONDS);
        if (!sent.intact()) {
            throw new IllegalStateException("the loopback measurement lost bytes: sent " + sent.bytes()
                    + ", received " + sent.receivedBytes());
        }
    }

    /** One scenario from request to release. */
    private final class ScenarioRun {
        private final DemoEnvironment env;
        private final NefEmulator nef;
        private final ModelQosClient client;
        private final LoopbackModelServer server;
        private final ExecutorService ues;
        private final TransferSizer sizer;
        private final DemoScenario scenario;
        private final Prediction prediction;
        private final PlannedEpisode episode;
        private final List<String> mismatches = new ArrayList<>();
        private final List<EventType> events = Collections.synchronizedList(new ArrayList<>());

        ScenarioRun(DemoEnvironment env, AfRuntime runtime, ModelQosClient client, LoopbackModelServer server,
                    ExecutorService ues, TransferSizer sizer, DemoScenario scenario, Prediction prediction,
                    PlannedEpisode episode) {
            this.env = env;
            this.nef = runtime.emulator();
            this.client = client;
            this.server = server;
            this.ues = ues;
            this.sizer = sizer;
            this.scenario = scenario;
            this.prediction = prediction;
            this.episode = episode;
        }

        ScenarioResult run() throws Exception {
            String ue = scenario.ueAddress();
            int cell = nef.cellOf(ue);
            long grantable = nef.grantableFor(ue).wholeBitsPerSecond();
            if (grantable != prediction.grantableBps()) {
                mismatches.add("the emulator could grant UE " + ue + " " + Units.rate(grantable) + " before the "
                        + "request, the capacity model says " + Units.rate(prediction.grantableBps())
                        + " (GBR left over from an earlier scenario?)");
            }
            Delivery created = null;
            Answer answer = null;
            if (episode != null) {
                nef.setFaults(FaultOptions.none().setSeed(settings.seed()).setQosDegradation(
                        new FaultOptions.QosDegradation(1.0, episode.startAfterMs(), episode.durationMs(),
                                settings.episode().rateFactor())));
            }
            long start = System.nanoTime();
            try {
                created = client.deliveries().create(request());
                answer = granted(created, System.nanoTime() - start);
            } catch (UnprocessableException e) {
                ProblemDetails problem = e.problem().orElse(null);
                answer = new Answer(Outcome.REJECTED, problem == null ? null : problem.deliveryId(), null, null,
                        List.of(), e.bestOffer().orElse(null), problem == null ? e.getMessage() : problem.detail(),
                        System.nanoTime() - start);
            } catch (ModelQosException e) {
                answer = new Answer(null, null, null, null, List.of(), null, "HTTP " + e.status() + ": "
                        + e.getMessage(), System.nanoTime() - start);
            } finally {
                if (episode != null) {
                    nef.clearFaults();   // the session created above keeps its episode; later ones get none
                }
            }
            checkAnswer(answer);

            Transfer transfer = null;
            Delivery ended = null;
            if (created != null && created.granted() != null) {
                AtomicReference<Delivery> after = new AtomicReference<>();
                transfer = transfer(created, after);
                ended = after.get();
                checkDelivery(ended, transfer);
            }
            boolean released = released(cell);
            if (!released) {
                mismatches.add("GBR or a NEF subscription was left after the scenario: " + nef.capacityInUse().toExactString()
                        + " reserved, " + liveSessions(nef) + " live subscription(s)");
            }
            return new ScenarioResult(scenario, prediction, cell, grantable, episode, answer, transfer, ended,
                    events, released, mismatches);
        }

        private DeliveryRequest request() {
            return DeliveryRequest.builder()
                    .ue(UeId.ipv4(scenario.ueAddress()))
                    .server(ModelServer.ipv4(server.address(), server.port()))
                    .model(scenario.model())
                    .latencyBudget(scenario.budget())
                    .availability(AVAILABILITY_TARGET)
                    .allowVariantFallback(true)
                    .build();
        }

        private Answer granted(Delivery created, long nanos) {
            String variantId = created.granted() == null ? null : created.granted().variantId();
            Outcome outcome = variantId == null ? null
                    : variantId.equals(prediction.best().variant().id()) ? Outcome.GRANTED : Outcome.FALLBACK;
            return new Answer(outcome, created.deliveryId(), variantId,
                    created.granted() == null ? null : created.granted().gbrDl(), created.negotiation(), null, null, nanos);
        }

        /** Compares the AF's answer with the prediction, naming every difference. */
        private void checkAnswer(Answer answer) {
            if (answer.outcome() == null) {
                mismatches.add("the AF did not answer with a grant or a rejection: " + answer.detail());
                return;
            }
            if (answer.outcome() != prediction.outcome()) {
                mismatches.add("predicted " + describe(prediction) + ", the AF answered " + describe(answer));
                return;
            }
            if (answer.outcome() == Outcome.REJECTED) {
                BestOffer offer = answer.bestOffer();
                if (offer == null || offer.acceptableRate() == null) {
                    mismatches.add("rejected without a best offer; predicted " + Units.rate(prediction.grantableBps()));
                    return;
                }
                BigDecimal offered = BitRate.parse(offer.acceptableRate()).bitsPerSecond();
                if (offered.compareTo(BigDecimal.valueOf(prediction.grantableBps())) != 0) {
                    mismatches.add("best offer " + offer.acceptableRate() + ", predicted "
                            + Units.rate(prediction.grantableBps()));
                }
                if (!Objects.equals(offer.latencyBudgetMs(), prediction.offerBudgetMs())) {
                    mismatches.add("best offer needs a budget of " + offer.latencyBudgetMs() + " ms, predicted "
                            + prediction.offerBudgetMs() + " ms");
                }
                return;
            }
            if (!prediction.delivered().variant().id().equals(answer.variantId())) {
                mismatches.add("granted " + answer.variantId() + ", predicted " + prediction.delivered().variant().id());
            }
            if (answer.gbrDl() == null
                    || BitRate.parse(answer.gbrDl()).compareTo(prediction.delivered().wireGbrDl()) != 0) {
                mismatches.add("granted GBR " + answer.gbrDl() + ", predicted " + prediction.delivered().wireGbrDl());
            }
        }

        /**
         * Reports the start, moves the granted variant's bytes from the model server to the UE through the shaped
         * link, following the delivery's events (a degradation slows the link, its end restores it), then reports
         * what the server measured, which completes the delivery and releases the NEF subscription.
         */
        private Transfer transfer(Delivery created, AtomicReference<Delivery> after) throws Exception {
            String id = created.deliveryId();
            String variantId = created.granted().variantId();
            long size = scenario.model().spec().variant(variantId).orElseThrow().sizeBytes();
            BitRate granted = BitRate.parse(created.granted().gbrDl());
            BigDecimal factor = sizer.overhead().factor();
            double paced = payloadBps(granted, factor);
            TokenBucket link = TokenBucket.of(paced / 8, BURST_MS, CATCH_UP_MS);
            AtomicReference<BitRate> degradedTo = new AtomicReference<>();
            Subscription subscription = client.deliveries().events(id, event -> {
                events.add(event.type());
                if (event.type() == EventType.QOS_DEGRADED) {
                    BitRate now = event.data() == null || event.data().gbrDl() == null ? granted
                            : BitRate.parse(event.data().gbrDl());
                    // The network names a lower alternative it applies, or keeps the grant at a fraction of it.
                    BitRate degraded = now.compareTo(granted) < 0 ? now : BitRate.ofBitsPerSecond(granted.bitsPerSecond()
                            .multiply(BigDecimal.valueOf(settings.episode().rateFactor()))
                            .setScale(0, RoundingMode.HALF_UP));
                    degradedTo.set(degraded);
                    link.rate(payloadBps(degraded, factor) / 8);
                } else if (event.type() == EventType.QOS_RESTORED) {
                    link.rate(paced / 8);
                }
            });
            try {
                // The model server begins within the delivery's start window, or the AF would release the session.
                client.deliveries().reportStart(id);
                Future<UeClient.Received> received = ues.submit(() -> UeClient.download(server.port(), variantId));
                LoopbackModelServer.Sent sent = server.send(variantId, size, link);
                UeClient.Received got = received.get(30, TimeUnit.SECONDS);
                try {
                    after.set(client.deliveries().reportProgress(id, sent.bytes(), Duration.ofNanos(sent.elapsedNanos()),
                            true));
                } catch (ModelQosException e) {
                    mismatches.add("the final progress report failed: " + e.getMessage());
                    after.set(client.deliveries().get(id));
                }
                awaitEnd(subscription);
                BitRate degraded = degradedTo.get();
                if (episode != null && degraded != null && degraded.compareTo(episode.degradedGbr()) != 0) {
                    mismatches.add("during the degradation the network delivered " + degraded + ", predicted "
                            + episode.degradedGbr());
                }
                if (!sent.intact()) {
                    mismatches.add("the UE received " + sent.receivedBytes() + " of " + sent.bytes()
                            + " bytes" + (sent.receivedCrc() != sent.crc() ? ", CRC-32 differs" : ""));
                }
                return new Transfer(sent.bytes(), sent.elapsedNanos(), got.elapsedNanos(), sent.intact(), paced,
                        degraded == null ? null : payloadBps(degraded, factor), paced > env.loopbackBps(),
                        link.maxLagNanos());
            } finally {
                subscription.close();
            }
        }

        private void awaitEnd(Subscription subscription) {
            try {
                subscription.completion().get(5, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // The events seen so far are enough; the checks below say what is missing.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** The delivery after the final report: completed, with the availability the episode plan implies. */
        private void checkDelivery(Delivery ended, Transfer transfer) {
            if (ended == null || ended.state() != DeliveryState.COMPLETED) {
                mismatches.add("the delivery ended " + (ended == null ? "unknown" : ended.state())
                        + ", not COMPLETED" + (ended != null && ended.failureCause() != null
                        ? " (" + ended.failureCause() + ")" : ""));
            }
            Double availability = ended == null || ended.achieved() == null ? null : ended.achieved().availability();
            boolean degradedSeen = events.contains(EventType.QOS_DEGRADED);
            if (episode != null) {
                if (!degradedSeen) {
                    mismatches.add("a QoS degradation was planned but the AF reported none");
                }
                if (availability == null || availability >= 1.0) {
                    mismatches.add("a QoS degradation was planned but the achieved availability is " + availability);
                }
            } else {
                if (degradedSeen) {
                    mismatches.add("the AF reported a QoS degradation nobody planned");
                }
                if (availability == null || availability != 1.0) {
                    mismatches.add("no degradation was planned but the achieved availability is " + availability);
                }
            }
            // The AF's sizing: at the granted rate the model's bytes fit the transfer window.
            BigDecimal windowNanos = BigDecimal.valueOf(scenario.budget().minus(settings.setupAllowance()).toNanos());
            BigDecimal neededNanos = BigDecimal.valueOf(transfer.bytes() * 8L).multiply(BigDecimal.valueOf(1_000_000_000L))
                    .divide(BigDecimal.valueOf(transfer.pacedPayloadBps()), MathContext.DECIMAL64);
            if (neededNanos.compareTo(windowNanos) > 0) {
                mismatches.add("at the granted rate the model needs " + neededNanos.movePointLeft(6).setScale(1,
                        RoundingMode.UP) + " ms, more than the " + windowNanos.movePointLeft(6) + " ms window");
            }
        }

        private boolean released(int cell) throws InterruptedException {
            // The final report returns once the AF deleted the subscription; allow the emulator a moment anyway.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (true) {
                boolean clean = nef.capacityInUse().wholeBitsPerSecond() == 0
                        && nef.capacityInUse(cell).wholeBitsPerSecond() == 0 && liveSessions(nef) == 0;
                if (clean || System.nanoTime() > deadline) {
                    return clean;
                }
                Thread.sleep(10);
            }
        }
    }

    /** The payload rate a GBR carries: GBR / transport overhead factor. */
    static double payloadBps(BitRate gbr, BigDecimal overheadFactor) {
        return gbr.bitsPerSecond().divide(overheadFactor, MathContext.DECIMAL64).doubleValue();
    }

    static String describe(Prediction prediction) {
        return switch (prediction.outcome()) {
            case GRANTED -> "granted " + prediction.delivered().variant().id();
            case FALLBACK -> "fallback to " + prediction.delivered().variant().id();
            case REJECTED -> "rejected";
        };
    }

    static String describe(Answer answer) {
        if (answer.outcome() == null) {
            return "an error";
        }
        return switch (answer.outcome()) {
            case GRANTED -> "granted " + answer.variantId();
            case FALLBACK -> "fallback to " + answer.variantId();
            case REJECTED -> "rejected";
        };
    }
}
