package io.modelqos.client;

import io.modelqos.client.model.ProblemDetails;

/**
 * The request conflicts with the delivery's state, or reuses an {@code Idempotency-Key} with another
 * body (409).
 */
public class ConflictException extends ModelQosException {

    private static final long serialVersionUID = 1L;

    public ConflictException(String message, ProblemDetails problem) {
        super(message, 409, problem, null);
    }
}
