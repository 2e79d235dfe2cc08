package io.modelqos.client;

import io.modelqos.client.model.ProblemDetails;

/**
 * The AF or the network behind it is unavailable: 502, 503 or 504, or no answer at all (connection
 * failure or timeout, with {@link #status()} {@link #NO_RESPONSE} and the cause attached). Trying
 * again later may succeed; the client already retried where that is safe.
 */
public class UnavailableException extends ModelQosException {

    private static final long serialVersionUID = 1L;

    public UnavailableException(String message, int status, ProblemDetails problem, Throwable cause) {
        super(message, status, problem, cause);
    }
}
