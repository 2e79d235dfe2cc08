package io.modelqos.af.callback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.engine.ShardedEngine;
import io.modelqos.af.nef.NotificationAddress;
import io.modelqos.af.nef.T8NetworkEvents;
import io.modelqos.af.http.ProblemWriter;
import io.modelqos.af.observe.AfMetrics;
import io.modelqos.af.southbound.NetworkEvent;
import io.modelqos.openapi.t8.model.UserPlaneEventReport;
import io.modelqos.openapi.t8.model.UserPlaneNotificationData;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The AF's end of the AsSessionWithQoS notification callback (TS 29.122): the NEF POSTs
 * UserPlaneNotificationData to the delivery's unguessable {@code notificationDestination}. The AF answers 204
 * at once and applies the events afterwards; an unknown or closed subscription gets 404 and changes nothing;
 * a body that is not UserPlaneNotificationData gets 400 (TS 29.122 ProblemDetails). The reports are translated into
 * the engine's {@link NetworkEvent}s here: the engine never sees the T8 format.
 */
public final class NefNotificationEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(NefNotificationEndpoint.class);
    /** A notification carries a few event reports; anything larger is not one. */
    static final long MAX_BODY_BYTES = 256 * 1024;

    private final ShardedEngine engine;
    private final ObjectMapper t8Json;
    private final AfMetrics metrics;
    /** Checks the NEF's client certificate or bearer token before the body is read; null = none configured. */
    private final Handler<RoutingContext> guard;

    public NefNotificationEndpoint(ShardedEngine engine, ObjectMapper t8Json, AfMetrics metrics,
                                   Handler<RoutingContext> guard) {
        this.engine = engine;
        this.t8Json = t8Json;
        this.metrics = metrics;
        this.guard = guard;
    }

    /** Mounts {@code POST /nef-callbacks/v1/:callbackId} on {@code router}. */
    public void mount(Router router) {
        String path = NotificationAddress.PATH + ":callbackId";
        if (guard != null) {
            router.post(path).handler(guard);
        }
        router.post(path).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        router.post(path).handler(this::notify);
    }

    private void notify(RoutingContext ctx) {
        String callbackId = ctx.pathParam("callbackId");
        UserPlaneNotificationData data;
        try {
            data = t8Json.readValue(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes(),
                    UserPlaneNotificationData.class);
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
        List<NetworkEvent> events = T8NetworkEvents.of(data);
        // One look-up in the store finds the delivery and so its shard; its state is read there, where it changes.
        engine.byCallback(callbackId).onComplete(found -> {
            if (found.failed()) {
                LOG.warn("a notification could not be matched: {}", found.cause().toString());
                problem(ctx, 503, "Service unavailable", "the notification could not be taken; send it again", null);
            } else if (found.result().isEmpty()) {
                problem(ctx, 404, "Not found", "no live subscription for this notification URI", null);
            } else {
                take(ctx, data, events, found.result().get());
            }
        });
    }

    /** Takes the notification on the delivery's shard, where its state is read and changed. */
    private void take(RoutingContext ctx, UserPlaneNotificationData data, List<NetworkEvent> events, Delivery d) {
        ShardedEngine.Shard shard = engine.of(d.id());
        shard.context().runOnContext(v -> {
            if (!shard.engine().takesNotifications(d)) {
                problem(ctx, 404, "Not found", "no live subscription for this notification URI", null);
                return;
            }
            // Counted once taken for a live delivery, as before: not what a stray or stale notification carried.
            data.getEventReports().forEach(report -> metrics.notificationReceived(report.getEvent().toString()));
            if (d.nefSubscriptionText() != null && !d.nefSubscriptionText().equals(data.getTransaction())) {
                LOG.warn("delivery {}: notification names transaction {} but the subscription is {}", d.id(),
                        data.getTransaction(), d.nefSubscriptionText());
            }
            // Applied and stored, or durably relayed to the replica that owns the delivery, before the NEF gets its 204.
            Future<Void> taken;
            try {
                taken = shard.engine().networkEvents(d, events);
            } catch (RuntimeException e) {
                taken = Future.failedFuture(e);
            }
            taken.onComplete(ar -> {
                if (ar.succeeded()) {
                    ctx.response().setStatusCode(204).end();
                } else {
                    LOG.warn("delivery {}: a notification could not be taken: {}", d.id(), ar.cause().toString());
                    problem(ctx, 503, "Service unavailable", "the notification could not be taken; send it again", null);
                }
            });
        });
    }

    private void problem(RoutingContext ctx, int status, String title, String detail, String param) {
        ProblemWriter.Body body = ProblemWriter.Body.of(status, title, detail);
        ProblemWriter.write(ctx.response(), param == null ? body : body.invalidParam(param, detail));
    }
}
