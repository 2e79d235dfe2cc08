package io.modelqos.af.capif;

import io.modelqos.af.http.CallbackRoute;
import io.modelqos.af.http.ProblemWriter;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where CAPIF notifies the AF as an API invoker: the {@code notificationDestination} of its onboarding (TS 29.222
 * OnboardingNotification, the outcome of an onboarding or update) and of its trust (SecurityNotification: CAPIF
 * revoked the invoker's authorisation for an API). A revocation drops the cached NEF token, so that the next NEF call
 * asks CAPIF again, which re-onboards once if the onboarding is gone too (see {@link CapifConnection}); nothing else is
 * acted on, so a forged notification costs at most one token request. Anything else is a 400 problem+json.
 */
final class CapifNotificationEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(CapifNotificationEndpoint.class);
    private static final long MAX_BODY_BYTES = 64 * 1024;

    private final CapifConnection connection;

    CapifNotificationEndpoint(CapifConnection connection) {
        this.connection = connection;
    }

    /** Mounts {@code POST} {@value CapifSouthbound#NOTIFICATIONS_PATH} on {@code router}. */
    void mount(Router router) {
        CallbackRoute.post(router, CapifSouthbound.NOTIFICATIONS_PATH, null, MAX_BODY_BYTES, this::notify);
    }

    private void notify(RoutingContext ctx) {
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            body = null;
        }
        if (body == null) {
            problem(ctx, "/", "the body is not a JSON object");
            return;
        }
        if (body.containsKey("apiInvokerId") && body.containsKey("cause")) {
            securityNotification(ctx, body);
        } else if (body.containsKey("result")) {
            onboardingNotification(ctx, body);
        } else {
            problem(ctx, "/", "neither a SecurityNotification (apiInvokerId, cause) nor an OnboardingNotification (result)");
        }
    }

    private void securityNotification(RoutingContext ctx, JsonObject body) {
        if (!(body.getValue("apiInvokerId") instanceof String invoker) || invoker.isBlank()) {
            problem(ctx, "/apiInvokerId", "a string is required");
            return;
        }
        if (!(body.getValue("cause") instanceof String cause)) {
            problem(ctx, "/cause", "a string is required");
            return;
        }
        String mine = connection.credentials() == null ? null : connection.credentials().apiInvokerId();
        if (!invoker.equals(mine)) {
            LOG.warn("CAPIF notified a revocation for API invoker {}, not this AF's ({}); ignored", invoker, mine);
        } else {
            LOG.warn("CAPIF revoked API invoker {}'s authorisation (cause {}, aefId {}, apiIds {}); the NEF token is"
                    + " dropped and asked for again at the next NEF call", invoker, cause, body.getValue("aefId"),
                    body.getValue("apiIds"));
            connection.tokens().forget();
        }
        ctx.response().setStatusCode(204).end();
    }

    private void onboardingNotification(RoutingContext ctx, JsonObject body) {
        if (!(body.getValue("result") instanceof Boolean result)) {
            problem(ctx, "/result", "a boolean is required");
            return;
        }
        LOG.info("CAPIF notified the outcome of an onboarding: result {}, resource {}", result,
                body.getValue("resourceLocation"));
        ctx.response().setStatusCode(204).end();
    }

    private static void problem(RoutingContext ctx, String param, String reason) {
        ProblemWriter.write(ctx.response(), ProblemWriter.Body.of(400, "Bad request", reason).invalidParam(param, reason));
    }
}
