package io.modelqos.af.security;

import io.vertx.core.http.HttpMethod;

import java.util.Set;

/**
 * The OAuth2 scopes of the northbound API and which one each request needs: reading (GET, and the plan dry run,
 * which changes nothing), writing (create, progress) and deleting (cancel).
 */
public final class Scopes {
    public static final String READ = "modelqos.deliveries.read";
    public static final String WRITE = "modelqos.deliveries.write";
    public static final String DELETE = "modelqos.deliveries.delete";
    public static final Set<String> ALL = Set.of(READ, WRITE, DELETE);

    private Scopes() {
    }

    /** The scope a request with this method and path (under the API's base path) needs. */
    public static String required(HttpMethod method, String path) {
        if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS) {
            return READ;
        }
        if (method == HttpMethod.DELETE) {
            return DELETE;
        }
        if (method == HttpMethod.POST && path != null && (path.endsWith("/plans") || path.endsWith("/plans/"))) {
            return READ;
        }
        return WRITE;
    }
}
