package io.modelqos.af.southbound;

import io.vertx.core.Future;

import java.net.URI;

/**
 * The session references of the HTTP adapters (a T8 subscription's URI, an N5 app session's), read back as URIs. A
 * reference comes from the store: one that does not parse fails the call's future instead of throwing at its caller
 * (a release timer, a reconciliation), so that it is reported and retried like any other failure.
 */
public final class SessionUris {
    private SessionUris() {
    }

    /** {@code session} as a URI, or a {@link SessionFailure} naming it (nothing was sent). */
    public static Future<URI> parse(String session) {
        try {
            return Future.succeededFuture(URI.create(session));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Future.failedFuture(new SessionFailure(SessionFailure.Kind.UNAVAILABLE, "session reference '" + session
                    + "' is not a URI (" + e.getMessage() + "): nothing was sent", "INVALID_SESSION_REFERENCE", null, e));
        }
    }
}
