package io.modelqos.af.store;

import io.modelqos.af.events.DeliveryEvent;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.modelqos.af.store.MvStoreKeys.SEP;
import static io.modelqos.af.store.MvStoreKeys.eventKey;
import static io.modelqos.af.store.MvStoreKeys.parseCursor;

/**
 * The MVStore store's event outbox: {@code events} (delivery id + sequence → the event, packed) and {@code cursors}
 * (delivery id → last sequence and delivered-up-to). Called under the store's lock for every write.
 */
final class MvStoreEvents {
    private final MVMap<String, byte[]> events;
    private final MVMap<String, String> cursors;
    private final PackedJson packer;
    private final GroupedCommits commits;

    MvStoreEvents(MVMap<String, byte[]> events, MVMap<String, String> cursors, PackedJson packer, GroupedCommits commits) {
        this.events = events;
        this.cursors = cursors;
        this.packer = packer;
        this.commits = commits;
    }


    io.vertx.core.Future<Void> append(DeliveryEvent event) {
        events.put(eventKey(event.deliveryId(), event.sequence()), packer.pack(EventJson.write(event)));
        long[] c = cursor(event.deliveryId());
        cursors.put(event.deliveryId(), Math.max(c[0], event.sequence()) + ":" + c[1]);
        return commits.committed();
    }

    io.vertx.core.Future<Void> remove(String deliveryId, long sequence) {
        if (events.remove(eventKey(deliveryId, sequence)) != null) {
            return commits.committed();
        }
        return io.vertx.core.Future.succeededFuture();
    }

    List<DeliveryEvent> after(String deliveryId, long afterSequence) {
        String prefix = deliveryId + SEP;
        List<DeliveryEvent> out = new ArrayList<>();
        Cursor<String, byte[]> c = events.cursor(eventKey(deliveryId, afterSequence + 1));
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

    io.vertx.core.Future<Void> markDelivered(String deliveryId, long sequence) {
        long[] c = cursor(deliveryId);
        if (sequence > c[1]) {
            cursors.put(deliveryId, c[0] + ":" + sequence);
            return commits.committed();
        }
        return io.vertx.core.Future.succeededFuture();
    }

    long deliveredUpTo(String deliveryId) {
        return cursor(deliveryId)[1];
    }

    List<String> withUndelivered() {
        return ((java.util.function.Supplier<List<String>>) () -> {
            List<String> ids = new ArrayList<>();
            for (Map.Entry<String, String> e : cursors.entrySet()) {
                long[] c = parseCursor(e.getValue());
                if (c[0] > c[1]) {
                    ids.add(e.getKey());
                }
            }
            return ids;
        }).get();
    }

    /** Forgets every event of a delivery and its cursor (the delivery is purged). */
    void removeAll(String id) {
        List<String> keys = new ArrayList<>();
        String prefix = id + SEP;
        Cursor<String, byte[]> c = events.cursor(prefix);
        while (c.hasNext()) {
            String k = c.next();
            if (!k.startsWith(prefix)) {
                break;
            }
            keys.add(k);
        }
        keys.forEach(events::remove);
        cursors.remove(id);
    }

    private long[] cursor(String deliveryId) {
        String value = cursors.get(deliveryId);
        return value == null ? new long[] {0, 0} : parseCursor(value);
    }
}
