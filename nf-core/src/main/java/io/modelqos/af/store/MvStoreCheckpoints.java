package io.modelqos.af.store;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The MVStore store's checkpoints: commits of the maps to the MVStore file, each of which lets the journal
 * ({@link MvStoreJournal}) start a new file and drop the ones the file now holds. They run on the store's commit
 * thread, about every {@value #INTERVAL_MS} ms (by default) while writes come, or once the journal has grown by
 * {@value #MAX_JOURNAL_BYTES} bytes; a little compaction follows each.
 *
 * <p>A checkpoint must not take half of a write (say a record without its index entry) beside a journal that lacks
 * that write. MVStore takes a commit's snapshot map by map, as it moves each map's root to the new version, and only
 * then writes; so the checkpoint takes the write lock just long enough to announce its version, and a write that starts
 * while the maps move waits until every map has moved ({@link #awaitVersionSwitch}), a matter of microseconds, not for
 * the file.
 */
final class MvStoreCheckpoints {
    private static final Logger LOG = LoggerFactory.getLogger(MvStoreDeliveryStore.class);
    /** By default, the longest a write stays in the journal only, while the store is written to. */
    static final long INTERVAL_MS = 1_000;
    static final long MAX_JOURNAL_BYTES = 64L * 1024 * 1024;
    private static final int COMPACT_BELOW_FILL_RATE = 90;
    /**
     * With a checkpoint a second, the budget hardly moves the file (store-churn paced at 950 pairs/s, 100,000 pairs:
     * 148.7-153.3 MB with 1 MB, 143.3 with 2, 149.1-150.9 with 4; 210.3 without compaction), while 4 MB cost 0.03-0.04
     * ms more CPU per pair than 1 or 2 (0.51 against 0.46-0.48).
     */
    private static final int COMPACT_WRITE_BYTES = 1024 * 1024;
    private static final long NOT_SWITCHING = -1;

    private final MVStore mv;
    private final boolean fsync;
    private final MvStoreJournal journal;
    private final MVMap<String, String> meta;
    private final Object writeLock;
    private final Object roundLock;
    /** The version the commit under way moves the maps to, or {@link #NOT_SWITCHING}. */
    private volatile long switchingTo = NOT_SWITCHING;
    private final List<MVMap<?, ?>> maps;
    private final long intervalMs;

    MvStoreCheckpoints(MVStore mv, boolean fsync, MvStoreJournal journal, MVMap<String, String> meta,
                       Object writeLock, Object roundLock, long intervalMs) {
        this.intervalMs = intervalMs;
        this.roundLock = roundLock;
        this.mv = mv;
        this.fsync = fsync;
        this.journal = journal;
        this.meta = meta;
        this.writeLock = writeLock;
        this.maps = GroupedCommits.mapsOf(mv);
    }

    /**
     * At the open, before any write: replays the journal into the maps, commits them with the mark of the journal file
     * that comes next, starts that file and deletes the replayed ones.
     */
    void open() {
        String mark = meta.get(MvStoreJournal.MARK);
        long next = journal.replay(mark == null ? 0 : Long.parseLong(mark));
        meta.put(MvStoreJournal.MARK, Long.toString(next));
        mv.commit();
        if (fsync) {
            mv.sync();
        }
        journal.startFile(next);
        journal.deleteBefore(next);
    }

    /** Whether the journal has grown enough since the last checkpoint to checkpoint at once. */
    boolean oversized() {
        return journal.bytesSinceCheckpoint() >= MAX_JOURNAL_BYTES;
    }

    long intervalMs() {
        return intervalMs;
    }

    /** Whether the journal holds writes the MVStore file may not. */
    boolean pending() {
        return journal.bytesSinceCheckpoint() > 0;
    }

    /**
     * On the store's thread: starts the next journal file, commits the maps with its number as the mark, deletes the
     * journal files before it, then compacts a little. Rounds go on meanwhile and append to the next file, whatever
     * version their writes are in: a crash before the commit is done replays the old files and the new one, a crash
     * after it the new one (an entry the file holds already is written again to the same effect). Should the commit
     * fail, the mark reaches the file with a later commit, which holds every write made before it.
     */
    void checkpoint() {
        long next;
        synchronized (roundLock) {
            next = journal.number() + 1;
            journal.startFile(next);
        }
        try {
            synchronized (writeLock) {
                meta.put(MvStoreJournal.MARK, Long.toString(next));
                switchingTo = mv.getCurrentVersion() + 1;
            }
            commitSwitching();
        } finally {
            switchingTo = NOT_SWITCHING;
        }
        journal.deleteBefore(next);
        compact();
    }

    /** Commits with the version already announced ({@link #switchingTo}); with {@code fsync} flushed to the disk. */
    private void commitSwitching() {
        mv.commit();
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
     * In a write, under the write lock: while a checkpoint moves the maps to its version, waits until every map has
     * moved (writes from then on go to the next version). Should a map not move (no change to commit), the wait ends
     * with the commit.
     */
    void awaitVersionSwitch() {
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
     * While less than 90 % of what the chunks hold is live, rewrites the live pages of the sparsest ones (up to 1 MB),
     * so that they empty and their space is reused: a page that stays (an ended delivery's leaf) keeps its whole chunk
     * otherwise. Since delivery ids begin with their creation time, an ended delivery's leaf no longer changes, so a
     * page moved once stays where it was moved. Moving pages runs alongside the writes (MVStore's maps are
     * concurrent); their commit is announced as a checkpoint's, and keeps the journal's mark.
     */
    private void compact() {
        try {
            if (mv.compact(COMPACT_BELOW_FILL_RATE, COMPACT_WRITE_BYTES)) {
                synchronized (writeLock) {
                    switchingTo = mv.getCurrentVersion() + 1;
                }
                try {
                    commitSwitching();
                } finally {
                    switchingTo = NOT_SWITCHING;
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("delivery store: compaction failed: {}", e.toString());
        }
    }
}
