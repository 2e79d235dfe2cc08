package io.modelqos.af.northbound;

import io.modelqos.af.security.TenantResolver;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryRequest;
import io.modelqos.af.engine.DeliveryEngine;
import io.modelqos.af.engine.ShardedEngine;
import io.modelqos.af.json.JsonBytes;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.problem.AfProblem;
import io.modelqos.af.problem.BestOffer;
import io.modelqos.af.qos.NothingFits;
import io.modelqos.af.qos.PlanOutcome;
import io.modelqos.af.qos.PlannedQos;
import io.modelqos.af.qos.QosMode;
import io.modelqos.af.qos.QosPlan;
import io.modelqos.qos.SupportedFeatures;
import io.modelqos.af.sizing.InvalidPlanInputException;
import io.modelqos.af.store.DeliveryStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.ValidatedRequest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The AF's northbound model-delivery API, routed and validated from its contract
 * ({@code openapi/model-delivery.yaml}): each handler parses the validated request, hands it to the
 * {@link DeliveryEngine} and writes the answer. Failures go through the {@link ProblemResponder}.
 */
public final class NorthboundApi {
    public static final String BASE_PATH = "/model-delivery/v1";
    public static final String CONTRACT = "openapi/model-delivery.yaml";
    /** Request bodies above this are refused with 413; 16 variants fit in a few KiB. */
    public static final long MAX_BODY_BYTES = 64 * 1024;

    private final Vertx vertx;
    private final ShardedEngine engine;
    private final ProblemResponder problems;
    private final EventStreamHandler events;
    private final TenantResolver tenants;
    private final ObjectMapper canonical;
    /** Writes answers as {@link JsonNode#toString()} does (Jackson's defaults). */
    private static final com.fasterxml.jackson.databind.ObjectWriter ANSWERS = new ObjectMapper().writer();

    public NorthboundApi(Vertx vertx, ShardedEngine engine, ProblemResponder problems,
                         EventStreamHandler events, TenantResolver tenants, ObjectMapper mapper) {
        this.vertx = vertx;
        this.engine = engine;
        this.problems = problems;
        this.events = events;
        this.tenants = tenants;
        this.canonical = mapper;
    }

    /** Builds the router for the API; mount it at {@link #BASE_PATH}. */
    public Future<Router> router() {
        return RouterContract.load(vertx, CONTRACT).map(contract -> {
            RequestExtractor extractor = RequestExtractor.withBodyHandler();
            RouterBuilder builder = RouterBuilder.create(vertx, contract, extractor);
            LoopRequestValidator validator = new LoopRequestValidator(vertx, contract, extractor);
            builder.rootHandler(io.modelqos.af.security.InvalidRequests.JSON_BODIES_ONLY);
            builder.rootHandler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
            builder.rootHandler(io.modelqos.af.security.InvalidRequests.UTF8_JSON_ONLY);
            builder.rootHandler(this::authenticate);
            route(builder, validator, "createDelivery", this::createDelivery);
            route(builder, validator, "listDeliveries", this::listDeliveries);
            route(builder, validator, "getDelivery", this::getDelivery);
            route(builder, validator, "cancelDelivery", this::cancelDelivery);
            route(builder, validator, "reportProgress", this::reportProgress);
            route(builder, validator, "streamDeliveryEvents", this::streamEvents);
            route(builder, validator, "planDelivery", this::planDelivery);
            Router router = builder.createRouter();
            // Root handlers (body limit, authentication) also fail requests no operation matches: answer those too.
            router.route().failureHandler(problems::handle);
            router.route().last().handler(ctx -> problems.send(ctx, AfProblem.notFound("no such resource")));
            return router;
        });
    }

    private void route(RouterBuilder builder, LoopRequestValidator validator, String operationId,
                       io.vertx.core.Handler<RoutingContext> handler) {
        OpenAPIRoute route = builder.getRoute(operationId);
        route.setDoSecurity(false);
        route.setDoValidation(false).addHandler(validator.handler(route.getOperation())); // validated on the loop
        route.addHandler(handler);
        route.addFailureHandler(problems::handle);
    }

    private void authenticate(RoutingContext ctx) {
        tenants.resolve(ctx).onComplete(ar -> {
            if (ar.succeeded()) {
                ctx.put(TenantResolver.TENANT_KEY, ar.result());
                ctx.next();
            } else {
                ctx.fail(ar.cause());
            }
        });
    }

    // ---------------------------------------------------------------- handlers

    private void createDelivery(RoutingContext ctx) {
        ValidatedRequest request = validated(ctx);
        JsonNode body = body(request);
        DeliveryRequest delivery = RequestBodies.delivery(body);
        String key = headerValue(request, "Idempotency-Key");
        String fingerprint = key == null ? null : fingerprint(body); // only a repeat with the key compares it
        engine.forCreate(tenant(ctx), key).onFailure(ctx::fail).onSuccess(route ->
                onShard(ctx, route.shard(), e -> answered(e, () -> e.create(tenant(ctx), delivery, key, fingerprint), route), d -> {
                    ctx.response().setStatusCode(201)
                            .putHeader("Location", BASE_PATH + "/deliveries/" + d.id());
                    writeDelivery(ctx, d);
                }));
    }

    /**
     * Runs a create that lets its key go ({@link ShardedEngine#forCreate}) once it completes and what it wrote is
     * stored (a repeat from then on finds the key in the store, PostgreSQL's included), or when it fails to start.
     */
    private static <T> Future<T> answered(DeliveryEngine engine, java.util.function.Supplier<Future<T>> create,
                                          ShardedEngine.CreateRoute route) {
        Future<T> created;
        try {
            created = create.get();
        } catch (RuntimeException e) {
            route.answered().run();
            throw e;
        }
        return created.onComplete(done -> engine.stored().onComplete(stored -> route.answered().run()));
    }

    private void listDeliveries(RoutingContext ctx) {
        ValidatedRequest request = validated(ctx);
        String ue = queryValue(request, "ue");
        String state = queryValue(request, "state");
        String pageSize = queryValue(request, "pageSize");
        String pageToken = queryValue(request, "pageToken");
        onShard(ctx, engine.first(), e -> e.list(tenant(ctx), ue, state == null ? null : DeliveryState.valueOf(state),
                pageSize == null ? 50 : Integer.parseInt(pageSize), pageToken), page -> writeJson(ctx, pageJson(page)));
    }

    private void getDelivery(RoutingContext ctx) {
        String id = deliveryId(ctx);
        onShard(ctx, engine.of(id), e -> e.get(tenant(ctx), id), d -> writeDelivery(ctx, d));
    }

    private void cancelDelivery(RoutingContext ctx) {
        String id = deliveryId(ctx);
        onShard(ctx, engine.of(id), e -> e.cancel(tenant(ctx), id), d -> writeDelivery(ctx, d));
    }

    private void reportProgress(RoutingContext ctx) {
        String id = deliveryId(ctx);
        JsonNode body = body(validated(ctx));
        long bytes = body.get("bytes").longValue();
        long elapsedMs = body.get("elapsedMs").longValue();
        boolean complete = body.path("complete").booleanValue();
        onShard(ctx, engine.of(id), e -> e.progress(tenant(ctx), id, bytes, elapsedMs, complete), d -> writeDelivery(ctx, d));
    }

    private void streamEvents(RoutingContext ctx) {
        String id = deliveryId(ctx);
        onShard(ctx, engine.of(id), e -> e.get(tenant(ctx), id), d -> events.stream(ctx, d.tenant(), d.id()));
    }

    private void planDelivery(RoutingContext ctx) {
        JsonNode body = body(validated(ctx));
        DeliveryRequest request = RequestBodies.plan(body);
        String features = RequestBodies.text(body, "nefSupportedFeatures");
        PlanOutcome outcome;
        try {
            outcome = engine.first().engine().plan(request, features == null ? null : SupportedFeatures.parse(features));
        } catch (InvalidPlanInputException e) {
            throw AfProblem.invalid(pointer(e.field()), e.getMessage());
        }
        if (outcome instanceof NothingFits nothing) {
            throw AfProblem.unprocessable(nothing.reason(), new BestOffer(
                    nothing.bestOfferDl() == null ? null : nothing.bestOfferDl().toString(), null,
                    nothing.budgetNeededAtOffer() == null ? null : nothing.budgetNeededAtOffer().toMillis()));
        }
        writeJson(ctx, planJson((QosPlan) outcome));
    }

    // ---------------------------------------------------------------- mapping

    private ObjectNode pageJson(DeliveryStore.Page page) {
        ObjectNode json = canonical.createObjectNode();
        ArrayNode items = json.putArray("items");
        for (Delivery d : page.items()) {
            items.add(engine.first().engine().json().delivery(d, engine.first().engine().now()));
        }
        if (page.nextPageToken() != null) {
            json.put("nextPageToken", page.nextPageToken());
        }
        return json;
    }

    private ObjectNode planJson(QosPlan plan) {
        ObjectNode json = canonical.createObjectNode();
        json.set("primary", optionJson(plan, plan.primary()));
        ArrayNode alternatives = json.putArray("alternatives");
        for (PlannedQos alternative : plan.alternatives()) {
            alternatives.add(optionJson(plan, alternative));
        }
        json.put("averagingWindowMs", plan.averagingWindowMs());
        json.put("usageThresholdBytes", plan.usageThreshold().totalVolume());
        json.put("qosDurationS", plan.qosDurationSeconds());
        json.put("startWindowMs", plan.startWindow().toMillis());
        json.put("rateReportPeriodS", plan.rateReportPeriod().toSeconds());
        json.put("transportOverhead", plan.primary().sizing().overhead().factor().doubleValue());
        json.put("effectiveBudgetMs", plan.primary().sizing().transferWindow().toMillis());
        return json;
    }

    private ObjectNode optionJson(QosPlan plan, PlannedQos qos) {
        ObjectNode json = canonical.createObjectNode();
        json.put("variantId", qos.variant().id());
        json.put("payloadRate", qos.sizing().payloadRate().toString());
        json.put("gbrDl", qos.gbrDl().toString());
        json.put(plan.mode() == QosMode.QOS_REFERENCE ? "qosReference" : "altQosParamSetRef", qos.ref());
        json.put("pdbMs", qos.pdbMs());
        json.put("per", qos.per().toString());
        double bps = qos.gbrDl().bitsPerSecond().doubleValue();
        json.put("expectedTransferMs", (long) Math.ceil(qos.sizing().wireBytesDl() * 8000.0 / bps));
        return json;
    }

    // ---------------------------------------------------------------- plumbing

    /**
     * Runs {@code action} on the context of the shard that owns the delivery (deliveries are confined to it, even when
     * an integrator mounts these routes on a router served by other event loops), then answers from there.
     */
    private <T> void onShard(RoutingContext ctx, ShardedEngine.Shard shard,
                             java.util.function.Function<DeliveryEngine, Future<T>> action,
                             java.util.function.Consumer<T> answer) {
        Runnable run = () -> {
            Future<T> result;
            try {
                result = action.apply(shard.engine());
            } catch (RuntimeException e) {
                ctx.fail(e);
                return;
            }
            // The answer leaves once what the request wrote is stored (an acknowledged create survives a crash).
            result.onComplete(ar -> shard.engine().stored().onComplete(stored -> {
                if (stored.failed()) {
                    ctx.fail(stored.cause());
                    return;
                }
                if (ar.failed()) {
                    ctx.fail(ar.cause());
                    return;
                }
                try {
                    answer.accept(ar.result());
                } catch (RuntimeException e) {
                    ctx.fail(e);
                }
            }));
        };
        if (Vertx.currentContext() == shard.context()) {
            run.run();
        } else {
            shard.context().runOnContext(v -> run.run());
        }
    }

    private void writeDelivery(RoutingContext ctx, io.modelqos.af.delivery.Delivery d) {
        DeliveryEngine e = engine.of(d.id()).engine();
        byte[] body = JsonBytes.of(ANSWERS.getFactory(), 1024, g -> e.json().write(g, d, e.now()));
        ctx.response().putHeader("Content-Type", "application/json").end(io.vertx.core.buffer.Buffer.buffer(body));
    }

    private void writeJson(RoutingContext ctx, JsonNode json) {
        byte[] body;
        try {
            body = ANSWERS.writeValueAsBytes(json); // UTF-8 straight away: toString() made a String to encode again
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
        ctx.response().putHeader("Content-Type", "application/json").end(io.vertx.core.buffer.Buffer.buffer(body));
    }

    private static ValidatedRequest validated(RoutingContext ctx) {
        return ctx.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    }

    /** The validated body as Jackson's tree ({@link LoopRequestValidator} hands a JSON body over as one). */
    private static JsonNode body(ValidatedRequest request) {
        return CompiledSchemaValidator.node(request.getBody().get());
    }

    private static String tenant(RoutingContext ctx) {
        return ctx.get(TenantResolver.TENANT_KEY);
    }

    private static String deliveryId(RoutingContext ctx) {
        return validated(ctx).getPathParameters().get("deliveryId").getString();
    }

    private static String queryValue(ValidatedRequest request, String name) {
        var p = request.getQuery().get(name);
        return p == null || p.isNull() ? null : String.valueOf(p.get());
    }

    private static String headerValue(ValidatedRequest request, String name) {
        for (var e : request.getHeaders().entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isNull()) {
                return e.getValue().getString();
            }
        }
        return null;
    }

    /** SHA-256 of the body with its keys sorted: the same request in another key order is the same request. */
    private String fingerprint(JsonNode body) {
        try {
            byte[] canonicalBytes = canonical.writeValueAsBytes(sorted(body));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonicalBytes));
        } catch (java.io.IOException | NoSuchAlgorithmException e) {
            throw AfProblem.internal("cannot fingerprint the request", e);
        }
    }

    /** The same JSON with every object's members in key order (Jackson sorts maps, not trees). */
    private JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = canonical.createObjectNode();
            java.util.List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            java.util.Collections.sort(names);
            for (String name : names) {
                out.set(name, sorted(node.get(name)));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = canonical.createArrayNode();
            node.forEach(item -> out.add(sorted(item)));
            return out;
        }
        return node;
    }

    private static String pointer(String field) {
        String p = "/" + field.replace("[", "/").replace("]", "").replace(".", "/");
        return p.startsWith("/variants") ? "/model" + p : p.toLowerCase(Locale.ROOT).equals("/latencybudget")
                ? "/latencyBudgetMs" : p;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
