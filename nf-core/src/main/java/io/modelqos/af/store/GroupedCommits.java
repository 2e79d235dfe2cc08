package io.modelqos.af.store;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The MVStore store's writes and commits. A write updates the maps in memory on the caller's thread (an event loop of
 * the AF), under a short lock that only writes take ({@link #write}), and the journal notes what it changed; a commit
 * round appends that to the journal ({@link MvStoreJournal}): on the thread that asks for it, or with {@code fsync}
 * on the store's own thread ({@value #THREAD_NAME}), so that no event loop waits for the disk. About once a second
 * a checkpoint on the store's thread commits the maps to the MVStore file ({@link MvStoreCheckpoints}). With grouped
 * commits, everything written during one event-loop turn is committed after that turn; each caller of
 * {@link #committed()} or {@link #flushed()} is answered on its own context once the round that holds its writes is
 * done.
 *
 * <p>A round takes the journal's notes under the write lock: it never holds half of a write.
 */
final class GroupedCommits {
    static final String THREAD_NAME = "modelqos-store-writer";
    private static final Logger LOG = LoggerFactory.getLogger(MvStoreDeliveryStore.class);

    private final MVStore mv;
    private final boolean fsync;
    private final MvStoreJournal journal;
    /** Held by every write while it updates the maps; a commit round takes it to take the journal's notes. */
    private final Object writeLock = new Object();
    /** Held while a round takes the journal's notes and appends them: rounds run on more than one thread. */
    private final Object roundLock = new Object();
    private final MvStoreCheckpoints checkpoints;
    private final AtomicBoolean checkpointScheduled = new AtomicBoolean();
    private final ScheduledThreadPoolExecutor writer = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, THREAD_NAME);
        t.setDaemon(true);
        return t;
    });
    /** The longest a lazy write ({@link #commitSoon}) stays uncommitted. */
    static final long LAZY_COMMIT_MS = 1_000;
    private final AtomicBoolean lazyCommitScheduled = new AtomicBoolean();
    private volatile java.util.function.Consumer<Boolean> movedWrites = lazy -> { };
    private volatile Executor endOfTurn;
    /** Who waits for the next commit: one promise per Vert.x context (a shard), answered on that context. */
    private Map<Context, Promise<Void>> awaitingCommit = new LinkedHashMap<>();
    /** Whether a commit round is on its way that has not taken {@link #awaitingCommit} yet. */
    private boolean roundPending;
    private final Object awaitingLock = new Object();
    /** Writes made so far, and how many of them are known to be in the journal. */
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong durable = new AtomicLong();

    /**
     * Over the store's maps, opened already; {@link #open} replays the journal into them before any write.
     *
     * @param meta the map of the layout, where a checkpoint marks which journal files the MVStore file holds
     */
    GroupedCommits(MVStore mv, boolean fsync, MvStoreJournal journal, MVMap<String, String> meta,
                   long checkpointIntervalMs) {
        this.mv = mv;
        this.fsync = fsync;
        this.journal = journal;
        this.checkpoints = new MvStoreCheckpoints(mv, fsync, journal, meta, writeLock, roundLock,
                checkpointIntervalMs);
        // At a close, the last commit round writes what a pending lazy commit would have: it need not run.
        writer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * Writes the store makes under the write lock just before each commit, of what it noted in memory only (the webhook
     * cursors): told {@code true} before a lazy commit, a closing one or a backup's, which write all of it, and
     * {@code false} before the others, which write only what is due at once.
     */
    void movedWrites(java.util.function.Consumer<Boolean> writes) {
        this.movedWrites = writes;
    }

    /**
     * For a lazy write, noted in memory for {@link #movedWrites}: a commit on the store's thread within
     * {@link #LAZY_COMMIT_MS} writes it, with every other lazy write noted until then, unless the store marked it due
     * at once for the next commit.
     */
    void commitSoon() {
        if (lazyCommitScheduled.compareAndSet(false, true)) {
            try {
                writer.schedule(() -> {
                    lazyCommitScheduled.set(false);
                    commitRound(true);
                }, LAZY_COMMIT_MS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closed) {
                lazyCommitScheduled.set(false);
            }
        }
    }

    /** At the open, before any write: what the journal holds beyond the MVStore file is replayed and checkpointed. */
    void open() {
        checkpoints.open();
    }

    /**
     * Runs a write's map updates (whole between two commits: {@link #write}); when it changed something, the future
     * completes once that is committed, else at once.
     */
    Future<Void> writeCommitted(java.util.function.Supplier<Boolean> update) {
        boolean changed;
        try {
            changed = write(update);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        return changed ? committed() : Future.succeededFuture();
    }

    /** Told how long each commit round took (on the thread that ran it). */
    private volatile java.util.function.Consumer<java.time.Duration> commitObserver = d -> { };

    void observeCommits(java.util.function.Consumer<java.time.Duration> observer) {
        this.commitObserver = observer;
    }

    void groupCommits(Executor endOfTurn) {
        this.endOfTurn = endOfTurn;
    }

    /** Runs a write's map updates (in memory), whole between two commits. */
    <T> T write(Supplier<T> update) {
        synchronized (writeLock) {
            checkpoints.awaitVersionSwitch();
            return update.get();
        }
    }

    /**
     * After a write: its future completes, on the caller's context, once a commit that holds it is done. With grouped
     * commits that commit is requested at the end of the event-loop turn, shared by the turn's other writes.
     */
    Future<Void> committed() {
        written.incrementAndGet();
        return nextCommit(true);
    }

    /**
     * Completes once every write made so far is in the file (lazy writes aside: {@link #commitSoon}). When no commit
     * round is on its way already (the writes' turn has ended), one is requested at once: who calls this waits for it.
     */
    Future<Void> flushed() {
        if (durable.get() >= written.get()) {
            return Future.succeededFuture();
        }
        return nextCommit(false);
    }

    /**
     * The next commit round's future for the calling context. The first waiter of a round schedules it (at the end of
     * the turn for a write, when commits are grouped), under the same lock under which a round takes its waiters: no
     * waiter is left without a round.
     */
    private Future<Void> nextCommit(boolean atTurnEnd) {
        Context context = Vertx.currentContext();
        Future<Void> next;
        boolean schedule;
        synchronized (awaitingLock) {
            next = awaitingCommit.computeIfAbsent(context, c -> Promise.promise()).future();
            schedule = !roundPending;
            roundPending = true;
        }
        if (schedule) {
            Executor turnEnd = endOfTurn;
            if (atTurnEnd && turnEnd != null) {
                turnEnd.execute(this::requestCommit);
            } else {
                requestCommit();
            }
        }
        return next;
    }

    /**
     * Runs a round. Without {@code fsync} on the calling thread, even an event loop: the append is a copy into the
     * operating system's page cache (tens of microseconds), while a hand-off to the store's thread and back cost
     * 0.2-0.3 ms of latency on each of a create+delete's four commits. With {@code fsync} a round waits for the disk,
     * so an event loop hands it to the store's thread.
     */
    private void requestCommit() {
        if (!fsync || !Context.isOnEventLoopThread()) {
            commitRound();
            return;
        }
        try {
            writer.execute(this::commitRound);
        } catch (RejectedExecutionException closed) {
            answerAll(takeWaiting(), new IllegalStateException("the delivery store is closed"));
        }
    }

    private Map<Context, Promise<Void>> takeWaiting() {
        synchronized (awaitingLock) {
            Map<Context, Promise<Void>> waiting = awaitingCommit;
            awaitingCommit = new LinkedHashMap<>();
            roundPending = false;
            return waiting;
        }
    }

    /**
     * Appends what was written so far to the journal, answers who waited for it, and has the store's thread
     * checkpoint soon when the journal holds writes the MVStore file does not.
     */
    private void commitRound() {
        commitRound(false);
    }

    /** @param withLazyWrites whether the round writes all lazy writes ({@link #movedWrites}) first */
    private void commitRound(boolean withLazyWrites) {
        long started = System.nanoTime();
        long upTo;
        Map<Context, Promise<Void>> waiting;
        synchronized (awaitingLock) {
            // Every write counted here, or waiting here, is done in memory: the commit below holds it.
            upTo = written.get();
            waiting = awaitingCommit;
            awaitingCommit = new LinkedHashMap<>();
            roundPending = false;
        }
        RuntimeException failure = null;
        try {
            if (mv.isClosed()) {
                throw new IllegalStateException("the delivery store is closed");
            }
            synchronized (roundLock) {
                // A round that took another thread's notes is done before this one's append: they are in the journal.
                List<Object> changes = write(() -> {
                    movedWrites.accept(withLazyWrites);
                    return journal.take();
                });
                journal.append(changes);
            }
            durable.accumulateAndGet(upTo, Math::max);
        } catch (RuntimeException e) {
            failure = e;
            LOG.error("delivery store: commit failed: {}", e.toString());
        }
        if (failure == null) {
            commitObserver.accept(java.time.Duration.ofNanos(System.nanoTime() - started));
        }
        answerAll(waiting, failure);
        if (failure == null && checkpoints.pending()) {
            checkpointSoon();
        }
    }

    private void checkpoint() {
        try {
            checkpoints.checkpoint();
        } catch (RuntimeException e) {
            // The journal still holds every write: the next checkpoint, or the replay at the next open, has them.
            LOG.error("delivery store: checkpoint failed: {}", e.toString());
        }
    }

    /**
     * On the store's thread: a checkpoint one interval after the first write the MVStore file does not hold, or at
     * once when the journal has grown large; the writes made meanwhile join it.
     */
    private void checkpointSoon() {
        if (!checkpointScheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            writer.schedule(() -> {
                checkpointScheduled.set(false);
                if (checkpoints.pending()) {
                    checkpoint();
                }
            }, checkpoints.oversized() ? 0 : checkpoints.intervalMs(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            checkpointScheduled.set(false);
        }
    }

    private static void answerAll(Map<Context, Promise<Void>> waiting, RuntimeException failure) {
        for (Map.Entry<Context, Promise<Void>> w : waiting.entrySet()) {
            answer(w.getKey(), w.getValue(), failure);
        }
    }

    private static void answer(Context context, Promise<Void> promise, RuntimeException failure) {
        Runnable answer = () -> {
            if (failure == null) {
                promise.complete();
            } else {
                promise.fail(failure);
            }
        };
        if (context == null || context == Vertx.currentContext()) {
            answer.run();
        } else {
            context.runOnContext(v -> answer.run());
        }
    }

    /**
     * Commits everything written so far on the commit thread, checkpoints it into the MVStore file, and waits for
     * that (backups, which copy the MVStore file; never on an event loop).
     */
    void commitAndWait() {
        try {
            writer.submit(() -> {
                commitRound(true);
                checkpoints.checkpoint();
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while committing", e);
        } catch (ExecutionException | RejectedExecutionException e) {
            throw new IllegalStateException("cannot commit: " + e, e);
        }
    }

    /**
     * Commits what is left, answers who waits for it, checkpoints it all (the journal is then deleted) and stops the
     * commit thread.
     */
    void close() {
        try {
            writer.submit(() -> {
                commitRound(true);
                checkpoints.checkpoint();
                journal.closeAndDelete();
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RejectedExecutionException e) {
            LOG.warn("delivery store: last commit failed (the journal keeps what it holds): {}", e.toString());
        }
        stop();
    }

    /**
     * Stops the commit thread without a last commit of its own; a round already under way ends first (not interrupted:
     * an interrupt during a file write would close MVStore's file channel).
     */
    void stop() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("delivery store: the commit thread did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Nothing answers these any more.
        answerAll(takeWaiting(), new IllegalStateException("the delivery store is closed"));
        journal.closeChannel();
    }

    /** For the store's maps list: every map of the store, as opened. */
    static List<MVMap<?, ?>> mapsOf(MVStore mv) {
        List<MVMap<?, ?>> out = new ArrayList<>();
        for (String name : mv.getMapNames()) {
            out.add(mv.openMap(name));
        }
        return out;
    }
}
