package io.modelqos.af.northbound;

import io.modelqos.af.http.ProblemWriter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.modelqos.af.problem.AfProblem;
import io.modelqos.af.problem.InvalidParam;
import io.modelqos.af.problem.ProblemKind;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that turns a failure into an RFC 9457 {@code application/problem+json} answer: the AF's
 * own {@link AfProblem}s, the OpenAPI router's validation failures (which Vert.x would answer with 500), body
 * parsing errors and anything unexpected (500, logged, no internals in the body). The body itself is written by
 * {@link ProblemWriter}, like every other problem the AF answers with.
 */
public final class ProblemResponder {
    public static final String PROBLEM_JSON = ProblemWriter.PROBLEM_JSON;
    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponder.class);
    private static final Pattern PARAMETER_NAME = Pattern.compile("(?:parameter|header)[: ]+\"?([A-Za-z0-9_.-]+)\"?",
            Pattern.CASE_INSENSITIVE);

    private final ObjectMapper mapper;

    public ProblemResponder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Use as the router's (and each route's) failure handler. */
    public void handle(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        Throwable failure = ctx.failure();
        AfProblem problem = toProblem(failure, ctx.statusCode());
        if (problem.kind() == ProblemKind.INTERNAL) {
            LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
        }
        send(ctx, problem);
    }

    /** Writes {@code problem} with {@link ProblemWriter}: {@code type} about:blank, the request path as {@code instance}. */
    public void send(RoutingContext ctx, AfProblem problem) {
        ProblemWriter.Body body = ProblemWriter.Body.of(statusOf(problem, ctx.statusCode()), problem.title(), problem.detail())
                .type(ProblemWriter.ABOUT_BLANK)
                .instance(ctx.request().path())
                .invalidParams(problem.invalidParams());
        if (problem.bestOffer() != null) {
            body = body.extension("bestOffer", mapper.valueToTree(problem.bestOffer()));
        }
        if (problem.retryAfterSeconds() != null) {
            ctx.response().putHeader("Retry-After", Long.toString(problem.retryAfterSeconds()));
        }
        ProblemWriter.write(ctx.response(), body);
    }

    static int statusOf(AfProblem problem, int hint) {
        return switch (problem.kind()) {
            case INVALID_INPUT -> hint == 413 || hint == 415 ? hint : 400;
            case NOT_FOUND -> 404;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case CONFLICT -> 409;
            case UNPROCESSABLE -> 422;
            case RATE_LIMITED -> 429;
            case PEER_UNAVAILABLE, SERVICE_UNAVAILABLE -> 503;
            case PEER_TIMEOUT -> 504;
            case INTERNAL -> 500;
        };
    }

    AfProblem toProblem(Throwable failure, int statusCode) {
        if (failure instanceof AfProblem p) {
            return p;
        }
        if (failure instanceof HttpException e && e.getCause() instanceof ValidatorException cause) {
            // The OpenAPI router wraps its validation failures in a 400 HttpException.
            failure = cause;
        }
        if (failure instanceof SchemaValidationException e) {
            return AfProblem.invalid(paramsOf(e.getOutputUnit(), e.getMessage()));
        }
        if (failure instanceof ValidatorException e) {
            return AfProblem.invalid(parameterOf(e.getMessage()), e.getMessage());
        }
        if (failure instanceof UnrecognizedPropertyException e) {
            return AfProblem.invalid(pointerOf(e), "unknown field '" + e.getPropertyName() + "'");
        }
        if (failure instanceof JsonMappingException e) {
            return AfProblem.invalid(pointerOf(e), e.getOriginalMessage());
        }
        if (failure instanceof io.netty.handler.codec.DecoderException) {
            // e.g. the form decoder on a multipart body: the body cannot be read, which is the caller's doing.
            return AfProblem.invalid("/", "the body cannot be decoded");
        }
        if (failure instanceof JsonProcessingException || failure instanceof DecodeException) {
            return AfProblem.invalid("/", "the body is not valid JSON");
        }
        if (failure instanceof IllegalArgumentException e && e.getMessage() != null) {
            return AfProblem.invalid("/", e.getMessage());
        }
        if (failure instanceof HttpException e) {
            return httpProblem(e.getStatusCode(), e.getPayload());
        }
        if (failure == null && statusCode >= 400 && statusCode < 500) {
            return httpProblem(statusCode, null);
        }
        return AfProblem.internal("The AF failed to handle the request", failure);
    }

    private static AfProblem httpProblem(int status, String detail) {
        return switch (status) {
            case 400 -> AfProblem.invalid("/", detail == null ? "bad request" : detail);
            case 404 -> AfProblem.notFound(detail == null ? "no such resource" : detail);
            case 405 -> AfProblem.invalid("method", "method not allowed");
            case 413 -> AfProblem.invalid("/", "the body is too large");
            case 415 -> AfProblem.invalid("Content-Type", "the body must be application/json");
            case 401, 403 -> AfProblem.notFound("no such resource");
            default -> AfProblem.invalid("/", "HTTP " + status);
        };
    }

    /**
     * Flattens the validator's output into one entry per offending location. The validator also reports every
     * enclosing schema ("a subschema had errors", "does not match additional properties schema" for a known
     * property whose value failed): those are dropped when a more specific error exists; an additional-property
     * error that stands alone is an unknown field.
     */
    static List<InvalidParam> paramsOf(OutputUnit unit, String fallback) {
        List<OutputUnit> leaves = new ArrayList<>();
        flatten(unit, leaves);
        Map<String, String> specific = new LinkedHashMap<>();
        Map<String, String> additional = new LinkedHashMap<>();
        for (OutputUnit leaf : leaves) {
            String reason = leaf.getError();
            String location = pointer(leaf.getInstanceLocation());
            if (reason.contains("additional properties schema")) {
                additional.putIfAbsent(location, "unknown field");
            } else if (!WRAPPER.matcher(reason).find()) {
                Matcher required = REQUIRED.matcher(reason);
                if (required.find()) {
                    location = (location.equals("/") ? "" : location) + "/" + required.group(1);
                    reason = "required";
                }
                specific.merge(location, reason, (a, b) -> a.equals(b) ? a : a + "; " + b);
            }
        }
        additional.keySet().removeIf(location -> specific.keySet().stream().anyMatch(s -> s.startsWith(location)));
        List<InvalidParam> params = new ArrayList<>();
        specific.forEach((location, reason) -> params.add(new InvalidParam(location, reason)));
        additional.forEach((location, reason) -> params.add(new InvalidParam(location, reason)));
        if (params.isEmpty()) {
            params.add(new InvalidParam("/", fallback));
        }
        return params;
    }

    private static final Pattern WRAPPER = Pattern.compile(
            "does not match schema|A subschema had errors|Items did not match schema|did not match");
    private static final Pattern REQUIRED = Pattern.compile("does not have required property \"([^\"]+)\"");

    private static void flatten(OutputUnit unit, List<OutputUnit> out) {
        if (unit == null) {
            return;
        }
        if (unit.getError() != null) {
            out.add(unit);
        }
        if (unit.getErrors() != null) {
            for (OutputUnit child : unit.getErrors()) {
                flatten(child, out);
            }
        }
    }

    private static String pointer(String instanceLocation) {
        if (instanceLocation == null || instanceLocation.isEmpty() || instanceLocation.equals("#")) {
            return "/";
        }
        String p = instanceLocation.startsWith("#") ? instanceLocation.substring(1) : instanceLocation;
        return p.isEmpty() ? "/" : p;
    }

    private static String pointerOf(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            sb.append('/').append(ref.getFieldName() != null ? ref.getFieldName() : Integer.toString(ref.getIndex()));
        }
        return sb.length() == 0 ? "/" : sb.toString();
    }

    private static String parameterOf(String message) {
        if (message != null) {
            Matcher m = PARAMETER_NAME.matcher(message);
            if (m.find()) {
                return m.group(1);
            }
        }
        return "/";
    }
}
