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
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.ValidatorException;
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
 * ({@link #validateParameter}, {@link #validateBody}); only the thread differs.
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
}
