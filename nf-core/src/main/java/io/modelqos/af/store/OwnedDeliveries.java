package io.modelqos.af.store;

import io.modelqos.af.delivery.Delivery;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a replica of a {@link PgDeliveryStore} remembers, in memory, of the deliveries it owns: their ids (so that
 * most look-ups and {@code owns} need no round trip) and the one instance it holds of each ({@link IdentityMap}).
 * Every part of the store that learns of an owner (a write, a read, a purge, the heartbeat, an adoption) updates it.
 */
final class OwnedDeliveries {
    private final String me;
    private final Set<String> mine = ConcurrentHashMap.newKeySet();
    private final IdentityMap identity = new IdentityMap();

    /** @param me this replica's id, as stored in {@code owner_replica} */
    OwnedDeliveries(String me) {
        this.me = me;
    }

    /** Whether this replica is known to own the delivery. */
    boolean contains(String id) {
        return mine.contains(id);
    }

    /** This replica owns the delivery. */
    void add(String id) {
        mine.add(id);
    }

    /** {@code d} is the instance in use for its delivery (it was just written or adopted). */
    void hold(Delivery d) {
        identity.hold(d);
    }

    /** Another replica owns the delivery now: it is neither owned nor held here any more. */
    void lost(String id) {
        mine.remove(id);
        identity.forget(id);
    }

    /** The delivery was removed from the store. */
    void purged(String id) {
        identity.forget(id);
        mine.remove(id);
    }

    /** The ids this replica owns, as a statement parameter. */
    String[] ids() {
        return mine.toArray(new String[0]);
    }

    /** The instance this replica holds for a delivery it owns, or null. */
    Delivery held(String id) {
        if (!mine.contains(id)) {
            return null;
        }
        return identity.get(id);
    }

    /** Deliveries read back from rows of (id, owner_replica, record), each the held instance when there is one. */
    List<Delivery> deliveries(RowSet<Row> rows) {
        List<Delivery> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            String id = row.getString(0);
            Delivery held = held(id);
            out.add(held != null ? held : fromRow(id, row.getString(1), row.getString(2)));
        }
        return out;
    }

    Delivery fromRow(String id, Row ownerAndRecord) {
        return fromRow(id, ownerAndRecord.getString(0), ownerAndRecord.getString(1));
    }

    /** A delivery read back: this replica's keeps its one instance; another's is a fresh copy each time. */
    Delivery fromRow(String id, String owner, String record) {
        Delivery d = DeliveryRecord.fromJson(record.getBytes(StandardCharsets.UTF_8)).toDelivery();
        if (me.equals(owner)) {
            mine.add(id);
            return identity.holdUnlessHeld(d);
        }
        lost(id);
        return d;
    }
}
