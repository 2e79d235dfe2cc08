package io.modelqos.nef.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.openapi.T8Json;
import io.vertx.core.Handler;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.List;

/**
 * The AsSessionWithQoS routes: each operation is a chain of bearer check, with CAPIF the invoker's
 * certificate check ({@link InvokerCertificateCheck}), fault injection, contract validation and a
 * handler that parses, delegates to {@link SubscriptionService} and writes the answer.
 */
final class EmulatorRoutes {

    private static final String SUBSCRIPTIONS = ApiContract.BASE_PATH + "/:scsAsId/subscriptions";
    private static final String SUBSCRIPTION = SUBSCRIPTIONS + "/:subscriptionId";
    private static final long BODY_LIMIT = 1024 * 1024;

    private final SubscriptionService service;
    private final RequestValidation validation;
    private final FaultInjector faults;
    private final TokenEndpoint tokens;
    private final Handler<RoutingContext> invokerCertificate;
    private final boolean deleteReturnsReport;

    /** @param invokerCertificate the CAPIF invoker's certificate check; null without CAPIF */
    EmulatorRoutes(SubscriptionService service, RequestValidation validation, FaultInjector faults,
                   TokenEndpoint tokens, Handler<RoutingContext> invokerCertificate, boolean deleteReturnsReport) {
        this.service = service;
        this.validation = validation;
        this.faults = faults;
        this.tokens = tokens;
        this.invokerCertificate = invokerCertificate;
        this.deleteReturnsReport = deleteReturnsReport;
    }

    void mount(Router router) {
        chain(router.post(SUBSCRIPTIONS), Operation.CREATE, this::create);
        chain(router.get(SUBSCRIPTIONS), Operation.LIST, this::list);
        chain(router.get(SUBSCRIPTION), Operation.READ, this::read);
        chain(router.put(SUBSCRIPTION), Operation.REPLACE, this::replace);
        chain(router.patch(SUBSCRIPTION), Operation.MODIFY, this::modify);
        chain(router.delete(SUBSCRIPTION), Operation.DELETE, this::delete);
    }

    private void chain(Route route, Operation op, Handler<RoutingContext> handler) {
        route.handler(BodyHandler.create().setBodyLimit(BODY_LIMIT)).handler(tokens.requireBearer());
        if (invokerCertificate != null) {
            route.handler(invokerCertificate); // only with CAPIF: the yardstick's chain stays as it was without it
        }
        route.handler(faults.before(op))
                .handler(validation.validate(op))
                .handler(handler);
    }

    private void create(RoutingContext ctx) {
        Session sub = service.create(scsAsId(ctx), HttpJson.object(ctx.body().buffer()));
        if (dropAfterCommit(ctx, Operation.CREATE)) {
            return;
        }
        ctx.response().putHeader("Location", sub.self);
        HttpJson.json(ctx, 201, sub.resource());
    }

    private void list(RoutingContext ctx) {
        String ipAddrs = ctx.request().getParam("ip-addrs");
        ListFilter filter = ListFilter.of(ipAddrs == null ? null : (JsonArray) Json.decodeValue(ipAddrs),
                ctx.request().getParam("ip-domain"), ctx.queryParam("mac-addrs"));
        List<ObjectNode> out = service.list(scsAsId(ctx), filter).stream().map(Session::resource).toList();
        if (dropAfterCommit(ctx, Operation.LIST)) {
            return;
        }
        HttpJson.jsonArray(ctx, out);
    }

    private void read(RoutingContext ctx) {
        Session sub = service.read(scsAsId(ctx), subscriptionId(ctx));
        if (dropAfterCommit(ctx, Operation.READ)) {
            return;
        }
        HttpJson.json(ctx, 200, sub.resource());
    }

    private void replace(RoutingContext ctx) {
        Session sub = service.replace(scsAsId(ctx), subscriptionId(ctx), HttpJson.object(ctx.body().buffer()));
        if (dropAfterCommit(ctx, Operation.REPLACE)) {
            return;
        }
        HttpJson.json(ctx, 200, sub.resource());
    }

    private void modify(RoutingContext ctx) {
        Session sub = service.modify(scsAsId(ctx), subscriptionId(ctx), HttpJson.object(ctx.body().buffer()));
        if (dropAfterCommit(ctx, Operation.MODIFY)) {
            return;
        }
        HttpJson.json(ctx, 200, sub.resource());
    }

    private void delete(RoutingContext ctx) {
        var report = service.delete(scsAsId(ctx), subscriptionId(ctx));
        if (dropAfterCommit(ctx, Operation.DELETE)) {
            return;
        }
        if (deleteReturnsReport) {
            HttpJson.json(ctx, 200, T8Json.mapper().valueToTree(report));
        } else {
            ctx.response().setStatusCode(204).end();
        }
    }

    private boolean dropAfterCommit(RoutingContext ctx, Operation op) {
        if (faults.dropAfterCommit(op)) {
            ctx.request().connection().close();
            return true;
        }
        return false;
    }

    private static String scsAsId(RoutingContext ctx) {
        return ctx.pathParam("scsAsId");
    }

    private static String subscriptionId(RoutingContext ctx) {
        return ctx.pathParam("subscriptionId");
    }
}
