package io.modelqos.client;

import io.modelqos.client.model.ProblemDetails;

/** The delivery does not exist, or is not the caller's (404). */
public class NotFoundException extends ModelQosException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String message, ProblemDetails problem) {
        super(message, 404, problem, null);
    }
}
