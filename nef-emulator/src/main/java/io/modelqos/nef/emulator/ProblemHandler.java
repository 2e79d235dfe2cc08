package io.modelqos.nef.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.modelqos.openapi.T8Json;
import io.modelqos.openapi.t8.model.InvalidParam;
import io.modelqos.openapi.t8.model.ProblemDetailsAsSessionWithQos;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.OutputErrorType;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one failure handler: turns {@link ApiException}, OpenAPI validation failures (400, never the
 * router's default 500) and anything unexpected (500) into {@code application/problem+json}.
 */
final class ProblemHandler implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);
    private static final Pattern REQUIRED = Pattern.compile("required property \"([^\"]+)\"");
    private static final Pattern PARAMETER = Pattern.compile("(?:query|path|header|cookie) parameter (\\S+)");
    private static final Pattern SCHEMA_NAME = Pattern.compile("#/components/schemas/(?:[A-Za-z0-9_]+__)?([A-Za-z0-9]+)/");

    @Override
    public void handle(RoutingContext ctx) {
        ApiException problem = toApiException(ctx.failure(), ctx.statusCode());
        if (problem.status() >= 500 && ctx.failure() != null && !(ctx.failure() instanceof ApiException)) {
            LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
        } else {
            LOG.debug("{} {} -> {}", ctx.request().method(), ctx.request().path(), problem.getMessage());
        }
        send(ctx, problem);
    }

    /** Writes the problem unless the response is already gone. */
    static void send(RoutingContext ctx, ApiException problem) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed() || response.headWritten()) {
            return;
        }
        ProblemDetailsAsSessionWithQos body = problem.problem();
        if (body.getInstance() == null) {
            body.setInstance(ctx.request().path());
        }
        problem.headers().forEach(response::putHeader);
        try {
            response.setStatusCode(problem.status())
                    .putHeader("Content-Type", "application/problem+json")
                    .end(T8Json.mapper().writeValueAsString(body));
        } catch (JsonProcessingException e) {
            response.setStatusCode(500).end();
        }
    }

    static ApiException toApiException(Throwable failure, int statusCode) {
        if (failure instanceof ApiException api) {
            return api;
        }
        if (failure instanceof SchemaValidationException schema) {
            return fromSchemaValidation(schema);
        }
        if (failure instanceof ValidatorException validator) {
            return fromValidator(validator);
        }
        if (failure == null && statusCode >= 400) {
            return switch (statusCode) {
                case 404 -> ApiException.notFound("no such resource");
                case 405 -> ApiException.of(405, "Method Not Allowed", null, null);
                case 413 -> ApiException.of(413, "Content Too Large", null, "request body too large");
                case 415 -> ApiException.unsupportedMediaType(null);
                default -> ApiException.of(statusCode, "Error", null, null);
            };
        }
        return ApiException.of(500, "Internal Server Error", "SYSTEM_FAILURE",
                failure == null ? null : failure.getClass().getSimpleName());
    }

    private static ApiException fromValidator(ValidatorException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        Matcher param = PARAMETER.matcher(message);
        if (param.find()) {
            return ApiException.badRequest(ApiException.INVALID_QUERY_PARAM, param.group(1), message);
        }
        if (message.contains("can't be decoded") || message.contains("format of the request body")) {
            return ApiException.badRequest(ApiException.INVALID_MSG_FORMAT, message, List.of());
        }
        return ApiException.badRequest(ApiException.INVALID_MSG_FORMAT, message, List.of());
    }

    private static ApiException fromSchemaValidation(SchemaValidationException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        Matcher param = PARAMETER.matcher(message);
        if (param.find()) {
            return ApiException.badRequest(ApiException.INVALID_QUERY_PARAM, param.group(1), message);
        }
        List<InvalidParam> invalid = invalidParams(e.getOutputUnit());
        if (invalid.isEmpty()) {
            return ApiException.badRequest(ApiException.INVALID_MSG_FORMAT, message, List.of());
        }
        boolean missingMandatory = e.getOutputUnit() != null && e.getOutputUnit().getErrors() != null
                && e.getOutputUnit().getErrors().stream().anyMatch(u -> u.getErrorType() == OutputErrorType.MISSING_VALUE
                && "#".equals(u.getInstanceLocation()));
        boolean mandatory = invalid.stream().anyMatch(p -> p.getParam().equals("/notificationDestination"));
        String cause = missingMandatory ? ApiException.MANDATORY_IE_MISSING
                : mandatory ? ApiException.MANDATORY_IE_INCORRECT : ApiException.OPTIONAL_IE_INCORRECT;
        return ApiException.badRequest(cause, "the request body does not match the AsSessionWithQoS schema", invalid);
    }

    /**
     * The most specific errors of a validation result as TS 29.122 InvalidParams: {@code param} is
     * the JSON pointer of the bad attribute (for a missing required attribute, the pointer it
     * should have had).
     */
    static List<InvalidParam> invalidParams(OutputUnit unit) {
        List<OutputUnit> errors = new ArrayList<>();
        if (unit != null && unit.getErrors() != null) {
            errors.addAll(unit.getErrors());
        } else if (unit != null && unit.getInstanceLocation() != null) {
            errors.add(unit);
        }
        Map<String, String> byPointer = new LinkedHashMap<>();
        for (OutputUnit error : errors) {
            String pointer = pointer(error);
            boolean deeper = errors.stream().map(ProblemHandler::pointer)
                    .anyMatch(other -> other.startsWith(pointer + "/"));
            if (deeper || isGeneric(error.getError()) && byPointer.containsKey(pointer)) {
                continue;
            }
            String previous = byPointer.get(pointer);
            if (previous == null || isGeneric(previous)) {
                byPointer.put(pointer, reason(error));
            }
        }
        List<InvalidParam> out = new ArrayList<>();
        byPointer.forEach((pointer, reason) -> out.add(new InvalidParam().param(pointer.isEmpty() ? "/" : pointer)
                .reason(reason)));
        return out.size() > 10 ? out.subList(0, 10) : out;
    }

    private static String pointer(OutputUnit error) {
        String location = error.getInstanceLocation() == null ? "#" : error.getInstanceLocation();
        String pointer = location.startsWith("#") ? location.substring(1) : location;
        if (error.getErrorType() == OutputErrorType.MISSING_VALUE && error.getError() != null) {
            Matcher m = REQUIRED.matcher(error.getError());
            if (m.find()) {
                pointer = pointer + "/" + m.group(1);
            }
        }
        return pointer;
    }

    private static boolean isGeneric(String message) {
        return message == null || message.contains("does not match schema") || message.contains("subschema had errors")
                || message.contains("Items did not match");
    }

    private static String reason(OutputUnit error) {
        String reason = error.getError() == null ? "invalid" : error.getError();
        Matcher m = SCHEMA_NAME.matcher(error.getAbsoluteKeywordLocation() == null ? "" : error.getAbsoluteKeywordLocation());
        String schema = null;
        while (m.find()) {
            schema = m.group(1);
        }
        return schema == null ? reason : reason + " (" + schema + ")";
    }
}
