package io.modelqos.e2e;

import io.modelqos.af.ModelQosAf;
import io.modelqos.af.config.AfConfig;
import io.modelqos.af.config.ConfigException;
import io.modelqos.af.config.ConfigLoader;
import io.modelqos.af.nef.VertxAsSessionWithQosClient;
import io.modelqos.af.observe.AfMetrics;
import io.modelqos.af.security.NorthboundGuard;
import io.modelqos.af.store.InMemoryDeliveryStore;
import io.modelqos.client.DeliveryFilter;
import io.modelqos.client.ModelQosClient;
import io.modelqos.client.NotFoundException;
import io.modelqos.client.model.Delivery;
import io.modelqos.client.model.DeliveryState;
import io.modelqos.testing.EventLoopGuard;
import io.modelqos.testing.MutableClock;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code store.endedRetentionS}: an ended delivery stays readable for that long and is purged after it, seen through
 * the SDK. The AF is embedded with a clock the test moves, and the test runs the purge the AF runs once a minute.
 */
class EndedRetentionTest {
    private static final Instant T0 = Instant.parse("2026-12-04T12:00:00Z");
    private static AfUnderTest env;

    @BeforeAll
    static void start() throws Exception {
        env = AfUnderTest.withEmulator(AfUnderTest.emulatorOptions(), Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        env.close();
    }

    @Test
    void anEndedDeliveryIsReadableForTheRetentionThenPurged() throws Exception {
        Vertx vertx = EventLoopGuard.vertx();
        try {
            AfConfig config = ConfigLoader.load(null, Map.of(), Map.of("nef.apiRoot", env.emulator.apiRoot(),
                    "nef.scsAsId", "retention", "store.endedRetentionS", "120"));
            MutableClock clock = new MutableClock(T0);
            VertxAsSessionWithQosClient nef = VertxAsSessionWithQosClient.builder(vertx, config.nefOrDefault()).build();
            ModelQosAf af = AfUnderTest.await(vertx.getOrCreateContext().<ModelQosAf>executeBlocking(() -> null)
                    .compose(v -> ModelQosAf.create(vertx, config, nef, new InMemoryDeliveryStore(), new AfMetrics(),
                            NorthboundGuard.create(vertx, config.authOrDefault(), config.limitsOrDefault(),
                                    config.tlsOrDefault().clients(), clock), clock)));
            Router router = Router.router(vertx);
            af.mount(router);
            HttpServer server = AfUnderTest.await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
            af.callbackBase(URI.create("http://127.0.0.1:" + server.actualPort()));
            ModelQosClient client = ModelQosClient.builder()
                    .baseUri(URI.create("http://127.0.0.1:" + server.actualPort())).build();

            Delivery ended = client.deliveries().create(AfUnderTest.request("10.46.3.1"));
            assertEquals(DeliveryState.CANCELLED, client.deliveries().cancel(ended.deliveryId()).state());
            Delivery live = client.deliveries().create(AfUnderTest.request("10.46.3.2"));

            clock.advance(Duration.ofSeconds(119));
            AfUnderTest.await(af.deliveries().purgeEnded());
            assertEquals(DeliveryState.CANCELLED, client.deliveries().get(ended.deliveryId()).state(),
                    "still readable within the retention");

            clock.advance(Duration.ofSeconds(2));
            AfUnderTest.await(af.deliveries().purgeEnded());
            assertThrows(NotFoundException.class, () -> client.deliveries().get(ended.deliveryId()),
                    "purged once older than the retention");
            assertEquals(live.deliveryId(), client.deliveries().get(live.deliveryId()).deliveryId(),
                    "a delivery that had not ended then is kept");
            for (Delivery listed : client.deliveries().list(DeliveryFilter.all())) {
                assertTrue(!listed.deliveryId().equals(ended.deliveryId()), "the purged one is not listed either");
            }
            client.deliveries().cancel(live.deliveryId());
        } finally {
            AfUnderTest.await(vertx.close());
        }
    }

    @Test
    void aRetentionShorterThanThePurgesPeriodIsRefused() {
        ConfigException refused = assertThrows(ConfigException.class, () -> ConfigLoader.load(null,
                Map.of(), Map.of("nef.apiRoot", env.emulator.apiRoot(), "store.endedRetentionS", "30")));
        assertTrue(refused.getMessage().contains("store.endedRetentionS"), refused.getMessage());
    }
}
