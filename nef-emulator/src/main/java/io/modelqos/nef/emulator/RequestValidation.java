package io.modelqos.nef.emulator;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.RequestUtils;
import io.vertx.openapi.validation.ValidatableRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Route handlers that check a request against the contract of its API before the operation sees
 * it: media type (415), then the OpenAPI schema of the operation (400 via {@link ProblemHandler}).
 */
final class RequestValidation {

    static final String MERGE_PATCH_JSON = "application/merge-patch+json";

    private final ApiContract contract;

    RequestValidation(ApiContract contract) {
        this.contract = contract;
    }

    /** The operationId of {@code op} in the contract's API. */
    String operationId(io.modelqos.nef.emulator.Operation op) {
        return switch (contract.api()) {
            case T8 -> op.operationId();
            case PCF -> switch (op) {
                case CREATE -> "PostAppSessions";
                case READ -> "GetAppSession";
                case MODIFY -> "ModAppSession";
                case DELETE -> "DeleteAppSession";
                default -> throw new IllegalArgumentException("no N5 operation " + op);
            };
            case BSF -> "GetPCFBindings";
            case NRF_DISCOVERY -> "SearchNFInstances";
        };
    }

    /** Validates path, query and JSON body of {@code op}. */
    Handler<RoutingContext> validate(io.modelqos.nef.emulator.Operation op) {
        if (contract.api() == ApiContract.Api.BSF) {
            return ctx -> {
                checkJsonQuery(ctx, "snssai", false);
                run(ctx, op, null, null);
            };
        }
        if (contract.api() == ApiContract.Api.NRF_DISCOVERY) {
            return ctx -> {
                checkJsonQuery(ctx, "snssais", true);
                run(ctx, op, null, null);
            };
        }
        if (contract.api() == ApiContract.Api.PCF && op == io.modelqos.nef.emulator.Operation.DELETE) {
            // the body (EventsSubscReqData) is optional
            return ctx -> {
                Buffer body = ctx.body().buffer();
                if (body != null && body.length() > 0) {
                    requireMediaType(ctx, "application/json");
                    run(ctx, op, body, null);
                } else {
                    run(ctx, op, null, null);
                }
            };
        }
        return switch (op) {
            case CREATE, REPLACE -> ctx -> {
                requireMediaType(ctx, "application/json");
                run(ctx, op, ctx.body().buffer(), null);
            };
            case MODIFY -> ctx -> {
                requireMediaType(ctx, MERGE_PATCH_JSON);
                // RFC 7396: a null member removes the attribute, whatever its schema says; the rest
                // must match AsSessionWithQoSSubscriptionPatch.
                Buffer body = ctx.body().buffer();
                Buffer withoutNulls = body;
                try {
                    Object json = body == null ? null : Json.decodeValue(body);
                    if (json != null) {
                        withoutNulls = Json.encodeToBuffer(stripNulls(json));
                    }
                } catch (DecodeException e) {
                    // leave it to the validator, which reports the undecodable body
                }
                run(ctx, op, withoutNulls, "application/json");
            };
            case LIST -> ctx -> {
                checkIpAddrs(ctx);
                run(ctx, op, null, null);
            };
            default -> ctx -> run(ctx, op, null, null);
        };
    }

    private void run(RoutingContext ctx, io.modelqos.nef.emulator.Operation op, Buffer body, String contentTypeOverride) {
        String operationId = operationId(op);
        Operation operation = contract.contract().operation(operationId);
        RequestUtils.extract(ctx.request(), operation, () -> Future.succeededFuture(body))
                .map(req -> contentTypeOverride == null ? req : withContentType(req, contentTypeOverride))
                .compose(req -> contract.requestValidator().validate(req, operationId))
                .onSuccess(validated -> ctx.next())
                .onFailure(ctx::fail);
    }

    private static void requireMediaType(RoutingContext ctx, String expected) {
        String header = ctx.request().getHeader("Content-Type");
        String mediaType = header == null ? null : header.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!expected.equals(mediaType)) {
            throw ApiException.unsupportedMediaType("this operation takes " + expected
                    + (header == null ? ", no Content-Type was given" : ", not " + header));
        }
    }

    /** The {@code ip-addrs} query parameter: a JSON array (min 1) of TS 29.571 IpAddr. */
    private void checkIpAddrs(RoutingContext ctx) {
        List<String> values = ctx.queryParam("ip-addrs");
        if (values.isEmpty()) {
            return;
        }
        if (values.size() > 1) {
            throw ApiException.badRequest(ApiException.INVALID_QUERY_PARAM, "ip-addrs", "ip-addrs given more than once");
        }
        Object json;
        try {
            json = Json.decodeValue(values.get(0));
        } catch (DecodeException e) {
            throw ApiException.badRequest(ApiException.INVALID_QUERY_PARAM, "ip-addrs",
                    "ip-addrs must be a JSON array of IpAddr, e.g. [{\"ipv4Addr\":\"10.45.0.2\"}]");
        }
        if (!(json instanceof JsonArray array) || array.isEmpty()) {
            throw ApiException.badRequest(ApiException.INVALID_QUERY_PARAM, "ip-addrs",
                    "ip-addrs must be a non-empty JSON array of IpAddr");
        }
        for (int i = 0; i < array.size(); i++) {
            OutputUnit result = contract.ipAddrValidator().validate(array.getValue(i));
            if (!Boolean.TRUE.equals(result.getValid()) || !(array.getValue(i) instanceof JsonObject)) {
                throw ApiException.badRequest(ApiException.INVALID_QUERY_PARAM, "ip-addrs",
                        "element " + i + " of ip-addrs is not an IpAddr (exactly one of ipv4Addr, ipv6Addr, ipv6Prefix)");
            }
        }
    }

    /**
     * A query parameter whose value is JSON ({@code content: application/json} in the contract):
     * a TS 29.571 Snssai, or with {@code array} a non-empty JSON array of them.
     */
    private void checkJsonQuery(RoutingContext ctx, String name, boolean array) {
        List<String> values = ctx.queryParam(name);
        if (values.isEmpty()) {
            return;
        }
        if (values.size() > 1) {
            throw ApiException.badRequest(ApiException.INVALID_QUERY_PARAM, name, name + " given more than once");
        }
        String example = array ? "[{\"sst\":1,\"sd\":\"000001\"}]" : "{\"sst\":1,\"sd\":\"000001\"}";
        Object json;
        try {
            json = Json.decodeValue(values.get(0));
        } catch (DecodeException e) {
            throw ApiException.badRequest(ApiException.INVALID_QUERY_PARAM, name, name + " must be JSON, e.g. " + example);
        }
        List<Object> elements = new java.util.ArrayList<>();
        if (array) {
            if (!(json instanceof JsonArray a) || a.isEmpty()) {
                throw ApiException.badRequest(ApiException.INVALID_QUERY_PARAM, name, name + " must be a non-empty JSON array of Snssai");
            }
            a.forEach(elements::add);
        } else {
            elements.add(json);
        }
        for (Object element : elements) {
            OutputUnit result = contract.snssaiValidator().validate(element);
            if (!Boolean.TRUE.equals(result.getValid()) || !(element instanceof JsonObject)) {
                throw ApiException.badRequest(ApiException.INVALID_QUERY_PARAM, name,
                        name + " is not a Snssai (sst 0-255, sd six hex digits): " + Json.encode(element));
            }
        }
    }

    /** Drops null object members (merge-patch removals); arrays are values in RFC 7396 and stay as they are. */
    static Object stripNulls(Object json) {
        if (json instanceof JsonObject obj) {
            JsonObject out = new JsonObject();
            obj.forEach(e -> {
                if (e.getValue() != null) {
                    out.put(e.getKey(), stripNulls(e.getValue()));
                }
            });
            return out;
        }
        return json;
    }

    private static ValidatableRequest withContentType(ValidatableRequest req, String contentType) {
        return new ValidatableRequest() {
            @Override
            public String getContentType() {
                return contentType;
            }

            @Override
            public Map<String, RequestParameter> getCookies() {
                return req.getCookies();
            }

            @Override
            public Map<String, RequestParameter> getPathParameters() {
                return req.getPathParameters();
            }

            @Override
            public Map<String, RequestParameter> getQuery() {
                return req.getQuery();
            }

            @Override
            public Map<String, RequestParameter> getHeaders() {
                return req.getHeaders();
            }

            @Override
            public RequestParameter getBody() {
                return req.getBody();
            }
        };
    }
}
