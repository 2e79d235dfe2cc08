package io.modelqos.af.qos;

import io.modelqos.qos.NefFeature;
import io.modelqos.qos.SupportedFeatures;

/** How the AF expresses the QoS it wants, given what the NEF supports. */
public enum QosMode {
    /** Operator-provisioned references: {@code qosReference} and {@code altQoSReferences}. */
    QOS_REFERENCE,
    /** Explicit parameters (GBR, PDB, PER) as in {@code altQosReqs}; needs AltQosWithIndParams_5G. */
    INDIVIDUAL_PARAMETERS;

    public static QosMode forFeatures(SupportedFeatures nefFeatures) {
        return nefFeatures.supports(NefFeature.ALT_QOS_WITH_IND_PARAMS_5G) ? INDIVIDUAL_PARAMETERS : QOS_REFERENCE;
    }
}
