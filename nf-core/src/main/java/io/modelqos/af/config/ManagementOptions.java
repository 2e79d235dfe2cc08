package io.modelqos.af.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.modelqos.af.security.MetricsGuard;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the operations endpoints ({@code /health/live}, {@code /health/ready}, {@code /metrics}) are served (section
 * {@code management} of the configuration).
 *
 * <pre>{@code
 * management:
 *   port: 9090              # a listener of their own; without it the API listener serves them
 *   host: 127.0.0.1         # its address (default: loopback only)
 *   tls: false              # plain HTTP there even when tls.server is set (default: the API's TLS)
 *   metricsToken: ...       # /metrics wants Authorization: Bearer <token>; better MODELQOS_METRICS_TOKEN_FILE
 * }</pre>
 *
 * @param host         the management listener's address; default {@value #DEFAULT_HOST}, so that nothing but the
 *                     machine itself reaches it until the operator says otherwise
 * @param port         a listener of its own (0 = any free port); null = the API listener serves the operations
 *                     endpoints, and the management listener does not exist
 * @param tls          false = the management listener is plain HTTP whatever {@code tls.server}; null or true = it uses
 *                     {@code tls.server} when that is set (true requires it)
 * @param metricsToken a bearer token {@code /metrics} requires (wherever it is served); null = open. The health
 *                     endpoints stay open: orchestrators' probes send no credentials
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record ManagementOptions(String host, Integer port, Boolean tls, String metricsToken) {
    public static final ManagementOptions NONE = new ManagementOptions(null, null, null, null);
    public static final String DEFAULT_HOST = "127.0.0.1";

    /** Whether the operations endpoints have a listener of their own. */
    public boolean separateListener() {
        return port != null;
    }

    public String hostOrDefault() {
        return host == null || host.isBlank() ? DEFAULT_HOST : host;
    }

    /** Whether the management listener may use the API's TLS ({@code tls: false} says no). */
    public boolean tlsAllowed() {
        return !Boolean.FALSE.equals(tls);
    }

    public String metricsTokenOrNull() {
        return metricsToken == null || metricsToken.isBlank() ? null : metricsToken.strip();
    }

    /** Problems of this section alone, each naming its key; those against other sections are the caller's. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (port != null && (port < 0 || port > 65535)) {
            problems.add("management.port: " + port + " is not a TCP port (0..65535)");
        }
        if (port == null && host != null) {
            problems.add("management.host: has no effect without management.port (MODELQOS_MANAGEMENT_PORT); without"
                    + " it the API listener serves /health and /metrics");
        }
        if (port == null && tls != null) {
            problems.add("management.tls: has no effect without management.port (MODELQOS_MANAGEMENT_PORT)");
        }
        String tokenProblem = MetricsGuard.problemWith(metricsToken);
        if (tokenProblem != null) {
            problems.add("management.metricsToken: " + tokenProblem);
        }
        return problems;
    }

    /** Never print the token. */
    @Override
    public String toString() {
        return "ManagementOptions[host=" + host + ", port=" + port + ", tls=" + tls + ", metricsToken="
                + (metricsToken == null ? "none" : "***") + "]";
    }
}
