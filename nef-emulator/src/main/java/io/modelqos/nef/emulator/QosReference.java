package io.modelqos.nef.emulator;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * One pre-agreed QoS reference of the emulator's catalogue: what an AF names in {@code qosReference}
 * or {@code altQoSReferences}, and the QoS the emulated network then applies.
 *
 * @param name              the reference, e.g. "mq-gbr-500M"
 * @param fiveQi            the 5QI the reference maps to (GBR)
 * @param gbrDl             guaranteed downlink bit rate; what admission control reserves
 * @param gbrUl             guaranteed uplink bit rate (reported only; not admission-controlled)
 * @param pdbMs             packet delay budget, milliseconds
 * @param per               packet error rate, TS 29.571 form such as "1E-6"
 * @param averagingWindowMs averaging window for the GFBR, milliseconds
 */
public record QosReference(String name, int fiveQi, BitRate gbrDl, BitRate gbrUl, int pdbMs, String per,
                           int averagingWindowMs) {

    public QosReference {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a QoS reference needs a name");
        }
        Objects.requireNonNull(gbrDl, "gbrDl of " + name);
        gbrUl = gbrUl == null ? BitRate.ZERO : gbrUl;
        if (fiveQi < 0 || fiveQi > 255) {
            throw new IllegalArgumentException("5QI out of 0..255 in " + name + ": " + fiveQi);
        }
        if (pdbMs < 1) {
            throw new IllegalArgumentException("pdbMs must be >= 1 in " + name);
        }
        if (per != null && !per.matches("^([0-9]E-[0-9])$")) {
            throw new IllegalArgumentException("per must look like \"1E-6\" in " + name + ": " + per);
        }
        if (averagingWindowMs < 1 || averagingWindowMs > 4095) {
            throw new IllegalArgumentException("averagingWindowMs out of 1..4095 in " + name);
        }
    }

    /**
     * The JSON form; only {@code name} and {@code gbrDl} are required. Defaults: 5QI 4, gbrUl 0,
     * PDB 300 ms, PER "1E-6", averaging window 2000 ms (the TS 23.501 values of 5QI 4).
     */
    @JsonCreator
    public static QosReference of(@JsonProperty("name") String name, @JsonProperty("fiveQi") Integer fiveQi,
                                  @JsonProperty("gbrDl") BitRate gbrDl, @JsonProperty("gbrUl") BitRate gbrUl,
                                  @JsonProperty("pdbMs") Integer pdbMs, @JsonProperty("per") String per,
                                  @JsonProperty("averagingWindowMs") Integer averagingWindowMs) {
        return new QosReference(name, fiveQi == null ? 4 : fiveQi, gbrDl, gbrUl, pdbMs == null ? 300 : pdbMs,
                per == null ? "1E-6" : per, averagingWindowMs == null ? 2000 : averagingWindowMs);
    }

    /**
     * The default catalogue: GBR 5QI 4 (TS 23.501 table 5.7.4-1: PDB 300 ms, PER 1e-6, suited to
     * buffered bulk transfer) with an averaging window of 1000 ms instead of the 2000 ms default, so
     * that a rate averaged over the window still says something about a 1 s download budget. UL GBR
     * is 1 % of DL (TCP acknowledgements).
     */
    public static List<QosReference> defaultCatalogue() {
        return List.of(
                gbr("mq-gbr-50M", "50 Mbps", "1 Mbps"),
                gbr("mq-gbr-200M", "200 Mbps", "2 Mbps"),
                gbr("mq-gbr-500M", "500 Mbps", "5 Mbps"),
                gbr("mq-gbr-1G", "1 Gbps", "10 Mbps"),
                gbr("mq-gbr-2G", "2 Gbps", "20 Mbps"),
                gbr("mq-gbr-5G", "5 Gbps", "50 Mbps"),
                gbr("mq-gbr-10G", "10 Gbps", "100 Mbps"),
                gbr("mq-gbr-40G", "40 Gbps", "400 Mbps"));
    }

    private static QosReference gbr(String name, String dl, String ul) {
        return new QosReference(name, 4, BitRate.parse(dl), BitRate.parse(ul), 300, "1E-6", 1000);
    }
}
