package io.modelqos.af.callback;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.engine.ShardedEngine;
import io.modelqos.af.http.ProblemWriter;
import io.modelqos.af.observe.AfMetrics;
import io.modelqos.af.southbound.NetworkEvent;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Consumer;

/**
 * Where every southbound adapter's notification endpoint hands what the network said about a delivery, once it has read
 * the wire format into {@link NetworkEvent}s: the delivery is found by its callback id (the unguessable last segment of
 * the address the network notifies), the events are applied on its shard, and the network is answered 204 only once
 * they are stored or durably relayed (503 otherwise, so that it sends them again), 404 when no live delivery has that
 * callback id.
 */
public final class NotificationIntake {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationIntake.class);

    private final ShardedEngine engine;
    private final AfMetrics metrics;

    public NotificationIntake(ShardedEngine engine, AfMetrics metrics) {
        this.engine = engine;
        this.metrics = metrics;
    }

    /**
     * Takes one notification.
     *
     * @param claimedSession the session the notification says it is about (null: it does not say); a mismatch with the
     *                       delivery's session is logged, not refused (the callback id is what proves the delivery)
     * @param eventNames     the wire names of the notification's events, counted once it is taken for a live delivery
     * @param unmatched      told when no live delivery has this callback id, before the 404 (e.g. to find a session
     *                       whose create answer was lost); may be null
     */
    public void take(RoutingContext ctx, String callbackId, String claimedSession, List<NetworkEvent> events,
                     List<String> eventNames, Consumer<String> unmatched) {
        // One look-up in the store finds the delivery and so its shard; its state is read there, where it changes.
        engine.byCallback(callbackId).onComplete(found -> {
            if (found.failed()) {
                LOG.warn("a notification could not be matched: {}", found.cause().toString());
                problem(ctx, 503, "Service unavailable", "the notification could not be taken; send it again");
            } else if (found.result().isEmpty()) {
                notLive(ctx, callbackId, unmatched);
            } else {
                take(ctx, callbackId, claimedSession, events, eventNames, unmatched, found.result().get());
            }
        });
    }

    private void take(RoutingContext ctx, String callbackId, String claimedSession, List<NetworkEvent> events,
                      List<String> eventNames, Consumer<String> unmatched, Delivery d) {
        ShardedEngine.Shard shard = engine.of(d.id());
        shard.context().runOnContext(v -> {
            if (!shard.engine().takesNotifications(d)) {
                notLive(ctx, callbackId, unmatched);
                return;
            }
            // Counted once taken for a live delivery: not what a stray or stale notification carried.
            eventNames.forEach(metrics::notificationReceived);
            if (claimedSession != null && d.nefSubscriptionText() != null && !d.nefSubscriptionText().equals(claimedSession)) {
                LOG.warn("delivery {}: notification names session {} but the delivery's is {}", d.id(), claimedSession,
                        d.nefSubscriptionText());
            }
            // Applied and stored, or durably relayed to the replica that owns the delivery, before the network's 204.
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
                    problem(ctx, 503, "Service unavailable", "the notification could not be taken; send it again");
                }
            });
        });
    }

    private static void notLive(RoutingContext ctx, String callbackId, Consumer<String> unmatched) {
        if (unmatched != null) {
            unmatched.accept(callbackId);
        }
        problem(ctx, 404, "Not found", "no live session for this notification URI");
    }

    private static void problem(RoutingContext ctx, int status, String title, String detail) {
        ProblemWriter.write(ctx.response(), ProblemWriter.Body.of(status, title, detail));
    }
}
