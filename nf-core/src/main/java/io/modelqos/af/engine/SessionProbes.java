package io.modelqos.af.engine;

import io.modelqos.af.southbound.QosSessions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asks the network about many sessions ({@link QosSessions#holds}), {@value #AT_ONCE} at a time: after a restart the
 * sessions a list left out may number as many as the live deliveries, and asking them all at once would overflow the
 * HTTP client's wait queue.
 */
final class SessionProbes {
    private static final Logger LOG = LoggerFactory.getLogger(SessionProbes.class);
    static final int AT_ONCE = 64;

    private SessionProbes() {
    }

    /**
     * For each session, in order: whether the network holds it, or null when it could not tell (or the session is
     * null). Never fails.
     */
    static Future<List<Boolean>> holds(QosSessions network, List<String> sessions) {
        if (sessions.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        Boolean[] answers = new Boolean[sessions.size()];
        Promise<List<Boolean>> done = Promise.promise();
        AtomicInteger next = new AtomicInteger();
        int window = Math.min(AT_ONCE, sessions.size());
        AtomicInteger running = new AtomicInteger(window);
        for (int i = 0; i < window; i++) {
            probeNext(network, sessions, next, running, answers, done);
        }
        return done.future();
    }

    private static void probeNext(QosSessions network, List<String> sessions, AtomicInteger next, AtomicInteger running,
                                  Boolean[] answers, Promise<List<Boolean>> done) {
        int at = next.getAndIncrement();
        if (at >= sessions.size()) {
            if (running.decrementAndGet() == 0) {
                done.complete(Arrays.asList(answers));
            }
            return;
        }
        String session = sessions.get(at);
        Future<Boolean> asked = session == null ? Future.succeededFuture(null) : network.holds(session);
        asked.onComplete(ar -> {
            if (ar.succeeded()) {
                answers[at] = ar.result();
            } else {
                LOG.debug("whether the network holds {} could not be told: {}", session, ar.cause().toString());
            }
            probeNext(network, sessions, next, running, answers, done);
        });
    }
}
