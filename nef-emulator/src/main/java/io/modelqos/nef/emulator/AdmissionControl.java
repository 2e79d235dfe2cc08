package io.modelqos.nef.emulator;

import io.modelqos.openapi.t8.model.AlternativeServiceRequirementsData;
import io.modelqos.openapi.t8.model.AsSessionWithQoSSubscription;
import io.modelqos.openapi.t8.model.InvalidParam;
import io.modelqos.qos.BitRate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which QoS a subscription gets: the primary request if it fits the capacity model, else
 * the first alternative (in the AF's order) that fits, else nothing, with the rate that would have
 * fitted.
 *
 * <p>The primary downlink GBR comes from {@code qosReference} (catalogue); without one, from
 * {@code tscQosReq.reqGbrDl}; without that, from the first {@code altQosReqs} entry. Alternatives
 * are the {@code altQoSReferences} names, then the {@code altQosReqs} entries that state a
 * {@code gbrDl}. The first candidate found is the primary one.
 */
final class AdmissionControl {

    private static final Logger LOG = LoggerFactory.getLogger(AdmissionControl.class);

    /**
     * One QoS the network could apply.
     *
     * @param reference the qosReference / altQosParamSetRef name, null for a tscQosReq rate
     * @param source    where it came from, as a JSON pointer into the request
     * @param primary   whether it is what the AF asked for first
     */
    record Candidate(String reference, BitRate gbrDl, BitRate gbrUl, int pdbMs, String source, boolean primary) {
    }

    /** The outcome: {@code granted} is null when nothing fitted; {@code grantable} is what would fit. */
    record Decision(Candidate granted, BitRate grantable, List<Candidate> candidates) {
        boolean admitted() {
            return granted != null;
        }
    }

    private final Map<String, CatalogueEntry> catalogue = new LinkedHashMap<>();
    private final CapacityModel capacity;

    AdmissionControl(List<CatalogueEntry> catalogue, CapacityModel capacity) {
        catalogue.forEach(ref -> this.catalogue.put(ref.name(), ref));
        this.capacity = capacity;
    }

    CatalogueEntry reference(String name) {
        return catalogue.get(name);
    }

    /**
     * The QoS options of a request, best first; 400 if a reference is not in the catalogue or if
     * nothing in the request states a downlink rate.
     *
     * @param altReferencesAllowed whether {@code altQoSReferences} may be used (feature 5 negotiated)
     * @param altRequirementsAllowed whether {@code altQosReqs} may be used (feature 12 negotiated)
     */
    List<Candidate> candidates(AsSessionWithQoSSubscription sub, boolean altReferencesAllowed,
                               boolean altRequirementsAllowed) {
        List<InvalidParam> unknown = new ArrayList<>();
        List<Candidate> out = new ArrayList<>();
        if (sub.getQosReference() != null) {
            CatalogueEntry ref = catalogue.get(sub.getQosReference());
            if (ref == null) {
                unknown.add(unknownReference("/qosReference", sub.getQosReference()));
            } else {
                out.add(fromReference(ref, "/qosReference", false));
            }
        } else if (sub.getTscQosReq() != null && sub.getTscQosReq().getReqGbrDl() != null) {
            BitRate dl = rate("/tscQosReq/reqGbrDl", sub.getTscQosReq().getReqGbrDl());
            BitRate ul = rate("/tscQosReq/reqGbrUl", sub.getTscQosReq().getReqGbrUl());
            Integer pdb = sub.getTscQosReq().getReq5Gsdelay();
            out.add(new Candidate(null, dl, ul, pdb == null ? 300 : pdb, "/tscQosReq/reqGbrDl", false));
        }
        List<String> altRefs = sub.getAltQoSReferences() == null ? List.of() : sub.getAltQoSReferences();
        for (int i = 0; i < altRefs.size(); i++) {
            CatalogueEntry ref = catalogue.get(altRefs.get(i));
            if (ref == null) {
                unknown.add(unknownReference("/altQoSReferences/" + i, altRefs.get(i)));
            } else if (altReferencesAllowed) {
                out.add(fromReference(ref, "/altQoSReferences/" + i, false));
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest(ApiException.OPTIONAL_IE_INCORRECT,
                    "QoS reference not in the catalogue; known: " + String.join(", ", catalogue.keySet()), unknown);
        }
        if (!altRefs.isEmpty() && !altReferencesAllowed) {
            LOG.warn("altQoSReferences ignored: AlternativeQoS_5G (feature 5) was not negotiated in supportedFeatures");
        }
        List<AlternativeServiceRequirementsData> altReqs = sub.getAltQosReqs() == null ? List.of() : sub.getAltQosReqs();
        if (!altReqs.isEmpty() && !altRequirementsAllowed) {
            LOG.warn("altQosReqs ignored: AltQosWithIndParams_5G (feature 12) was not negotiated in supportedFeatures");
        } else {
            for (int i = 0; i < altReqs.size(); i++) {
                AlternativeServiceRequirementsData alt = altReqs.get(i);
                if (alt.getGbrDl() == null) {
                    LOG.debug("altQosReqs/{} ({}) states no gbrDl; not an admission candidate", i, alt.getAltQosParamSetRef());
                    continue;
                }
                out.add(new Candidate(alt.getAltQosParamSetRef(), rate("/altQosReqs/" + i + "/gbrDl", alt.getGbrDl()),
                        rate("/altQosReqs/" + i + "/gbrUl", alt.getGbrUl()),
                        alt.getPdb() == null ? 300 : alt.getPdb(), "/altQosReqs/" + i, false));
            }
        }
        if (out.isEmpty()) {
            String detail = "no downlink rate requested: give qosReference, tscQosReq.reqGbrDl or altQosReqs with gbrDl";
            if (!altReqs.isEmpty() && !altRequirementsAllowed) {
                detail = "altQosReqs needs AltQosWithIndParams_5G (feature 12) in supportedFeatures; " + detail;
            }
            throw ApiException.badRequest(ApiException.MANDATORY_IE_MISSING, "/qosReference", detail);
        }
        Candidate first = out.get(0);
        out.set(0, new Candidate(first.reference(), first.gbrDl(), first.gbrUl(), first.pdbMs(), first.source(), true));
        return out;
    }

    /**
     * Reserves the first candidate that fits. When none fits, nothing changes, and
     * {@link Decision#grantable()} is the most the UE could get now.
     */
    Decision admit(String subscriptionId, String ueKey, List<Candidate> candidates) {
        for (Candidate c : candidates) {
            if (capacity.reserve(subscriptionId, ueKey, c.gbrDl().wholeBitsPerSecond())) {
                return new Decision(c, c.gbrDl(), candidates);
            }
        }
        return new Decision(null, BitRate.ofBitsPerSecond(capacity.availableBps(ueKey, subscriptionId)), candidates);
    }

    private static BitRate rate(String pointer, String text) {
        if (text == null) {
            return BitRate.ZERO;
        }
        try {
            return Rates.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(ApiException.OPTIONAL_IE_INCORRECT, pointer, e.getMessage());
        }
    }

    private static Candidate fromReference(CatalogueEntry ref, String source, boolean primary) {
        return new Candidate(ref.name(), ref.gbrDl(), ref.gbrUl(), ref.pdbMs(), source, primary);
    }

    private static InvalidParam unknownReference(String pointer, String name) {
        return new InvalidParam().param(pointer).reason("QoS reference \"" + name + "\" is not in the catalogue");
    }
}
