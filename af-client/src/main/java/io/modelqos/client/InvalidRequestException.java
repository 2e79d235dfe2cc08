package io.modelqos.client;

import io.modelqos.client.model.InvalidParam;
import io.modelqos.client.model.ProblemDetails;
import java.util.List;

/** The AF rejected the request as malformed (400); {@link #invalidParams()} names the offending fields. */
public class InvalidRequestException extends ModelQosException {

    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String message, ProblemDetails problem) {
        super(message, 400, problem, null);
    }

    /** The fields that failed validation, as JSON pointers; empty when the AF named none. */
    public List<InvalidParam> invalidParams() {
        return problem().map(ProblemDetails::invalidParams).orElse(List.of());
    }
}
