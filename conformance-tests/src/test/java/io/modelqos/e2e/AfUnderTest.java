package io.modelqos.e2e;

import io.modelqos.af.AfServer;
import io.modelqos.af.config.AfConfig;
import io.modelqos.af.config.ConfigLoader;
import io.modelqos.af.config.NefOptions;
import io.modelqos.af.nef.VertxAsSessionWithQosClient;
import io.modelqos.af.observe.AfMetrics;
import io.modelqos.af.qos.QosCatalog;
import io.modelqos.af.store.InMemoryDeliveryStore;
import io.modelqos.client.ModelQosClient;
import io.modelqos.client.model.DeliveryRequest;
import io.modelqos.client.model.ModelCatalog;
import io.modelqos.client.model.ModelServer;
import io.modelqos.client.model.UeId;
import io.modelqos.nef.emulator.CatalogueEntry;
import io.modelqos.nef.emulator.EmulatorOptions;
import io.modelqos.nef.emulator.NefEmulator;
import io.modelqos.qos.BitRate;
import io.modelqos.testing.EventLoopGuard;
import io.vertx.core.Vertx;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The AF in-process on real HTTP, against either the NEF emulator or any NEF at an apiRoot (WireMock), with the
 * SDK pointed at it. Everything runs over loopback sockets; nothing is mocked inside the process.
 */
final class AfUnderTest implements AutoCloseable {
    static final String SCS_AS_ID = "modelqos-e2e";

    final Vertx vertx;
    final NefEmulator emulator;
    final AfServer af;
    final ModelQosClient client;
    final VertxAsSessionWithQosClient nef;

    private AfUnderTest(Vertx vertx, NefEmulator emulator, AfServer af, ModelQosClient client, VertxAsSessionWithQosClient nef) {
        this.vertx = vertx;
        this.emulator = emulator;
        this.af = af;
        this.client = client;
        this.nef = nef;
    }

    /** The emulator with the AF's own default QoS catalogue, so both sides name the same references. */
    static EmulatorOptions emulatorOptions() {
        List<CatalogueEntry> refs = QosCatalog.defaultCatalog().references().stream()
                .map(r -> new CatalogueEntry(r.name(), r.fiveQi(), BitRate.parse(r.gbrDl().toString()),
                        BitRate.parse(r.gbrUl().toString()), r.pdbMs(), r.per().toString(), r.averagingWindowMs()))
                .toList();
        return new EmulatorOptions().setHost("127.0.0.1").setPort(0).setSeed(7).setQosReferences(refs);
    }

    static AfUnderTest withEmulator(EmulatorOptions options, Map<String, String> afSettings) throws Exception {
        Vertx vertx = EventLoopGuard.vertx();
        NefEmulator emulator = await(NefEmulator.start(vertx, options));
        return start(vertx, emulator, emulator.apiRoot(), afSettings);
    }

    static AfUnderTest withNef(String apiRoot, Map<String, String> afSettings) throws Exception {
        return start(EventLoopGuard.vertx(), null, apiRoot, afSettings);
    }

    private static AfUnderTest start(Vertx vertx, NefEmulator emulator, String apiRoot, Map<String, String> afSettings)
            throws Exception {
        Map<String, String> settings = new java.util.HashMap<>(Map.of(
                "host", "127.0.0.1", "port", "0", "nef.apiRoot", apiRoot, "nef.scsAsId", SCS_AS_ID,
                "nef.timeoutMs", "2000", "nef.retryBudgetMs", "1500"));
        settings.putAll(afSettings);
        AfConfig config = ConfigLoader.load(null, Map.of(), settings);
        NefOptions nefOptions = config.nefOrDefault();
        AfMetrics metrics = new AfMetrics();
        VertxAsSessionWithQosClient nef = VertxAsSessionWithQosClient.builder(vertx, nefOptions)
                .metrics(metrics).backoff(Duration.ofMillis(20), Duration.ofMillis(200)).build();
        AfServer af = await(AfServer.start(vertx, config, nef, new InMemoryDeliveryStore(), metrics));
        ModelQosClient client = ModelQosClient.builder()
                .baseUri(URI.create("http://127.0.0.1:" + af.port()))
                .timeout(Duration.ofSeconds(10))
                .build();
        return new AfUnderTest(vertx, emulator, af, client, nef);
    }

    /** A 1 s delivery of MobileNet-224 (FP32) to {@code ue} from the test's model server: what most tests ask for. */
    static DeliveryRequest request(String ue) {
        return DeliveryRequest.builder().ue(UeId.ipv4(ue)).server(ModelServer.ipv4("10.0.0.10", 443))
                .model(ModelCatalog.MOBILENET_224).latencyBudget(Duration.ofSeconds(1)).build();
    }

    URI afRoot() {
        return URI.create("http://127.0.0.1:" + af.port());
    }

    static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        try {
            await(af.stop());
            if (emulator != null) {
                await(emulator.close());
            }
        } finally {
            await(vertx.close());
        }
    }
}
