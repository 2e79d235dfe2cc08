package io.modelqos.af.nef;

import io.modelqos.openapi.t8.model.AcceptableServiceInfo;
import io.modelqos.openapi.t8.model.InvalidParam;
import io.modelqos.openapi.t8.model.ProblemDetailsAsSessionWithQos;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The NEF answered with an error status (4xx, 5xx, or a status the operation does not declare). Its
 * ProblemDetails body is parsed when it sent one: {@code cause}, {@code invalidParams} and, on a 403 to a
 * create, replace or modify, {@code acceptableServInfo} (the bandwidth the NEF would accept).
 *
 * <pre>{@code
 * client.create(subscription).onFailure(e -> {
 *     if (e instanceof NefProblemException p && p.status() == 403) {
 *         p.acceptableServInfo().ifPresent(offer -> replan(offer.getMarBwDl()));
 *     }
 * });
 * }</pre>
 */
public final class NefProblemException extends NefException {

    private final int status;
    private final ProblemDetailsAsSessionWithQos problem;
    private final Duration retryAfter;

    NefProblemException(NefOperation operation, URI uri, int status, ProblemDetailsAsSessionWithQos problem,
                        Duration retryAfter) {
        super(operation, uri, describe(operation, status, problem), null);
        this.status = status;
        this.problem = problem;
        this.retryAfter = retryAfter;
    }

    @Override
    public int status() {
        return status;
    }

    /** The NEF's ProblemDetails, empty when it sent none or it was not readable JSON. */
    public Optional<ProblemDetailsAsSessionWithQos> problem() {
        return Optional.ofNullable(problem);
    }

    /** The application error cause ({@code ProblemDetails.cause}), e.g. {@code REQUESTED_SERVICE_NOT_AUTHORIZED}. */
    public Optional<String> problemCause() {
        return problem().map(ProblemDetailsAsSessionWithQos::getCause);
    }

    /** The attributes the NEF rejected ({@code ProblemDetails.invalidParams}); empty when none were named. */
    public List<InvalidParam> invalidParams() {
        return problem().map(ProblemDetailsAsSessionWithQos::getInvalidParams).orElse(List.of());
    }

    /** What the NEF would accept instead ({@code acceptableServInfo}, sent with a 403). */
    public Optional<AcceptableServiceInfo> acceptableServInfo() {
        return problem().map(ProblemDetailsAsSessionWithQos::getAcceptableServInfo);
    }

    /** How long the NEF asked the AF to wait ({@code Retry-After}), when it said so. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    private static String describe(NefOperation operation, int status, ProblemDetailsAsSessionWithQos problem) {
        StringBuilder s = new StringBuilder("NEF answered ").append(operation.label()).append(" with ").append(status);
        if (problem != null) {
            append(s, "title", problem.getTitle());
            append(s, "cause", problem.getCause());
            append(s, "detail", problem.getDetail());
            if (problem.getInvalidParams() != null) {
                for (InvalidParam p : problem.getInvalidParams()) {
                    s.append(", invalid ").append(p.getParam());
                    if (p.getReason() != null) {
                        s.append(" (").append(p.getReason()).append(')');
                    }
                }
            }
        }
        return s.toString();
    }

    private static void append(StringBuilder s, String name, String value) {
        if (value != null && !value.isBlank()) {
            s.append(", ").append(name).append('=').append(value);
        }
    }
}
