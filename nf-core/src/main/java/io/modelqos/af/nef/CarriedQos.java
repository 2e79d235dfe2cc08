package io.modelqos.af.nef;

import io.modelqos.openapi.t8.model.AlternativeServiceRequirementsData;
import io.modelqos.openapi.t8.model.AsSessionWithQoSSubscription;
import io.modelqos.qos.BitRate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which of the QoS options the AF sent the NEF's representation of a subscription carries. TS 29.122 answers a create
 * (and a PUT with 200) with the subscription as the NEF holds it; a NEF that did not take the QoS asked for (one that
 * applied a default QoS of its own) may still answer 201 but drops the {@code qosReference}, {@code altQoSReferences}
 * or {@code altQosReqs} it did not take. An option counts as carried when its reference is there (for individual
 * parameters: the set with the same {@code altQosParamSetRef} and the same {@code gbrDl}); a status alone carries none.
 */
final class CarriedQos {

    private CarriedQos() {
    }

    /** The refs of {@code sent}'s options that {@code answered} carries, in {@code sent}'s order (none for no answer). */
    static List<String> of(AsSessionWithQoSSubscription sent, AsSessionWithQoSSubscription answered) {
        List<String> carried = new ArrayList<>();
        if (answered == null) {
            return carried;
        }
        if (sent.getQosReference() != null) {
            Set<String> shown = new HashSet<>();
            if (answered.getQosReference() != null) {
                shown.add(answered.getQosReference());
            }
            if (answered.getAltQoSReferences() != null) {
                shown.addAll(answered.getAltQoSReferences());
            }
            if (shown.contains(sent.getQosReference())) {
                carried.add(sent.getQosReference());
            }
            if (sent.getAltQoSReferences() != null) {
                sent.getAltQoSReferences().stream().filter(shown::contains).forEach(carried::add);
            }
        }
        if (sent.getAltQosReqs() != null) {
            Map<String, AlternativeServiceRequirementsData> shown = new HashMap<>();
            if (answered.getAltQosReqs() != null) {
                for (AlternativeServiceRequirementsData set : answered.getAltQosReqs()) {
                    if (set != null && set.getAltQosParamSetRef() != null) {
                        shown.putIfAbsent(set.getAltQosParamSetRef(), set);
                    }
                }
            }
            for (AlternativeServiceRequirementsData asked : sent.getAltQosReqs()) {
                AlternativeServiceRequirementsData held = shown.get(asked.getAltQosParamSetRef());
                if (held != null && sameRate(asked.getGbrDl(), held.getGbrDl())) {
                    carried.add(asked.getAltQosParamSetRef());
                }
            }
        }
        return carried;
    }

    /** All the refs {@code sent} offers, in its order: what a NEF that answered without a representation holds. */
    static List<String> all(AsSessionWithQoSSubscription sent) {
        return of(sent, sent);
    }

    private static boolean sameRate(String asked, String held) {
        if (asked == null || held == null) {
            return asked == null && held == null;
        }
        if (asked.equals(held)) {
            return true; // as a NEF usually echoes it; parsed only when it wrote the rate its own way
        }
        try {
            return BitRate.parse(asked).compareTo(BitRate.parse(held)) == 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
