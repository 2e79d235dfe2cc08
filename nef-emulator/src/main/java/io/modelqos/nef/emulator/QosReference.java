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
     * The default catalogue: the demo operator offer the AF plans against by default (nf-core
     * {@code QosCatalog.defaultCatalog()}), so the AF's default requests name known references. Two
     * families at eight downlink rates (50M, 200M, 500M, 1G, 2G, 5G, 10G, 40G):
     * {@code mq-gbr-<rate>} with operator-specific 5QI 130, PDB 20 ms, and {@code mq-gbr-<rate>-ll}
     * with 5QI 131, PDB 3 ms; both PER 1E-6 (no standardised GBR 5QI combines PER 1e-6 with a PDB
     * below 150 ms), uplink GBR 2 % of downlink (TCP acknowledgements), averaging window 2000 ms.
     */
    public static List<QosReference> defaultCatalogue() {
        List<QosReference> out = new java.util.ArrayList<>();
        for (String rate : List.of("50 Mbps", "200 Mbps", "500 Mbps", "1 Gbps", "2 Gbps", "5 Gbps", "10 Gbps", "40 Gbps")) {
            String label = rate.replace(" Mbps", "M").replace(" Gbps", "G");
            BitRate dl = BitRate.parse(rate);
            BitRate ul = BitRate.ofBps(dl.bps() / 50);
            out.add(new QosReference("mq-gbr-" + label, 130, dl, ul, 20, "1E-6", 2000));
            out.add(new QosReference("mq-gbr-" + label + "-ll", 131, dl, ul, 3, "1E-6", 2000));
        }
        return List.copyOf(out);
    }
}
