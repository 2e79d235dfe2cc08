package io.modelqos.nef.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.openapi.T8Json;
import io.modelqos.openapi.capif.model.APIInvokerEnrolmentDetails;
import io.modelqos.openapi.capif.model.SecurityNotification;
import io.modelqos.openapi.capif.model.ServiceSecurity;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The CAPIF core function's HTTP face under {@code {apiRoot}/capif} (TS 29.222):
 * <ul>
 *   <li>{@code POST api-invoker-management/v1/onboardedInvokers} (needs
 *       {@code Authorization: Bearer <onboarding token>}), {@code PUT} and {@code DELETE
 *       .../onboardedInvokers/{onboardingId}};</li>
 *   <li>{@code GET service-apis/v1/allServiceAPIs};</li>
 *   <li>{@code PUT}/{@code DELETE capif-security/v1/trustedInvokers/{apiInvokerId}}, {@code POST
 *       .../trustedInvokers/{apiInvokerId}/delete}, {@code POST
 *       capif-security/v1/securities/{securityId}/token}.</li>
 * </ul>
 * A real CAPIF core function authenticates the calls after onboarding by the invoker's
 * certificate (mutual TLS); the emulator identifies the invoker by the id in the path or query, over
 * plain HTTP and over TLS alike (with {@code tls} the certificate is checked by the NEF only, see
 * {@link InvokerCertificateCheck}). Bodies are read into the generated CAPIF models and checked by
 * {@link CapifCore}; failures are problem+json naming the attribute.
 */
final class CapifRoutes {

    /** Where the CAPIF APIs sit under the emulator's apiRoot. */
    static final String ROOT = "/capif";
    static final String INVOKERS = ROOT + "/api-invoker-management/v1/onboardedInvokers";
    static final String DISCOVERY = ROOT + "/service-apis/v1/allServiceAPIs";
    static final String TRUSTED = ROOT + "/capif-security/v1/trustedInvokers";
    static final String SECURITIES = ROOT + "/capif-security/v1/securities";
    private static final long BODY_LIMIT = 256 * 1024;

    private final CapifCore core;
    private final Supplier<String> apiRoot;

    CapifRoutes(CapifCore core, Supplier<String> apiRoot) {
        this.core = core;
        this.apiRoot = apiRoot;
    }

    void mount(Router router) {
        BodyHandler body = BodyHandler.create().setBodyLimit(BODY_LIMIT);
        router.post(INVOKERS).handler(body).handler(this::onboard);
        router.put(INVOKERS + "/:onboardingId").handler(body).handler(this::update);
        router.delete(INVOKERS + "/:onboardingId").handler(ctx -> {
            core.offboard(ctx.pathParam("onboardingId"));
            ctx.response().setStatusCode(204).end();
        });
        router.get(DISCOVERY).handler(this::discover);
        router.put(TRUSTED + "/:apiInvokerId").handler(body).handler(this::trust);
        router.delete(TRUSTED + "/:apiInvokerId").handler(ctx -> {
            core.untrust(ctx.pathParam("apiInvokerId"));
            ctx.response().setStatusCode(204).end();
        });
        router.post(TRUSTED + "/:apiInvokerId/delete").handler(body).handler(ctx -> {
            core.revokeAuthorization(ctx.pathParam("apiInvokerId"), read(ctx, SecurityNotification.class));
            ctx.response().setStatusCode(204).end();
        });
        router.post(SECURITIES + "/:securityId/token").handler(body).handler(this::token);
    }

    private void onboard(RoutingContext ctx) {
        String authorization = ctx.request().getHeader("Authorization");
        String presented = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
        if (!core.isOnboardingToken(presented)) {
            throw ApiException.unauthorized(presented == null
                    ? "onboarding needs the onboarding token as Authorization: Bearer <token>"
                    : "the onboarding token is not accepted here").header("WWW-Authenticate", presented == null
                    ? "Bearer realm=\"capif\"" : "Bearer realm=\"capif\", error=\"invalid_token\"");
        }
        APIInvokerEnrolmentDetails onboarded = core.onboard(read(ctx, APIInvokerEnrolmentDetails.class));
        ctx.response().putHeader("Location", apiRoot.get() + INVOKERS + "/" + onboarded.getApiInvokerId());
        HttpJson.json(ctx, 201, onboarded);
    }

    private void update(RoutingContext ctx) {
        HttpJson.json(ctx, 200, core.update(ctx.pathParam("onboardingId"), read(ctx, APIInvokerEnrolmentDetails.class)));
    }

    private void discover(RoutingContext ctx) {
        String invoker = ctx.request().getParam("api-invoker-id");
        if (invoker == null || invoker.isEmpty()) {
            throw ApiException.badRequest(ApiException.INVALID_QUERY_PARAM, "api-invoker-id", "the query parameter api-invoker-id is required");
        }
        HttpJson.json(ctx, 200, core.discover(new CapifCore.DiscoveryQuery(invoker, ctx.request().getParam("api-name"),
                ctx.request().getParam("api-version"), ctx.request().getParam("comm-type"), ctx.request().getParam("protocol"),
                ctx.request().getParam("aef-id"), ctx.request().getParam("data-format"), ctx.request().getParam("api-cat"))));
    }

    private void trust(RoutingContext ctx) {
        String invoker = ctx.pathParam("apiInvokerId");
        ServiceSecurity answer = core.trust(invoker, read(ctx, ServiceSecurity.class));
        // TS 29.222 defines only 201 for this PUT, also when it replaces a context.
        ctx.response().putHeader("Location", apiRoot.get() + TRUSTED + "/" + invoker);
        HttpJson.json(ctx, 201, answer);
    }

    private void token(RoutingContext ctx) {
        ctx.response().putHeader("Cache-Control", "no-store").putHeader("Pragma", "no-cache");
        String contentType = ctx.request().getHeader("Content-Type");
        CapifCore.TokenResult result;
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            result = CapifCore.TokenResult.error(400, io.modelqos.openapi.capif.model.AccessTokenErr.ErrorEnum.INVALID_REQUEST,
                    "the body must be application/x-www-form-urlencoded");
        } else {
            result = core.issueToken(ctx.pathParam("securityId"), ctx.request().getFormAttribute("grant_type"),
                    ctx.request().getFormAttribute("client_id"), ctx.request().getFormAttribute("scope"));
        }
        if (result.token() != null) {
            HttpJson.json(ctx, 200, result.token());
        } else {
            HttpJson.json(ctx, result.status(), result.error());
        }
    }

    /** The body as a CAPIF model; 400 naming the attribute that does not fit. */
    private static <T> T read(RoutingContext ctx, Class<T> type) {
        String contentType = ctx.request().getHeader("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw ApiException.unsupportedMediaType("the body must be application/json");
        }
        ObjectNode json = HttpJson.object(ctx.body().buffer());
        try {
            return T8Json.mapper().treeToValue(json, type);
        } catch (JsonMappingException e) {
            String pointer = "/" + String.join("/", e.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : Integer.toString(ref.getIndex())).toList());
            throw ApiException.badRequest(ApiException.INVALID_MSG_FORMAT, pointer, e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(ApiException.INVALID_MSG_FORMAT, "not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), List.of());
        }
    }

}
