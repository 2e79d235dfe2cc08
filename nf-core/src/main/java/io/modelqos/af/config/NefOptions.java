package io.modelqos.af.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * How the AF reaches its NEF over Nnef / T8 (TS 29.122 AsSessionWithQoS).
 *
 * @param apiRoot           the NEF's apiRoot (scheme, host, port, optional prefix); null = run the embedded emulator
 * @param scsAsId           the AF's SCS/AS identifier at the NEF
 * @param timeoutMs         the timeout of every NEF call (ten times that for the list of every subscription)
 * @param retryBudgetMs     how long 429/503 answers may be retried in total
 * @param supportedFeatures the TS 29.122 feature bitmask the AF announces (hex); null = what the AF uses
 * @param tokenUrl          OAuth2 client-credentials token endpoint; null = no OAuth2 towards the NEF
 * @param clientId          OAuth2 client id
 * @param clientSecret      OAuth2 client secret (prefer {@code MODELQOS_NEF_CLIENT_SECRET_FILE})
 * @param readinessCheckMs  how often the readiness probe may ask the NEF; probes in between get the last answer
 * @param token             a static bearer token the NEF's operator handed out ({@code MODELQOS_NEF_TOKEN}); prefer
 *                          {@code tokenFile}
 * @param tokenFile         a file holding that token, read again when it changes ({@code MODELQOS_NEF_TOKEN_FILE})
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record NefOptions(String apiRoot, String scsAsId, Long timeoutMs, Long retryBudgetMs,
                         String supportedFeatures, String tokenUrl, String clientId, String clientSecret,
                         Long readinessCheckMs, String token, String tokenFile) {

    public static final long DEFAULT_TIMEOUT_MS = 3_000;
    public static final long DEFAULT_RETRY_BUDGET_MS = 10_000;
    public static final long DEFAULT_READINESS_CHECK_MS = 1_000;

    /** Without a static token. */
    public NefOptions(String apiRoot, String scsAsId, Long timeoutMs, Long retryBudgetMs, String supportedFeatures,
                      String tokenUrl, String clientId, String clientSecret, Long readinessCheckMs) {
        this(apiRoot, scsAsId, timeoutMs, retryBudgetMs, supportedFeatures, tokenUrl, clientId, clientSecret,
                readinessCheckMs, null, null);
    }

    public NefOptions(String apiRoot, String scsAsId, Long timeoutMs, Long retryBudgetMs, String supportedFeatures,
                      String tokenUrl, String clientId, String clientSecret) {
        this(apiRoot, scsAsId, timeoutMs, retryBudgetMs, supportedFeatures, tokenUrl, clientId, clientSecret, null);
    }

    /** Whether a static bearer token is configured, as a value or in a file. */
    public boolean staticToken() {
        return present(token) || present(tokenFile);
    }

    /** Whether the NEF's apiRoot is plain HTTP (false when none is configured). */
    public boolean plainHttpApiRoot() {
        return plainHttp(apiRoot);
    }

    /** Whether {@code uri} (null: no) is a plain-HTTP URI. */
    public static boolean plainHttp(String uri) {
        return uri != null && uri.strip().toLowerCase(java.util.Locale.ROOT).startsWith("http:");
    }

    /** Whether OAuth2 client credentials are configured. */
    public boolean oauth2() {
        return present(tokenUrl);
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    public long readinessCheckOrDefault() {
        return readinessCheckMs == null ? DEFAULT_READINESS_CHECK_MS : readinessCheckMs;
    }

    public long timeoutOrDefault() {
        return timeoutMs == null ? DEFAULT_TIMEOUT_MS : timeoutMs;
    }

    public long retryBudgetOrDefault() {
        return retryBudgetMs == null ? DEFAULT_RETRY_BUDGET_MS : retryBudgetMs;
    }

    public boolean embedded() {
        return apiRoot == null || apiRoot.isBlank();
    }

    /** Never print the secret. */
    @Override
    public String toString() {
        return "NefOptions[apiRoot=" + apiRoot + ", scsAsId=" + scsAsId + ", timeoutMs=" + timeoutMs
                + ", tokenUrl=" + tokenUrl + ", clientId=" + clientId
                + ", clientSecret=" + (clientSecret == null ? "none" : "***")
                + ", token=" + (token == null ? "none" : "***") + ", tokenFile=" + tokenFile + "]";
    }
}
