package io.modelqos.af.store;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryIds;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.events.DeliveryEvent;
import io.modelqos.af.events.EventType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a persistent store adds to the contract: after the store is closed and opened again (a restart), every
 * delivery, index, idempotency key, event and delivered-up-to cursor is as it was.
 */
abstract class PersistentDeliveryStoreContract extends DeliveryStoreContract {

    /** Closes {@code store} and opens the same data again, as a restarted AF does. */
    protected abstract DeliveryStore reopen(DeliveryStore store) throws Exception;

    private void restart() throws Exception {
        store = reopen(store);
    }

    @Test
    void everyFieldOfADeliverySurvivesARestart() throws Exception {
        Delivery granted = Deliveries.granted("d-g", "t", "10.45.0.1", 0);
        Delivery failed = Deliveries.failedCreate("d-f", "t", "10.45.0.2", 1);
        Delivery releasing = Deliveries.ended(Deliveries.granted("d-r", "t", "10.45.0.3", 2), DeliveryState.EXPIRED, 40);
        releasing.releasePending(true);
        releasing.failureCause(io.modelqos.af.delivery.FailureCause.COMPLETION_NOT_REPORTED);
        for (Delivery d : List.of(granted, failed, releasing)) {
            store.put(d).await();
        }
        restart();
        for (Delivery before : List.of(granted, failed, releasing)) {
            Delivery after = store.get(before.id()).await().orElseThrow();
            assertNotSame(before, after);
            assertEquals(DeliveryRecord.of(before), DeliveryRecord.of(after), before.id());
            assertEquals(before.availability().availability(Deliveries.T0.plusSeconds(60)),
                    after.availability().availability(Deliveries.T0.plusSeconds(60)));
            assertEquals(before.rate().dlRateBps(), after.rate().dlRateBps());
        }
        Delivery f = store.get("d-f").await().orElseThrow();
        assertEquals(failed.creationProblem().kind(), f.creationProblem().kind());
        assertEquals(failed.creationProblem().detail(), f.creationProblem().detail());
    }

    @Test
    void indexesAndKeysSurviveARestart() throws Exception {
        for (int i = 0; i < 30; i++) {
            Delivery d = Deliveries.negotiating("d-" + i, i % 2 == 0 ? "even" : "odd", "10.45.0." + (i % 4), i);
            if (i % 5 == 0) {
                d.moveTo(DeliveryState.QOS_GRANTED);
            }
            store.put(d).await();
            store.rememberIdempotentCreate(d.tenant(), "key-" + i, new DeliveryStore.IdempotentCreate("fp-" + i, d.id())).await();
        }
        Delivery ended = store.get("d-20").await().orElseThrow();
        Deliveries.ended(ended, DeliveryState.CANCELLED, 100);
        store.put(ended).await();
        List<String> evenBefore = ids(store.list("even", null, null, 100, null).await());
        List<String> byUeBefore = ids(store.list("even", "10.45.0.0", null, 100, null).await());
        List<String> grantedBefore = ids(store.list("even", null, DeliveryState.QOS_GRANTED, 100, null).await());
        String token = store.list("even", null, null, 4, null).await().nextPageToken();
        List<String> secondPageBefore = ids(store.list("even", null, null, 4, token).await());

        restart();

        assertEquals(evenBefore, ids(store.list("even", null, null, 100, null).await()));
        assertEquals(byUeBefore, ids(store.list("even", "10.45.0.0", null, 100, null).await()));
        assertEquals(grantedBefore, ids(store.list("even", null, DeliveryState.QOS_GRANTED, 100, null).await()));
        assertEquals(List.of("d-10", "d-0"), grantedBefore, "d-20 was cancelled");
        assertEquals(secondPageBefore, ids(store.list("even", null, null, 4, token).await()), "a page token outlives a restart");
        assertEquals("d-13", store.byCallbackId("cb-d-13").await().orElseThrow().id());
        assertEquals(new DeliveryStore.IdempotentCreate("fp-17", "d-17"), store.idempotentCreate("odd", "key-17").await().orElseThrow());
        assertEquals(29, store.live().await().size());
    }

    /**
     * A callback id that names its delivery ({@link DeliveryIds#callbackId}) finds it, before and after a restart,
     * beside one of the older form; the same delivery id with other random bits finds nothing.
     */
    @Test
    void aCallbackIdThatNamesItsDeliveryFindsItOnlyWhole() throws Exception {
        DeliveryIds ids = new DeliveryIds();
        String id = ids.next(Deliveries.T0);
        String callback = ids.callbackId(id);
        store.put(new Delivery(id, "t", Deliveries.request("10.45.0.8"), callback, Deliveries.T0)).await();
        store.put(Deliveries.negotiating("d-older", "t", "10.45.0.9", 1)).await();
        String forged = ids.callbackId(id);

        for (int run = 0; run < 2; run++) {
            assertEquals(id, store.byCallbackId(callback).await().orElseThrow().id());
            assertEquals("d-older", store.byCallbackId("cb-d-older").await().orElseThrow().id());
            assertTrue(store.byCallbackId(forged).await().isEmpty(), "the id is public, the bits after it are not");
            assertTrue(store.byCallbackId(id + "~").await().isEmpty());
            restart();
        }
    }

    /**
     * A delivery written again after a restart (the store then knows its indexes only from what it wrote) and through
     * a release that ends in the same state as the cancel before it: it is listed once, under its last state, and
     * leaves the live set when its release is done.
     */
    @Test
    void aDeliveryWrittenAfterARestartMovesThroughItsIndexes() throws Exception {
        Delivery d = Deliveries.negotiating("d-x", "t", "10.45.0.7", 0);
        store.put(d).await();
        store.put(Deliveries.negotiating("d-y", "t", "10.45.0.7", 1)).await();
        restart();

        d = store.get("d-x").await().orElseThrow();
        d.moveTo(DeliveryState.QOS_GRANTED);
        store.put(d).await();
        assertEquals(List.of("d-x"), ids(store.list("t", null, DeliveryState.QOS_GRANTED, 50, null).await()));
        assertEquals(List.of("d-y"), ids(store.list("t", null, DeliveryState.NEGOTIATING, 50, null).await()));

        Deliveries.ended(d, DeliveryState.CANCELLED, 20);
        d.releasePending(true);
        store.put(d).await();
        assertEquals(List.of("d-x"), ids(store.list("t", "10.45.0.7", DeliveryState.CANCELLED, 50, null).await()));
        assertEquals(List.of(), ids(store.list("t", null, DeliveryState.QOS_GRANTED, 50, null).await()));
        assertEquals(2, store.live().await().size(), "its release is pending");

        d.releasePending(false);
        store.put(d).await();
        for (int round = 0; round < 2; round++) {
            assertEquals(List.of("d-x"), ids(store.list("t", null, DeliveryState.CANCELLED, 50, null).await()));
            assertEquals(List.of("d-y"), store.live().await().stream().map(Delivery::id).toList());
            assertEquals(List.of("d-x"), store.endedSince(Deliveries.T0).await().stream().map(Delivery::id).toList());
            restart();
        }
    }

    @Test
    void eventsAndCursorsSurviveARestart() throws Exception {
        for (long s = 1; s <= 5; s++) {
            store.appendEvent(Deliveries.event("d-1", s, s == 5 ? EventType.EXPIRED : EventType.RATE_REPORT)).await();
        }
        store.removeEvent("d-1", 2).await();
        store.markDelivered("d-1", 3).await();
        store.appendEvent(Deliveries.event("d-2", 1, EventType.QOS_GRANTED)).await();
        store.markDelivered("d-2", 1).await();
        List<DeliveryEvent> before = store.events("d-1", 0).await();

        restart();

        List<DeliveryEvent> after = store.events("d-1", 0).await();
        assertEquals(before, after);
        assertEquals(List.of(1L, 3L, 4L, 5L), after.stream().map(DeliveryEvent::sequence).toList());
        assertEquals(5, store.lastSequence("d-1").await());
        assertEquals(3, store.deliveredUpTo("d-1").await());
        assertEquals(Set.of("d-1"), Set.copyOf(store.withUndeliveredEvents().await()));
    }

    /**
     * The last sequence survives a restart however the events ended: appended with no webhook move since (the MVStore
     * store writes its cursor with the first event only), and with the newest one trimmed.
     */
    @Test
    void theLastSequenceSurvivesARestartWithoutItsEvent() throws Exception {
        for (long s = 1; s <= 4; s++) {
            store.appendEvent(Deliveries.event("d-1", s, EventType.RATE_REPORT)).await();
            store.appendEvent(Deliveries.event("d-2", s, EventType.RATE_REPORT)).await();
        }
        store.removeEvent("d-2", 4).await();
        store.removeEvent("d-2", 1).await();

        restart();

        assertEquals(4, store.lastSequence("d-1").await());
        assertEquals(4, store.lastSequence("d-2").await(), "a trimmed newest event's sequence is not used again");
        assertEquals(List.of(2L, 3L), store.events("d-2", 0).await().stream().map(DeliveryEvent::sequence).toList());
        assertEquals(Set.of("d-1", "d-2"), Set.copyOf(store.withUndeliveredEvents().await()));
        store.appendEvent(Deliveries.event("d-1", 5, EventType.COMPLETED)).await();
        store.markDelivered("d-1", 5).await();
        store.markDelivered("d-2", 4).await();
        assertEquals(List.of(), store.withUndeliveredEvents().await());

        restart();

        assertEquals(5, store.lastSequence("d-1").await());
        assertEquals(List.of(), store.withUndeliveredEvents().await());
    }

    @Test
    void purgeSurvivesARestart() throws Exception {
        store.put(Deliveries.ended(Deliveries.granted("d-old", "t", "10.45.0.1", 0), DeliveryState.COMPLETED, 10)).await();
        store.put(Deliveries.ended(Deliveries.granted("d-new", "t", "10.45.0.1", 1), DeliveryState.COMPLETED, 100)).await();
        restart();
        assertEquals(List.of("d-old"), store.purgeEndedBefore(Deliveries.T0.plusSeconds(50)).await());
        restart();
        assertEquals(List.of("d-new"), ids(store.list("t", null, null, 10, null).await()));
        assertEquals(List.of("d-new"), store.purgeEndedBefore(Deliveries.T0.plusSeconds(500)).await());
    }
}
