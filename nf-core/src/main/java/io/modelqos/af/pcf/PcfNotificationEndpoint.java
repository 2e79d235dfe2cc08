package io.modelqos.af.pcf;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelqos.af.callback.NotificationIntake;
import io.modelqos.af.http.CallbackRoute;
import io.modelqos.af.http.ProblemWriter;
import io.modelqos.af.southbound.NetworkEvent;
import io.modelqos.openapi.n5.model.EventsNotification;
import io.modelqos.openapi.n5.model.TerminationInfo;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * The AF's end of the TS 29.514 callbacks, under the delivery's unguessable {@code notifUri}:
 * <ul>
 *   <li>{@code …/notify}: an EventsNotification, translated into the engine's events and taken by the
 *   {@link NotificationIntake} (204 once stored);</li>
 *   <li>{@code …/terminate}: a TerminationInfo. As TS 29.514 asks, the AF acknowledges it at once (204) and then
 *   deletes the app session, whose answer carries the final usage; the session's end is applied with that usage.</li>
 * </ul>
 * Either one names the session ({@code evSubsUri}, {@code resUri}): a create whose answer was lost learns its session
 * here, and a session that notifies a delivery that has ended is closed.
 */
final class PcfNotificationEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(PcfNotificationEndpoint.class);
    static final long MAX_BODY_BYTES = 256 * 1024;
    private static final String EVENTS_SUBSCRIPTION = "/events-subscription";

    private final NotificationIntake intake;
    private final PcfQosSessions sessions;
    private final LostAnswers lost;
    private final ObjectMapper json;
    private final Handler<RoutingContext> guard;

    PcfNotificationEndpoint(NotificationIntake intake, PcfQosSessions sessions, LostAnswers lost, ObjectMapper json,
                            Handler<RoutingContext> guard) {
        this.intake = intake;
        this.sessions = sessions;
        this.lost = lost;
        this.json = json;
        this.guard = guard;
    }

    void mount(Router router) {
        CallbackRoute.post(router, PcfCallbackAddress.PATH + ":callbackId/notify", guard, MAX_BODY_BYTES, this::notify);
        CallbackRoute.post(router, PcfCallbackAddress.PATH + ":callbackId/terminate", guard, MAX_BODY_BYTES,
                this::terminate);
    }

    private void notify(RoutingContext ctx) {
        String callbackId = ctx.pathParam("callbackId");
        EventsNotification n = read(ctx, EventsNotification.class, "EventsNotification");
        if (n == null) {
            return;
        }
        if (n.getEvSubsUri() == null || n.getEvSubsUri().isBlank()) {
            problem(ctx, 400, "evSubsUri is required", "/evSubsUri");
            return;
        }
        if (n.getEvNotifs() == null || n.getEvNotifs().isEmpty()) {
            problem(ctx, 400, "evNotifs must hold at least one event notification", "/evNotifs");
            return;
        }
        for (int i = 0; i < n.getEvNotifs().size(); i++) {
            if (n.getEvNotifs().get(i) == null || n.getEvNotifs().get(i).getEvent() == null) {
                problem(ctx, 400, "event is required", "/evNotifs/" + i + "/event");
                return;
            }
        }
        URI session = sessionOf(n.getEvSubsUri());
        lost.seen(callbackId, session);
        intake.take(ctx, callbackId, session == null ? null : session.toString(), PcfNetworkEvents.of(n),
                PcfNetworkEvents.names(n), ended -> sessions.closeUnowned(ended, session));
    }

    private void terminate(RoutingContext ctx) {
        String callbackId = ctx.pathParam("callbackId");
        TerminationInfo info = read(ctx, TerminationInfo.class, "TerminationInfo");
        if (info == null) {
            return;
        }
        if (info.getResUri() == null || info.getResUri().isBlank()) {
            problem(ctx, 400, "resUri is required", "/resUri");
            return;
        }
        if (info.getTermCause() == null) {
            problem(ctx, 400, "termCause is required", "/termCause");
            return;
        }
        URI session = uri(info.getResUri());
        if (session == null) {
            problem(ctx, 400, "resUri is not a URI", "/resUri");
            return;
        }
        lost.seen(callbackId, session);
        ctx.response().setStatusCode(204).end();
        LOG.info("PCF terminates session {} ({}); deleting it for its final usage", session, info.getTermCause());
        sessions.close(session.toString()).otherwise(e -> {
            LOG.warn("deleting terminated PCF session {} failed: {}", session, e.toString());
            return java.util.Optional.empty();
        }).compose(usage -> intake.apply(callbackId, session.toString(),
                List.of(new NetworkEvent.Terminated(usage.orElse(null))),
                List.of("TERMINATION:" + info.getTermCause()), null)).onFailure(e -> {
            if (!(e instanceof NotificationIntake.NotLive)) {
                LOG.warn("the end of PCF session {} could not be taken: {}", session, e.toString());
            }
        });
    }

    /** The app session an events-subscription URI belongs to. */
    static URI sessionOf(String evSubsUri) {
        String text = evSubsUri.endsWith(EVENTS_SUBSCRIPTION)
                ? evSubsUri.substring(0, evSubsUri.length() - EVENTS_SUBSCRIPTION.length()) : evSubsUri;
        return uri(text);
    }

    private static URI uri(String text) {
        try {
            URI uri = new URI(text);
            return uri.isAbsolute() ? uri : null;
        } catch (Exception e) {
            return null;
        }
    }

    private <T> T read(RoutingContext ctx, Class<T> type, String name) {
        try {
            byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
            T value = json.readValue(body, type);
            if (value == null) {
                problem(ctx, 400, "the body is not " + name + " JSON", "/");
            }
            return value;
        } catch (IOException e) {
            problem(ctx, 400, "the body is not " + name + " JSON", "/");
            return null;
        }
    }

    private static void problem(RoutingContext ctx, int status, String detail, String param) {
        ProblemWriter.write(ctx.response(), ProblemWriter.Body.of(status, "Bad request", detail).invalidParam(param, detail));
    }
}
