package io.modelqos.af.store;

import io.modelqos.af.events.DeliveryEvent;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The outbox of a {@link PgDeliveryStore}: each delivery's events ({@code events}) and, per delivery, the last
 * sequence appended and how far its webhook has got ({@code event_cursors}). An event is appended and its cursor
 * raised in one statement, so the outbox never shows an event its cursor does not count.
 */
final class PgEventOutbox {
    private final AsyncPgPool db;
    private final String schema;
    private final String me;
    private final String channel;

    PgEventOutbox(AsyncPgPool db, String me, String channel) {
        this.db = db;
        this.schema = db.schema();
        this.me = me;
        this.channel = channel;
    }

    /** Logs the event and, in the same statement, tells any replica streaming the delivery (NOTIFY at the commit). */
    Future<Void> appendEvent(DeliveryEvent event) {
        return db.execute("WITH e AS (INSERT INTO " + schema + ".events (delivery_id, seq, event) "
                + "VALUES ($1, $2, $3::text::jsonb) ON CONFLICT (delivery_id, seq) DO NOTHING), "
                + "c AS (INSERT INTO " + schema + ".event_cursors (delivery_id, last_seq, delivered_up_to) VALUES ($1, $2, 0) "
                + "ON CONFLICT (delivery_id) DO UPDATE SET last_seq = GREATEST(" + schema + ".event_cursors.last_seq, "
                + "EXCLUDED.last_seq)) SELECT pg_notify($4, 'event:' || $1::text)",
                Tuple.of(event.deliveryId(), event.sequence(),
                        new String(EventJson.write(event), StandardCharsets.UTF_8), channel)).mapEmpty();
    }

    Future<Void> removeEvent(String deliveryId, long sequence) {
        return db.execute("DELETE FROM " + schema + ".events WHERE delivery_id = $1 AND seq = $2",
                Tuple.of(deliveryId, sequence)).mapEmpty();
    }

    Future<List<DeliveryEvent>> events(String deliveryId, long afterSequence) {
        return db.execute("SELECT event::text FROM " + schema + ".events WHERE delivery_id = $1 AND seq > $2 ORDER BY seq",
                Tuple.of(deliveryId, afterSequence)).map(rows -> {
                    List<DeliveryEvent> out = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        out.add(EventJson.read(row.getString(0).getBytes(StandardCharsets.UTF_8)));
                    }
                    return out;
                });
    }

    Future<Long> lastSequence(String deliveryId) {
        return cursor(deliveryId, "last_seq");
    }

    Future<Void> markDelivered(String deliveryId, long sequence) {
        return db.execute("INSERT INTO " + schema + ".event_cursors (delivery_id, last_seq, delivered_up_to) "
                + "VALUES ($1, 0, $2) ON CONFLICT (delivery_id) DO UPDATE SET delivered_up_to = GREATEST("
                + schema + ".event_cursors.delivered_up_to, EXCLUDED.delivered_up_to)",
                Tuple.of(deliveryId, sequence)).mapEmpty();
    }

    Future<Long> deliveredUpTo(String deliveryId) {
        return cursor(deliveryId, "delivered_up_to");
    }

    /** The deliveries this replica owns (or that have no row) whose webhook still owes events. */
    Future<List<String>> withUndeliveredEvents() {
        return db.execute("SELECT c.delivery_id FROM " + schema + ".event_cursors c LEFT JOIN "
                + schema + ".deliveries d ON d.id = c.delivery_id WHERE c.last_seq > c.delivered_up_to "
                + "AND (d.id IS NULL OR d.owner_replica = $1) ORDER BY c.delivery_id", Tuple.of(me)).map(rows -> {
                    List<String> ids = new ArrayList<>(rows.size());
                    rows.forEach(row -> ids.add(row.getString(0)));
                    return ids;
                });
    }

    private Future<Long> cursor(String deliveryId, String column) {
        return db.execute("SELECT " + column + " FROM " + schema + ".event_cursors WHERE delivery_id = $1",
                Tuple.of(deliveryId)).map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong(0));
    }
}
