package io.modelqos.af.engine;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.delivery.FailureCause;
import io.modelqos.af.southbound.QosSessions.HeldSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.modelqos.af.engine.EngineUnderTest.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reconciliation carries out its plan through the engine's own units: closes this AF's orphans, fails what vanished,
 * and leaves alone what no record proves its own.
 */
class ReconcilerTest {
    private final EngineUnderTest af = new EngineUnderTest();

    @AfterEach
    void close() {
        af.close();
    }

    private Reconciler reconciler() {
        return new Reconciler(af.network, af.store, new Reconciler.Actions() {
            @Override
            public io.vertx.core.Future<Delivery> endUnmatched(Delivery d, String found, FailureCause cause) {
                return af.engine.endUnmatched(d, found, cause);
            }

            @Override
            public void released(Delivery d) {
                af.engine.released(d);
            }
        }, new InFlight(), af.timers, Offload.INLINE, java.time.Duration.ZERO);
    }

    @Test
    void orphansAreClosedAndADeliveryWhoseSessionVanishedIsFailed() {
        Delivery kept = af.granted("10.45.0.1");
        Delivery gone = af.granted("10.45.0.2");
        Delivery ended = af.granted("10.45.0.3");
        result(af.engine.cancel("tenant-a", ended.id()));
        af.network.closed.clear();
        // The NEF answered the cancel's close and still lists the session: the record proves it this AF's.
        af.network.lists(List.of(new HeldSession(kept.nefSubscriptionText(), kept.callbackId()),
                new HeldSession("nef:s/kept-after-delete", ended.callbackId())));
        Reconciler.Report report = result(reconciler().reconcile());
        assertEquals(1, report.matched());
        assertEquals(1, report.orphansDeleted());
        assertEquals(1, report.vanished());
        assertEquals(0, report.foreign());
        assertEquals(List.of("nef:s/kept-after-delete", gone.nefSubscriptionText()), af.network.closed,
                "the vanished session is closed too, in case the list missed it");
        assertEquals(DeliveryState.FAILED, gone.state());
        assertEquals(FailureCause.NEF_SUBSCRIPTION_GONE, gone.failureCause());
        assertEquals(DeliveryState.QOS_GRANTED, kept.state());
    }

    /**
     * A stop after the network's answer to a create was stored, before the grant was (another shard's commit can take
     * the one write without the other): resumed NEGOTIATING with a session, it is failed as interrupted and its session
     * closed. Matched instead, it stayed NEGOTIATING, with no expiry, for good: a crash test on N5 met one.
     */
    @Test
    void aCreateStoppedBetweenTheNetworksAnswerAndTheGrantIsFailedAndItsSessionClosed() {
        Delivery d = new Delivery("d-answered", "tenant-a", EngineUnderTest.resnet50("10.45.0.9", 1000), "cb-answered",
                EngineUnderTest.T0);
        d.negotiating();
        d.nefSubscriptionText("nef:s/answered");
        result(af.store.put(d));
        af.network.lists(List.of(new HeldSession("nef:s/answered", "cb-answered")));

        Reconciler.Report report = result(reconciler().reconcile());

        assertEquals(0, report.matched());
        assertEquals(1, report.interrupted());
        assertEquals(1, report.interruptedAtNef());
        assertEquals(DeliveryState.FAILED, d.state());
        assertEquals(FailureCause.NEF_CREATE_INTERRUPTED, d.failureCause());
        assertEquals(List.of("nef:s/answered"), af.network.closed);
    }

    @Test
    void aSessionThatVanishedAfterItsQosDurationEndsAsTheEndRulesSayNotFailed() {
        Delivery seen = af.granted("10.45.0.1");
        Delivery unseen = af.granted("10.45.0.2");
        af.engine.networkEvents(seen, List.of(new io.modelqos.af.southbound.NetworkEvent.UsageReported(
                new io.modelqos.af.delivery.NetworkUsage(114_369_765L, null, null, null))));
        // The AF was away when the network ended both sessions at their qosDuration: no timer ran meanwhile.
        af.clock.set(unseen.createdAt().plusSeconds(unseen.granted().qosDurationS()));
        af.network.lists(List.of());

        Reconciler.Report report = result(reconciler().reconcile());

        assertEquals(2, report.vanished());
        assertEquals(DeliveryState.COMPLETED, seen.state(), "the network counted the whole variant");
        assertEquals(FailureCause.COMPLETION_OBSERVED_BY_NETWORK, seen.endCause());
        assertEquals(DeliveryState.EXPIRED, unseen.state());
        assertEquals(FailureCause.COMPLETION_NOT_REPORTED, unseen.endCause());
    }

    @Test
    void sessionsNoRecordProvesThisAfsAreLeftAloneAndCounted() {
        Delivery kept = af.granted("10.45.0.1");
        af.network.lists(List.of(new HeldSession(kept.nefSubscriptionText(), kept.callbackId()),
                new HeldSession("nef:otherApp/s/1", null),
                new HeldSession("nef:s/unknown", "a-callback-id-no-record-holds")));
        Reconciler.Report report = result(reconciler().reconcile());
        assertEquals(3, report.listed());
        assertEquals(1, report.matched());
        assertEquals(2, report.foreign());
        assertEquals(0, report.orphansDeleted());
        assertEquals(List.of(), af.network.closed, "nothing the AF cannot prove its own is closed");
        assertEquals(DeliveryState.QOS_GRANTED, kept.state());
    }

    /**
     * A NEF may leave a subscription out of its list (a paged list; one made under the SCS/AS id of a CAPIF invoker
     * before a re-onboarding): the list is no proof, so the network is asked, and a session it still holds is kept.
     */
    @Test
    void aSessionTheListLeftOutButTheNetworkStillHoldsIsKeptAndCounted() {
        Delivery listed = af.granted("10.45.0.1");
        Delivery unlisted = af.granted("10.45.0.2");
        Delivery gone = af.granted("10.45.0.3");
        af.network.lists(List.of(new HeldSession(listed.nefSubscriptionText(), listed.callbackId())))
                .holdsUnlisted(unlisted.nefSubscriptionText());

        Reconciler.Report report = result(reconciler().reconcile());

        assertEquals(1, report.matched());
        assertEquals(1, report.unlisted());
        assertEquals(1, report.vanished());
        assertEquals(0, report.unconfirmed());
        assertEquals(java.util.Set.of(unlisted.nefSubscriptionText(), gone.nefSubscriptionText()),
                java.util.Set.copyOf(af.network.probed), "only what the list left out is asked about");
        assertEquals(2, af.network.probed.size());
        assertEquals(DeliveryState.QOS_GRANTED, unlisted.state());
        assertEquals(DeliveryState.FAILED, gone.state());
        assertEquals(List.of(gone.nefSubscriptionText()), af.network.closed, "the session the network still holds is not closed");
    }

    @Test
    void aSessionTheNetworkCannotTellAboutIsLeftForTheNextReconciliation() {
        Delivery d = af.granted("10.45.0.1");
        af.network.lists(List.of()).cannotTell(d.nefSubscriptionText());

        Reconciler.Report report = result(reconciler().reconcile());

        assertEquals(0, report.vanished());
        assertEquals(1, report.unconfirmed());
        assertEquals(DeliveryState.QOS_GRANTED, d.state());
        assertEquals(List.of(), af.network.closed);
    }

    @Test
    void aPendingReleaseTheListLeftOutIsForgottenOnlyOnceTheNetworkSaysItIsGone() {
        Delivery held = af.granted("10.45.0.1");
        Delivery gone = af.granted("10.45.0.2");
        af.network.failsClose(2);
        result(af.engine.cancel("tenant-a", held.id()));
        result(af.engine.cancel("tenant-a", gone.id()));
        assertTrue(held.releasePending() && gone.releasePending(), "both closes failed: both releases owed");
        af.network.lists(List.of()).holdsUnlisted(held.nefSubscriptionText());

        Reconciler.Report report = result(reconciler().reconcile());

        assertEquals(1, report.released());
        assertEquals(1, report.unlisted());
        assertFalse(gone.releasePending(), "the network said it no longer holds it");
        assertTrue(held.releasePending(), "still held at the network: its release is still owed");
    }
}
