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

/** Reconciliation carries out its plan through the engine's own units: closes orphans, fails what vanished. */
class ReconcilerTest {
    private final EngineUnderTest af = new EngineUnderTest();

    @AfterEach
    void close() {
        af.close();
    }

    @Test
    void orphansAreClosedAndADeliveryWhoseSessionVanishedIsFailed() {
        Delivery kept = af.granted("10.45.0.1");
        Delivery gone = af.granted("10.45.0.2");
        af.network.lists(List.of(new HeldSession(kept.nefSubscriptionText(), kept.callbackId()),
                new HeldSession("nef:s/orphan", "unknown-callback")));
        Reconciler reconciler = new Reconciler(af.network, af.store, new Reconciler.Actions() {
            @Override
            public io.vertx.core.Future<Delivery> endUnmatched(Delivery d, String found, FailureCause cause) {
                return af.engine.endUnmatched(d, found, cause);
            }

            @Override
            public void released(Delivery d) {
                af.engine.released(d);
            }
        }, new InFlight(), af.timers, java.time.Duration.ZERO);
        Reconciler.Report report = result(reconciler.reconcile());
        assertEquals(1, report.matched());
        assertEquals(1, report.orphansDeleted());
        assertEquals(1, report.vanished());
        assertEquals(List.of("nef:s/orphan", gone.nefSubscriptionText()), af.network.closed,
                "the vanished session is closed too, in case the list missed it");
        assertEquals(DeliveryState.FAILED, gone.state());
        assertEquals(FailureCause.NEF_SUBSCRIPTION_GONE, gone.failureCause());
        assertEquals(DeliveryState.QOS_GRANTED, kept.state());
    }
}
