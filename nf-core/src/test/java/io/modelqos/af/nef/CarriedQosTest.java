package io.modelqos.af.nef;

import io.modelqos.openapi.t8.model.AlternativeServiceRequirementsData;
import io.modelqos.openapi.t8.model.AsSessionWithQoSSubscription;
import io.modelqos.qos.NefFeature;
import io.modelqos.qos.SupportedFeatures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Verifies which of the QoS options the AF sent a NEF's representation counts as carrying, and how features read. */
class CarriedQosTest {

    private static AsSessionWithQoSSubscription byReference() {
        return new AsSessionWithQoSSubscription().notificationDestination("http://af/nef-callbacks/v1/x")
                .qosReference("mq-gbr-100M").altQoSReferences(List.of("mq-gbr-50M", "mq-gbr-25M"));
    }

    private static AlternativeServiceRequirementsData set(String ref, String gbrDl) {
        return new AlternativeServiceRequirementsData().altQosParamSetRef(ref).gbrDl(gbrDl).gbrUl("1 Mbps").pdb(300);
    }

    private static AsSessionWithQoSSubscription byParameters() {
        return new AsSessionWithQoSSubscription().notificationDestination("http://af/nef-callbacks/v1/x")
                .altQosReqs(List.of(set("fp32", "70.161 Mbps"), set("int8", "17.541 Mbps")));
    }

    @Test
    void aRepresentationAsSentCarriesEveryOption() {
        assertEquals(List.of("mq-gbr-100M", "mq-gbr-50M", "mq-gbr-25M"), CarriedQos.of(byReference(), byReference()));
        assertEquals(List.of("fp32", "int8"), CarriedQos.of(byParameters(), byParameters()));
    }

    @Test
    void aRepresentationWithoutTheQosCarriesNone() {
        AsSessionWithQoSSubscription bare = new AsSessionWithQoSSubscription().notificationDestination("http://x");
        assertEquals(List.of(), CarriedQos.of(byReference(), bare));
        assertEquals(List.of(), CarriedQos.of(byParameters(), bare));
        assertEquals(List.of(), CarriedQos.of(byParameters(), null));
    }

    @Test
    void droppedAlternativesAreNotCarried() {
        AsSessionWithQoSSubscription primaryOnly = byReference().altQoSReferences(null);
        assertEquals(List.of("mq-gbr-100M"), CarriedQos.of(byReference(), primaryOnly));
    }

    @Test
    void aSetWithAnotherRateIsNotTheOneAskedForAndTheSameRateInOtherUnitsIs() {
        AsSessionWithQoSSubscription changed = byParameters()
                .altQosReqs(List.of(set("fp32", "10 Mbps"), set("int8", "17541 Kbps")));
        assertEquals(List.of("int8"), CarriedQos.of(byParameters(), changed));
    }

    @Test
    void aMissingOrUnreadableSupportedFeaturesIsNone() {
        assertEquals(SupportedFeatures.NONE, T8QosSessions.answeredFeatures(null));
        assertEquals(SupportedFeatures.NONE, T8QosSessions.answeredFeatures(""));
        assertEquals(SupportedFeatures.NONE, T8QosSessions.answeredFeatures("not hex"));
        assertEquals(SupportedFeatures.of(NefFeature.ALTERNATIVE_QOS_5G, NefFeature.QOS_MONITORING_5G),
                T8QosSessions.answeredFeatures("30"));
    }
}
