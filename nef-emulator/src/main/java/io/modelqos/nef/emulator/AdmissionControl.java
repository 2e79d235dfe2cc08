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
 * Decides which QoS a session gets, whichever face asked: the primary request if it fits the
 * capacity model, else the first alternative (in the AF's order) that fits, else nothing, with
 * the rate that would have fitted. What a request asks for comes as a {@link QosAsk}.
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
     * The QoS a request asks for, whatever its face, with the JSON pointers that name each part in
     * problems: a catalogue reference or else an explicit rate for the primary QoS, then the
     * alternatives (catalogue references, then sets of individual parameters).
     *
     * @param refusedAltReferences   why the alternative references may not be used (logged), or null when they may
     * @param refusedAltRequirements why the individual alternatives may not be used (logged), or null when they may
     * @param missingRatePointer     the pointer of the 400 when nothing states a downlink rate
     * @param missingRateDetail      its detail
     */
    record QosAsk(String qosReference, String qosReferencePointer, ExplicitRate rate,
                  List<String> altReferences, String altReferencesPointer, String refusedAltReferences,
                  List<AlternativeServiceRequirementsData> altRequirements, String altRequirementsPointer,
                  String refusedAltRequirements, String missingRatePointer, String missingRateDetail) {
    }

    /** A rate stated without a reference (T8 tscQosReq, N5 media component bandwidths). */
    record ExplicitRate(String dl, String dlPointer, String ul, String ulPointer, Integer pdbMs) {
    }

    /**
     * The QoS options of a T8 request, best first; 400 if a reference is not in the catalogue or if
     * nothing in the request states a downlink rate.
     *
     * <p>The primary downlink GBR comes from {@code qosReference} (catalogue); without one, from
     * {@code tscQosReq.reqGbrDl}; without that, from the first {@code altQosReqs} entry.
     * Alternatives are the {@code altQoSReferences} names, then the {@code altQosReqs} entries
     * that state a {@code gbrDl}.
     *
     * @param altReferencesAllowed whether {@code altQoSReferences} may be used (feature 5 negotiated)
     * @param altRequirementsAllowed whether {@code altQosReqs} may be used (feature 12 negotiated)
     */
    List<Candidate> candidates(AsSessionWithQoSSubscription sub, boolean altReferencesAllowed,
                               boolean altRequirementsAllowed) {
        ExplicitRate tsc = sub.getQosReference() == null && sub.getTscQosReq() != null && sub.getTscQosReq().getReqGbrDl() != null
                ? new ExplicitRate(sub.getTscQosReq().getReqGbrDl(), "/tscQosReq/reqGbrDl", sub.getTscQosReq().getReqGbrUl(),
                        "/tscQosReq/reqGbrUl", sub.getTscQosReq().getReq5Gsdelay())
                : null;
        List<AlternativeServiceRequirementsData> altReqs = sub.getAltQosReqs() == null ? List.of() : sub.getAltQosReqs();
        String detail = "no downlink rate requested: give qosReference, tscQosReq.reqGbrDl or altQosReqs with gbrDl";
        if (!altReqs.isEmpty() && !altRequirementsAllowed) {
            detail = "altQosReqs needs AltQosWithIndParams_5G (feature 12) in supportedFeatures; " + detail;
        }
        return candidates(new QosAsk(sub.getQosReference(), "/qosReference", tsc,
                sub.getAltQoSReferences() == null ? List.of() : sub.getAltQoSReferences(), "/altQoSReferences",
                altReferencesAllowed ? null
                        : "altQoSReferences ignored: AlternativeQoS_5G (feature 5) was not negotiated in supportedFeatures",
                altReqs, "/altQosReqs", altRequirementsAllowed ? null
                        : "altQosReqs ignored: AltQosWithIndParams_5G (feature 12) was not negotiated in supportedFeatures",
                "/qosReference", detail));
    }

    /**
     * The QoS options asked for, best first; 400 if a reference is not in the catalogue or if
     * nothing states a downlink rate. The first option found is the primary one.
     */
    List<Candidate> candidates(QosAsk ask) {
        List<InvalidParam> unknown = new ArrayList<>();
        List<Candidate> out = new ArrayList<>();
        if (ask.qosReference() != null) {
            CatalogueEntry ref = catalogue.get(ask.qosReference());
            if (ref == null) {
                unknown.add(unknownReference(ask.qosReferencePointer(), ask.qosReference()));
            } else {
                out.add(fromReference(ref, ask.qosReferencePointer(), false));
            }
        } else if (ask.rate() != null && ask.rate().dl() != null) {
            ExplicitRate r = ask.rate();
            out.add(new Candidate(null, rate(r.dlPointer(), r.dl()), rate(r.ulPointer(), r.ul()),
                    r.pdbMs() == null ? 300 : r.pdbMs(), r.dlPointer(), false));
        }
        List<String> altRefs = ask.altReferences();
        boolean altReferencesAllowed = ask.refusedAltReferences() == null;
        for (int i = 0; i < altRefs.size(); i++) {
            CatalogueEntry ref = catalogue.get(altRefs.get(i));
            String pointer = ask.altReferencesPointer() + "/" + i;
            if (ref == null) {
                unknown.add(unknownReference(pointer, altRefs.get(i)));
            } else if (altReferencesAllowed) {
                out.add(fromReference(ref, pointer, false));
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest(ApiException.OPTIONAL_IE_INCORRECT,
                    "QoS reference not in the catalogue; known: " + String.join(", ", catalogue.keySet()), unknown);
        }
        if (!altRefs.isEmpty() && !altReferencesAllowed) {
            LOG.warn(ask.refusedAltReferences());
        }
        List<AlternativeServiceRequirementsData> altReqs = ask.altRequirements();
        if (!altReqs.isEmpty() && ask.refusedAltRequirements() != null) {
            LOG.warn(ask.refusedAltRequirements());
        } else {
            for (int i = 0; i < altReqs.size(); i++) {
                AlternativeServiceRequirementsData alt = altReqs.get(i);
                String pointer = ask.altRequirementsPointer() + "/" + i;
                if (alt.getGbrDl() == null) {
                    LOG.debug("{} ({}) states no gbrDl; not an admission candidate", pointer, alt.getAltQosParamSetRef());
                    continue;
                }
                out.add(new Candidate(alt.getAltQosParamSetRef(), rate(pointer + "/gbrDl", alt.getGbrDl()),
                        rate(pointer + "/gbrUl", alt.getGbrUl()),
                        alt.getPdb() == null ? 300 : alt.getPdb(), pointer, false));
            }
        }
        if (out.isEmpty()) {
            throw ApiException.badRequest(ApiException.MANDATORY_IE_MISSING, ask.missingRatePointer(), ask.missingRateDetail());
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
