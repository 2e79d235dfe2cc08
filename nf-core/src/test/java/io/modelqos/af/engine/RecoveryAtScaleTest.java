package io.modelqos.af.engine;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.delivery.FailureCause;
import io.modelqos.af.events.DeliveryEvent;
import io.modelqos.af.events.EventType;
import io.modelqos.af.store.MvStoreDeliveryStore;
import io.modelqos.testing.EventLoopGuard;
import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A restart after a busy hour: tens of thousands of deliveries ended within the retention are looked at for a
 * terminal event the stop swallowed. Read and checked at once they held an event loop for seconds; now they are read
 * on a worker and checked in batches ({@link EventLoopGuard} fails the test otherwise), and the few whose terminal
 * event is missing still get it.
 */
class RecoveryAtScaleTest {
    private static final int ENDED = 30_000;
    private static final int SWALLOWED_EVERY = 5_000;

    @TempDir
    Path dataDir;

    @Test
    void aRestartAfterABusyHourLooksAtEveryEndedDeliveryWithoutHoldingAnEventLoop() throws Exception {
        List<String> swallowed = new ArrayList<>();
        try (MvStoreDeliveryStore store = MvStoreDeliveryStore.open(dataDir)) {
            List<Runnable> endOfTurn = new ArrayList<>();
            store.groupCommits(endOfTurn::add);
            for (int i = 0; i < ENDED; i++) {
                Delivery d = new Delivery("d-" + i, "tenant-a", EngineUnderTest.resnet50("10.45." + (i / 250) + "."
                        + (i % 250 + 1), 1000), "cb-" + i, EngineUnderTest.T0);
                d.moveTo(DeliveryState.NEGOTIATING);
                d.moveTo(DeliveryState.QOS_GRANTED);
                d.end(DeliveryState.COMPLETED, FailureCause.COMPLETION_REPORTED, EngineUnderTest.T0.plusSeconds(1));
                store.put(d);
                if (i % SWALLOWED_EVERY == 0) {
                    swallowed.add(d.id()); // its final state stored, not its terminal event
                } else {
                    store.appendEvent(new DeliveryEvent(UUID.randomUUID().toString(), d.id(), 1, EventType.COMPLETED,
                            EngineUnderTest.T0.plusSeconds(1), JsonNodeFactory.instance.objectNode()));
                }
                if (i % 1_000 == 999 || i == ENDED - 1) {
                    List<Runnable> tasks = List.copyOf(endOfTurn);
                    endOfTurn.clear();
                    tasks.forEach(Runnable::run);
                    store.flushed().await();
                }
            }
        }

        MvStoreDeliveryStore store = MvStoreDeliveryStore.open(dataDir);
        EngineUnderTest af = new EngineUnderTest(store, Admission.ALL);
        try {
            Promise<Integer> resumed = Promise.promise();
            af.vertx.getOrCreateContext().runOnContext(v -> af.engine.resume(List.of()).onComplete(resumed));
            resumed.future().toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);

            List<String> announced = new ArrayList<>();
            for (int i = 0; i < ENDED; i++) {
                String id = "d-" + i;
                if (af.outbox.after(id, 0).await().stream().anyMatch(e -> e.type() == EventType.COMPLETED)) {
                    announced.add(id);
                }
            }
            assertEquals(swallowed, announced, "exactly the deliveries whose terminal event the stop swallowed");
        } finally {
            // As the AF stops: the engine and its Vert.x first, then the store (no reader left holding a version).
            af.vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            store.close();
        }
    }
}
