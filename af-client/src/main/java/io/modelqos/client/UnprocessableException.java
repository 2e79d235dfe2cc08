package io.modelqos.client;

import io.modelqos.client.model.BestOffer;
import io.modelqos.client.model.ProblemDetails;
import java.util.Optional;

/**
 * Nothing the caller allowed fits, even after negotiation with the network (422);
 * {@link #bestOffer()} says what the network would accept.
 */
public class UnprocessableException extends ModelQosException {

    private static final long serialVersionUID = 1L;

    public UnprocessableException(String message, ProblemDetails problem) {
        super(message, 422, problem, null);
    }

    /** What the network would accept: a rate, the variant it carries and the budget it needs. */
    public Optional<BestOffer> bestOffer() {
        return problem().map(ProblemDetails::bestOffer);
    }
}
