package io.modelqos.e2e;

import io.modelqos.af.AfServer;
import io.modelqos.af.config.AfConfig;
import io.modelqos.af.config.ConfigLoader;
import io.modelqos.af.observe.AfMetrics;
import io.modelqos.af.pcf.PcfSouthbound;
import io.modelqos.af.store.InMemoryDeliveryStore;
import io.modelqos.client.ModelQosClient;
import io.modelqos.client.model.Delivery;
import io.modelqos.client.model.DeliveryRequest;
import io.modelqos.client.model.DeliveryState;
import io.modelqos.client.model.ModelCatalog;
import io.modelqos.client.model.ModelServer;
import io.modelqos.client.model.UeId;
import io.modelqos.nef.emulator.NefEmulator;
import io.modelqos.testing.EventLoopGuard;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The AF on N5 against the emulator's NRF, BSF and PCF, as {@code ./modelqos serve --southbound pcf} runs it with no
 * core configured: the PCF found through the NRF and the BSF, a delivery granted, completed and released, nothing left
 * at the PCF; and one the network cannot carry negotiated down to INT8.
 */
class N5OnTheEmulatorTest {
    private static Vertx vertx;
    private static NefEmulator emulator;
    private static AfServer af;
    private static ModelQosClient client;

    @BeforeAll
    static void start() throws Exception {
        vertx = EventLoopGuard.vertx();
        emulator = NefEmulator.start(vertx, AfUnderTest.emulatorOptions()).toCompletionStage().toCompletableFuture()
                .get(20, TimeUnit.SECONDS);
        AfConfig config = ConfigLoader.load(null, Map.of(), Map.of("host", "127.0.0.1", "port", "0",
                "southbound.kind", "pcf", "pcf.nrfApiRoot", emulator.apiRoot(),
                "pcf.nfInstanceId", "6d6f6465-6c71-4f73-8000-00000000af01", "startWindowMs", "60000"));
        AfMetrics metrics = new AfMetrics();
        InMemoryDeliveryStore store = new InMemoryDeliveryStore();
        af = AfServer.start(vertx, config, PcfSouthbound.create(vertx, WebClient.create(vertx), config.pcfOrDefault(),
                store, metrics, Clock.systemUTC()), store, metrics).toCompletionStage().toCompletableFuture()
                .get(20, TimeUnit.SECONDS);
        client = ModelQosClient.builder().baseUri(URI.create("http://127.0.0.1:" + af.port()))
                .timeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() throws Exception {
        af.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        emulator.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static DeliveryRequest request(String ue, ModelCatalog model, Duration budget) {
        return DeliveryRequest.builder().ue(UeId.ipv4(ue)).server(ModelServer.ipv4("10.0.0.10", 443)).model(model)
                .latencyBudget(budget).build();
    }

    @Test
    void aDeliveryIsGrantedCompletedAndReleasedAtThePcf() throws Exception {
        Delivery created = client.deliveries().create(request("10.45.1.1", ModelCatalog.RESNET_50, Duration.ofSeconds(1)));
        assertEquals(DeliveryState.QOS_GRANTED, created.state(), created.toString());
        assertEquals("resnet-50-fp32", created.granted().variantId());
        assertEquals(1, emulator.liveAppSessionCount(), "one app session at the PCF");
        assertTrue(created.nefSubscription().contains("/npcf-policyauthorization/v1/app-sessions/"),
                created.nefSubscription());

        long size = ModelCatalog.RESNET_50.spec().variant("resnet-50-fp32").orElseThrow().sizeBytes();
        Delivery done = client.deliveries().reportProgress(created.deliveryId(), size, Duration.ofMillis(900), true);
        assertEquals(DeliveryState.COMPLETED, done.state());

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (emulator.liveAppSessionCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, emulator.liveAppSessionCount(), "the app session is deleted");
        assertEquals(0, emulator.capacityInUse().wholeBitsPerSecond(), "no GBR is left reserved");
    }

    @Test
    void aModelTheUeCannotBeGivenAsFp32IsNegotiatedDownToInt8() throws Exception {
        // MobileNet in 33 ms needs more than the 1.5 Gbit/s the emulator grants a UE as FP32, less as INT8 (the
        // demo's fallback row): the PCF refuses FP32 with the rate it would accept, and the AF asks again for INT8.
        Delivery created = client.deliveries().create(request("10.45.1.2", ModelCatalog.MOBILENET_224,
                Duration.ofMillis(33)));
        assertEquals(DeliveryState.QOS_GRANTED, created.state(), created.toString());
        assertTrue(created.granted().variantId().endsWith("int8"), created.granted().toString());
        assertEquals(DeliveryState.CANCELLED, client.deliveries().cancel(created.deliveryId()).state());
    }
}
