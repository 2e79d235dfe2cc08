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
import static io.modelqos.af.store.MvStoreKeys.parseCursor;
import static io.modelqos.af.store.MvStoreKeys.partKey;

/**
 * The MVStore store's event outbox. Layout 3 keeps a delivery's events (packed) and its cursor (last sequence and
 * delivered-up-to) next to its record in the {@code deliveries} map ({@link MvStoreKeys#eventKey},
 * {@link MvStoreKeys#partKey}), and the ids of the deliveries whose webhook is behind in {@code undelivered}: a small
 * map, so that the resume finds them without reading every cursor. Its writes update the maps only: the store runs them
 * as writes ({@link GroupedCommits#write}) and commits them.
 */
final class MvStoreEvents {
    private final JournaledMap<byte[]> records;
    private final JournaledMap<String> undelivered;
    private final PackedJson packer;
    /** Webhook cursors moved in memory since the last commit, by delivery id: {@link #writeMovedCursors} writes them. */
    private final Map<String, Long> movedCursors = new ConcurrentHashMap<>();

    MvStoreEvents(JournaledMap<byte[]> records, JournaledMap<String> undelivered, PackedJson packer) {
        this.records = records;
        this.undelivered = undelivered;
        this.packer = packer;
    }

    void append(DeliveryEvent event) {
        String id = event.deliveryId();
        byte[] packed = packer.pack(EventJson.write(event));
        long[] c = cursor(id);
        long last = Math.max(c[0], event.sequence());
        // undelivered first: a reader that sees the event or the cursor (reads take no lock) sees it listed too.
        if (last > c[1] && !undelivered.containsKey(id)) {
            undelivered.put(id, "");
        }
        records.put(eventKey(id, event.sequence()), packed);
        if (last != c[0]) {
            writeCursor(id, last, c[1]);
        }
    }

    /** Whether there was such an event. */
    boolean remove(String deliveryId, long sequence) {
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
            out.add(EventJson.read(PackedJson.unpack(c.getValue())));
        }
        return out;
    }

    long lastSequence(String deliveryId) {
        return cursor(deliveryId)[0];
    }

    /** The webhook is done with the delivery's events up to {@code sequence}: moved in memory, written later. */
    void moveCursor(String deliveryId, long sequence) {
        movedCursors.merge(deliveryId, sequence, Math::max);
    }

    /** A write (under the store's write lock), just before a commit: every cursor moved since the last one. */
    void writeMovedCursors() {
        for (String id : movedCursors.keySet()) {
            Long sequence = movedCursors.remove(id);
            if (sequence != null) {
                writeDelivered(id, sequence);
            }
        }
    }

    /** Whether the written cursor moved. */
    private boolean writeDelivered(String deliveryId, long sequence) {
        byte[] written = records.get(partKey(deliveryId, CURSOR));
        if (written == null) {
            return false; // purged meanwhile (a cursor is written with the first event): nothing to move
        }
        long[] c = cursorOf(written);
        if (sequence <= c[1]) {
            return false;
        }
        if (sequence >= c[0]) {
            undelivered.remove(deliveryId); // before the cursor, for readers, as in append
        }
        writeCursor(deliveryId, c[0], sequence);
        return true;
    }

    /** How far the webhook has got: its cursor as moved, written or not. */
    long deliveredUpTo(String deliveryId) {
        long written = cursor(deliveryId)[1];
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
        movedCursors.remove(id);
    }

    private void writeCursor(String deliveryId, long last, long delivered) {
        records.put(partKey(deliveryId, CURSOR), (last + ":" + delivered).getBytes(StandardCharsets.US_ASCII));
    }

    private long[] cursor(String deliveryId) {
        return cursorOf(records.get(partKey(deliveryId, CURSOR)));
    }

    /** A written cursor (last sequence, delivered up to); none written: both 0. */
    private static long[] cursorOf(byte[] written) {
        return written == null ? new long[] {0, 0} : parseCursor(new String(written, StandardCharsets.US_ASCII));
    }
}
