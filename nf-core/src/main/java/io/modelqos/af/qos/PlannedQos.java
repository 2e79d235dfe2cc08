package io.modelqos.af.qos;

import io.modelqos.qos.PacketErrorRate;
import io.modelqos.qos.QosReference;
import io.modelqos.af.catalog.ModelVariant;
import io.modelqos.qos.BitRate;
import io.modelqos.af.sizing.TransferSizing;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One QoS the AF asks for, and the model variant it would carry.
 *
 * @param ref       how the NEF names it in {@code appliedQosRef}: the catalogue reference's name, or for
 *                  individual parameters the {@code altQosParamSetRef} "{@code <variantId>@<gbrDl>}",
 *                  e.g. {@code "resnet-50-int8@2.076Gbps"}
 * @param variant   the model variant delivered under this QoS
 * @param sizing    the variant's payload rate and requested GBR within the plan's budget
 * @param gbrDl     the downlink GBR asked for: the reference's GBR (≥ requested) or the requested GBR
 * @param gbrUl     the uplink GBR asked for
 * @param pdbMs     packet delay budget
 * @param per       packet error rate
 * @param reference the catalogue entry, or {@code null} for individual parameters
 */
public record PlannedQos(String ref, ModelVariant variant, TransferSizing sizing, BitRate gbrDl, BitRate gbrUl,
                         int pdbMs, PacketErrorRate per, QosReference reference) {

    public PlannedQos {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(sizing, "sizing");
        Objects.requireNonNull(gbrDl, "gbrDl");
        Objects.requireNonNull(gbrUl, "gbrUl");
        Objects.requireNonNull(per, "per");
    }

    /** How long the variant's downlink wire bytes take at {@code gbrDl}: the transfer time this QoS plans for. */
    public Duration transferTime() {
        double wireBits = sizing.wireBytesDl() * 8.0;
        double bps = gbrDl.bitsPerSecond().doubleValue();
        return bps <= 0 ? Duration.ofMillis(Long.MAX_VALUE)
                : Duration.ofMillis((long) Math.ceil(wireBits * 1000.0 / bps));
    }

    public Optional<QosReference> catalogueReference() {
        return Optional.ofNullable(reference);
    }
}
