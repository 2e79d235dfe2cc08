package io.modelqos.af.engine;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.delivery.FailureCause;
import io.modelqos.af.delivery.NegotiationAttempt;
import io.modelqos.af.delivery.PlannedOption;
import io.modelqos.af.events.EventType;
import io.modelqos.af.problem.AfProblem;
import io.modelqos.af.problem.ProblemKind;
import io.modelqos.qos.NefFeature;
import io.modelqos.qos.SupportedFeatures;
import io.modelqos.af.southbound.NetworkEvent;
import io.modelqos.af.southbound.OpenedSession;
import io.modelqos.af.southbound.SessionFailure;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.modelqos.af.engine.EngineUnderTest.failure;
import static io.modelqos.af.engine.EngineUnderTest.resnet50;
import static io.modelqos.af.engine.EngineUnderTest.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plan, ask, re-plan on a refusal or a missing feature, and the allocation wait. */
class NegotiationTest {
    private final EngineUnderTest af = new EngineUnderTest();

    @AfterEach
    void close() {
        af.close();
    }

    private Delivery deliveryAsked(int open) {
        return af.store.byCallbackId(af.network.opened.get(open).callbackId()).await().orElseThrow();
    }

    private static List<NegotiationAttempt.Outcome> outcomes(Delivery d) {
        return d.negotiation().stream().map(NegotiationAttempt::outcome).toList();
    }

    @Test
    void aCounterOfferIsReplannedOnceToAVariantThatFits() {
        af.network.refusesOpen(SessionFailure.Kind.COUNTER_OFFER, "REQUESTED_SERVICE_NOT_AUTHORIZED", "300 Mbps");
        Future<Delivery> created = af.engine.create("tenant-a", resnet50("10.45.0.1", 1000), null, null);
        af.timers.advance(Duration.ofMillis(500));
        Delivery d = result(created);
        assertEquals(2, af.network.opened.size());
        assertEquals("resnet-50-int8", d.granted().variantId());
        assertEquals(List.of(NegotiationAttempt.Outcome.COUNTER_OFFER, NegotiationAttempt.Outcome.GRANTED), outcomes(d));
        assertEquals("300 Mbps", d.negotiation().get(0).gbrDl());
    }

    @Test
    void aSecondRefusalEndsTheDeliveryWithTheOffer() {
        af.network.refusesOpen(SessionFailure.Kind.COUNTER_OFFER, null, "300 Mbps")
                .refusesOpen(SessionFailure.Kind.COUNTER_OFFER, null, "100 Mbps");
        AfProblem p = (AfProblem) failure(af.engine.create("tenant-a", resnet50("10.45.0.1", 1000), null, null));
        assertEquals(ProblemKind.UNPROCESSABLE, p.kind());
        assertEquals("100 Mbps", p.bestOffer().acceptableRate());
        Delivery d = deliveryAsked(1);
        assertEquals(DeliveryState.FAILED, d.state());
        assertEquals(FailureCause.QOS_REJECTED, d.failureCause());
        assertEquals(List.of(EventType.QOS_REJECTED, EventType.FAILED), af.told(d));
    }

    @Test
    void anUnreadableOfferIsThePeersFault() {
        af.network.refusesOpen(SessionFailure.Kind.COUNTER_OFFER, null, "lots");
        AfProblem p = (AfProblem) failure(af.engine.create("tenant-a", resnet50("10.45.0.1", 1000), null, null));
        assertEquals(ProblemKind.PEER_UNAVAILABLE, p.kind());
        assertEquals(FailureCause.NEF_OFFER_UNREADABLE, deliveryAsked(0).failureCause());
    }

    @Test
    void aNetworkThatDoesNotAnswerInTimeIsATimeoutAndNoRejection() {
        af.network.refusesOpen(SessionFailure.Kind.TIMEOUT, "NEF_TIMEOUT", null);
        AfProblem p = (AfProblem) failure(af.engine.create("tenant-a", resnet50("10.45.0.1", 1000), null, null));
        assertEquals(ProblemKind.PEER_TIMEOUT, p.kind());
        Delivery d = deliveryAsked(0);
        assertEquals(FailureCause.NEF_UNAVAILABLE, d.failureCause());
        assertEquals("NEF_TIMEOUT", d.negotiation().get(0).cause());
        assertEquals(List.of(EventType.FAILED), af.told(d));
    }

    @Test
    void aPlainRefusalIsAQosRejection() {
        af.network.refusesOpen(SessionFailure.Kind.REJECTED, "HTTP_403", null);
        AfProblem p = (AfProblem) failure(af.engine.create("tenant-a", resnet50("10.45.0.1", 1000), null, null));
        assertEquals(ProblemKind.UNPROCESSABLE, p.kind());
        assertEquals(List.of(NegotiationAttempt.Outcome.REJECTED), outcomes(deliveryAsked(0)));
    }

    @Test
    void theAllocationReportNamesTheAlternativeTheNetworkApplied() {
        Future<Delivery> created = af.engine.create("tenant-a", resnet50("10.45.0.1", 1000), null, null);
        Delivery d = deliveryAsked(0);
        PlannedOption alternative = d.options().get(1);
        af.engine.networkEvents(d, List.of(new NetworkEvent.Allocated(alternative.ref())));
        assertTrue(created.isComplete(), "the report ends the wait");
        assertEquals("resnet-50-int8", result(created).granted().variantId());
        assertEquals(List.of(NegotiationAttempt.Outcome.REJECTED, NegotiationAttempt.Outcome.ALLOCATED), outcomes(d));
        assertEquals("ALTERNATIVE_APPLIED", d.negotiation().get(0).cause());
        assertEquals(List.of(EventType.QOS_GRANTED), af.told(d));
    }

    @Test
    void aReportThatOvertakesTheOpenAnswerIsAppliedOnceTheSessionIsKnown() {
        Promise<OpenedSession> answer = af.network.holdsNextOpen();
        Future<Delivery> created = af.engine.create("tenant-a", resnet50("10.45.0.1", 1000), null, null);
        Delivery d = deliveryAsked(0);
        af.engine.networkEvents(d, List.of(new NetworkEvent.Allocated(d.options().get(1).ref())));
        assertEquals(DeliveryState.NEGOTIATING, d.state(), "held until the session is known");
        answer.complete(af.network.asAsked("nef:s/early"));
        assertEquals("resnet-50-int8", result(created).granted().variantId());
        assertEquals("nef:s/early", d.nefSubscriptionText());
    }

    @Test
    void aFailedAllocationFailsTheCreateAndClosesTheSession() {
        Future<Delivery> created = af.engine.create("tenant-a", resnet50("10.45.0.1", 1000), null, null);
        Delivery d = deliveryAsked(0);
        af.engine.networkEvents(d, List.of(new NetworkEvent.AllocationFailed()));
        AfProblem p = (AfProblem) failure(created);
        assertEquals(ProblemKind.UNPROCESSABLE, p.kind());
        assertEquals(DeliveryState.FAILED, d.state());
        assertEquals(FailureCause.FAILED_RESOURCES_ALLOCATION, d.failureCause());
        assertEquals(List.of("nef:s/1"), af.network.closed);
        assertFalse(d.releasePending());
        assertEquals(EventType.FAILED, af.told(d).get(af.told(d).size() - 1));
    }

    @Test
    void aNetworkWithoutIndividualParametersGetsTheSessionReplacedByQosReferences() {
        af.network.opens(new OpenedSession("nef:s/7", null, SupportedFeatures.of(NefFeature.ALTERNATIVE_QOS_5G), List.of()));
        Future<Delivery> created = af.engine.create("tenant-a", resnet50("10.45.0.1", 1000), null, null);
        af.timers.advance(Duration.ofMillis(500));
        Delivery d = result(created);
        assertEquals(List.of("nef:s/7"), af.network.modified);
        assertTrue(d.options().get(0).byReference(), "the options are QoS references now");
        assertEquals(d.options().get(0).ref(), d.granted().qosReference());
    }

    @Test
    void aFailedReplacementEndsTheDeliveryAndClosesTheSession() {
        af.network.opens(new OpenedSession("nef:s/7", null, SupportedFeatures.of(NefFeature.ALTERNATIVE_QOS_5G), List.of()))
                .failsModify();
        Future<Delivery> created = af.engine.create("tenant-a", resnet50("10.45.0.1", 1000), null, null);
        af.timers.advance(Duration.ofMillis(500));
        assertEquals(ProblemKind.PEER_UNAVAILABLE, ((AfProblem) failure(created)).kind());
        Delivery d = deliveryAsked(0);
        assertEquals(FailureCause.NEF_REPLACE_FAILED, d.failureCause());
        assertEquals(List.of("nef:s/7"), af.network.closed);
    }

    @Test
    void aCancelWhileTheNetworkIsOpeningClosesWhatItMade() {
        Promise<OpenedSession> answer = af.network.holdsNextOpen();
        Future<Delivery> created = af.engine.create("tenant-a", resnet50("10.45.0.1", 1000), null, null);
        Delivery d = deliveryAsked(0);
        Delivery cancelled = result(af.engine.cancel("tenant-a", d.id()));
        assertEquals(DeliveryState.CANCELLED, cancelled.state());
        assertTrue(af.network.closed.isEmpty(), "nothing to close yet");
        answer.complete(af.network.asAsked("nef:s/late"));
        assertEquals(List.of("nef:s/late"), af.network.closed);
        assertEquals(DeliveryState.CANCELLED, result(created).state());
        assertFalse(d.releasePending());
    }

    @Test
    void anAnswerThatCarriesNoneOfTheOptionsIsNoGrantAndTheSessionIsReleased() {
        // The network took the session with every feature but dropped the QoS: e.g. it applied a default QoS of its own.
        af.network.opens(new OpenedSession("nef:s/9", null, EngineSettings.AF_FEATURES, List.of()));
        AfProblem p = (AfProblem) failure(af.engine.create("tenant-a", resnet50("10.45.0.1", 1000), null, null));
        assertEquals(ProblemKind.UNPROCESSABLE, p.kind());
        Delivery d = deliveryAsked(0);
        assertEquals(DeliveryState.FAILED, d.state());
        assertEquals(FailureCause.QOS_REJECTED, d.failureCause());
        assertEquals(null, d.granted(), "nothing granted");
        assertEquals(List.of(NegotiationAttempt.Outcome.REJECTED), outcomes(d));
        assertEquals("QOS_NOT_CONFIRMED", d.negotiation().get(0).cause());
        assertEquals(List.of(EventType.QOS_REJECTED, EventType.FAILED), af.told(d), "never qos-granted");
        assertEquals(List.of("nef:s/9"), af.network.closed);
    }

    @Test
    void anAnswerWithoutFeaturesNorQosIsReplannedWithReferencesAndReleasedWhenTheReplacementCarriesNoneEither() {
        af.network.opens(new OpenedSession("nef:s/9", null, SupportedFeatures.NONE, List.of())).modifiesCarrying();
        AfProblem p = (AfProblem) failure(af.engine.create("tenant-a", resnet50("10.45.0.1", 1000), null, null));
        assertEquals(ProblemKind.UNPROCESSABLE, p.kind());
        Delivery d = deliveryAsked(0);
        assertEquals(List.of("nef:s/9"), af.network.modified, "re-planned within what the network showed: references");
        assertEquals(SupportedFeatures.NONE, af.network.replacements.get(0).features(), "announcing none of them");
        assertEquals(io.modelqos.af.qos.QosMode.QOS_REFERENCE, af.network.replacements.get(0).plan().mode());
        assertEquals(FailureCause.QOS_REJECTED, d.failureCause());
        assertEquals(List.of(EventType.QOS_REJECTED, EventType.FAILED), af.told(d), "never qos-granted");
        assertEquals(List.of("nef:s/9"), af.network.closed);
    }

    @Test
    void anAnswerWithoutFeaturesIsReplannedWithReferencesBeforeAnythingIsGranted() {
        af.network.opens(new OpenedSession("nef:s/9", null, SupportedFeatures.NONE, List.of()));
        Future<Delivery> created = af.engine.create("tenant-a", resnet50("10.45.0.1", 1000), null, null);
        af.timers.advance(Duration.ofMillis(500));
        Delivery d = result(created);
        assertTrue(d.options().get(0).byReference(), "the options are QoS references now");
        assertEquals(d.options().get(0).ref(), d.granted().qosReference());
        assertEquals(1, d.options().size(), "no alternative without AlternativeQoS_5G");
        assertEquals(List.of(EventType.QOS_GRANTED), af.told(d), "one grant, of what the replacement carries");
    }

    @Test
    void aReportThatComesWhileTheSessionIsReplacedIsNotGrantedForTheReplacedQos() {
        af.network.opens(new OpenedSession("nef:s/7", null, SupportedFeatures.of(NefFeature.ALTERNATIVE_QOS_5G), List.of()));
        Promise<List<String>> replaced = af.network.holdsNextModify();
        Future<Delivery> created = af.engine.create("tenant-a", resnet50("10.45.0.1", 1000), null, null);
        Delivery d = deliveryAsked(0);
        String individualAlternative = d.options().get(1).ref();
        af.engine.networkEvents(d, List.of(new NetworkEvent.Allocated(individualAlternative)));
        assertEquals(DeliveryState.NEGOTIATING, d.state(), "nothing granted while the session is replaced");
        assertTrue(af.told(d).isEmpty());
        replaced.complete(ScriptedNetwork.refsOf(af.network.replacements.get(0)));
        af.timers.advance(Duration.ofMillis(500));
        Delivery granted = result(created);
        assertTrue(granted.options().get(0).byReference());
        assertEquals(granted.options().get(0).ref(), granted.granted().qosReference(),
                "the report about the replaced individual parameters is not applied");
        assertEquals(List.of(EventType.QOS_GRANTED), af.told(d));
    }

    @Test
    void anAnswerThatDropsTheAlternativesGrantsThePrimaryAndOffersNothingElse() {
        Promise<OpenedSession> answer = af.network.holdsNextOpen();
        Future<Delivery> created = af.engine.create("tenant-a", resnet50("10.45.0.1", 1000), null, null);
        OpenedSession full = af.network.asAsked("nef:s/3");
        answer.complete(new OpenedSession("nef:s/3", null, full.peerFeatures(), full.carriedRefs().subList(0, 1)));
        af.timers.advance(Duration.ofMillis(500));
        Delivery d = result(created);
        assertEquals("resnet-50-fp32", d.granted().variantId());
        assertEquals(1, d.options().size(), "only what the network holds stays offered");
    }

    @Test
    void anAnswerThatDropsThePrimaryGrantsTheAlternativeItCarries() {
        Promise<OpenedSession> answer = af.network.holdsNextOpen();
        Future<Delivery> created = af.engine.create("tenant-a", resnet50("10.45.0.1", 1000), null, null);
        OpenedSession full = af.network.asAsked("nef:s/3");
        answer.complete(new OpenedSession("nef:s/3", null, full.peerFeatures(), full.carriedRefs().subList(1, 2)));
        af.timers.advance(Duration.ofMillis(500));
        Delivery d = result(created);
        assertEquals("resnet-50-int8", d.granted().variantId(), "never the fp32 rate the network did not confirm");
        assertEquals(List.of(NegotiationAttempt.Outcome.GRANTED), outcomes(d));
        assertEquals("resnet-50-int8", d.negotiation().get(0).variantId());
    }
}
