package io.modelqos.qos;

/**
 * A QoS profile the operator provisioned, which an AF names in {@code qosReference} / {@code altQoSReferences} and a
 * NEF applies. The constructor refuses a missing or out-of-range value with an {@link InvalidQosReferenceException}
 * that names the field.
 *
 * @param name              the reference as sent to the NEF, e.g. {@code "mq-gbr-1G-ll"}
 * @param fiveQi            5QI the profile maps to (0-255)
 * @param gbrDl             guaranteed downlink bit rate
 * @param gbrUl             guaranteed uplink bit rate
 * @param mbrDl             maximum downlink bit rate, at least {@code gbrDl}
 * @param mbrUl             maximum uplink bit rate, at least {@code gbrUl}
 * @param pdbMs             packet delay budget, at least 1 ms
 * @param per               packet error rate
 * @param averagingWindowMs the profile's averaging window, 1-4095 ms
 */
public record QosReference(String name, int fiveQi, BitRate gbrDl, BitRate gbrUl, BitRate mbrDl, BitRate mbrUl,
                           int pdbMs, PacketErrorRate per, int averagingWindowMs) {

    public QosReference {
        if (name == null || name.isBlank()) {
            throw new InvalidQosReferenceException("name", "must not be blank");
        }
        if (fiveQi < 0 || fiveQi > 255) {
            throw new InvalidQosReferenceException("fiveQi", "must be within 0..255, was " + fiveQi);
        }
        requireGiven("gbrDl", gbrDl);
        requireGiven("gbrUl", gbrUl);
        requireGiven("mbrDl", mbrDl);
        requireGiven("mbrUl", mbrUl);
        requireGiven("per", per);
        if (mbrDl.compareTo(gbrDl) < 0) {
            throw new InvalidQosReferenceException("mbrDl", "must be at least gbrDl (" + gbrDl + "), was " + mbrDl);
        }
        if (mbrUl.compareTo(gbrUl) < 0) {
            throw new InvalidQosReferenceException("mbrUl", "must be at least gbrUl (" + gbrUl + "), was " + mbrUl);
        }
        if (pdbMs < 1) {
            throw new InvalidQosReferenceException("pdbMs", "must be at least 1, was " + pdbMs);
        }
        if (averagingWindowMs < 1 || averagingWindowMs > 4095) {
            throw new InvalidQosReferenceException("averagingWindowMs", "must be within 1..4095, was "
                    + averagingWindowMs);
        }
    }

    private static void requireGiven(String field, Object value) {
        if (value == null) {
            throw new InvalidQosReferenceException(field, "must be given");
        }
    }
}
