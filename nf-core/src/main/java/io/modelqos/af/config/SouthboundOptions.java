package io.modelqos.af.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * Which network the AF asks for QoS.
 *
 * @param kind {@code nef}: the NEF's AsSessionWithQoS API (TS 29.122, Nnef/T8), for an AF outside the operator's network
 *             (the default); {@code pcf}: the PCF's Npcf_PolicyAuthorization API (TS 29.514, N5), for a trusted AF inside
 *             the operator's core
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record SouthboundOptions(String kind) {
    public static final SouthboundOptions NEF = new SouthboundOptions("nef");

    public boolean pcf() {
        return "pcf".equals(kind);
    }

    List<String> problems() {
        if (kind == null || kind.equals("nef") || kind.equals("pcf")) {
            return List.of();
        }
        return List.of("southbound.kind: '" + kind + "' must be nef or pcf (MODELQOS_SOUTHBOUND)");
    }
}
