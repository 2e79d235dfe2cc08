package io.modelqos.af.problem;

import java.util.List;
import java.util.Objects;

/**
 * The one exception the AF's services fail with. It carries what RFC 9457 problem details need;
 * a single failure handler turns it into {@code application/problem+json}.
 */
public class AfProblem extends RuntimeException {
    private final ProblemKind kind;
    private final String title;
    private final List<InvalidParam> invalidParams;
    private final BestOffer bestOffer;
    private final Long retryAfterSeconds;

    private AfProblem(ProblemKind kind, String title, String detail, List<InvalidParam> invalidParams,
                      BestOffer bestOffer, Long retryAfterSeconds, Throwable cause) {
        super(detail, cause, false, cause != null);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.title = Objects.requireNonNull(title, "title");
        this.invalidParams = List.copyOf(invalidParams);
        this.bestOffer = bestOffer;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static AfProblem invalid(String param, String reason) {
        return invalid(List.of(new InvalidParam(param, reason)));
    }

    public static AfProblem invalid(List<InvalidParam> params) {
        String detail = params.size() == 1
                ? params.get(0).param() + ": " + params.get(0).reason()
                : params.size() + " invalid parameters";
        return new AfProblem(ProblemKind.INVALID_INPUT, "Invalid request", detail, params, null, null, null);
    }

    public static AfProblem notFound(String detail) {
        return new AfProblem(ProblemKind.NOT_FOUND, "Not found", detail, List.of(), null, null, null);
    }

    public static AfProblem unauthenticated(String detail) {
        return new AfProblem(ProblemKind.UNAUTHENTICATED, "Unauthorized", detail, List.of(), null, null, null);
    }

    public static AfProblem forbidden(String detail) {
        return new AfProblem(ProblemKind.FORBIDDEN, "Forbidden", detail, List.of(), null, null, null);
    }

    public static AfProblem conflict(String detail) {
        return new AfProblem(ProblemKind.CONFLICT, "Conflict", detail, List.of(), null, null, null);
    }

    public static AfProblem unprocessable(String detail, BestOffer bestOffer) {
        return new AfProblem(ProblemKind.UNPROCESSABLE, "QoS cannot be granted", detail, List.of(), bestOffer, null, null);
    }

    public static AfProblem rateLimited(String detail, long retryAfterSeconds) {
        return new AfProblem(ProblemKind.RATE_LIMITED, "Too many requests", detail, List.of(), null, retryAfterSeconds, null);
    }

    public static AfProblem peerUnavailable(String detail, Throwable cause) {
        return new AfProblem(ProblemKind.PEER_UNAVAILABLE, "NEF unavailable", detail, List.of(), null, null, cause);
    }

    public static AfProblem peerTimeout(String detail, Throwable cause) {
        return new AfProblem(ProblemKind.PEER_TIMEOUT, "NEF timeout", detail, List.of(), null, null, cause);
    }

    public static AfProblem serviceUnavailable(String detail) {
        return new AfProblem(ProblemKind.SERVICE_UNAVAILABLE, "Service unavailable", detail, List.of(), null, 5L, null);
    }

    public static AfProblem internal(String detail, Throwable cause) {
        return new AfProblem(ProblemKind.INTERNAL, "Internal error", detail, List.of(), null, null, cause);
    }

    public ProblemKind kind() {
        return kind;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<InvalidParam> invalidParams() {
        return invalidParams;
    }

    public BestOffer bestOffer() {
        return bestOffer;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
