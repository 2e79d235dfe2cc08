package io.modelqos.af.security;

import java.util.Set;

/**
 * An authenticated caller of the northbound API: the tenant it acts for and the scopes its credentials carry.
 *
 * @param tenant the tenant (AI/ML server) whose deliveries the caller sees and changes
 * @param scopes the scopes granted; API keys and open mode carry all of {@link Scopes#ALL}
 * @param method how the caller was recognised: {@code api-key}, {@code jwt} or {@code open}
 */
public record Principal(String tenant, Set<String> scopes, String method) {
    public Principal {
        scopes = Set.copyOf(scopes);
    }

    public boolean has(String scope) {
        return scopes.contains(scope);
    }
}
