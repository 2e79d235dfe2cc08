package io.modelqos.af.callback;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.engine.ShardedEngine;
import io.modelqos.af.http.ProblemWriter;
import io.modelqos.af.observe.AfMetrics;
import io.modelqos.af.southbound.NetworkEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
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
     * Takes one notification and answers it: 204 once taken, 404 when no live delivery has the callback id, 503 when
     * it could not be taken.
     *
     * @param claimedSession the session the notification says it is about (null: it does not say); a mismatch with the
     *                       delivery's session is logged, not refused (the callback id is what proves the delivery)
     * @param eventNames     the wire names of the notification's events, counted once it is taken for a live delivery
     * @param ended          told, before the 404, when the callback id is one this AF issued to a delivery that has
     *                       ended (e.g. to close a session the network made for it whose create answer was lost); not
     *                       for a callback id no record holds; may be null
     */
    public void take(RoutingContext ctx, String callbackId, String claimedSession, List<NetworkEvent> events,
                     List<String> eventNames, Consumer<String> ended) {
        apply(callbackId, claimedSession, events, eventNames, ended).onComplete(ar -> {
            if (ar.succeeded()) {
                ctx.response().setStatusCode(204).end();
            } else if (ar.cause() instanceof NotLive) {
                problem(ctx, 404, "Not found", "no live session for this notification URI");
            } else {
                problem(ctx, 503, "Service unavailable", "the notification could not be taken; send it again");
            }
        });
    }

    /**
     * Applies a notification the endpoint has already answered (e.g. a session's termination, acknowledged at once as
     * TS 29.514 asks): succeeds once its events are stored or relayed; fails with {@link NotLive} when no live delivery
     * has the callback id.
     */
    public Future<Void> apply(String callbackId, String claimedSession, List<NetworkEvent> events,
                              List<String> eventNames, Consumer<String> ended) {
        Promise<Void> taken = Promise.promise();
        // One look-up in the store finds the delivery and so its shard; its state is read there, where it changes.
        engine.byCallback(callbackId).onComplete(found -> {
            if (found.failed()) {
                LOG.warn("a notification could not be matched: {}", found.cause().toString());
                taken.fail(found.cause());
            } else if (found.result().isEmpty()) {
                taken.fail(new NotLive());
            } else {
                applyOnShard(callbackId, claimedSession, events, eventNames, ended, found.result().get(), taken);
            }
        });
        return taken.future();
    }

    private void applyOnShard(String callbackId, String claimedSession, List<NetworkEvent> events,
                              List<String> eventNames, Consumer<String> ended, Delivery d, Promise<Void> taken) {
        // On the shard's loop already (half the notifications, with two shards), it is applied at once, not queued.
        ShardedEngine.Shard shard = engine.of(d.id());
        shard.call(() -> applyHere(shard, callbackId, claimedSession, events, eventNames, ended, d))
                .onComplete(ar -> {
                    if (ar.failed() && !(ar.cause() instanceof NotLive)) {
                        LOG.warn("delivery {}: a notification could not be taken: {}", d.id(), ar.cause().toString());
                    }
                    taken.handle(ar);
                });
    }

    /** On the delivery's shard. */
    private Future<Void> applyHere(ShardedEngine.Shard shard, String callbackId, String claimedSession,
                                   List<NetworkEvent> events, List<String> eventNames, Consumer<String> ended, Delivery d) {
        if (!shard.engine().takesNotifications(d)) {
            if (ended != null) {
                ended.accept(callbackId);
            }
            return Future.failedFuture(new NotLive());
        }
        // Counted once taken for a live delivery: not what a stray or stale notification carried.
        eventNames.forEach(metrics::notificationReceived);
        if (claimedSession != null && d.nefSubscriptionText() != null && !d.nefSubscriptionText().equals(claimedSession)) {
            LOG.warn("delivery {}: notification names session {} but the delivery's is {}", d.id(), claimedSession,
                    d.nefSubscriptionText());
        }
        // Applied and stored, or durably relayed to the replica that owns the delivery, before the network's 204.
        return shard.engine().networkEvents(d, events);
    }

    private static void problem(RoutingContext ctx, int status, String title, String detail) {
        ProblemWriter.write(ctx.response(), ProblemWriter.Body.of(status, title, detail));
    }

    /** No live delivery has the notification's callback id. */
    public static final class NotLive extends RuntimeException {
        NotLive() {
            super("no live delivery has this callback id", null, false, false);
        }
    }
}
