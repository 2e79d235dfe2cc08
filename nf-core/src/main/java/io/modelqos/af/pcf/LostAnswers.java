package io.modelqos.af.pcf;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the app session a create made when its answer was lost. N5 has no list operation, but every session notifies
 * the {@code notifUri} the create gave it, and its notifications name it ({@code evSubsUri} is the session's
 * events-subscription resource, {@code resUri} the session itself): a create waits here, for a bounded time, for a
 * notification to its callback id to say which session it made.
 */
final class LostAnswers {
    private final Vertx vertx;
    private final Map<String, Promise<URI>> waiting = new ConcurrentHashMap<>();

    LostAnswers(Vertx vertx) {
        this.vertx = vertx;
    }

    /** The session a notification to {@code callbackId} names within {@code wait}; null when none came. */
    Future<URI> await(String callbackId, Duration wait) {
        Promise<URI> promise = Promise.promise();
        waiting.put(callbackId, promise);
        long timer = vertx.setTimer(Math.max(1, wait.toMillis()), id -> {
            if (waiting.remove(callbackId, promise)) {
                promise.tryComplete(null);
            }
        });
        return promise.future().onComplete(ar -> vertx.cancelTimer(timer));
    }

    /** A notification to {@code callbackId} named {@code session}. */
    void seen(String callbackId, URI session) {
        Promise<URI> promise = waiting.remove(callbackId);
        if (promise != null) {
            promise.tryComplete(session);
        }
    }
}
