package io.modelqos.af.store;

import io.modelqos.af.delivery.Delivery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Relaying between replicas is pushed by PostgreSQL LISTEN/NOTIFY: the owner hears at once that a message waits
 * for it, the replica that relayed it hears at once that it was applied, and no other replica is woken.
 */
class PgRelaySignalsTest {
    private final List<PgDeliveryStore> opened = new ArrayList<>();
    private final String schema = EmbeddedPostgresServer.newSchema();

    @AfterEach
    void close() {
        opened.forEach(PgDeliveryStore::close);
    }

    private PgDeliveryStore open(String replicaId) {
        PgDeliveryStore store = PgDeliveryStore.open(EmbeddedPostgresServer.options(schema, replicaId));
        opened.add(store);
        return store;
    }

    @Test
    void theOwnerIsWokenAndTheRelayingReplicaIsToldWhenItIsDone() throws Exception {
        PgDeliveryStore owner = open("replica-a");
        PgDeliveryStore other = open("replica-b");
        PgDeliveryStore bystander = open("replica-c");
        Delivery d = Deliveries.granted("d-1", "t", "10.45.0.1", 0);
        owner.put(d).await();
        CountDownLatch woken = new CountDownLatch(1);
        CountDownLatch bystanderWoken = new CountDownLatch(1);
        CompletableFuture<Long> done = new CompletableFuture<>();
        owner.onRelayedToMe(woken::countDown);
        bystander.onRelayedToMe(bystanderWoken::countDown);
        other.onRelayDone(done::complete);
        // LISTEN is issued when the store opens; give the three connections a moment to be listening.
        Thread.sleep(300);

        long number = other.relay("d-1", SharedDeliveryStore.Relayed.Kind.CANCEL, null).await();
        assertTrue(woken.await(5, TimeUnit.SECONDS), "the owner is told without polling");
        assertFalse(bystanderWoken.await(200, TimeUnit.MILLISECONDS), "another replica is not woken");
        List<SharedDeliveryStore.Relayed> mine = owner.relayedToMe(10).await();
        assertEquals(1, mine.size());
        assertEquals(number, mine.get(0).number());

        owner.relayDone(number).await();
        assertEquals(number, done.get(5, TimeUnit.SECONDS), "the relaying replica is told the request was applied");
        assertFalse(other.relayPending(number).await());
    }

    @Test
    void aReplicaStreamingADeliveryItDoesNotOwnHearsOfEachNewEvent() throws Exception {
        PgDeliveryStore owner = open("replica-a");
        PgDeliveryStore streaming = open("replica-b");
        owner.put(Deliveries.granted("d-2", "t", "10.45.0.2", 0)).await();
        CountDownLatch told = new CountDownLatch(2);
        CountDownLatch otherDelivery = new CountDownLatch(1);
        Runnable stop = streaming.onEventsAppended("d-2", told::countDown);
        streaming.onEventsAppended("d-3", otherDelivery::countDown);
        Thread.sleep(300);

        owner.appendEvent(Deliveries.event("d-2", 1, io.modelqos.af.events.EventType.QOS_GRANTED)).await();
        owner.appendEvent(Deliveries.event("d-2", 2, io.modelqos.af.events.EventType.RATE_REPORT)).await();
        assertTrue(told.await(5, TimeUnit.SECONDS), "each event is pushed to the streaming replica");
        assertFalse(otherDelivery.await(200, TimeUnit.MILLISECONDS), "a stream of another delivery is not woken");

        stop.run();
        CountDownLatch afterStop = new CountDownLatch(1);
        streaming.onEventsAppended("d-2", afterStop::countDown);
        owner.appendEvent(Deliveries.event("d-2", 3, io.modelqos.af.events.EventType.COMPLETED)).await();
        assertTrue(afterStop.await(5, TimeUnit.SECONDS));
        assertEquals(3, streaming.events("d-2", 0).await().size());
    }
}
