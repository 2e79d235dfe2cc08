package io.modelqos.af.nef;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Verifies which answers are redirects, which operations follow them, and how Location is resolved. */
class RedirectsTest {

    private static final URI SUBSCRIPTION =
            URI.create("http://nef.example:8080/3gpp-as-session-with-qos/v1/af-1/subscriptions/s1");

    @Test
    void only307And308AreFollowedRedirects() {
        assertTrue(Redirects.isRedirect(307));
        assertTrue(Redirects.isRedirect(308));
        for (int status : new int[] {200, 201, 204, 300, 301, 302, 303, 304, 400, 503}) {
            assertFalse(Redirects.isRedirect(status), "status " + status);
        }
    }

    @Test
    void everyOperationButCreateFollows() {
        assertFalse(Redirects.follows(NefOperation.CREATE));
        for (NefOperation op : new NefOperation[] {NefOperation.READ, NefOperation.LIST, NefOperation.REPLACE,
                NefOperation.MODIFY, NefOperation.DELETE}) {
            assertTrue(Redirects.follows(op), op.name());
        }
    }

    @Test
    void resolvesAbsoluteAndRelativeLocations() {
        assertEquals(URI.create("http://other.example/3gpp-as-session-with-qos/v1/af-1/subscriptions/s1"),
                Redirects.resolve(SUBSCRIPTION, "http://other.example/3gpp-as-session-with-qos/v1/af-1/subscriptions/s1"));
        assertEquals(URI.create("http://nef.example:8080/nef-b/3gpp-as-session-with-qos/v1/af-1/subscriptions/s1"),
                Redirects.resolve(SUBSCRIPTION, "/nef-b/3gpp-as-session-with-qos/v1/af-1/subscriptions/s1"));
        assertEquals(URI.create("http://nef.example:8080/3gpp-as-session-with-qos/v1/af-1/subscriptions/s2"),
                Redirects.resolve(SUBSCRIPTION, "s2"));
        URI collection = URI.create("http://nef.example:8080/3gpp-as-session-with-qos/v1/af-1/subscriptions");
        assertEquals(URI.create("http://nef.example:8080/3gpp-as-session-with-qos/v1/af-1/subscriptions/s3"),
                Redirects.resolve(collection, "subscriptions/s3"));
    }

    @Test
    void rejectsUnusableLocations() {
        assertThrows(IllegalArgumentException.class, () -> Redirects.resolve(SUBSCRIPTION, null));
        assertThrows(IllegalArgumentException.class, () -> Redirects.resolve(SUBSCRIPTION, " "));
        assertThrows(IllegalArgumentException.class, () -> Redirects.resolve(SUBSCRIPTION, "http://bad host/"));
        assertThrows(IllegalArgumentException.class, () -> Redirects.resolve(SUBSCRIPTION, "ftp://nef.example/x"));
        assertThrows(IllegalArgumentException.class, () -> Redirects.resolve(SUBSCRIPTION, "mailto:nef@example.org"));
    }
}
