package io.modelqos.af.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * How the AF reaches the PCF over N5 (TS 29.514 Npcf_PolicyAuthorization), as a trusted AF inside the operator's core.
 * The PCF that serves a UE is a configured one ({@code apiRoot}), or the one the BSF binds to the UE's PDU session
 * (TS 29.521 Nbsf_Management), the BSF itself configured ({@code bsfApiRoot}) or discovered through the NRF (TS 29.510
 * Nnrf_NFDiscovery). With an NRF, access tokens come from it (Nnrf_AccessToken, client credentials).
 *
 * @param apiRoot           the PCF's apiRoot; null = the PCF the BSF names for the UE
 * @param bsfApiRoot        the BSF's apiRoot; null = discovered through the NRF (when no PCF apiRoot is set)
 * @param nrfApiRoot        the NRF's apiRoot, for discovery and access tokens; null = neither
 * @param nfInstanceId      the AF's NF instance id (a UUID), sent to the NRF as the requester and the token's client
 * @param afAppId           the application id the AF names its sessions by ({@code afAppId})
 * @param dnn               the DNN of the UE's PDU session
 * @param snssai            the S-NSSAI of the UE's PDU session, as {@code sst} or {@code sst-sd} (sd: 6 hex digits)
 * @param supportedFeatures the TS 29.514 feature bitmask the AF announces ({@code suppFeat}, hex)
 * @param timeoutMs         the timeout of every call to the PCF, the BSF and the NRF
 * @param readinessCheckMs  how often the readiness probe may ask the PCF (or the BSF); probes between get the last answer
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record PcfOptions(String apiRoot, String bsfApiRoot, String nrfApiRoot, String nfInstanceId, String afAppId,
                         String dnn, String snssai, String supportedFeatures, Long timeoutMs, Long readinessCheckMs) {

    public static final String DEFAULT_AF_APP_ID = "modelqos";
    public static final String DEFAULT_DNN = "internet";
    public static final String DEFAULT_SNSSAI = "1";
    /** No optional TS 29.514 feature: the AF uses none of them. */
    public static final String DEFAULT_SUPPORTED_FEATURES = "0";
    public static final long DEFAULT_TIMEOUT_MS = 3_000;
    public static final long DEFAULT_READINESS_CHECK_MS = 1_000;

    public static PcfOptions none() {
        return new PcfOptions(null, null, null, null, null, null, null, null, null, null);
    }

    public String afAppIdOrDefault() {
        return afAppId == null ? DEFAULT_AF_APP_ID : afAppId;
    }

    public String dnnOrDefault() {
        return dnn == null ? DEFAULT_DNN : dnn;
    }

    public String snssaiOrDefault() {
        return snssai == null ? DEFAULT_SNSSAI : snssai;
    }

    /** The S-NSSAI's slice/service type. */
    public int sst() {
        return Integer.parseInt(snssaiOrDefault().split("-", 2)[0]);
    }

    /** The S-NSSAI's slice differentiator (6 hex digits, upper case), or null. */
    public String sd() {
        String[] parts = snssaiOrDefault().split("-", 2);
        return parts.length < 2 ? null : parts[1].toUpperCase(java.util.Locale.ROOT);
    }

    public String supportedFeaturesOrDefault() {
        return supportedFeatures == null ? DEFAULT_SUPPORTED_FEATURES : supportedFeatures;
    }

    public long timeoutOrDefault() {
        return timeoutMs == null ? DEFAULT_TIMEOUT_MS : timeoutMs;
    }

    public long readinessCheckOrDefault() {
        return readinessCheckMs == null ? DEFAULT_READINESS_CHECK_MS : readinessCheckMs;
    }

    /** Whether no PCF, BSF or NRF is configured: the AF then runs the embedded emulator's PCF. */
    public boolean embedded() {
        return blank(apiRoot) && blank(bsfApiRoot) && blank(nrfApiRoot);
    }

    /** Every problem with these settings, each naming its key. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        uri(problems, "pcf.apiRoot", apiRoot);
        uri(problems, "pcf.bsfApiRoot", bsfApiRoot);
        uri(problems, "pcf.nrfApiRoot", nrfApiRoot);
        if (!blank(nrfApiRoot) && blank(nfInstanceId)) {
            problems.add("pcf.nfInstanceId: required with pcf.nrfApiRoot (the AF's NF instance id, a UUID;"
                    + " MODELQOS_PCF_NF_INSTANCE_ID)");
        }
        if (!blank(nfInstanceId)) {
            try {
                UUID.fromString(nfInstanceId);
            } catch (IllegalArgumentException e) {
                problems.add("pcf.nfInstanceId: '" + nfInstanceId + "' is not a UUID");
            }
        }
        if (afAppId != null && !afAppId.matches("[A-Za-z0-9._~-]{1,128}")) {
            problems.add("pcf.afAppId: '" + afAppId + "' must be 1-128 URI-safe characters");
        }
        if (dnn != null && (dnn.isBlank() || dnn.length() > 100)) {
            problems.add("pcf.dnn: '" + dnn + "' must be 1-100 characters");
        }
        if (snssai != null && !snssai.matches("(25[0-5]|2[0-4][0-9]|1?[0-9]{1,2})(-[A-Fa-f0-9]{6})?")) {
            problems.add("pcf.snssai: '" + snssai + "' must be sst (0-255) or sst-sd (sd: 6 hex digits), e.g. 1-010203");
        }
        if (supportedFeatures != null && !supportedFeatures.matches("[A-Fa-f0-9]*")) {
            problems.add("pcf.supportedFeatures: '" + supportedFeatures + "' is not a hex bitmask");
        }
        if (timeoutMs != null && (timeoutMs < 10 || timeoutMs > 120_000)) {
            problems.add("pcf.timeoutMs: " + timeoutMs + " must be within 10..120000");
        }
        if (readinessCheckMs != null && (readinessCheckMs < 0 || readinessCheckMs > 600_000)) {
            problems.add("pcf.readinessCheckMs: " + readinessCheckMs + " must be within 0..600000");
        }
        return problems;
    }

    private static void uri(List<String> problems, String key, String value) {
        if (blank(value)) {
            return;
        }
        try {
            URI uri = new URI(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                problems.add(key + ": '" + value + "' must be an absolute http(s) URI");
            }
        } catch (Exception e) {
            problems.add(key + ": '" + value + "' is not a URI");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
