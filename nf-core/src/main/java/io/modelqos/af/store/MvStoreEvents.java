package io.modelqos.af.store;

import io.modelqos.af.events.DeliveryEvent;
import org.h2.mvstore.Cursor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static io.modelqos.af.store.MvStoreKeys.CURSOR;
import static io.modelqos.af.store.MvStoreKeys.EVENT;
import static io.modelqos.af.store.MvStoreKeys.eventKey;
import static io.modelqos.af.store.MvStoreKeys.eventSequence;
import static io.modelqos.af.store.MvStoreKeys.parseCursor;
import static io.modelqos.af.store.MvStoreKeys.partKey;

/**
 * The MVStore store's event outbox. Layout 3 keeps a delivery's events (packed) and its cursor (last sequence and
 * delivered-up-to) next to its record in the {@code deliveries} map ({@link MvStoreKeys#eventKey},
 * {@link MvStoreKeys#partKey}), and the ids of the deliveries whose webhook is behind in {@code undelivered}: a small
 * map, so that the resume finds them without reading every cursor. Its writes update the maps only: the store runs them
 * as writes ({@link GroupedCommits#write}) and commits them.
 *
 * <p>From layout 8 on the cursor's {@code last} is a floor, not the delivery's last sequence: an append writes its event
 * and leaves the cursor as it is (its put and journal entry were a third of the store's work per relayed report), and
 * the last sequence is the higher of the cursor's {@code last} and the newest event's key. The cursor is written with
 * the first event, with each move of the webhook, and when the newest event is removed (a trim can take it), so that
 * the last sequence never goes back and a sequence is never used twice.
 *
 * <p>The position of a delivery whose webhook has events to send is also kept in memory ({@link #positions}), from its
 * first write until the webhook has caught up: a relayed report read its delivery's cursor from the map twice (to
 * append, and to move it once the webhook took the event), and those two B-tree look-ups were a tenth of the relay's
 * CPU. Only writes (under the store's write lock) fill it, after the map, so a reader never sees it behind the map.
 */
final class MvStoreEvents {
    private final JournaledMap<byte[]> records;
    private final JournaledMap<String> undelivered;
    private final PackedJson packer;
    /** Webhook cursors moved in memory since the last commit, by delivery id: {@link #writeMovedCursors} writes them. */
    private final Map<String, Long> movedCursors = new ConcurrentHashMap<>();
    /** The deliveries among them whose last move came: their moves are written by the next commit. */
    private final java.util.Set<String> dueNow = ConcurrentHashMap.newKeySet();
    /** The positions known in memory, by delivery id; read by any thread. */
    private final Map<String, Position> positions = new ConcurrentHashMap<>();
    /**
     * Deliveries known, by a write, to be in {@code undelivered}: a relayed report found its delivery listed there
     * already, and asking the map cost 2 % of the relay. Writes only, under the store's write lock.
     */
    private final java.util.Set<String> listed = new java.util.HashSet<>();

    MvStoreEvents(JournaledMap<byte[]> records, JournaledMap<String> undelivered, PackedJson packer) {
        this.records = records;
        this.undelivered = undelivered;
        this.packer = packer;
    }

    void append(DeliveryEvent event) {
        String id = event.deliveryId();
        byte[] packed = packer.packEvent(EventJson.writeKeyed(event));
        Position c = writtenPosition(id);
        long last = Math.max(c.last(), event.sequence());
        // undelivered first: a reader that sees the event or the cursor (reads take no lock) sees it listed too.
        if (last > c.delivered() && !listed(id)) {
            undelivered.put(id, "");
            listed.add(id);
        }
        records.put(eventKey(id, event.sequence()), packed);
        if (c == NONE) {
            writeCursor(id, last, c.delivered()); // the first: a written cursor says the delivery has events
        } else if (last != c.last()) {
            positions.put(id, new Position(last, c.delivered())); // the event's key says it in the map
        }
    }

    /** Whether there was such an event. */
    boolean remove(String deliveryId, long sequence) {
        Position c = writtenPosition(deliveryId);
        if (c != NONE && sequence == c.last()) {
            writeCursor(deliveryId, c.last(), c.delivered()); // the newest event's key no longer says it
        }
        return records.remove(eventKey(deliveryId, sequence)) != null;
    }

    List<DeliveryEvent> after(String deliveryId, long afterSequence) {
        String prefix = partKey(deliveryId, EVENT);
        List<DeliveryEvent> out = new ArrayList<>();
        Cursor<String, byte[]> c = records.cursor(eventKey(deliveryId, Math.max(0, afterSequence + 1)));
        while (c.hasNext()) {
            String k = c.next();
            if (!k.startsWith(prefix)) {
                break;
            }
            out.add(EventJson.read(PackedJson.unpack(c.getValue()), deliveryId, eventSequence(k)));
        }
        return out;
    }

    long lastSequence(String deliveryId) {
        return position(deliveryId).last();
    }

    /**
     * The webhook is done with the delivery's events up to {@code sequence}: moved in memory, and written by the next
     * commit when it is the delivery's {@code last} (its terminal event's), else by the next lazy one (within a
     * second). A live delivery's reports move its cursor many times a second, and writing each move cost a tenth of
     * the relay; an ended delivery's last move written a second later, after a checkpoint, rewrote a page of the file
     * that was otherwise done (store-churn: 125 MB after 100,000 pairs against 90 MB).
     */
    void moveCursor(String deliveryId, long sequence, boolean last) {
        movedCursors.merge(deliveryId, sequence, Math::max);
        if (last) {
            dueNow.add(deliveryId);
        }
    }

    /**
     * A write (under the store's write lock), just before a commit: the cursors moved since the last lazy commit when
     * this one is, else those due now.
     */
    void writeMovedCursors(boolean lazyCommit) {
        java.util.Collection<String> ids = lazyCommit ? movedCursors.keySet() : dueNow;
        for (String id : ids) {
            dueNow.remove(id);
            Long sequence = movedCursors.remove(id);
            if (sequence != null) {
                writeDelivered(id, sequence);
            }
        }
    }

    /** Whether the written cursor moved. */
    private boolean writeDelivered(String deliveryId, long sequence) {
        Position c = writtenPosition(deliveryId);
        if (c == NONE) {
            return false; // purged meanwhile (a cursor is written with the first event): nothing to move
        }
        if (sequence <= c.delivered()) {
            return false;
        }
        boolean caughtUp = sequence >= c.last();
        if (caughtUp) {
            undelivered.remove(deliveryId); // before the cursor, for readers, as in append
            listed.remove(deliveryId);
        }
        writeCursor(deliveryId, c.last(), sequence);
        if (caughtUp) {
            // Idle until its next event: kept in the map only (100,000 idle deliveries held 0.1 KiB each in memory).
            positions.remove(deliveryId);
        }
        return true;
    }

    /** How far the webhook has got: its cursor as moved, written or not. */
    long deliveredUpTo(String deliveryId) {
        long written = position(deliveryId).delivered();
        Long moved = movedCursors.get(deliveryId);
        return moved == null ? written : Math.max(moved, written);
    }

    List<String> withUndelivered() {
        List<String> behind = new ArrayList<>();
        for (String id : undelivered.keySet()) {
            Long moved = movedCursors.get(id);
            if (moved == null || moved < lastSequence(id)) {
                behind.add(id);
            }
        }
        return behind;
    }

    /** Forgets that a purged delivery's webhook is behind (its events go with its other parts). */
    void forget(String id) {
        undelivered.remove(id);
        listed.remove(id);
        movedCursors.remove(id);
        dueNow.remove(id);
        positions.remove(id);
    }

    /** A write's: whether the delivery is in {@code undelivered}. */
    private boolean listed(String deliveryId) {
        if (listed.contains(deliveryId)) {
            return true;
        }
        if (undelivered.containsKey(deliveryId)) {
            listed.add(deliveryId);
            return true;
        }
        return false;
    }

    /** A write's: the cursor as written, {@code last} as known (the map then the memory, in this order, for readers). */
    private void writeCursor(String deliveryId, long last, long delivered) {
        records.put(partKey(deliveryId, CURSOR), (last + ":" + delivered).getBytes(StandardCharsets.US_ASCII));
        positions.put(deliveryId, new Position(last, delivered));
    }

    /** A write's: the position, read from the map once and then kept in memory (no cursor written: not kept). */
    private Position writtenPosition(String deliveryId) {
        Position known = positions.get(deliveryId);
        if (known == null) {
            known = read(deliveryId);
            if (known != NONE) {
                positions.put(deliveryId, known);
            }
        }
        return known;
    }

    /** Any thread's: the position, from memory when a write has seen it, else from the map. */
    private Position position(String deliveryId) {
        Position known = positions.get(deliveryId);
        return known != null ? known : read(deliveryId);
    }

    /** The cursor as written, its {@code last} raised to the newest event's sequence (layout 8). */
    private Position read(String deliveryId) {
        byte[] written = records.get(partKey(deliveryId, CURSOR));
        if (written == null) {
            return NONE;
        }
        long[] c = parseCursor(new String(written, StandardCharsets.US_ASCII));
        return new Position(Math.max(c[0], newestEvent(deliveryId)), c[1]);
    }

    /** The sequence of the delivery's newest event in the map, or 0. */
    private long newestEvent(String deliveryId) {
        String newest = records.floorKey(eventKey(deliveryId, Long.MAX_VALUE));
        return newest != null && newest.startsWith(partKey(deliveryId, EVENT)) ? eventSequence(newest) : 0;
    }

    /** No cursor written: both 0. */
    private static final Position NONE = new Position(0, 0);

    /** A delivery's last sequence, and how far its webhook has got (as written). */
    private record Position(long last, long delivered) {
    }
}
