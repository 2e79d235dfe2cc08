package io.modelqos.af.qos;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelqos.qos.PacketErrorRate;
import io.modelqos.qos.QosReference;
import io.modelqos.qos.BitRate;
import io.modelqos.qos.InvalidQosReferenceException;
import io.modelqos.af.sizing.InvalidPlanInputException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The operator's QoS references, ordered by downlink GBR (ascending), then PDB (descending: the least
 * demanding profile first), then name.
 *
 * <p>{@link #defaultCatalog()} is the demo operator's offer, two families at eight rates
 * (50M, 200M, 500M, 1G, 2G, 5G, 10G, 40G):
 * <ul>
 *   <li>{@code mq-gbr-<rate>}: operator-specific 5QI 130, PDB 20 ms, PER 1E-6 - for budgets of 200 ms and
 *       more;</li>
 *   <li>{@code mq-gbr-<rate>-ll}: operator-specific 5QI 131, PDB 3 ms, PER 1E-6 - low latency, for budgets
 *       down to 30 ms.</li>
 * </ul>
 * Operator-specific 5QIs because no standardised GBR 5QI combines PER 1E-6 with a PDB below 150 ms
 * (5QI 4: 300 ms, 71: 150 ms). MBR equals GBR (the transfer is sized for the guarantee); uplink GBR is 2 %
 * of downlink, above the 1.73 % of TCP ACKs ({@link io.modelqos.af.sizing.ProtocolFraming#uplinkAckRatio()}).
 * Averaging window 2000 ms, the standard default; the plan overrides it with {@code avrgWndw}.
 *
 * <p>{@link #fromJson(JsonNode)} reads the same records from configuration: an array, or an object with a
 * {@code qosReferences} array, of
 * <pre>{@code
 * {"name": "mq-gbr-1G", "fiveQi": 130, "gbrDl": "1 Gbps", "gbrUl": "20 Mbps", "mbrDl": "1 Gbps",
 *  "mbrUl": "20 Mbps", "pdbMs": 20, "per": "1E-6", "averagingWindowMs": 2000}
 * }</pre>
 * where {@code gbrUl} defaults to 0 bps, {@code mbrDl}/{@code mbrUl} to the GBRs and
 * {@code averagingWindowMs} to 2000.
 */
public final class QosCatalog {

    private static final Comparator<QosReference> ORDER = Comparator
            .comparing(QosReference::gbrDl)
            .thenComparing(Comparator.comparingInt(QosReference::pdbMs).reversed())
            .thenComparing(QosReference::name);

    private static final int DEFAULT_AVERAGING_WINDOW_MS = 2000;

    private static final QosCatalog DEFAULT = of(defaultReferences());

    private final List<QosReference> references;

    private QosCatalog(List<QosReference> references) {
        this.references = references;
    }

    /** A catalogue of the given references; names must be unique. */
    public static QosCatalog of(List<QosReference> references) {
        Set<String> names = new HashSet<>();
        for (QosReference reference : references) {
            if (!names.add(reference.name())) {
                throw new InvalidPlanInputException("qosReferences", "contains '" + reference.name() + "' twice");
            }
        }
        return new QosCatalog(references.stream().sorted(ORDER).toList());
    }

    /** The demo operator's references (see the class description). */
    public static QosCatalog defaultCatalog() {
        return DEFAULT;
    }

    /**
     * Reads references from configuration (see the class description).
     *
     * @throws InvalidPlanInputException naming the field, e.g. {@code qosReferences[2].gbrDl}
     */
    public static QosCatalog fromJson(JsonNode json) {
        JsonNode array = json != null && json.isObject() ? json.get("qosReferences") : json;
        if (array == null || !array.isArray()) {
            throw new InvalidPlanInputException("qosReferences", "must be an array of QoS references");
        }
        List<QosReference> references = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String path = "qosReferences[" + i + "]";
            try {
                references.add(referenceFromJson(array.get(i)));
            } catch (InvalidPlanInputException e) {
                throw e.within(path);
            } catch (InvalidQosReferenceException e) {
                throw new InvalidPlanInputException(e.field(), e.detail()).within(path);
            } catch (IllegalArgumentException e) {
                throw new InvalidPlanInputException(path, e.getMessage());
            }
        }
        return of(references);
    }

    /** All references, in catalogue order. */
    public List<QosReference> references() {
        return references;
    }

    public Optional<QosReference> find(String name) {
        return references.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /**
     * The first reference in catalogue order that is acceptable and whose downlink GBR covers
     * {@code requiredGbrDl}: the smallest sufficient GBR, and among equal GBRs the least demanding PDB.
     */
    public Optional<QosReference> smallestCovering(BitRate requiredGbrDl, Predicate<QosReference> acceptable) {
        return references.stream()
                .filter(r -> r.gbrDl().isAtLeast(requiredGbrDl))
                .filter(acceptable)
                .findFirst();
    }

    private static QosReference referenceFromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("must be an object");
        }
        BitRate gbrDl = required(node, "gbrDl", text -> BitRate.parse(text.asText()));
        BitRate gbrUl = optional(node, "gbrUl", text -> BitRate.parse(text.asText()), BitRate.ZERO);
        return new QosReference(
                required(node, "name", JsonNode::asText),
                required(node, "fiveQi", QosCatalog::integer),
                gbrDl,
                gbrUl,
                optional(node, "mbrDl", text -> BitRate.parse(text.asText()), gbrDl),
                optional(node, "mbrUl", text -> BitRate.parse(text.asText()), gbrUl),
                required(node, "pdbMs", QosCatalog::integer),
                required(node, "per", text -> PacketErrorRate.parse(text.asText())),
                optional(node, "averagingWindowMs", QosCatalog::integer, DEFAULT_AVERAGING_WINDOW_MS));
    }

    private static <T> T required(JsonNode node, String field, Function<JsonNode, T> read) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidPlanInputException(field, "must be given");
        }
        return read(field, value, read);
    }

    private static <T> T optional(JsonNode node, String field, Function<JsonNode, T> read, T fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? fallback : read(field, value, read);
    }

    private static <T> T read(String field, JsonNode value, Function<JsonNode, T> read) {
        try {
            return read.apply(value);
        } catch (InvalidPlanInputException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidPlanInputException(field, "is invalid: " + e.getMessage());
        }
    }

    private static int integer(JsonNode value) {
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException("expected an integer, was " + value);
        }
        return value.intValue();
    }

    private static List<QosReference> defaultReferences() {
        List<QosReference> references = new ArrayList<>();
        for (String rate : List.of("50 Mbps", "200 Mbps", "500 Mbps", "1 Gbps", "2 Gbps", "5 Gbps", "10 Gbps",
                "40 Gbps")) {
            BitRate gbrDl = BitRate.parse(rate);
            String label = rate.replace(" Mbps", "M").replace(" Gbps", "G");
            references.add(demoReference("mq-gbr-" + label, 130, gbrDl, 20));
            references.add(demoReference("mq-gbr-" + label + "-ll", 131, gbrDl, 3));
        }
        return references;
    }

    private static QosReference demoReference(String name, int fiveQi, BitRate gbrDl, int pdbMs) {
        BitRate gbrUl = BitRate.ofBitsPerSecond(gbrDl.bitsPerSecond().divide(BigDecimal.valueOf(50)));
        return new QosReference(name, fiveQi, gbrDl, gbrUl, gbrDl, gbrUl, pdbMs, PacketErrorRate.parse("1E-6"),
                DEFAULT_AVERAGING_WINDOW_MS);
    }
}
