package io.modelqos.browser;

import io.modelqos.af.AfServer;
import io.modelqos.af.config.AfConfig;
import io.modelqos.af.config.ConfigLoader;
import io.modelqos.af.nef.VertxAsSessionWithQosClient;
import io.modelqos.af.observe.AfMetrics;
import io.modelqos.af.qos.QosCatalog;
import io.modelqos.af.store.InMemoryDeliveryStore;
import io.modelqos.client.DeliveryFilter;
import io.modelqos.client.ModelQosClient;
import io.modelqos.client.Subscription;
import io.modelqos.client.UnprocessableException;
import io.modelqos.client.model.Delivery;
import io.modelqos.client.model.DeliveryRequest;
import io.modelqos.client.model.DeliveryState;
import io.modelqos.client.model.EventType;
import io.modelqos.client.model.ModelCatalog;
import io.modelqos.client.model.ModelServer;
import io.modelqos.client.model.ModelSpec;
import io.modelqos.client.model.ModelVariant;
import io.modelqos.client.model.Precision;
import io.modelqos.client.model.UeId;
import io.modelqos.nef.emulator.CatalogueEntry;
import io.modelqos.nef.emulator.EmulatorOptions;
import io.modelqos.nef.emulator.FaultOptions;
import io.modelqos.nef.emulator.NefEmulator;
import io.modelqos.qos.BitRate;
import io.modelqos.testing.EventLoopGuard;
import io.vertx.core.Vertx;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * An AF on real HTTP against the NEF emulator, with API keys for two tenants, and the deliveries the dashboard is
 * looked at with: tenant A's granted, fallen-back, refused and degraded ones, and one of tenant B that A must never see.
 */
final class DashboardAf implements AutoCloseable {
    static final String KEY_A = "tenant-a-dashboard-key-0123456789";
    static final String KEY_B = "tenant-b-dashboard-key-0123456789";
    /** Tenant B's model: its name must never show on tenant A's pages. */
    static final String TENANT_B_MODEL = "tenant-b-private-model";

    final Vertx vertx;
    final NefEmulator emulator;
    final AfServer af;
    /** Tenant A's deliveries: granted as asked, fallen back to INT8, refused (422), degraded for a while. */
    String granted;
    String fallback;
    String refused;
    String degraded;
    /** Tenant B's delivery. */
    String otherTenants;

    private DashboardAf(Vertx vertx, NefEmulator emulator, AfServer af) {
        this.vertx = vertx;
        this.emulator = emulator;
        this.af = af;
    }

    /**
     * An AF with API keys for tenants A and B (open = true: no keys, the API is open), on a Vert.x whose event loops
     * {@link EventLoopGuard} watches. The JVM is warmed first, see {@link #warmUpJvm()}.
     */
    static DashboardAf start(boolean open) throws Exception {
        warmUpJvm();
        return startOn(EventLoopGuard.vertx(), open);
    }

    /**
     * Runs one delivery to its end through a throwaway AF and emulator on a Vert.x that no one watches. The first
     * create of a JVM loads and interprets some hundreds of classes on its event loop (67 ms once on CI, under Chromium
     * starting beside it); that is the JVM's warm-up, which these tests do not measure. Afterwards the watched AF
     * starts on loaded classes, with none of its deliveries or metrics touched by the warm-up.
     */
    private static void warmUpJvm() throws Exception {
        try (DashboardAf warm = startOn(Vertx.vertx(), true)) {
            ModelQosClient client = warm.client("warm-up");
            String id = completeAtOnce(client, warm.request(ModelCatalog.GOOGLENET.spec(), "10.45.9.1",
                    Duration.ofSeconds(1)));
            client.deliveries().get(id);
            client.deliveries().listPage(DeliveryFilter.all(), null);
        }
    }

    private static DashboardAf startOn(Vertx vertx, boolean open) throws Exception {
        NefEmulator emulator = NefEmulator.start(vertx, emulatorOptions()).await();
        Map<String, String> settings = new HashMap<>(Map.of(
                "host", "127.0.0.1", "port", "0", "nef.apiRoot", emulator.apiRoot(), "nef.scsAsId", "modelqos-ui",
                // Wait for the allocation report well past the emulator's 20 ms, so a fallback is seen as one.
                "allocationWaitMs", "2000"));
        if (!open) {
            settings.put("auth.apiKeys", "tenant-a:" + KEY_A + ",tenant-b:" + KEY_B);
        }
        AfConfig config = ConfigLoader.load(null, Map.of(), settings);
        AfMetrics metrics = new AfMetrics();
        VertxAsSessionWithQosClient nef = VertxAsSessionWithQosClient.builder(vertx, config.nefOrDefault())
                .metrics(metrics).build();
        AfServer af = AfServer.start(vertx, config, nef, new InMemoryDeliveryStore(), metrics).await();
        return new DashboardAf(vertx, emulator, af);
    }

    /** The emulator with the AF's own QoS catalogue, so both sides name the same references. */
    private static EmulatorOptions emulatorOptions() {
        List<CatalogueEntry> refs = QosCatalog.defaultCatalog().references().stream()
                .map(r -> new CatalogueEntry(r.name(), r.fiveQi(), BitRate.parse(r.gbrDl().toString()),
                        BitRate.parse(r.gbrUl().toString()), r.pdbMs(), r.per().toString(), r.averagingWindowMs()))
                .toList();
        return new EmulatorOptions().setHost("127.0.0.1").setPort(0).setSeed(19).setQosReferences(refs);
    }

    URI root() {
        return URI.create("http://127.0.0.1:" + af.port());
    }

    URI dashboard() {
        return root().resolve("/ui/");
    }

    ModelQosClient client(String key) {
        return ModelQosClient.builder().baseUri(root()).bearerToken(key).timeout(Duration.ofSeconds(10)).build();
    }

    /**
     * Makes the four deliveries of tenant A and the one of tenant B, each to its end. With the emulator's capacity
     * (1.5 Gbit/s per UE): GoogLeNet in 1 s needs 226 Mbit/s and is granted as asked; MobileNet in 33 ms needs 4.2
     * Gbit/s for FP32 and 1.06 Gbit/s for INT8, and falls back; ResNet-50 in 100 ms needs 2.1 Gbit/s even as INT8 and is
     * refused with the best offer; Inception-V3 in 4 s is granted, then the emulator takes its QoS away for 1.6 s.
     */
    void makeDeliveries(String keyA, String keyB) throws Exception {
        ModelQosClient a = client(keyA);
        granted = completeAtOnce(a, request(ModelCatalog.GOOGLENET.spec(), "10.45.1.11", Duration.ofSeconds(1)));
        fallback = completeAtOnce(a, request(ModelCatalog.MOBILENET_224.spec(), "10.45.1.12", Duration.ofMillis(33)));
        try {
            a.deliveries().create(request(ModelCatalog.RESNET_50.spec(), "10.45.1.13", Duration.ofMillis(100)));
            throw new AssertionError("ResNet-50 in 100 ms was not refused");
        } catch (UnprocessableException e) {
            assertEquals("1.5 Gbps", e.bestOffer().orElseThrow().acceptableRate());
        }
        refused = a.deliveries().listPage(DeliveryFilter.all().withState(DeliveryState.FAILED), null).items().get(0)
                .deliveryId();
        degraded = degradedTransfer(a);
        otherTenants = completeAtOnce(client(keyB), request(ModelSpec.of(TENANT_B_MODEL,
                ModelVariant.of("b-fp32", Precision.FP32, 10_000_000L)), "10.45.2.21", Duration.ofSeconds(1)));
    }

    private DeliveryRequest request(ModelSpec model, String ue, Duration budget) {
        return DeliveryRequest.builder()
                .ue(UeId.ipv4(ue))
                .server(ModelServer.ipv4("192.0.2.10", 443))
                .model(model)
                .latencyBudget(budget)
                .availability(0.999)
                .allowVariantFallback(true)
                .build();
    }

    private static String completeAtOnce(ModelQosClient client, DeliveryRequest request) {
        Delivery d = client.deliveries().create(request);
        client.deliveries().reportStart(d.deliveryId());
        long size = request.model().variants().stream().filter(v -> v.id().equals(d.granted().variantId()))
                .findFirst().orElseThrow().sizeBytes();
        Delivery done = client.deliveries().reportProgress(d.deliveryId(), size, Duration.ofMillis(400), true);
        assertEquals(DeliveryState.COMPLETED, done.state());
        return d.deliveryId();
    }

    /**
     * Inception-V3 (92 MB FP32) in 4 s, granted at about 191 Mbit/s. The emulator's fault plan degrades the session
     * 1.2 s after admission for 1.6 s (to the INT8 alternative); the model server, played here, reports its progress
     * every 250 ms at the rate it is given - a quarter of it while the QoS is not guaranteed - and then completion.
     */
    private String degradedTransfer(ModelQosClient client) throws Exception {
        emulator.setFaults(FaultOptions.none().setSeed(19L)
                .setQosDegradation(new FaultOptions.QosDegradation(1.0, 1200, 1600, 0.25)));
        Delivery d;
        try {
            d = client.deliveries().create(request(ModelCatalog.INCEPTION_V3.spec(), "10.45.1.14", Duration.ofSeconds(4)));
        } finally {
            emulator.clearFaults();
        }
        assertNotEquals(null, d.granted());
        AtomicBoolean notGuaranteed = new AtomicBoolean();
        AtomicBoolean sawDegradation = new AtomicBoolean();
        Subscription events = client.deliveries().events(d.deliveryId(), event -> {
            if (event.type() == EventType.QOS_DEGRADED) {
                notGuaranteed.set(true);
                sawDegradation.set(true);
            } else if (event.type() == EventType.QOS_RESTORED) {
                notGuaranteed.set(false);
            }
        });
        try {
            client.deliveries().reportStart(d.deliveryId());
            double payloadBytesPerMs = 92_000_000.0 / 4000;
            long sent = 0;
            long elapsed = 0;
            for (int i = 0; i < 14; i++) {
                Thread.sleep(250);
                elapsed += 250;
                sent += Math.round(250 * payloadBytesPerMs * (notGuaranteed.get() ? 0.25 : 1.0));
                client.deliveries().reportProgress(d.deliveryId(), sent, Duration.ofMillis(elapsed));
            }
            client.deliveries().reportProgress(d.deliveryId(), sent, Duration.ofMillis(elapsed), true);
            events.completion().get(10, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            events.close();
        }
        if (!sawDegradation.get()) {
            throw new AssertionError("the emulator's degradation episode never reached the delivery");
        }
        return d.deliveryId();
    }

    @Override
    public void close() throws Exception {
        try {
            af.stop().await();
            emulator.close().await();
        } finally {
            vertx.close().await();
        }
    }
}
