package io.modelqos.af.store;

import org.h2.mvstore.MVStore;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The MVStore store's commits: at once, or grouped per event-loop turn (everything written during one turn is committed
 * at its end, and each caller of {@link #flushed()} is answered on its own context once that commit is done), with a
 * little compaction every {@value #COMPACT_EVERY} commits. Runs under the store's lock ({@code lock}), which every
 * mutating call of the store holds when it calls {@link #committed()}.
 */
final class GroupedCommits {
    static final int COMPACT_EVERY = 32;
    private static final int COMPACT_BELOW_FILL_RATE = 90;
    private static final int COMPACT_WRITE_BYTES = 1024 * 1024;

    private final Object lock;
    private final MVStore mv;
    private final boolean fsync;
    private java.util.concurrent.Executor endOfTurn;
    /** Who waits for the next commit: one promise per Vert.x context (a shard), answered on that context. */
    private Map<io.vertx.core.Context, Promise<Void>> awaitingCommit = new LinkedHashMap<>();
    private boolean dirty;
    private boolean commitScheduled;
    /** Commits so far. */
    private long commits;

    GroupedCommits(Object lock, MVStore mv, boolean fsync) {
        this.lock = lock;
        this.mv = mv;
        this.fsync = fsync;
    }

    /** Whether something was written since the last commit. */
    boolean dirty() {
        return dirty;
    }

    /**
     * After a mutation: commits now, or, with grouped commits, marks the store dirty and has the commit run at the end
     * of the event-loop turn. The future completes once the mutation is durable (on the caller's context).
     */
    Future<Void> committed() {
        if (endOfTurn == null) {
            try {
                commit();
                return Future.succeededFuture();
            } catch (RuntimeException e) {
                return Future.failedFuture(e);
            }
        }
        dirty = true;
        if (!commitScheduled) {
            commitScheduled = true;
            endOfTurn.execute(this::flush);
        }
        return nextCommit();
    }

    /** The next commit, for the calling context: every write of a turn on one shard shares one promise. */
    private Future<Void> nextCommit() {
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        Promise<Void> promise = awaitingCommit.get(context);
        if (promise == null) {
            promise = Promise.promise();
            awaitingCommit.put(context, promise);
        }
        return promise.future();
    }

    void groupCommits(java.util.concurrent.Executor endOfTurn) {
        this.endOfTurn = endOfTurn;
    }

    void flush() {
        Map<io.vertx.core.Context, Promise<Void>> waiting;
        RuntimeException failure = null;
        synchronized (lock) {
            commitScheduled = false;
            try {
                if (dirty && !mv.isClosed()) {
                    commit();
                }
            } catch (RuntimeException e) {
                failure = e;
                org.slf4j.LoggerFactory.getLogger(MvStoreDeliveryStore.class).error("delivery store: commit failed: {}",
                        e.toString());
            }
            waiting = awaitingCommit;
            awaitingCommit = new LinkedHashMap<>();
        }
        // Outside the lock: what waited for this commit goes on now (NEF calls, answers, events), in order.
        for (Map.Entry<io.vertx.core.Context, Promise<Void>> w : waiting.entrySet()) {
            answer(w.getKey(), w.getValue(), failure);
        }
    }

    private static void answer(io.vertx.core.Context context, Promise<Void> promise, RuntimeException failure) {
        Runnable answer = () -> {
            if (failure == null) {
                promise.complete();
            } else {
                promise.fail(failure);
            }
        };
        if (context == null || io.vertx.core.Vertx.currentContext() == context) {
            answer.run();
        } else {
            context.runOnContext(v -> answer.run());
        }
    }

    Future<Void> flushed() {
        synchronized (lock) {
            if (dirty && endOfTurn != null && !mv.isClosed()) {
                // Pending writes have their end-of-turn commit scheduled already (committed() did it).
                return nextCommit();
            }
        }
        try {
            flush();
            return Future.succeededFuture();
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    void commit() {
        dirty = false;
        mv.commit();
        if (fsync) {
            mv.sync();
        }
        if (++commits % COMPACT_EVERY == 0) {
            // What the background writer would do, more often: while less than 90 % of what the chunks hold is live,
            // rewrite the live pages of the sparsest ones (up to 1 MB), so that they empty and their space is reused.
            // Under churn most of a chunk dies within a few commits, but a page that stays (an ended delivery's leaf)
            // keeps its whole chunk. Measured with store-churn: 256 KB every 200 commits left 202 MB after 20,000 pairs
            // (24 MB live); after 30,000 pairs (35 MB live) every 32 commits 512 KB below 80 % left 109 MB, 1 MB below
            // 90 % 82 MB, at the same CPU per pair. A commit that compacts takes 5-10 ms.
            mv.compact(COMPACT_BELOW_FILL_RATE, COMPACT_WRITE_BYTES);
            mv.commit();
            if (fsync) {
                mv.sync();
            }
        }
    }
}
