package io.modelqos.e2e;

import io.modelqos.af.engine.ShardedEngine;
import io.modelqos.client.Subscription;
import io.modelqos.client.model.Delivery;
import io.modelqos.client.model.DeliveryEvent;
import io.modelqos.client.model.DeliveryRequest;
import io.modelqos.client.model.DeliveryState;
import io.modelqos.client.model.ModelCatalog;
import io.modelqos.client.model.ModelServer;
import io.modelqos.client.model.UeId;
import io.modelqos.nef.emulator.NotificationOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine spread over three shards, over real HTTP with the emulator: deliveries land on every shard, each shard
 * runs on an event loop of its own, and every delivery's requests, notifications and events reach it on its shard.
 */
class ShardedDeliveriesTest {
    private static final int SHARDS = 3;
    private static AfUnderTest env;

    @BeforeAll
    static void start() throws Exception {
        env = AfUnderTest.withEmulator(AfUnderTest.emulatorOptions()
                .setNotifications(new NotificationOptions().setAllocationDelayMs(10)), Map.of("engine.shards", "" + SHARDS,
                        "startWindowMs", "60000")); // no model server sends: no delivery is released early
    }

    @AfterAll
    static void stop() throws Exception {
        env.close();
    }

    @Test
    void everyShardRunsOnAnEventLoopOfItsOwn() throws Exception {
        ShardedEngine engine = env.af.af().deliveries();
        assertEquals(SHARDS, engine.count());
        Set<String> threads = new HashSet<>();
        for (ShardedEngine.Shard shard : engine.shards()) {
            threads.add(AfUnderTest.await(shard.call(() -> io.vertx.core.Future.succeededFuture(
                    Thread.currentThread().getName()))));
        }
        assertEquals(SHARDS, threads.size(), "one event loop per shard: " + threads);
    }

    @Test
    void deliveriesSpreadOverTheShardsAndEachIsServedOnItsOwn() throws Exception {
        List<CompletableFuture<Delivery>> creating = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            creating.add(env.client.deliveries().createAsync(DeliveryRequest.builder()
                    .ue(UeId.ipv4("10.45.7." + (i + 1)))
                    .server(ModelServer.ipv4("10.0.0.10", 443))
                    .model(ModelCatalog.MOBILENET_224)
                    .latencyBudget(Duration.ofSeconds(1))
                    .build()));
        }
        List<Delivery> created = new ArrayList<>();
        for (CompletableFuture<Delivery> f : creating) {
            created.add(f.get(20, TimeUnit.SECONDS));
        }
        ShardedEngine engine = env.af.af().deliveries();
        Set<Integer> used = new HashSet<>();
        for (Delivery d : created) {
            assertEquals(DeliveryState.QOS_GRANTED, d.state(), d.deliveryId());
            used.add(engine.of(d.deliveryId()).index());
        }
        assertEquals(SHARDS, used.size(), "24 deliveries use every shard");

        // The NEF's allocation reports reached each delivery on its shard: the create's answer waited for them.
        for (Delivery d : created) {
            assertTrue(d.negotiation().stream().anyMatch(a -> a.outcome().name().equals("GRANTED") || a.outcome().name().equals("ALLOCATED")), d.deliveryId());
        }

        // Events stream from each delivery's shard, and a cancel ends each one there and releases its subscription.
        List<DeliveryEvent> seen = new CopyOnWriteArrayList<>();
        Delivery watched = created.get(0);
        try (Subscription events = env.client.deliveries().events(watched.deliveryId(), seen::add)) {
            for (Delivery d : created) {
                assertEquals(DeliveryState.CANCELLED, env.client.deliveries().cancel(d.deliveryId()).state());
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (seen.stream().noneMatch(e -> e.type() == io.modelqos.client.model.EventType.CANCELLED) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        assertTrue(seen.stream().anyMatch(e -> e.type() == io.modelqos.client.model.EventType.QOS_GRANTED), "the stream replays the grant");
        assertTrue(seen.stream().anyMatch(e -> e.type() == io.modelqos.client.model.EventType.CANCELLED), "and ends with the cancel: " + seen);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (env.emulator.liveSubscriptionCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, env.emulator.liveSubscriptionCount(), "no subscription is left behind");
    }

    /**
     * A keyed create runs on the shard of the loop that read it (as the SDK's creates all carry a key), yet two creates
     * with one key sent at once over two connections (two clients: Vert.x gives their connections to two of the
     * three loops) still make one delivery and one NEF subscription, and both callers get it: the first holds the key
     * and the second goes where the first went.
     */
    @Test
    void racingCreatesWithOneKeyOverTwoConnectionsMakeOneDelivery() throws Exception {
        for (int round = 0; round < 5; round++) {
            String key = "race-" + round;
            int subscriptionsBefore = env.emulator.liveSubscriptionCount();
            List<io.modelqos.client.ModelQosClient> clients = List.of(newClient(), newClient());
            {
                List<CompletableFuture<Delivery>> racing = new ArrayList<>();
                for (io.modelqos.client.ModelQosClient c : clients) {
                    racing.add(c.deliveries().createAsync(AfUnderTest.request("10.45.9." + (round + 1)), key));
                }
                Delivery first = racing.get(0).get(20, TimeUnit.SECONDS);
                Delivery second = racing.get(1).get(20, TimeUnit.SECONDS);
                assertEquals(first.deliveryId(), second.deliveryId(), "round " + round);
                assertEquals(subscriptionsBefore + 1, env.emulator.liveSubscriptionCount(), "one NEF subscription");
                assertEquals(DeliveryState.CANCELLED, env.client.deliveries().cancel(first.deliveryId()).state());
                // A repeat after the answer finds the key in the store, and gets the same delivery.
                assertEquals(first.deliveryId(), clients.get(1).deliveries()
                        .create(AfUnderTest.request("10.45.9." + (round + 1)), key).deliveryId());
            }
        }
    }

    private static io.modelqos.client.ModelQosClient newClient() {
        return io.modelqos.client.ModelQosClient.builder()
                .baseUri(java.net.URI.create("http://127.0.0.1:" + env.af.port()))
                .timeout(Duration.ofSeconds(10))
                .build();
    }
}
