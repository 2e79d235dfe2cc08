package io.modelqos.client;

import io.modelqos.client.model.ProblemDetails;
import java.util.Optional;

/**
 * A call to the AF failed: the AF answered with an error status, its answer could not be read, or no
 * answer arrived. Carries the HTTP status and the AF's problem details when it sent them. The
 * subtypes name the failures a caller usually handles; this type itself stands for any other status
 * (401, 413, 415, 429 after the retries, 500 ...).
 *
 * <pre>{@code
 * try {
 *     client.deliveries().create(request);
 * } catch (UnprocessableException e) {
 *     e.bestOffer().ifPresent(offer -> log.info("the network would carry {}", offer.acceptableRate()));
 * } catch (ModelQosException e) {
 *     log.warn("create failed with {}: {}", e.status(), e.getMessage());
 * }
 * }</pre>
 */
public class ModelQosException extends RuntimeException {

    /** The {@link #status()} of a failure that got no HTTP response (connection failure, timeout). */
    public static final int NO_RESPONSE = 0;

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient ProblemDetails problem;

    /**
     * @param message what failed, including the call
     * @param status  the HTTP status, or {@link #NO_RESPONSE}
     * @param problem the AF's problem details, or null when it sent none
     * @param cause   the underlying failure, or null
     */
    public ModelQosException(String message, int status, ProblemDetails problem, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.problem = problem;
    }

    /** The HTTP status of the AF's answer, or {@link #NO_RESPONSE} when no answer arrived. */
    public int status() {
        return status;
    }

    /** The AF's problem details, when its answer carried an {@code application/problem+json} body. */
    public Optional<ProblemDetails> problem() {
        return Optional.ofNullable(problem);
    }
}
