package io.modelqos.af.northbound;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
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
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.RequestValidatorImpl;
import io.vertx.openapi.validation.impl.ValidatedRequestImpl;

import java.util.HashMap;
import java.util.Map;

/**
 * vertx-openapi's request validation, run on the event loop that read the request. vertx-openapi 5.0.7's validator
 * hands every request to a worker thread and back ({@code executeBlocking}, in order per context), as interpreting a
 * schema could take long. With the contract's schemas compiled ({@link CompiledSchemaValidator}: about 10 us for a
 * create body) the two hand-offs cost more than the check, and, in order per context, they made one worker at a time
 * the path of every request a loop read. The checks, their results and their exceptions are the library's
 * ({@link #validateParameter}, {@link #validateBody}); only the thread differs, and a string parameter is taken as it
 * is (see {@link #validateParameter}).
 */
final class LoopRequestValidator extends RequestValidatorImpl {
    private final OpenAPIContract contract;
    private final RequestExtractor extractor;

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
}
