package io.modelqos.af.nef;

import java.net.URI;

/**
 * A failed call to the NEF's AsSessionWithQoS API. The subtypes say what went wrong:
 * {@link NefProblemException} (the NEF answered with an error status), {@link NefUnavailableException}
 * (no usable answer came) and {@link NefProtocolException} (the NEF answered outside the specification).
 */
public abstract sealed class NefException extends RuntimeException
        permits NefProblemException, NefUnavailableException, NefProtocolException {

    private final NefOperation operation;
    private final URI uri;

    NefException(NefOperation operation, URI uri, String message, Throwable cause) {
        super(message, cause);
        this.operation = operation;
        this.uri = uri;
    }

    /** The operation that failed. */
    public NefOperation operation() {
        return operation;
    }

    /** The URI the failed request was sent to (the collection or the subscription). */
    public URI uri() {
        return uri;
    }

    /** The HTTP status of the NEF's last answer, 0 when none came. */
    public abstract int status();
}
