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
 * the AF), under a short lock that only writes take ({@link #write}); the commits, and a little compaction every
 * {@value #COMPACT_EVERY} of them, run on the store's own thread ({@value #THREAD_NAME}), so that no event loop waits
 * for the file. With grouped commits, everything written during one event-loop turn is committed after that turn;
 * each caller of {@link #committed()} or {@link #flushed()} is answered on its own context once the commit that holds
 * its writes is done.
 *
 * <p>A commit must not take half of a write (say a record without its index entry): a crash right after it would
 * leave that half in the file. MVStore takes a commit's snapshot map by map, as it moves each map's root to the new
 * version, and only then writes; so the commit thread takes the write lock just long enough to announce the commit,
 * and a write that starts while the maps move waits until every map has moved ({@link #awaitVersionSwitch}), a matter
 * of microseconds, not for the commit's writing.
 */
final class GroupedCommits {
    static final int COMPACT_EVERY = 32;
    static final String THREAD_NAME = "modelqos-store-writer";
    private static final Logger LOG = LoggerFactory.getLogger(MvStoreDeliveryStore.class);
    private static final int COMPACT_BELOW_FILL_RATE = 90;
    private static final int COMPACT_WRITE_BYTES = 4 * 1024 * 1024;
    private static final long NOT_SWITCHING = -1;

    private final MVStore mv;
    private final boolean fsync;
    /** Held by every write while it updates the maps; the commit thread takes it only to announce a commit. */
    private final Object writeLock = new Object();
    /** The version the commit under way moves the maps to, or {@link #NOT_SWITCHING}. */
    private volatile long switchingTo = NOT_SWITCHING;
    private volatile List<MVMap<?, ?>> maps = List.of();
    private final ScheduledThreadPoolExecutor writer = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, THREAD_NAME);
        t.setDaemon(true);
        return t;
    });
    /** The longest a write nobody waits for ({@link #commitSoon}) stays uncommitted when nothing else commits. */
    static final long LAZY_COMMIT_MS = 1_000;
    private final AtomicBoolean lazyCommitScheduled = new AtomicBoolean();
    /** Whether a lazy write ({@link #commitSoon}) waits for a commit: cleared as a commit round takes them. */
    private volatile boolean lazyWritesPending;
    private volatile Runnable beforeEachCommit = () -> { };
    private volatile Executor endOfTurn;
    /** Who waits for the next commit: one promise per Vert.x context (a shard), answered on that context. */
    private Map<Context, Promise<Void>> awaitingCommit = new LinkedHashMap<>();
    /** Whether a commit round is on its way that has not taken {@link #awaitingCommit} yet. */
    private boolean roundPending;
    private final Object awaitingLock = new Object();
    /** Writes made so far, and how many of them are known to be in the file. */
    private final AtomicLong written = new AtomicLong();
    private volatile long durable;
    /** Commits so far (the commit thread's). */
    private long commits;

    GroupedCommits(MVStore mv, boolean fsync) {
        this.mv = mv;
        this.fsync = fsync;
        // At a close, the last commit round writes what a pending lazy commit would have: it need not run.
        writer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Writes the store makes on the commit thread, under the write lock, just before each commit (lazy writes). */
    void beforeEachCommit(Runnable writes) {
        this.beforeEachCommit = writes;
    }

    /**
     * For a write nobody waits for, made by {@link #beforeEachCommit}: a commit within {@link #LAZY_COMMIT_MS}, unless
     * another commit comes first (which the write then joins).
     */
    void commitSoon() {
        lazyWritesPending = true;
        if (lazyCommitScheduled.compareAndSet(false, true)) {
            try {
                writer.schedule(() -> {
                    lazyCommitScheduled.set(false);
                    commitRound();
                }, LAZY_COMMIT_MS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closed) {
                lazyCommitScheduled.set(false);
            }
        }
    }

    /** Every map the store writes: a write waits until each has moved to the version of a commit that starts. */
    void watch(List<MVMap<?, ?>> written) {
        this.maps = List.copyOf(written);
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

    /** Told how long each commit took (on the commit thread). */
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
            awaitVersionSwitch();
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
     * Completes once every write made so far is in the file. When no commit round is on its way already (the writes'
     * turn has ended), one is requested at once: who calls this waits for it.
     */
    Future<Void> flushed() {
        // Lazy writes too: what waits for "everything so far" gets them, riding along with the commit it waits for.
        if (durable >= written.get() && !lazyWritesPending) {
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

    private void requestCommit() {
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

    /** On the commit thread: commits what was written so far, answers who waited for it, now and then compacts. */
    private void commitRound() {
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
            write(() -> {
                lazyWritesPending = false; // before taking them: one made meanwhile sets it again
                beforeEachCommit.run();
                return null;
            });
            commitMaps();
            durable = Math.max(durable, upTo);
        } catch (RuntimeException e) {
            failure = e;
            LOG.error("delivery store: commit failed: {}", e.toString());
        }
        if (failure == null) {
            commitObserver.accept(java.time.Duration.ofNanos(System.nanoTime() - started));
        }
        answerAll(waiting, failure);
        if (failure == null && ++commits % COMPACT_EVERY == 0) {
            compact();
        }
    }

    /**
     * Commits (and with {@code fsync} flushes) the maps as they are, never half of a write: announced under the write
     * lock, so that no write is under way as the maps move to the new version.
     */
    private void commitMaps() {
        synchronized (writeLock) {
            switchingTo = mv.getCurrentVersion() + 1;
        }
        try {
            mv.commit();
        } finally {
            switchingTo = NOT_SWITCHING;
        }
        if (mv.isClosed()) {
            // MVStore's commit does nothing, and says nothing, once the store is closed (closeAsIfKilled does that
            // under way): what waits for this commit must not hear that it is stored.
            throw new IllegalStateException("the delivery store is closed");
        }
        if (fsync) {
            mv.sync();
        }
    }

    /**
     * In a write, under the write lock: while a commit moves the maps to its version, waits until every map has moved
     * (writes from then on go to the next commit). MVStore's commit moves them first, then serializes and writes the
     * file; a write waits for the first part only. Should a map not move (no change to commit), the wait ends with the
     * commit.
     */
    private void awaitVersionSwitch() {
        long target = switchingTo;
        if (target == NOT_SWITCHING) {
            return;
        }
        for (int spins = 0; switchingTo == target && !movedTo(target); spins++) {
            if (spins < 200) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    private boolean movedTo(long version) {
        for (MVMap<?, ?> map : maps) {
            if (map.getRoot().version < version) {
                return false;
            }
        }
        return true;
    }

    /**
     * What the background writer would do, more often: while less than 90 % of what the chunks hold is live, rewrite the
     * live pages of the sparsest ones (up to 4 MB), so that they empty and their space is reused. Under churn most of a
     * chunk dies within a few commits, but a page that stays (an ended delivery's leaf) keeps its whole chunk. Measured
     * with store-churn: 256 KB every 200 commits left 202 MB after 20,000 pairs (24 MB live); after 30,000 pairs (35 MB
     * live) every 32 commits 512 KB below 80 % left 109 MB, 1 MB below 90 % 82 MB, at the same CPU per pair. Since
     * delivery ids begin with their creation time, an ended delivery's leaf no longer changes, so a page moved once
     * stays where it was moved: 1 MB then left 389 MB after 100,000 pairs and 4 MB 211 MB (1 MB with random ids: 279 MB,
     * at 1.7 times the CPU per pair). Moving pages runs alongside the writes (MVStore's maps are concurrent); the commit
     * of the moved pages is one as any.
     */
    private void compact() {
        try {
            if (mv.compact(COMPACT_BELOW_FILL_RATE, COMPACT_WRITE_BYTES)) {
                commitMaps();
            }
        } catch (RuntimeException e) {
            LOG.warn("delivery store: compaction failed: {}", e.toString());
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
        if (context == null) {
            answer.run();
        } else {
            context.runOnContext(v -> answer.run());
        }
    }

    /** Commits everything written so far on the commit thread, and waits for it (backups; never on an event loop). */
    void commitAndWait() {
        try {
            writer.submit(this::commitRound).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while committing", e);
        } catch (ExecutionException | RejectedExecutionException e) {
            throw new IllegalStateException("cannot commit: " + e, e);
        }
    }

    /** Commits what is left, answers who waits for it, and stops the commit thread. */
    void close() {
        try {
            writer.submit(this::commitRound).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RejectedExecutionException e) {
            LOG.warn("delivery store: last commit failed: {}", e.toString());
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
