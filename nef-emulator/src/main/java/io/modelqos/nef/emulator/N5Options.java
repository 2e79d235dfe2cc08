package io.modelqos.nef.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The emulator's N5 faces: a PCF (Npcf_PolicyAuthorization), a BSF (Nbsf_Management GET
 * pcfBindings) and an NRF (Nnrf_NFDiscovery, and Nnrf_AccessToken on {@code /oauth2/token}),
 * served next to the NEF on the same port, on the same capacity model. Defaults and their
 * reasoning: nef-emulator/README.md.
 *
 * <pre>{@code
 * {"enabled": true, "pcfInstanceId": "...", "bsfInstanceId": "...", "supportedFeatures": null,
 *  "maxSessionSeconds": 3600, "terminationCause": "ALL_SDF_DEACTIVATION", "terminationGraceSeconds": 60,
 *  "dnn": "internet", "sst": 1, "sd": null, "unboundUes": [], "discoveryValidityPeriodSeconds": 3600}
 * }</pre>
 */
public class N5Options {

    /** Default NF instance id of the emulator's PCF. */
    public static final String DEFAULT_PCF_INSTANCE_ID = "7d1f3c52-6a0e-4b8f-9c21-5e4a3b2d1f60";
    /** Default NF instance id of the emulator's BSF. */
    public static final String DEFAULT_BSF_INSTANCE_ID = "2b9e4a71-3c5d-4e6f-8a90-1b2c3d4e5f61";
    /** The TS 29.514 TerminationCause values a PCF sends. */
    static final Set<String> TERMINATION_CAUSES = Set.of("ALL_SDF_DEACTIVATION", "PDU_SESSION_TERMINATION", "PS_TO_CS_HO",
            "INSUFFICIENT_SERVER_RESOURCES", "INSUFFICIENT_QOS_FLOW_RESOURCES", "SPONSORED_DATA_CONNECTIVITY_DISALLOWED");

    private boolean enabled = true;
    private String pcfInstanceId = DEFAULT_PCF_INSTANCE_ID;
    private String bsfInstanceId = DEFAULT_BSF_INSTANCE_ID;
    private String supportedFeatures;
    private int maxSessionSeconds = 3600;
    private String terminationCause = "ALL_SDF_DEACTIVATION";
    private int terminationGraceSeconds = 60;
    private String dnn = "internet";
    private int sst = 1;
    private String sd;
    private List<String> unboundUes = new ArrayList<>();
    private int discoveryValidityPeriodSeconds = 3600;

    public boolean isEnabled() {
        return enabled;
    }

    /** Whether the PCF, BSF and NRF faces are served (default true). */
    public N5Options setEnabled(boolean enabled) {
        this.enabled = enabled;
        return this;
    }

    public String getPcfInstanceId() {
        return pcfInstanceId;
    }

    /** The PCF's NF instance id (a UUID): in its NRF profile and in the BSF's bindings. */
    public N5Options setPcfInstanceId(String pcfInstanceId) {
        this.pcfInstanceId = uuid(pcfInstanceId, "n5.pcfInstanceId");
        return this;
    }

    public String getBsfInstanceId() {
        return bsfInstanceId;
    }

    /** The BSF's NF instance id (a UUID), in its NRF profile. */
    public N5Options setBsfInstanceId(String bsfInstanceId) {
        this.bsfInstanceId = uuid(bsfInstanceId, "n5.bsfInstanceId");
        return this;
    }

    public String getSupportedFeatures() {
        return supportedFeatures;
    }

    /**
     * The Npcf_PolicyAuthorization features the PCF supports (hex mask): it answers the
     * intersection with the AF's {@code suppFeat}. Null (default): it answers the AF's mask as given.
     */
    public N5Options setSupportedFeatures(String supportedFeatures) {
        if (supportedFeatures != null && !supportedFeatures.matches("^[A-Fa-f0-9]*$")) {
            throw new IllegalArgumentException("n5.supportedFeatures must be hexadecimal: " + supportedFeatures);
        }
        this.supportedFeatures = supportedFeatures;
        return this;
    }

    public int getMaxSessionSeconds() {
        return maxSessionSeconds;
    }

    /**
     * An application session without {@code qosDuration} ends this long after its creation (the
     * PCF asks the AF to delete it); 0 means never.
     */
    public N5Options setMaxSessionSeconds(int maxSessionSeconds) {
        if (maxSessionSeconds < 0) {
            throw new IllegalArgumentException("n5.maxSessionSeconds must be >= 0");
        }
        this.maxSessionSeconds = maxSessionSeconds;
        return this;
    }

    public String getTerminationCause() {
        return terminationCause;
    }

    /** The {@code termCause} of the PCF's termination request (a TS 29.514 TerminationCause). */
    public N5Options setTerminationCause(String terminationCause) {
        if (!TERMINATION_CAUSES.contains(terminationCause)) {
            throw new IllegalArgumentException("n5.terminationCause must be one of " + TERMINATION_CAUSES + ": "
                    + terminationCause);
        }
        this.terminationCause = terminationCause;
        return this;
    }

    public int getTerminationGraceSeconds() {
        return terminationGraceSeconds;
    }

    /** How long an ended application session waits for the AF's delete before it is removed anyway; 0 = forever. */
    public N5Options setTerminationGraceSeconds(int terminationGraceSeconds) {
        if (terminationGraceSeconds < 0) {
            throw new IllegalArgumentException("n5.terminationGraceSeconds must be >= 0");
        }
        this.terminationGraceSeconds = terminationGraceSeconds;
        return this;
    }

    public String getDnn() {
        return dnn;
    }

    /** The DNN of a binding when the lookup names none. */
    public N5Options setDnn(String dnn) {
        this.dnn = Objects.requireNonNull(dnn, "n5.dnn");
        return this;
    }

    public int getSst() {
        return sst;
    }

    /** The slice (SST) of a binding when the lookup names none. */
    public N5Options setSst(int sst) {
        if (sst < 0 || sst > 255) {
            throw new IllegalArgumentException("n5.sst must be 0..255");
        }
        this.sst = sst;
        return this;
    }

    public String getSd() {
        return sd;
    }

    /** The slice differentiator of a binding when the lookup names no slice; null for none. */
    public N5Options setSd(String sd) {
        if (sd != null && !sd.matches("^[A-Fa-f0-9]{6}$")) {
            throw new IllegalArgumentException("n5.sd must be six hexadecimal digits: " + sd);
        }
        this.sd = sd;
        return this;
    }

    public List<String> getUnboundUes() {
        return unboundUes;
    }

    /** UE addresses (IPv4, IPv6, MAC) the BSF has no binding for (it answers 204); every other UE has one. */
    public N5Options setUnboundUes(List<String> unboundUes) {
        this.unboundUes = new ArrayList<>(Objects.requireNonNull(unboundUes, "n5.unboundUes"));
        return this;
    }

    public int getDiscoveryValidityPeriodSeconds() {
        return discoveryValidityPeriodSeconds;
    }

    /** The {@code validityPeriod} of the NRF's discovery answers (how long the AF may cache them). */
    public N5Options setDiscoveryValidityPeriodSeconds(int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("n5.discoveryValidityPeriodSeconds must be >= 0");
        }
        this.discoveryValidityPeriodSeconds = seconds;
        return this;
    }

    private static String uuid(String text, String name) {
        try {
            return UUID.fromString(Objects.requireNonNull(text, name)).toString();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be a UUID: " + text, e);
        }
    }
}
