package io.modelqos.af.engine;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryRequest;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.southbound.QosSessions.HeldSession;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Verifies how the store and the NEF's list are matched, case by case. */
class ReconciliationPlanTest {
    private final Map<String, Delivery> byCallback = new HashMap<>();

    private Delivery delivery(String id, DeliveryState state, String subscription) {
        Delivery d = new Delivery(id, "t", new DeliveryRequest(new DeliveryRequest.UeAddress("10.45.0.1", null, null),
                new DeliveryRequest.ServerAddress("10.0.0.10", null, 443), "m",
                List.of(new DeliveryRequest.Variant("v", "fp32", 1_000_000, null)), 1000, 0.99, false, null, null, null),
                "cb-" + id, Instant.EPOCH);
        d.moveTo(DeliveryState.NEGOTIATING);
        d.moveTo(state);
        if (subscription != null) {
            d.nefSubscription(URI.create(subscription));
        }
        byCallback.put(d.callbackId(), d);
        return d;
    }

    private static HeldSession atNef(String uri, String callbackId) {
        return new HeldSession(uri, callbackId);
    }

    private ReconciliationPlan plan(List<Delivery> live, List<HeldSession> nef, Set<String> inFlight) {
        return ReconciliationPlan.of(live, nef, cb -> Optional.ofNullable(byCallback.get(cb)), inFlight::contains);
    }

    @Test
    void aMatchingStoreAndNefNeedNothing() {
        Delivery a = delivery("a", DeliveryState.QOS_GRANTED, "http://nef/s/1");
        Delivery b = delivery("b", DeliveryState.DEGRADED, "http://nef/s/2");
        ReconciliationPlan p = plan(List.of(a, b), List.of(atNef("http://nef/s/1", "cb-a"), atNef("http://nef/s/2", "cb-b")), Set.of());
        assertTrue(p.clean());
        assertEquals(2, p.matched());
    }

    @Test
    void onlySessionsTheStoreProvesThisAfsAreOrphansAndTheRestIsLeftAlone() {
        Delivery a = delivery("a", DeliveryState.QOS_GRANTED, "http://nef/s/1");
        Delivery ended = delivery("e", DeliveryState.CANCELLED, "http://nef/s/9");
        ReconciliationPlan p = plan(List.of(a), List.of(
                atNef("http://nef/s/1", "cb-a"),
                atNef("http://nef/s/2", "cb-unknown"),
                atNef("http://nef/s/3", null),
                atNef("http://nef/s/9", "cb-e"),
                atNef("http://nef/s/4", "cb-a")), Set.of());
        assertEquals(List.of("http://nef/s/9", "http://nef/s/4"),
                p.orphans().stream().map(HeldSession::session).toList(), "an ended delivery's, a duplicate");
        assertEquals(List.of("http://nef/s/2", "http://nef/s/3"),
                p.foreign().stream().map(HeldSession::session).toList(),
                "a callback id no record holds, an address not shaped like this AF's: not provably this AF's");
        assertEquals(1, p.matched());
        assertTrue(p.vanished().isEmpty());
        assertTrue(ended.state().isFinal());
    }

    @Test
    void anotherApplicationsSessionsAreLeftAloneAndDoNotMakeThePlanUnclean() {
        Delivery a = delivery("a", DeliveryState.QOS_GRANTED, "http://nef/modelqos/subscriptions/1");
        ReconciliationPlan p = plan(List.of(a), List.of(
                atNef("http://nef/modelqos/subscriptions/1", "cb-a"),
                atNef("http://nef/otherApp/subscriptions/7", "their-callback"),
                atNef("http://nef/modelqos/subscriptions/8", null)), Set.of());
        assertTrue(p.orphans().isEmpty());
        assertEquals(2, p.foreign().size());
        assertTrue(p.clean(), "nothing of this AF's to do");
    }

    @Test
    void aSessionAStoredDeliveryNamesIsItsOwnEvenWhenTheNefDropsItsAddress() {
        Delivery a = delivery("a", DeliveryState.QOS_GRANTED, "http://nef/s/1");
        Delivery releasing = delivery("r", DeliveryState.EXPIRED, "http://nef/s/2");
        releasing.releasePending(true);
        ReconciliationPlan p = plan(List.of(a, releasing), List.of(atNef("http://nef/s/1", null),
                atNef("http://nef/./s/2", null)), Set.of());
        assertEquals(2, p.matched(), "matched by the stored session reference, normalised");
        assertTrue(p.foreign().isEmpty());
        assertTrue(p.vanished().isEmpty(), "not failed as vanished");
        assertTrue(p.released().isEmpty(), "the pending release is left to its retry loop");
    }

    @Test
    void aCreateTheStopInterruptedIsFailedWithWhatTheNefMadeForIt() {
        Delivery made = delivery("made", DeliveryState.NEGOTIATING, null);
        Delivery notMade = delivery("not-made", DeliveryState.NEGOTIATING, null);
        ReconciliationPlan p = plan(List.of(made, notMade), List.of(atNef("http://nef/s/1", "cb-made"),
                atNef("http://nef/s/2", "cb-made")), Set.of());
        assertEquals(2, p.interrupted().size());
        ReconciliationPlan.Interrupted first = p.interrupted().get(0);
        assertEquals("made", first.delivery().id());
        assertEquals("http://nef/s/1", first.foundAtNef());
        assertNull(p.interrupted().get(1).foundAtNef());
        assertEquals(List.of("http://nef/s/2"), p.orphans().stream().map(HeldSession::session).toList(),
                "a second subscription for the same delivery is a duplicate");
    }

    /**
     * The stop came after the network's answer to the create was stored but before the grant was: no one was told of
     * it (the answer waits for the grant to be stored), so it is failed and its session closed, not matched and left
     * NEGOTIATING for good, and not taken for vanished when the network no longer holds its session.
     */
    @Test
    void aCreateInterruptedAfterTheNetworksAnswerWasStoredIsFailedWithItsSession() {
        Delivery answered = delivery("answered", DeliveryState.NEGOTIATING, "http://nef/s/1");
        Delivery answeredGone = delivery("gone", DeliveryState.NEGOTIATING, "http://nef/s/2");
        ReconciliationPlan p = plan(List.of(answered, answeredGone), List.of(atNef("http://nef/s/1", "cb-answered"),
                atNef("http://nef/s/3", "cb-answered")), Set.of());
        assertEquals(0, p.matched());
        assertTrue(p.vanished().isEmpty());
        assertEquals(List.of("answered", "gone"), p.interrupted().stream().map(i -> i.delivery().id()).toList());
        assertEquals("http://nef/s/1", p.interrupted().get(0).foundAtNef(), "the session its stored answer named");
        assertNull(p.interrupted().get(1).foundAtNef());
        assertEquals(List.of("http://nef/s/3"), p.orphans().stream().map(HeldSession::session).toList(),
                "another session notifying it is not the one the network answered with");
    }

    @Test
    void aCreateUnderWayInThisProcessIsLeftAlone() {
        Delivery creating = delivery("c", DeliveryState.NEGOTIATING, null);
        ReconciliationPlan p = plan(List.of(creating), List.of(atNef("http://nef/s/1", "cb-c")), Set.of("c"));
        assertTrue(p.clean());
    }

    @Test
    void anEndedDeliveryLosesItsSubscriptionEvenWhenItsCreateIsUnderWay() {
        Delivery cancelled = delivery("x", DeliveryState.CANCELLED, null);
        ReconciliationPlan p = plan(List.of(), List.of(atNef("http://nef/s/1", "cb-x")), Set.of("x"));
        assertEquals(1, p.orphans().size());
        assertTrue(cancelled.state().isFinal());
    }

    @Test
    void aLiveDeliveryWhoseSubscriptionTheNefForgotHasVanished() {
        Delivery gone = delivery("g", DeliveryState.QOS_GRANTED, "http://nef/s/1");
        Delivery replaced = delivery("r", DeliveryState.QOS_GRANTED, "http://nef/s/2");
        ReconciliationPlan p = plan(List.of(gone, replaced), List.of(atNef("http://nef/s/3", "cb-r")), Set.of());
        assertEquals(List.of("g", "r"), p.vanished().stream().map(Delivery::id).toList());
        assertEquals(1, p.orphans().size(), "a subscription other than the stored one is not adopted");
    }

    @Test
    void aPendingReleaseTheNefAlreadyDidIsDoneAndOneItDidNotIsLeftToTheRetryLoop() {
        Delivery done = delivery("done", DeliveryState.EXPIRED, "http://nef/s/1");
        done.releasePending(true);
        Delivery pending = delivery("pending", DeliveryState.EXPIRED, "http://nef/s/2");
        pending.releasePending(true);
        ReconciliationPlan p = plan(List.of(done, pending), List.of(atNef("http://nef/s/2", "cb-pending")), Set.of());
        assertEquals(List.of("done"), p.released().stream().map(Delivery::id).toList());
        assertTrue(p.orphans().isEmpty());
        assertEquals(1, p.matched());
    }
}
