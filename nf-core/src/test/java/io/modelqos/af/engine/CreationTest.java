package io.modelqos.af.engine;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryRequest;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.delivery.FailureCause;
import io.modelqos.af.events.EventType;
import io.modelqos.af.problem.AfProblem;
import io.modelqos.af.problem.ProblemKind;
import io.modelqos.af.store.InMemoryDeliveryStore;
import io.vertx.core.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.modelqos.af.engine.EngineUnderTest.failure;
import static io.modelqos.af.engine.EngineUnderTest.resnet50;
import static io.modelqos.af.engine.EngineUnderTest.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Creation and idempotency: what is stored, what the network is asked, and what a repeat gets. */
class CreationTest {
    private EngineUnderTest af = new EngineUnderTest();

    @AfterEach
    void close() {
        af.close();
    }

    @Test
    void aCreateIsStoredBeforeTheNetworkIsAskedAndGrantedAfterTheAllocationWait() {
        Future<Delivery> created = af.engine.create("tenant-a", resnet50("10.45.0.1", 1000), null, null);
        assertEquals(1, af.network.opened.size());
        Delivery d = af.store.byCallbackId(af.network.opened.get(0).callbackId()).await().orElseThrow();
        assertEquals(DeliveryState.QOS_GRANTED, d.state(), "the session is open");
        assertTrue(!created.isComplete(), "the answer waits for the allocation report");
        af.timers.advance(java.time.Duration.ofMillis(500));
        assertSame(d, result(created));
        assertEquals("resnet-50-fp32", d.granted().variantId());
        assertEquals(List.of(EventType.QOS_GRANTED), af.told(d));
        assertEquals("nef:s/1", d.nefSubscriptionText());
    }

    @Test
    void aRepeatWithTheSameKeyAndBodyGetsTheSameDeliveryAndAsksNothingMore() {
        Future<Delivery> first = af.engine.create("tenant-a", resnet50("10.45.0.1", 1000), "order-1", "fp-1");
        af.timers.advance(java.time.Duration.ofMillis(500));
        Delivery again = result(af.engine.create("tenant-a", resnet50("10.45.0.1", 1000), "order-1", "fp-1"));
        assertSame(result(first), again);
        assertEquals(1, af.network.opened.size());
    }

    @Test
    void aRepeatWhileTheFirstIsUnderWayGetsTheFirstsAnswerAndMakesNothing() {
        Future<Delivery> first = af.engine.create("tenant-a", resnet50("10.45.0.1", 1000), "order-1", "fp-1");
        Future<Delivery> repeat = af.engine.create("tenant-a", resnet50("10.45.0.1", 1000), "order-1", "fp-1");
        assertTrue(!repeat.isComplete(), "the repeat waits for the first create");
        af.timers.advance(java.time.Duration.ofMillis(500));
        assertSame(result(first), result(repeat));
        assertEquals(1, af.network.opened.size(), "one session for one key");
        assertEquals(1, af.store.list("tenant-a", null, null, 10, null).await().items().size());
    }

    @Test
    void aRepeatWithAnotherBodyIsAConflict() {
        af.engine.create("tenant-a", resnet50("10.45.0.1", 1000), "order-1", "fp-1");
        AfProblem p = (AfProblem) failure(af.engine.create("tenant-a", resnet50("10.45.0.2", 1000), "order-1", "fp-2"));
        assertEquals(ProblemKind.CONFLICT, p.kind());
        assertEquals(1, af.network.opened.size());
    }

    @Test
    void aRepeatOfAFailedCreateGetsTheSameProblem() {
        af.network.refusesOpen(io.modelqos.af.southbound.SessionFailure.Kind.PEER_ERROR, "HTTP_500", null);
        AfProblem first = (AfProblem) failure(af.engine.create("tenant-a", resnet50("10.45.0.1", 1000), "k", "fp"));
        AfProblem again = (AfProblem) failure(af.engine.create("tenant-a", resnet50("10.45.0.1", 1000), "k", "fp"));
        assertSame(first, again);
        assertEquals(1, af.network.opened.size());
    }

    @Test
    void whenNothingFitsTheNetworkIsNotAskedAndTheCallerGetsTheBestOffer() {
        // A network that takes QoS references only: no operator reference carries 58 Gbit/s.
        af.network.peerFeatures(io.modelqos.qos.SupportedFeatures.of(io.modelqos.qos.NefFeature.ALTERNATIVE_QOS_5G));
        DeliveryRequest huge = new DeliveryRequest(new DeliveryRequest.UeAddress("10.45.0.1", null, null),
                new DeliveryRequest.ServerAddress("10.0.0.10", null, 443), "resnet-152",
                List.of(new DeliveryRequest.Variant("resnet-152-fp32", "fp32", 241_000_000L, null)),
                33, 0.99999, false, null, null, null);
        AfProblem p = (AfProblem) failure(af.engine.create("tenant-a", huge, null, null));
        assertEquals(ProblemKind.UNPROCESSABLE, p.kind());
        assertTrue(af.network.opened.isEmpty());
        Delivery d = af.store.list("tenant-a", null, null, 10, null).await().items().get(0);
        assertEquals(DeliveryState.FAILED, d.state());
        assertEquals(FailureCause.NO_QOS_FITS, d.failureCause());
        assertEquals(List.of(EventType.QOS_REJECTED, EventType.FAILED), af.told(d));
    }

    @Test
    void aRefusedAdmissionStoresNothing() {
        af.close();
        af = new EngineUnderTest(new InMemoryDeliveryStore(),
                (tenant, gbr) -> io.vertx.core.Future.succeededFuture(AfProblem.unprocessable("over the cap", null)));
        AfProblem p = (AfProblem) failure(af.engine.create("tenant-a", resnet50("10.45.0.1", 1000), null, null));
        assertEquals("over the cap", p.detail());
        assertTrue(af.store.list("tenant-a", null, null, 10, null).await().items().isEmpty());
        assertTrue(af.network.opened.isEmpty());
    }

    @Test
    void anInvalidVariantIsRefusedNamingItsField() {
        DeliveryRequest bad = new DeliveryRequest(new DeliveryRequest.UeAddress("10.45.0.1", null, null),
                new DeliveryRequest.ServerAddress("10.0.0.10", null, 443), "m",
                List.of(new DeliveryRequest.Variant("v", "fp64", 1_000_000L, null)), 1000, 0.99, false, null, null, null);
        AfProblem p = (AfProblem) failure(af.engine.create("tenant-a", bad, null, null));
        assertEquals(ProblemKind.INVALID_INPUT, p.kind());
        assertNotNull(p.invalidParams());
        assertEquals("/model/variants/0", p.invalidParams().get(0).param());
    }

    @Test
    void anEngineMakesOnlyIdsOfItsOwnShard() {
        af.close();
        ShardedEngine.ShardSpec second = new ShardedEngine.ShardSpec(1, 3, null, new InFlight(),
                new MonitoringSlots(0));
        af = new EngineUnderTest(new InMemoryDeliveryStore(), Admission.ALL, second::owns);
        for (int i = 0; i < 30; i++) {
            af.engine.create("tenant-a", resnet50("10.45.0." + i, 1000), null, null);
        }
        List<Delivery> made = af.store.list("tenant-a", null, null, 100, null).await().items();
        assertEquals(30, made.size());
        assertTrue(made.stream().allMatch(d -> ShardedEngine.indexOf(d.id(), 3) == 1));
    }

    @Test
    void aStoppingEngineTakesNoNewDelivery() {
        af.engine.stopAccepting();
        AfProblem p = (AfProblem) failure(af.engine.create("tenant-a", resnet50("10.45.0.1", 1000), null, null));
        assertEquals(ProblemKind.SERVICE_UNAVAILABLE, p.kind());
    }
}
