package io.modelqos.e2e;

import io.modelqos.af.AfServer;
import io.modelqos.af.capif.CapifConnection;
import io.modelqos.af.capif.CapifSouthbound;
import io.modelqos.af.config.AfConfig;
import io.modelqos.af.config.ConfigLoader;
import io.modelqos.af.observe.AfMetrics;
import io.modelqos.af.store.InMemoryDeliveryStore;
import io.modelqos.client.ModelQosClient;
import io.modelqos.client.model.Delivery;
import io.modelqos.client.model.DeliveryRequest;
import io.modelqos.client.model.ModelCatalog;
import io.modelqos.client.model.ModelServer;
import io.modelqos.client.model.UeId;
import io.vertx.core.Vertx;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The AF in-process with no NEF apiRoot nor NEF credentials configured, reaching its NEF through CAPIF as
 * {@code ./modelqos serve --capif-root ... --capif-onboarding-token-file ...} builds it (the CAPIF southbound connected
 * first, then the AF on it), with the SDK pointed at it. Its data directory is the caller's, so one started again on
 * the same directory is a restart.
 */
final class AfThroughCapif implements AutoCloseable {
    final AfServer af;
    final CapifConnection capif;
    final ModelQosClient client;

    private AfThroughCapif(AfServer af, CapifConnection capif, ModelQosClient client) {
        this.af = af;
        this.capif = capif;
        this.client = client;
    }

    /**
     * Connects to CAPIF (onboards or reuses the kept onboarding, discovers, gets a token) and starts the AF on it; a
     * CAPIF failure is thrown as the AF's start meets it. {@code settings} go on top (e.g. {@code capif.trustFile}).
     */
    static AfThroughCapif start(Vertx vertx, Path dir, String capifRoot, String onboardingToken,
                                Map<String, String> settings) throws Exception {
        Path token = dir.resolve("onboarding-token");
        Files.writeString(token, onboardingToken);
        Map<String, String> all = new HashMap<>(Map.of("host", "127.0.0.1", "port", "0", "startWindowMs", "60000",
                "store.kind", "memory", "dataDir", dir.resolve("data").toString(), "capif.capifRoot", capifRoot,
                "capif.onboardingTokenFile", token.toString()));
        all.putAll(settings);
        AfConfig config = ConfigLoader.load(null, Map.of(), all);
        assertNull(config.nefOrDefault().apiRoot(), "no NEF apiRoot configured");
        AfMetrics metrics = new AfMetrics();
        CapifSouthbound southbound = new CapifSouthbound(vertx, config).connect();
        AfServer af = AfServer.start(vertx, config, southbound.southbound(metrics), new InMemoryDeliveryStore(), metrics)
                .await();
        ModelQosClient client = ModelQosClient.builder().baseUri(URI.create("http://127.0.0.1:" + af.port()))
                .timeout(Duration.ofSeconds(15)).build();
        return new AfThroughCapif(af, southbound.connection(), client);
    }

    /** A 1 s delivery of ResNet-50 to {@code ue}. */
    static DeliveryRequest resnet(String ue) {
        return DeliveryRequest.builder().ue(UeId.ipv4(ue)).server(ModelServer.ipv4("10.0.0.10", 443))
                .model(ModelCatalog.RESNET_50).latencyBudget(Duration.ofSeconds(1)).build();
    }

    /** Reports the whole model delivered within its budget; the delivery as the SDK then sees it. */
    Delivery complete(Delivery created) {
        long size = ModelCatalog.RESNET_50.spec().variant(created.granted().variantId()).orElseThrow().sizeBytes();
        return client.deliveries().reportProgress(created.deliveryId(), size, Duration.ofMillis(900), true);
    }

    @Override
    public void close() {
        af.stop().await();
    }
}
