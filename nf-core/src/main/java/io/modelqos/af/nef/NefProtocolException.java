package io.modelqos.af.nef;

import java.net.URI;

/**
 * The NEF answered outside TS 29.122: a success answer whose body is not the declared JSON, a 201 without
 * {@code Location}, a redirect where the operation declares none (a 307/308 to a create), a redirect without
 * {@code Location}, or too many redirects in a row.
 *
 * <p>{@link #succeededAtNef()} tells whether the NEF reported success (2xx) for the operation: a replace that
 * failed this way did replace. For a create that failed this way the client has already deleted what the NEF
 * made, when it could. (A delete never fails this way: any 2xx to it is a success, its body a report or ignored.)
 */
public final class NefProtocolException extends NefException {

    private final int status;

    NefProtocolException(NefOperation operation, URI uri, int status, String message, Throwable cause) {
        super(operation, uri, message, cause);
        this.status = status;
    }

    @Override
    public int status() {
        return status;
    }

    /** True when the NEF's status said the operation succeeded (2xx) although its answer was not usable. */
    public boolean succeededAtNef() {
        return status >= 200 && status < 300;
    }
}
