package io.modelqos.af.store;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryState;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A delivery's puts of one event-loop turn are written once, as the delivery is at the turn's end. */
class TurnPutsTest {
    @TempDir
    Path dataDir;
    private final Vertx vertx = Vertx.vertx();
    /** What each write got: the deliveries and the state each was in when written. */
    private final List<List<String>> writes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final TurnPuts puts = new TurnPuts(ds -> {
        writes.add(ds.stream().map(d -> d.id() + ":" + d.state()).toList());
        return Future.succeededFuture();
    });

    @AfterEach
    void close() {
        vertx.close().await();
    }

    @Test
    void twoPutsOfADeliveryInOneTurnAreOneWriteOfItsStateAtTheTurnsEnd() throws Exception {
        puts.endOfTurn(task -> Vertx.currentContext().runOnContext(v -> task.run()));
        Delivery a = Deliveries.negotiating("d-a", "t", "10.0.0.1", 1);
        Delivery b = Deliveries.negotiating("d-b", "t", "10.0.0.2", 2);
        List<Future<Void>> futures = onLoop(() -> {
            Future<Void> first = puts.put(a);
            puts.put(b);
            a.moveTo(DeliveryState.QOS_GRANTED);
            Future<Void> second = puts.put(a);
            assertEquals(List.of(), writes, "nothing written before the turn ends");
            return List.of(first, second);
        });
        futures.get(1).await(5, TimeUnit.SECONDS);

        assertEquals(List.of(List.of("d-a:QOS_GRANTED", "d-b:NEGOTIATING")), writes);
        assertSame(futures.get(0), futures.get(1), "one future for the turn's write");
    }

    @Test
    void aFlushWritesTheTurnsPutsAtOnceAndALaterPutGoesToTheTurnsEnd() throws Exception {
        puts.endOfTurn(task -> Vertx.currentContext().runOnContext(v -> task.run()));
        Delivery a = Deliveries.negotiating("d-a", "t", "10.0.0.1", 1);
        List<List<String>> atTheFlush = onLoop(() -> {
            puts.put(a);
            puts.flush(); // as flushed() does before the network hears of the delivery
            List<List<String>> written = List.copyOf(writes);
            a.moveTo(DeliveryState.QOS_GRANTED);
            puts.put(a);
            return written;
        });
        assertEquals(List.of(List.of("d-a:NEGOTIATING")), atTheFlush);
        for (int i = 0; i < 100 && writes.size() < 2; i++) {
            Thread.sleep(20);
        }
        assertEquals(List.of(List.of("d-a:NEGOTIATING"), List.of("d-a:QOS_GRANTED")), writes);
    }

    @Test
    void withoutAnEventLoopOrGroupedCommitsAPutIsWrittenAtOnce() throws Exception {
        Delivery a = Deliveries.negotiating("d-a", "t", "10.0.0.1", 1);
        onLoop(() -> puts.put(a)); // no endOfTurn given yet
        puts.endOfTurn(task -> Vertx.currentContext().runOnContext(v -> task.run()));
        puts.put(a); // the test's thread
        assertEquals(List.of(List.of("d-a:NEGOTIATING"), List.of("d-a:NEGOTIATING")), writes);
    }

    /** Through the store: a delivery put in a turn is listed in that turn (the list flushes the turn's puts first). */
    @Test
    void theStoreListsADeliveryInTheTurnItWasPut() throws Exception {
        try (MvStoreDeliveryStore store = MvStoreDeliveryStore.open(dataDir)) {
            store.groupCommits(task -> Vertx.currentContext().runOnContext(v -> task.run()));
            Future<DeliveryStore.Page> listed = onLoop(() -> {
                store.put(Deliveries.negotiating("d-a", "t", "10.0.0.1", 1));
                return store.list("t", null, null, 10, null);
            });
            assertEquals(List.of("d-a"), listed.await(5, TimeUnit.SECONDS).items().stream().map(Delivery::id).toList());
        }
    }

    private <T> T onLoop(java.util.concurrent.Callable<T> task) throws Exception {
        Context context = vertx.getOrCreateContext();
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                result.complete(task.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(5, TimeUnit.SECONDS);
    }
}
