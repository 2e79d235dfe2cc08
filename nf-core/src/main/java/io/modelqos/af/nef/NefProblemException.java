package io.modelqos.af.nef;

import io.modelqos.openapi.t8.model.ProblemDetailsAsSessionWithQos;

import java.time.Duration;
import java.util.Optional;

/**
 * The NEF answered an AsSessionWithQoS call with an error status. Carries the parsed ProblemDetails (with
 * {@code cause}, {@code invalidParams} and, on a 403, {@code acceptableServInfo}) and the {@code Retry-After}
 * the NEF asked for.
 */
public class NefProblemException extends RuntimeException {
    private final String operation;
    private final int status;
    private final transient ProblemDetailsAsSessionWithQos problem;
    private final Duration retryAfter;

    public NefProblemException(String operation, int status, ProblemDetailsAsSessionWithQos problem, Duration retryAfter) {
        super(operation + ": NEF answered " + status + describe(problem));
        this.operation = operation;
        this.status = status;
        this.problem = problem;
        this.retryAfter = retryAfter;
    }

    public String operation() {
        return operation;
    }

    public int status() {
        return status;
    }

    /** The parsed body, or null when the NEF sent none (or not problem+json). */
    public ProblemDetailsAsSessionWithQos problem() {
        return problem;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The NEF's {@code cause}, or null. */
    public String cause3gpp() {
        return problem == null ? null : problem.getCause();
    }

    /** On a 403: the downlink rate the NEF says it would accept ({@code acceptableServInfo.marBwDl}), or null. */
    public String acceptableRateDl() {
        if (problem == null || problem.getAcceptableServInfo() == null) {
            return null;
        }
        var info = problem.getAcceptableServInfo();
        if (info.getMarBwDl() != null) {
            return info.getMarBwDl();
        }
        if (info.getAccBwMedComps() != null) {
            for (var component : info.getAccBwMedComps().values()) {
                if (component.getMarBwDl() != null) {
                    return component.getMarBwDl();
                }
            }
        }
        return null;
    }

    private static String describe(ProblemDetailsAsSessionWithQos problem) {
        if (problem == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        if (problem.getCause() != null) {
            sb.append(" cause=").append(problem.getCause());
        }
        if (problem.getDetail() != null) {
            sb.append(" detail=").append(problem.getDetail());
        }
        return sb.toString();
    }
}
