package io.modelqos.af.security;

import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Verifies which scope each northbound operation needs. */
class ScopesTest {
    private static final String BASE = "/model-delivery/v1";

    @Test
    void readsWritesAndDeletes() {
        assertEquals(Scopes.READ, Scopes.required(HttpMethod.GET, BASE + "/deliveries"));
        assertEquals(Scopes.READ, Scopes.required(HttpMethod.GET, BASE + "/deliveries/abc"));
        assertEquals(Scopes.READ, Scopes.required(HttpMethod.GET, BASE + "/deliveries/abc/events"));
        assertEquals(Scopes.READ, Scopes.required(HttpMethod.POST, BASE + "/plans"), "a dry run changes nothing");
        assertEquals(Scopes.WRITE, Scopes.required(HttpMethod.POST, BASE + "/deliveries"));
        assertEquals(Scopes.WRITE, Scopes.required(HttpMethod.POST, BASE + "/deliveries/abc/progress"));
        assertEquals(Scopes.DELETE, Scopes.required(HttpMethod.DELETE, BASE + "/deliveries/abc"));
        assertEquals(Scopes.WRITE, Scopes.required(HttpMethod.PUT, BASE + "/deliveries/abc"), "unknown writes need write");
    }
}
