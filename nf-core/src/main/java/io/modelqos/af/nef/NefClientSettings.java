package io.modelqos.af.nef;

import io.modelqos.af.config.NefOptions;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link NefOptions} mean for {@link VertxAsSessionWithQosClient}, checked once when its builder is made, so
 * that a misconfigured NEF fails at start rather than at the first call.
 *
 * @param collection    {@code {apiRoot}/3gpp-as-session-with-qos/v1/{scsAsId}/subscriptions}
 * @param timeoutMs     the timeout of every HTTP request, > 0
 * @param retryBudgetMs how long 429/503 answers may be retried, >= 0
 * @param tokenUrl      the OAuth2 token endpoint, null for none (then clientId and clientSecret are null too)
 * @param staticToken   the operator's bearer token, null for none
 * @param tokenFile     the file holding the operator's bearer token, null for none
 */
record NefClientSettings(URI collection, long timeoutMs, long retryBudgetMs, URI tokenUrl, String clientId,
                         String clientSecret, String staticToken, Path tokenFile) {

    /** @throws IllegalArgumentException when the options name no usable NEF */
    static NefClientSettings of(NefOptions options) {
        Objects.requireNonNull(options, "options == null");
        if (options.embedded()) {
            throw new IllegalArgumentException("NefOptions.apiRoot == null: no NEF to call");
        }
        if (options.scsAsId() == null || options.scsAsId().isBlank()) {
            throw new IllegalArgumentException("NefOptions.scsAsId == null");
        }
        URI collection = collection(options.apiRoot(), options.scsAsId());
        long timeoutMs = options.timeoutOrDefault();
        long retryBudgetMs = options.retryBudgetOrDefault();
        if (timeoutMs <= 0 || retryBudgetMs < 0) {
            throw new IllegalArgumentException("NefOptions: timeoutMs must be > 0 and retryBudgetMs >= 0");
        }
        if (options.oauth2() && options.staticToken()) {
            throw new IllegalArgumentException("NefOptions: a static token and OAuth2 (tokenUrl) exclude each other");
        }
        if (present(options.token()) && present(options.tokenFile())) {
            throw new IllegalArgumentException("NefOptions: token and tokenFile exclude each other");
        }
        if (options.oauth2()) {
            if (options.clientId() == null || options.clientSecret() == null) {
                throw new IllegalArgumentException("NefOptions.tokenUrl is set: clientId and clientSecret are required");
            }
            return new NefClientSettings(collection, timeoutMs, retryBudgetMs, URI.create(options.tokenUrl().trim()),
                    options.clientId(), options.clientSecret(), null, null);
        }
        return new NefClientSettings(collection, timeoutMs, retryBudgetMs, null, null, null,
                present(options.token()) ? options.token().strip() : null,
                present(options.tokenFile()) ? Path.of(options.tokenFile().strip()) : null);
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    static URI collection(String apiRoot, String scsAsId) {
        String root = apiRoot.trim();
        while (root.endsWith("/")) {
            root = root.substring(0, root.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(root + "/" + VertxAsSessionWithQosClient.API_PATH + "/"
                    + URLEncoder.encode(scsAsId, StandardCharsets.UTF_8).replace("+", "%20") + "/subscriptions");
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("NefOptions.apiRoot is not a URI: " + apiRoot, e);
        }
        String scheme = uri.getScheme();
        if (scheme == null || uri.getHost() == null
                || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException("NefOptions.apiRoot must be an absolute http(s) URI: " + apiRoot);
        }
        return uri;
    }

    /** Never print the secret. */
    @Override
    public String toString() {
        return "NefClientSettings[collection=" + collection + ", timeoutMs=" + timeoutMs + ", retryBudgetMs="
                + retryBudgetMs + ", tokenUrl=" + tokenUrl + ", clientId=" + clientId
                + ", clientSecret=" + (clientSecret == null ? "none" : "***")
                + ", staticToken=" + (staticToken == null ? "none" : "***") + ", tokenFile=" + tokenFile + "]";
    }
}
