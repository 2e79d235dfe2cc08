package io.modelqos.af.store;

import io.modelqos.af.delivery.Delivery;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The puts of one event-loop turn, per context: each delivery put during the turn is encoded and written once, as it
 * is at the turn's end (or when the turn asks for a flush first), instead of once per put. The engine often writes a
 * delivery twice in one turn (created then negotiating; opened then granted; ended then release pending), and the
 * record's encoding is most of a put. Every put of a turn shares the future of that one write; it completes once the
 * commit that holds it is done, as a put's future always did.
 *
 * <p>Only on an event loop, with grouped commits ({@link #endOfTurn}); elsewhere (a worker, a test's thread) a put is
 * written at once.
 */
final class TurnPuts {
    private final Function<List<Delivery>, Future<Void>> write;
    private final Map<Context, Pending> pending = new ConcurrentHashMap<>();
    private volatile Executor endOfTurn;

    /** @param write writes deliveries (encoded as they are now) and completes once committed */
    TurnPuts(Function<List<Delivery>, Future<Void>> write) {
        this.write = write;
    }

    /** From now on, puts on an event loop are written at the end of the turn: {@code endOfTurn} runs a task then. */
    void endOfTurn(Executor endOfTurn) {
        this.endOfTurn = endOfTurn;
    }

    Future<Void> put(Delivery d) {
        Executor turnEnd = endOfTurn;
        Context context = Vertx.currentContext();
        if (turnEnd == null || context == null || !Context.isOnEventLoopThread()) {
            return write.apply(List.of(d));
        }
        Pending turn = pending.get(context);
        if (turn == null) {
            turn = new Pending();
            pending.put(context, turn);
            turnEnd.execute(this::flush);
        }
        turn.deliveries.put(d.id(), d);
        return turn.written.future();
    }

    /** Writes what the calling context put during this turn, now: before a flush, or a read of the indexes. */
    void flush() {
        Context context = Vertx.currentContext();
        Pending turn = context == null ? null : pending.remove(context);
        if (turn == null) {
            return;
        }
        Future<Void> written;
        try {
            written = write.apply(new ArrayList<>(turn.deliveries.values()));
        } catch (RuntimeException e) {
            written = Future.failedFuture(e);
        }
        written.onComplete(turn.written);
    }

    private static final class Pending {
        /** By id, in the order first put; the value is the instance, written as it is at the flush. */
        final Map<String, Delivery> deliveries = new LinkedHashMap<>();
        final Promise<Void> written = Promise.promise();
    }
}
