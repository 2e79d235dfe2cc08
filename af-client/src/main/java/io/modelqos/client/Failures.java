package io.modelqos.client;

import io.modelqos.client.internal.Json;
import io.modelqos.client.model.ProblemDetails;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** Turns the AF's error answers, and the absence of an answer, into the SDK's exceptions. */
final class Failures {

    private static final int SNIPPET_LENGTH = 200;

    private Failures() {
    }

    /** The exception for an error status; {@code call} is e.g. "GET /deliveries/d-1". */
    static ModelQosException fromResponse(String call, int status, Optional<String> contentType, byte[] body) {
        ProblemDetails problem = problem(contentType, body);
        String message = call + " answered " + status + ": " + describe(problem, contentType, body);
        return switch (status) {
            case 400 -> new InvalidRequestException(message, problem);
            case 404 -> new NotFoundException(message, problem);
            case 409 -> new ConflictException(message, problem);
            case 422 -> new UnprocessableException(message, problem);
            case 502, 503, 504 -> new UnavailableException(message, status, problem, null);
            default -> new ModelQosException(message, status, problem, null);
        };
    }

    /** The exception for a call that got no answer. */
    static UnavailableException noResponse(String call, IOException cause) {
        String what = cause instanceof HttpTimeoutException ? "timed out"
                : cause instanceof ConnectException ? "could not connect" : "lost the connection";
        return new UnavailableException(call + " " + what + ": " + cause, ModelQosException.NO_RESPONSE, null, cause);
    }

    /** The exception for a success whose body could not be read as the contract says. */
    static ModelQosException unreadable(String call, int status, Exception cause) {
        return new ModelQosException(call + " answered " + status + " with a body this SDK cannot read: "
                + cause.getMessage(), status, null, cause);
    }

    private static ProblemDetails problem(Optional<String> contentType, byte[] body) {
        boolean json = contentType.map(type -> type.toLowerCase(Locale.ROOT))
                .map(type -> type.startsWith("application/problem+json") || type.startsWith("application/json"))
                .orElse(false);
        if (!json || body.length == 0) {
            return null;
        }
        try {
            return Json.mapper().readValue(body, ProblemDetails.class);
        } catch (IOException e) {
            return null;
        }
    }

    private static String describe(ProblemDetails problem, Optional<String> contentType, byte[] body) {
        if (problem != null) {
            StringBuilder text = new StringBuilder(problem.title() == null ? "(no title)" : problem.title());
            if (problem.detail() != null) {
                text.append(" - ").append(problem.detail());
            }
            problem.invalidParams().forEach(p -> text.append(" [").append(p.param()).append(": ")
                    .append(p.reason()).append(']'));
            return text.toString();
        }
        if (body.length == 0) {
            return "(no body)";
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.length() > SNIPPET_LENGTH) {
            text = text.substring(0, SNIPPET_LENGTH) + "...";
        }
        return "(" + contentType.orElse("no content type") + ") " + text.replaceAll("[\\p{Cntrl}]+", " ").strip();
    }
}
