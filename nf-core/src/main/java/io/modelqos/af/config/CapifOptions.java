package io.modelqos.af.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How the AF reaches a NEF that the operator exposes through CAPIF (TS 29.222, TS 33.122): the AF onboards as an API
 * invoker with the CAPIF core function, discovers where AsSessionWithQoS is served and gets its access tokens there.
 * With CAPIF configured the NEF's apiRoot and credentials are not configured: they come from CAPIF.
 *
 * @param capifRoot           the CAPIF core function's apiRoot ({@code https://capif.example:443}); null = no CAPIF
 * @param onboardingToken     the onboarding token the operator handed out ({@code MODELQOS_CAPIF_ONBOARDING_TOKEN}, or
 *                            {@code MODELQOS_CAPIF_ONBOARDING_TOKEN_FILE}); only needed to onboard (again)
 * @param onboardingTokenFile a file holding the onboarding token, read when the AF onboards (so it may be replaced)
 * @param apiName             the service API to discover; default {@value #DEFAULT_API_NAME}
 * @param securityMethods     the security methods the AF prefers, in order; default OAUTH, PKI
 * @param trustFile           PEM CA certificates to trust for CAPIF's TLS (and the NEF's, unless tls.nef.trustFile)
 * @param timeoutMs           the timeout of every call to CAPIF; default {@value #DEFAULT_TIMEOUT_MS}
 * @param rediscoverAfter     consecutive NEF calls without an answer after which the AF discovers the API again;
 *                            default {@value #DEFAULT_REDISCOVER_AFTER}
 * @param invokerInformation  {@code apiInvokerInformation} sent when onboarding; default "ModelQoS AF"
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record CapifOptions(String capifRoot, String onboardingToken, String onboardingTokenFile, String apiName,
                           List<String> securityMethods, String trustFile, Long timeoutMs, Integer rediscoverAfter,
                           String invokerInformation) {

    public static final String DEFAULT_API_NAME = "3gpp-as-session-with-qos";
    public static final List<String> DEFAULT_SECURITY_METHODS = List.of("OAUTH", "PKI");
    public static final long DEFAULT_TIMEOUT_MS = 5_000;
    public static final int DEFAULT_REDISCOVER_AFTER = 3;
    private static final Set<String> METHODS = Set.of("PSK", "PKI", "OAUTH");

    public static CapifOptions none() {
        return new CapifOptions(null, null, null, null, null, null, null, null, null);
    }

    /** Whether the AF reaches its NEF through CAPIF. */
    public boolean enabled() {
        return capifRoot != null && !capifRoot.isBlank();
    }

    public String apiNameOrDefault() {
        return apiName == null || apiName.isBlank() ? DEFAULT_API_NAME : apiName;
    }

    public List<String> securityMethodsOrDefault() {
        return securityMethods == null || securityMethods.isEmpty() ? DEFAULT_SECURITY_METHODS
                : securityMethods.stream().map(m -> m.toUpperCase(Locale.ROOT)).toList();
    }

    public long timeoutOrDefault() {
        return timeoutMs == null ? DEFAULT_TIMEOUT_MS : timeoutMs;
    }

    public int rediscoverAfterOrDefault() {
        return rediscoverAfter == null ? DEFAULT_REDISCOVER_AFTER : rediscoverAfter;
    }

    public String invokerInformationOrDefault() {
        return invokerInformation == null || invokerInformation.isBlank() ? "ModelQoS AF" : invokerInformation;
    }

    /** The CAPIF root without a trailing slash. */
    public URI root() {
        String r = capifRoot.trim();
        while (r.endsWith("/")) {
            r = r.substring(0, r.length() - 1);
        }
        return URI.create(r);
    }

    /** Whether an onboarding token is configured in some form (a file is read when needed). */
    public boolean canOnboard() {
        return onboardingToken != null && !onboardingToken.isBlank()
                || onboardingTokenFile != null && !onboardingTokenFile.isBlank();
    }

    public CapifOptions withCapifRoot(String root) {
        return new CapifOptions(root, onboardingToken, onboardingTokenFile, apiName, securityMethods, trustFile,
                timeoutMs, rediscoverAfter, invokerInformation);
    }

    /** The section's own problems, each naming its field. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!enabled()) {
            if (onboardingToken != null || onboardingTokenFile != null) {
                problems.add("capif.capifRoot: required with an onboarding token (MODELQOS_CAPIF_ROOT)");
            }
            return problems;
        }
        try {
            URI uri = URI.create(capifRoot.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                problems.add("capif.capifRoot: '" + capifRoot + "' must be an absolute http(s) URI");
            }
        } catch (IllegalArgumentException e) {
            problems.add("capif.capifRoot: '" + capifRoot + "' is not a URI (" + e.getMessage() + ")");
        }
        if (onboardingToken != null && onboardingTokenFile != null) {
            problems.add("capif.onboardingTokenFile: give the onboarding token or its file, not both");
        }
        if (apiName != null && !apiName.matches("[A-Za-z0-9._~-]{1,128}")) {
            problems.add("capif.apiName: '" + apiName + "' must be 1-128 URI-safe characters");
        }
        if (securityMethods != null) {
            for (String m : securityMethods) {
                if (m == null || !METHODS.contains(m.toUpperCase(Locale.ROOT))) {
                    problems.add("capif.securityMethods: '" + m + "' must be one of OAUTH, PKI, PSK");
                }
            }
        }
        if (timeoutMs != null && (timeoutMs < 10 || timeoutMs > 120_000)) {
            problems.add("capif.timeoutMs: " + timeoutMs + " must be within 10..120000");
        }
        if (rediscoverAfter != null && (rediscoverAfter < 1 || rediscoverAfter > 1000)) {
            problems.add("capif.rediscoverAfter: " + rediscoverAfter + " must be within 1..1000");
        }
        return problems;
    }

    /** Never print the onboarding token. */
    @Override
    public String toString() {
        return "CapifOptions[capifRoot=" + capifRoot + ", onboardingToken=" + (onboardingToken == null ? "none" : "***")
                + ", onboardingTokenFile=" + onboardingTokenFile + ", apiName=" + apiNameOrDefault() + "]";
    }
}
