package io.modelqos.af.nef;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.modelqos.af.callback.NotificationIntake;
import io.modelqos.af.http.CallbackRoute;
import io.modelqos.af.http.ProblemWriter;
import io.modelqos.openapi.t8.model.UserPlaneEventReport;
import io.modelqos.openapi.t8.model.UserPlaneNotificationData;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;


/**
 * The AF's end of the AsSessionWithQoS notification callback (TS 29.122): the NEF POSTs
 * UserPlaneNotificationData to the delivery's unguessable {@code notificationDestination}. A body that is not
 * UserPlaneNotificationData gets 400 (TS 29.122 ProblemDetails); the reports are translated into the engine's
 * {@link io.modelqos.af.southbound.NetworkEvent}s here, and taken by the {@link NotificationIntake} (204 once stored,
 * 404 for an unknown or closed subscription): the engine never sees the T8 format.
 */
public final class NefNotificationEndpoint {
    /** A notification carries a few event reports; anything larger is not one. */
    static final long MAX_BODY_BYTES = 256 * 1024;

    private final NotificationIntake intake;
    /** Made once: {@code ObjectMapper.readValue(bytes, Class)} resolves the type again on each call. */
    private final ObjectReader notifications;
    /** Checks the NEF's client certificate or bearer token before the body is read; null = none configured. */
    private final Handler<RoutingContext> guard;

    public NefNotificationEndpoint(NotificationIntake intake, ObjectMapper t8Json, Handler<RoutingContext> guard) {
        this.intake = intake;
        this.notifications = t8Json.readerFor(UserPlaneNotificationData.class);
        this.guard = guard;
    }

    /** Mounts {@code POST /nef-callbacks/v1/:callbackId} on {@code router}. */
    public void mount(Router router) {
        CallbackRoute.post(router, NotificationAddress.PATH + ":callbackId", guard, MAX_BODY_BYTES, this::notify);
    }

    private void notify(RoutingContext ctx) {
        String callbackId = ctx.pathParam("callbackId");
        UserPlaneNotificationData data;
        try {
            data = notifications.readValue(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
        } catch (JsonProcessingException e) {
            problem(ctx, 400, "Bad request", "the body is not UserPlaneNotificationData JSON", "/");
            return;
        } catch (java.io.IOException e) {
            problem(ctx, 400, "Bad request", "the body cannot be read", "/");
            return;
        }
        if (data == null || data.getTransaction() == null) {
            problem(ctx, 400, "Bad request", "transaction is required", "/transaction");
            return;
        }
        if (data.getEventReports() == null || data.getEventReports().isEmpty()) {
            problem(ctx, 400, "Bad request", "eventReports must hold at least one report", "/eventReports");
            return;
        }
        for (int i = 0; i < data.getEventReports().size(); i++) {
            UserPlaneEventReport report = data.getEventReports().get(i);
            if (report == null || report.getEvent() == null) {
                problem(ctx, 400, "Bad request", "event is required", "/eventReports/" + i + "/event");
                return;
            }
        }
        intake.take(ctx, callbackId, data.getTransaction(), T8NetworkEvents.of(data),
                data.getEventReports().stream().map(report -> report.getEvent().toString()).toList(), null);
    }

    private void problem(RoutingContext ctx, int status, String title, String detail, String param) {
        ProblemWriter.Body body = ProblemWriter.Body.of(status, title, detail);
        ProblemWriter.write(ctx.response(), param == null ? body : body.invalidParam(param, detail));
    }
}
