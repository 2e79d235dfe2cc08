package io.modelqos.nef.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.openapi.T8Json;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The PCF's Npcf_PolicyAuthorization routes ({@code {apiRoot}/npcf-policyauthorization/v1}): each
 * operation is a chain of bearer check (scope {@value #SCOPE}), fault injection (the operations
 * create, read, modify, delete, as on the NEF face), contract validation and a handler that
 * parses, delegates to {@link AppSessionService} and writes the answer.
 */
final class PcfRoutes {

    /** The OAuth2 scope the PCF requires when OAuth2 is enabled. */
    static final String SCOPE = "npcf-policyauthorization";
    static final String SESSIONS = ApiContract.Api.PCF.basePath + "/app-sessions";
    private static final String SESSION = SESSIONS + "/:appSessionId";
    private static final long BODY_LIMIT = 1024 * 1024;

    private final AppSessionService service;
    private final RequestValidation validation;
    private final FaultInjector faults;
    private final TokenEndpoint tokens;
    private final boolean deleteReturnsReport;

    PcfRoutes(AppSessionService service, RequestValidation validation, FaultInjector faults, TokenEndpoint tokens,
              boolean deleteReturnsReport) {
        this.service = service;
        this.validation = validation;
        this.faults = faults;
        this.tokens = tokens;
        this.deleteReturnsReport = deleteReturnsReport;
    }

    void mount(Router router) {
        chain(router.post(SESSIONS), Operation.CREATE, this::create);
        chain(router.get(SESSION), Operation.READ, this::read);
        chain(router.patch(SESSION), Operation.MODIFY, this::modify);
        chain(router.post(SESSION + "/delete"), Operation.DELETE, this::delete);
    }

    private void chain(Route route, Operation op, Handler<RoutingContext> handler) {
        route.handler(BodyHandler.create().setBodyLimit(BODY_LIMIT))
                .handler(tokens.requireScope(SCOPE))
                .handler(faults.before(op))
                .handler(validation.validate(op))
                .handler(handler);
    }

    private void create(RoutingContext ctx) {
        AppSessionService.Created created = service.create(HttpJson.object(ctx.body().buffer()));
        if (dropAfterCommit(ctx, Operation.CREATE)) {
            return;
        }
        ctx.response().putHeader("Location", created.session().self);
        if (created.existing()) {
            ctx.response().setStatusCode(303).end();
        } else {
            HttpJson.json(ctx, 201, created.session().resource());
        }
    }

    private void read(RoutingContext ctx) {
        Session session = service.read(ctx.pathParam("appSessionId"));
        if (dropAfterCommit(ctx, Operation.READ)) {
            return;
        }
        HttpJson.json(ctx, 200, session.resource());
    }

    private void modify(RoutingContext ctx) {
        Session session = service.modify(ctx.pathParam("appSessionId"), HttpJson.object(ctx.body().buffer()));
        if (dropAfterCommit(ctx, Operation.MODIFY)) {
            return;
        }
        HttpJson.json(ctx, 200, session.resource());
    }

    private void delete(RoutingContext ctx) {
        Buffer body = ctx.body().buffer();
        AppSessionService.Deleted deleted = service.delete(ctx.pathParam("appSessionId"),
                body == null || body.length() == 0 ? null : HttpJson.object(body));
        if (dropAfterCommit(ctx, Operation.DELETE)) {
            return;
        }
        if (deleteReturnsReport && deleted.reportUsage()) {
            ObjectNode answer = T8Json.mapper().createObjectNode();
            answer.set("evsNotif", T8Json.mapper().valueToTree(PcfFace.finalReport(deleted.session(),
                    deleted.session().usage.accumulatedUsage(System.nanoTime()))));
            HttpJson.json(ctx, 200, answer);
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
}
