package io.modelqos.af.northbound;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.json.schema.JsonSchemaValidationException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.Style;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.ValidationContext;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.RequestValidatorImpl;
import io.vertx.openapi.validation.impl.ValidatedRequestImpl;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * vertx-openapi's request validation, run on the event loop that read the request. vertx-openapi 5.0.7's validator
 * hands every request to a worker thread and back ({@code executeBlocking}, in order per context), as interpreting a
 * schema could take long. With the contract's schemas compiled ({@link CompiledSchemaValidator}: about 10 us for a
 * create body) the two hand-offs cost more than the check, and, in order per context, they made one worker at a time
 * the path of every request a loop read. The checks, their results and their exceptions are the library's
 * ({@link #validateParameter}, {@link #validateBody}); only the thread differs, a string parameter is taken as it
 * is (see {@link #validateParameter}), and a JSON body is parsed once, into the tree the handler reads (see
 * {@link #validate(MediaType, String, Buffer, ValidationContext)}).
 */
final class LoopRequestValidator extends RequestValidatorImpl {
    /** The media types whose bodies vertx-openapi reads as JSON (its {@code ContentAnalyser}). */
    private static final Set<String> JSON_MEDIA_TYPES = Set.of(MediaType.APPLICATION_JSON,
            MediaType.APPLICATION_JSON_UTF8, MediaType.APPLICATION_HAL_JSON);
    /** Reads a body into a tree as Vert.x's codec reads it into its types: numbers as ints, longs, doubles. */
    private static final ObjectMapper TREES = new ObjectMapper();
    private final OpenAPIContract contract;
    private final RequestExtractor extractor;
    private final Map<MediaType, Optional<CompiledSchemaValidator>> compiledSchemas = new ConcurrentHashMap<>();

    LoopRequestValidator(Vertx vertx, OpenAPIContract contract, RequestExtractor extractor) {
        super(vertx, contract);
        this.contract = contract;
        this.extractor = extractor;
    }

    /**
     * The route handler that validates a request of {@code operation} and puts the result where the router builder's
     * own would ({@link RouterBuilder#KEY_META_DATA_VALIDATED_REQUEST}), failing the request as it would: a
     * {@link ValidatorException} as a 400 {@link HttpException} around it, anything else as it is.
     */
    Handler<RoutingContext> handler(Operation operation) {
        return ctx -> extractor.extractValidatableRequest(ctx, operation)
                .compose(request -> validate(request, operation.getOperationId()))
                .onSuccess(validated -> {
                    ctx.put(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST, validated);
                    ctx.next();
                })
                .onFailure(e -> ctx.fail(e instanceof ValidatorException ? new HttpException(400, e.getMessage(), e) : e));
    }

    @Override
    public Future<ValidatedRequest> validate(ValidatableRequest request, String operationId) {
        Operation operation = contract.operation(operationId);
        if (operation == null) {
            return super.validate(request, operationId); // the library's answer to an unknown operation
        }
        try {
            return Future.succeededFuture(validateNow(request, operation));
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private ValidatedRequest validateNow(ValidatableRequest request, Operation operation) {
        Map<String, RequestParameter> cookies = new HashMap<>();
        Map<String, RequestParameter> headers = new HashMap<>();
        Map<String, RequestParameter> path = new HashMap<>();
        Map<String, RequestParameter> query = new HashMap<>();
        for (Parameter p : operation.getParameters()) {
            String name = p.getName();
            switch (p.getIn()) {
                case COOKIE -> cookies.put(name, validateParameter(p, request.getCookies().get(name)));
                case HEADER -> headers.put(name, validateParameter(p, request.getHeaders().get(name)));
                case PATH -> path.put(name, validateParameter(p, request.getPathParameters().get(name)));
                case QUERY -> query.put(name, validateParameter(p, request.getQuery().get(name)));
                default -> throw new IllegalStateException("parameter in " + p.getIn());
            }
        }
        return new ValidatedRequestImpl(cookies, headers, path, query, validateBody(operation.getRequestBody(), request));
    }

    /**
     * A parameter whose schema is a string is its raw value, checked against its schema as the library checks it. The
     * library's transformer (vertx-openapi 5.0.7) reads any value that is not a bare word as JSON first: a delivery id
     * or an Idempotency-Key ({@code d-...}, {@code key-1}) made it throw and catch a parse exception on every request
     * that named one (1.2 % of the loops under create+delete), and a value that is also JSON of another type became
     * that type and failed its string schema (an {@code Idempotency-Key: 1.5} was refused). A value in double quotes,
     * which the library reads as a JSON string, still goes to it.
     */
    @Override
    public RequestParameter validateParameter(Parameter parameter, RequestParameter value) throws ValidatorException {
        if (value == null || !(value.get() instanceof String raw) || raw.isEmpty() || raw.charAt(0) == '"'
                || parameter.getSchemaType() != SchemaType.STRING
                || (parameter.getStyle() != Style.SIMPLE && parameter.getStyle() != Style.FORM)) {
            return super.validateParameter(parameter, value);
        }
        OutputUnit result = contract.getSchemaRepository().validator(parameter.getSchema()).validate(raw);
        try {
            result.checkValidity();
        } catch (JsonSchemaValidationException e) {
            throw SchemaValidationException.createErrorFromOutputUnitType(parameter, result, e);
        }
        return new RequestParameterImpl(raw);
    }

    /**
     * A JSON body checked against a compiled schema is parsed once, by Jackson, into the tree that the schema checks
     * and the handler reads. The library decodes it into Vert.x's JSON types, which the compiled schema then copies
     * into a Jackson tree: two passes where one does (together 2.2 % of the loops under create+delete). A body this parse does not take
     * as exactly one JSON value (a syntax error, trailing content, a comment Vert.x's codec allows) goes to the library,
     * which answers it as it always has; any other media type does too.
     */
    @Override
    protected RequestParameterImpl validate(MediaType mediaType, String contentType, Buffer body,
                                            ValidationContext context) {
        CompiledSchemaValidator schema = mediaType == null || body == null ? null : compiledSchema(mediaType);
        if (schema == null) {
            return super.validate(mediaType, contentType, body, context);
        }
        JsonNode tree = oneJsonValue(body);
        if (tree == null) {
            return super.validate(mediaType, contentType, body, context);
        }
        OutputUnit result = schema.validate(tree);
        try {
            result.checkValidity();
        } catch (JsonSchemaValidationException e) {
            throw SchemaValidationException.createInvalidValueBody(result, context, e);
        }
        return new RequestParameterImpl(tree);
    }

    /**
     * The compiled schema that a JSON body of {@code mediaType} is checked against, or null when the library checks
     * such a body itself. Worked out once per media type of the contract (its objects live as long as it does, and
     * compare by identity): asking the schema whether it needs checking read its members on every request.
     */
    private CompiledSchemaValidator compiledSchema(MediaType mediaType) {
        return compiledSchemas.computeIfAbsent(mediaType, m -> Optional.ofNullable(
                JSON_MEDIA_TYPES.contains(m.getIdentifier()) && isSchemaValidationRequired(m)
                        && contract.getSchemaRepository().validator(m.getSchema()) instanceof CompiledSchemaValidator s
                        ? s : null)).orElse(null);
    }

    /** {@code body} as one JSON value, or null when it is not exactly one (left to the library to answer). */
    private static JsonNode oneJsonValue(Buffer body) {
        try (JsonParser parser = TREES.createParser(body.getBytes())) {
            if (parser.nextToken() == null) {
                return null;
            }
            JsonNode tree = TREES.readTree(parser);
            return parser.nextToken() == null ? tree : null;
        } catch (IOException e) {
            return null;
        }
    }
}
