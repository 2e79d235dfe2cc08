package io.modelqos.nef.emulator;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.modelqos.qos.BitRate;
import io.modelqos.qos.PacketErrorRate;
import io.modelqos.qos.QosReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One pre-agreed QoS reference of the emulator's catalogue: what an AF names in {@code qosReference}
 * or {@code altQoSReferences}, and the QoS the emulated network then applies. It holds a
 * {@link QosReference} with its rates in whole bits per second and MBR = GBR (the emulator neither
 * polices nor reports an MBR), and adds the emulator's JSON form and defaults.
 *
 * <pre>{@code
 * new CatalogueEntry("mq-gbr-1G", 130, BitRate.parse("1 Gbps"), BitRate.parse("20 Mbps"), 20, "1E-6", 2000);
 * }</pre>
 *
 * @param qos the reference: gbrDl is what admission control reserves; gbrUl is reported only
 */
@JsonPropertyOrder({"name", "fiveQi", "gbrDl", "gbrUl", "pdbMs", "per", "averagingWindowMs"})
public record CatalogueEntry(@JsonIgnore QosReference qos) {

    /** The rates in whole bits per second, MBR = GBR. */
    public CatalogueEntry {
        Objects.requireNonNull(qos, "qos");
        BitRate dl = Rates.whole(qos.gbrDl());
        BitRate ul = Rates.whole(qos.gbrUl());
        if (!dl.equals(qos.gbrDl()) || !ul.equals(qos.gbrUl()) || !dl.equals(qos.mbrDl()) || !ul.equals(qos.mbrUl())) {
            qos = new QosReference(qos.name(), qos.fiveQi(), dl, ul, dl, ul, qos.pdbMs(), qos.per(),
                    qos.averagingWindowMs());
        }
    }

    /**
     * @param name              the reference, e.g. "mq-gbr-500M"
     * @param fiveQi            the 5QI the reference maps to (GBR)
     * @param gbrDl             guaranteed downlink bit rate; what admission control reserves
     * @param gbrUl             guaranteed uplink bit rate (reported only; not admission-controlled); null means 0
     * @param pdbMs             packet delay budget, milliseconds
     * @param per               packet error rate, TS 29.571 form such as "1E-6"; null means "1E-6"
     * @param averagingWindowMs averaging window for the GFBR, milliseconds
     */
    public CatalogueEntry(String name, int fiveQi, BitRate gbrDl, BitRate gbrUl, int pdbMs, String per,
                          int averagingWindowMs) {
        this(reference(name, fiveQi, gbrDl, gbrUl, pdbMs, per, averagingWindowMs));
    }

    /**
     * The JSON form; only {@code name} and {@code gbrDl} are required. Defaults: 5QI 4, gbrUl 0,
     * PDB 300 ms, PER "1E-6", averaging window 2000 ms (the TS 23.501 values of 5QI 4).
     */
    @JsonCreator
    public static CatalogueEntry of(@JsonProperty("name") String name, @JsonProperty("fiveQi") Integer fiveQi,
                                    @JsonProperty("gbrDl") BitRate gbrDl, @JsonProperty("gbrUl") BitRate gbrUl,
                                    @JsonProperty("pdbMs") Integer pdbMs, @JsonProperty("per") String per,
                                    @JsonProperty("averagingWindowMs") Integer averagingWindowMs) {
        return new CatalogueEntry(name, fiveQi == null ? 4 : fiveQi, gbrDl, gbrUl, pdbMs == null ? 300 : pdbMs,
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
    public static List<CatalogueEntry> defaultCatalogue() {
        List<CatalogueEntry> out = new ArrayList<>();
        for (String rate : List.of("50 Mbps", "200 Mbps", "500 Mbps", "1 Gbps", "2 Gbps", "5 Gbps", "10 Gbps", "40 Gbps")) {
            String label = rate.replace(" Mbps", "M").replace(" Gbps", "G");
            BitRate dl = Rates.parse(rate);
            BitRate ul = BitRate.ofBitsPerSecond(dl.wholeBitsPerSecond() / 50);
            out.add(new CatalogueEntry("mq-gbr-" + label, 130, dl, ul, 20, "1E-6", 2000));
            out.add(new CatalogueEntry("mq-gbr-" + label + "-ll", 131, dl, ul, 3, "1E-6", 2000));
        }
        return List.copyOf(out);
    }

    @JsonProperty
    public String name() {
        return qos.name();
    }

    @JsonProperty
    public int fiveQi() {
        return qos.fiveQi();
    }

    @JsonProperty
    public BitRate gbrDl() {
        return qos.gbrDl();
    }

    @JsonProperty
    public BitRate gbrUl() {
        return qos.gbrUl();
    }

    @JsonProperty
    public int pdbMs() {
        return qos.pdbMs();
    }

    /** The TS 29.571 form, e.g. "1E-6". */
    @JsonProperty
    public String per() {
        return qos.per().toString();
    }

    @JsonProperty
    public int averagingWindowMs() {
        return qos.averagingWindowMs();
    }

    /** Checks with the emulator's messages, then builds the reference; the canonical constructor makes the rates whole. */
    private static QosReference reference(String name, int fiveQi, BitRate gbrDl, BitRate gbrUl, int pdbMs,
                                          String per, int averagingWindowMs) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a QoS reference needs a name");
        }
        Objects.requireNonNull(gbrDl, "gbrDl of " + name);
        BitRate ul = gbrUl == null ? BitRate.ZERO : gbrUl;
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
        return new QosReference(name, fiveQi, gbrDl, ul, gbrDl, ul, pdbMs,
                PacketErrorRate.parse(per == null ? "1E-6" : per), averagingWindowMs);
    }
}
