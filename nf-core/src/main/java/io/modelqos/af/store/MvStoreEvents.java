package io.modelqos.af.store;

import io.modelqos.af.events.DeliveryEvent;
import io.vertx.core.Future;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.modelqos.af.store.MvStoreKeys.CURSOR;
import static io.modelqos.af.store.MvStoreKeys.EVENT;
import static io.modelqos.af.store.MvStoreKeys.eventKey;
import static io.modelqos.af.store.MvStoreKeys.parseCursor;
import static io.modelqos.af.store.MvStoreKeys.partKey;

/**
 * The MVStore store's event outbox. Layout 3 keeps a delivery's events (packed) and its cursor (last sequence and
 * delivered-up-to) next to its record in the {@code deliveries} map ({@link MvStoreKeys#eventKey},
 * {@link MvStoreKeys#partKey}), and the ids of the deliveries whose webhook is behind in {@code undelivered}: a small
 * map, so that the resume finds them without reading every cursor.
 */
final class MvStoreEvents {
    private final MVMap<String, byte[]> records;
    private final MVMap<String, String> undelivered;
    private final PackedJson packer;
    private final GroupedCommits commits;

    MvStoreEvents(MVMap<String, byte[]> records, MVMap<String, String> undelivered, PackedJson packer,
                  GroupedCommits commits) {
        this.records = records;
        this.undelivered = undelivered;
        this.packer = packer;
        this.commits = commits;
    }

    Future<Void> append(DeliveryEvent event) {
        String id = event.deliveryId();
        records.put(eventKey(id, event.sequence()), packer.pack(EventJson.write(event)));
        long[] c = cursor(id);
        long last = Math.max(c[0], event.sequence());
        if (last != c[0]) {
            writeCursor(id, last, c[1]);
        }
        if (last > c[1] && !undelivered.containsKey(id)) {
            undelivered.put(id, "");
        }
        return commits.committed();
    }

    Future<Void> remove(String deliveryId, long sequence) {
        if (records.remove(eventKey(deliveryId, sequence)) != null) {
            return commits.committed();
        }
        return Future.succeededFuture();
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

    Future<Void> markDelivered(String deliveryId, long sequence) {
        long[] c = cursor(deliveryId);
        if (sequence > c[1]) {
            writeCursor(deliveryId, c[0], sequence);
            if (sequence >= c[0]) {
                undelivered.remove(deliveryId);
            }
            return commits.committed();
        }
        return Future.succeededFuture();
    }

    long deliveredUpTo(String deliveryId) {
        return cursor(deliveryId)[1];
    }

    List<String> withUndelivered() {
        return new ArrayList<>(undelivered.keySet());
    }

    /** Forgets that a purged delivery's webhook is behind (its events go with its other parts). */
    void forget(String id) {
        undelivered.remove(id);
    }

    private void writeCursor(String deliveryId, long last, long delivered) {
        records.put(partKey(deliveryId, CURSOR), (last + ":" + delivered).getBytes(StandardCharsets.US_ASCII));
    }

    private long[] cursor(String deliveryId) {
        byte[] value = records.get(partKey(deliveryId, CURSOR));
        return value == null ? new long[] {0, 0} : parseCursor(new String(value, StandardCharsets.US_ASCII));
    }
}
