package io.modelqos.af.nef;

import java.net.URI;
import java.util.Optional;

/**
 * The OAuth2 token endpoint gave no usable access token: it refused the client (e.g. {@code invalid_client}),
 * could not be reached, or answered with something that is not a bearer token. Never carries the secret or a
 * token.
 */
public final class OAuth2TokenException extends RuntimeException {

    private final URI tokenUrl;
    private final int status;
    private final String error;

    OAuth2TokenException(URI tokenUrl, int status, String error, String message, Throwable cause) {
        super(message, cause);
        this.tokenUrl = tokenUrl;
        this.status = status;
        this.error = error;
    }

    public URI tokenUrl() {
        return tokenUrl;
    }

    /** The token endpoint's HTTP status, 0 when it did not answer. */
    public int status() {
        return status;
    }

    /** The RFC 6749 {@code error} code it sent, e.g. {@code invalid_client}. */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }
}
