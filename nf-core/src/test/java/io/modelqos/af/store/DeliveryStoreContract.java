package io.modelqos.af.store;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.events.DeliveryEvent;
import io.modelqos.af.events.EventType;
import io.modelqos.af.problem.AfProblem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The behaviour every {@link DeliveryStore} has, run against each implementation by a subclass. A store that
 * persists adds {@link PersistentDeliveryStoreContract}: the same facts after a restart.
 */
abstract class DeliveryStoreContract {
    protected DeliveryStore store;

    /** A new, empty store. */
    protected abstract DeliveryStore openEmpty() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = openEmpty();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void getReturnsTheInstanceTheAfHolds() {
        Delivery d = Deliveries.negotiating("d-1", "t", "10.45.0.1", 0);
        store.put(d).await();
        assertSame(d, store.get("d-1").await().orElseThrow());
        assertSame(d, store.byCallbackId("cb-d-1").await().orElseThrow());
        d.moveTo(DeliveryState.QOS_GRANTED);
        store.put(d).await();
        assertSame(d, store.get("d-1").await().orElseThrow());
        assertTrue(store.get("d-unknown").await().isEmpty());
        assertTrue(store.byCallbackId("cb-unknown").await().isEmpty());
    }

    @Test
    void idempotencyKeysAreKeptPerTenant() {
        store.put(Deliveries.negotiating("d-1", "t1", "10.45.0.1", 0)).await();
        store.rememberIdempotentCreate("t1", "key-1", new DeliveryStore.IdempotentCreate("fp-1", "d-1")).await();
        assertEquals(new DeliveryStore.IdempotentCreate("fp-1", "d-1"), store.idempotentCreate("t1", "key-1").await().orElseThrow());
        assertTrue(store.idempotentCreate("t2", "key-1").await().isEmpty(), "another tenant's key space");
        assertTrue(store.idempotentCreate("t1", "key-2").await().isEmpty());
    }

    @Test
    void listsNewestFirstInPagesThatCoverEveryDeliveryOnce() {
        for (int i = 0; i < 25; i++) {
            store.put(Deliveries.negotiating("d-" + i, "t", "10.45.0." + (i % 3), i)).await();
        }
        store.put(Deliveries.negotiating("d-other", "t-other", "10.45.0.1", 100)).await();
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            DeliveryStore.Page page = store.list("t", null, null, 10, token).await();
            page.items().forEach(d -> seen.add(d.id()));
            token = page.nextPageToken();
            pages++;
        } while (token != null);
        assertEquals(3, pages);
        List<String> expected = new ArrayList<>();
        for (int i = 24; i >= 0; i--) {
            expected.add("d-" + i);
        }
        assertEquals(expected, seen, "newest first, each once, the other tenant's never");
    }

    @Test
    void listsByUeAndByStateFollowingStateChanges() {
        for (int i = 0; i < 12; i++) {
            store.put(Deliveries.negotiating("d-" + i, "t", "10.45.0." + (i % 3), i)).await();
        }
        Delivery d4 = store.get("d-4").await().orElseThrow();
        d4.moveTo(DeliveryState.QOS_GRANTED);
        store.put(d4).await();
        Delivery d7 = store.get("d-7").await().orElseThrow();
        Deliveries.ended(d7, DeliveryState.CANCELLED, 20);
        store.put(d7).await();

        assertEquals(List.of("d-10", "d-7", "d-4", "d-1"), ids(store.list("t", "10.45.0.1", null, 50, null).await()));
        assertEquals(List.of("d-4"), ids(store.list("t", null, DeliveryState.QOS_GRANTED, 50, null).await()));
        assertEquals(List.of("d-7"), ids(store.list("t", "10.45.0.1", DeliveryState.CANCELLED, 50, null).await()));
        assertEquals(List.of(), ids(store.list("t", "10.45.0.2", DeliveryState.CANCELLED, 50, null).await()));
        List<String> negotiating = ids(store.list("t", null, DeliveryState.NEGOTIATING, 50, null).await());
        assertEquals(10, negotiating.size());
        assertFalse(negotiating.contains("d-4"), "the state index follows the move");

        DeliveryStore.Page first = store.list("t", "10.45.0.1", DeliveryState.NEGOTIATING, 1, null).await();
        assertEquals(List.of("d-10"), ids(first));
        assertEquals(List.of("d-1"), ids(store.list("t", "10.45.0.1", DeliveryState.NEGOTIATING, 5, first.nextPageToken()).await()));
    }

    @Test
    void aForgedPageTokenIsAnInvalidParameter() {
        store.put(Deliveries.negotiating("d-1", "t", "10.45.0.1", 0)).await();
        AfProblem p = assertThrows(AfProblem.class, () -> store.list("t", null, null, 10, "not-a-token!").await());
        assertEquals("pageToken", p.invalidParams().get(0).param());
    }

    @Test
    void liveHoldsUnendedDeliveriesAndThoseWhoseReleaseIsPending() {
        store.put(Deliveries.negotiating("d-neg", "t", "10.45.0.1", 0)).await();
        store.put(Deliveries.granted("d-granted", "t", "10.45.0.1", 1)).await();
        Delivery releasing = Deliveries.ended(Deliveries.granted("d-releasing", "t", "10.45.0.1", 2), DeliveryState.EXPIRED, 40);
        releasing.releasePending(true);
        store.put(releasing).await();
        store.put(Deliveries.ended(Deliveries.granted("d-done", "t", "10.45.0.1", 3), DeliveryState.COMPLETED, 5)).await();
        store.put(Deliveries.failedCreate("d-failed", "t", "10.45.0.1", 4)).await();
        assertEquals(Set.of("d-neg", "d-granted", "d-releasing"), idSet(store.live().await()));

        releasing.releasePending(false);
        store.put(releasing).await();
        assertEquals(Set.of("d-neg", "d-granted"), idSet(store.live().await()));
    }

    @Test
    void purgeForgetsEndedDeliveriesOlderThanTheCutWithTheirKeysAndEvents() {
        Delivery old = Deliveries.ended(Deliveries.granted("d-old", "t", "10.45.0.1", 0), DeliveryState.COMPLETED, 10);
        store.put(old).await();
        store.rememberIdempotentCreate("t", "k-old", new DeliveryStore.IdempotentCreate("fp", "d-old")).await();
        store.appendEvent(Deliveries.event("d-old", 1, EventType.QOS_GRANTED)).await();
        store.appendEvent(Deliveries.event("d-old", 2, EventType.COMPLETED)).await();
        Delivery recent = Deliveries.ended(Deliveries.granted("d-recent", "t", "10.45.0.2", 1), DeliveryState.CANCELLED, 100);
        store.put(recent).await();
        Delivery releasing = Deliveries.ended(Deliveries.granted("d-releasing", "t", "10.45.0.3", 2), DeliveryState.EXPIRED, 5);
        releasing.releasePending(true);
        store.put(releasing).await();
        store.put(Deliveries.granted("d-live", "t", "10.45.0.4", 3)).await();

        assertEquals(List.of("d-old"), store.purgeEndedBefore(Deliveries.T0.plusSeconds(50)).await());

        assertTrue(store.get("d-old").await().isEmpty());
        assertTrue(store.byCallbackId("cb-d-old").await().isEmpty());
        assertTrue(store.idempotentCreate("t", "k-old").await().isEmpty());
        assertEquals(List.of(), store.events("d-old", 0).await());
        assertEquals(List.of("d-live", "d-releasing", "d-recent"), ids(store.list("t", null, null, 10, null).await()));
        assertEquals(List.of(), ids(store.list("t", "10.45.0.1", null, 10, null).await()));
        assertEquals(List.of(), ids(store.list("t", null, DeliveryState.COMPLETED, 10, null).await()));
        assertEquals(List.of(), store.purgeEndedBefore(Deliveries.T0.plusSeconds(50)).await(), "nothing left to purge before the cut");
    }

    @Test
    void endedSinceListsTheDeliveriesThatEndedFromThenOnOldestFirst() {
        store.put(Deliveries.ended(Deliveries.granted("d-a", "t", "10.45.0.1", 0), DeliveryState.COMPLETED, 30)).await();
        store.put(Deliveries.ended(Deliveries.granted("d-b", "t", "10.45.0.1", 1), DeliveryState.EXPIRED, 10)).await();
        store.put(Deliveries.failedCreate("d-c", "t", "10.45.0.1", 20)).await();
        Delivery releasing = Deliveries.ended(Deliveries.granted("d-r", "t", "10.45.0.1", 2), DeliveryState.EXPIRED, 25);
        releasing.releasePending(true);
        store.put(releasing).await();
        store.put(Deliveries.granted("d-live", "t", "10.45.0.1", 3)).await();
        assertEquals(List.of("d-c", "d-a"), store.endedSince(Deliveries.T0.plusSeconds(20)).await().stream().map(Delivery::id).toList());
        assertEquals(3, store.endedSince(Deliveries.T0).await().size());
    }

    @Test
    void eventsComeBackInOrderAfterASequence() {
        for (long s = 1; s <= 12; s++) {
            store.appendEvent(Deliveries.event("d-1", s, s == 12 ? EventType.COMPLETED : EventType.RATE_REPORT)).await();
        }
        store.appendEvent(Deliveries.event("d-2", 1, EventType.QOS_GRANTED)).await();
        List<DeliveryEvent> after9 = store.events("d-1", 9).await();
        assertEquals(List.of(10L, 11L, 12L), after9.stream().map(DeliveryEvent::sequence).toList());
        DeliveryEvent twelve = after9.get(2);
        assertEquals(EventType.COMPLETED, twelve.type());
        assertEquals(Deliveries.T0.plusMillis(120), twelve.time());
        assertEquals(812_000_000L, twelve.data().get("achieved").get("dlRateBps").asLong());
        assertEquals(12, store.events("d-1", 0).await().size());
        assertEquals(12, store.lastSequence("d-1").await());
        assertEquals(0, store.lastSequence("d-none").await());

        store.removeEvent("d-1", 12).await();
        store.removeEvent("d-1", 3).await();
        assertEquals(10, store.events("d-1", 0).await().size());
        assertEquals(12, store.lastSequence("d-1").await(), "trimming the history does not reuse sequence numbers");
    }

    @Test
    void theDeliveredCursorOnlyMovesForwardAndTellsWhatIsStillToSend() {
        for (long s = 1; s <= 3; s++) {
            store.appendEvent(Deliveries.event("d-1", s, EventType.RATE_REPORT)).await();
        }
        store.appendEvent(Deliveries.event("d-2", 1, EventType.QOS_GRANTED)).await();
        assertEquals(Set.of("d-1", "d-2"), new HashSet<>(store.withUndeliveredEvents().await()));

        store.markDelivered("d-1", 2).await();
        store.markDelivered("d-1", 1).await();
        assertEquals(2, store.deliveredUpTo("d-1").await());
        assertEquals(List.of(3L), store.events("d-1", store.deliveredUpTo("d-1").await()).await().stream().map(DeliveryEvent::sequence).toList());

        store.markDelivered("d-1", 3).await();
        store.markDelivered("d-2", 1).await();
        assertEquals(List.of(), store.withUndeliveredEvents().await());
        store.appendEvent(Deliveries.event("d-2", 2, EventType.COMPLETED)).await();
        assertEquals(List.of("d-2"), store.withUndeliveredEvents().await());
        assertEquals(0, store.deliveredUpTo("d-none").await());
    }

    @Test
    void aFailedCreateKeepsTheProblemTheCallerSaw() {
        store.put(Deliveries.failedCreate("d-f", "t", "10.45.0.1", 0)).await();
        Delivery d = store.get("d-f").await().orElseThrow();
        assertEquals(io.modelqos.af.delivery.FailureCause.QOS_REJECTED, d.failureCause());
        assertEquals("600 Mbps", d.creationProblem().bestOffer().acceptableRate());
    }

    @Test
    void pingAnswersWhileOpen() {
        assertTrue(store.ping().await());
    }

    static List<String> ids(DeliveryStore.Page page) {
        assertNull(page.nextPageToken() != null && page.items().isEmpty() ? "empty page with a next token" : null);
        return page.items().stream().map(Delivery::id).toList();
    }

    static Set<String> idSet(List<Delivery> deliveries) {
        Set<String> ids = new HashSet<>();
        deliveries.forEach(d -> ids.add(d.id()));
        return ids;
    }
}
