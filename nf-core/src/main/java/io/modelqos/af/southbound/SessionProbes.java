package io.modelqos.af.southbound;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asks the network about many sessions ({@link QosSessions#holds}), {@value #AT_ONCE} at a time: after a restart they
 * may number as many as the live deliveries, and asking them all at once would overflow the HTTP client's wait queue.
 * The reconciliation asks about the sessions a list left out; the N5 adapter, whose network has no list, about every
 * session the store knows.
 */
public final class SessionProbes {
    private static final Logger LOG = LoggerFactory.getLogger(SessionProbes.class);
    public static final int AT_ONCE = 64;

    private SessionProbes() {
    }

    /** For each session, in order: whether the network holds it, or null when it could not tell. Never fails. */
    public static Future<List<Boolean>> holds(QosSessions network, List<String> sessions) {
        return probe(network, sessions, false);
    }

    /**
     * For each session, in order, whether the network holds it; fails with the first failure to tell, and then asks
     * about no more.
     */
    public static Future<List<Boolean>> holdsAll(QosSessions network, List<String> sessions) {
        return probe(network, sessions, true);
    }

    private static Future<List<Boolean>> probe(QosSessions network, List<String> sessions, boolean failFast) {
        if (sessions.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        Boolean[] answers = new Boolean[sessions.size()];
        Promise<List<Boolean>> done = Promise.promise();
        AtomicInteger next = new AtomicInteger();
        int window = Math.min(AT_ONCE, sessions.size());
        AtomicInteger running = new AtomicInteger(window);
        for (int i = 0; i < window; i++) {
            probeNext(network, sessions, failFast, next, running, answers, done);
        }
        return done.future();
    }

    /** Asks about the sessions one after another from {@code next} on; the last of the window to finish completes. */
    private static void probeNext(QosSessions network, List<String> sessions, boolean failFast, AtomicInteger next,
                                  AtomicInteger running, Boolean[] answers, Promise<List<Boolean>> done) {
        int at = next.getAndIncrement();
        if (at >= sessions.size() || done.future().isComplete()) {
            if (running.decrementAndGet() == 0) {
                done.tryComplete(Arrays.asList(answers));
            }
            return;
        }
        String session = sessions.get(at);
        network.holds(session).onComplete(ar -> {
            if (ar.succeeded()) {
                answers[at] = ar.result();
            } else if (failFast) {
                done.tryFail(ar.cause());
            } else {
                LOG.debug("whether the network holds {} could not be told: {}", session, ar.cause().toString());
            }
            probeNext(network, sessions, failFast, next, running, answers, done);
        });
    }
}
