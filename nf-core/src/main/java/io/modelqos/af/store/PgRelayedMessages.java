package io.modelqos.af.store;

import io.modelqos.af.store.SharedDeliveryStore.Relayed;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/**
 * The messages replicas of a {@link PgDeliveryStore} hand each other ({@code relayed}): a NEF notification or a
 * caller's request that reached a replica other than the delivery's owner waits there, durably, until the owner
 * has applied it.
 */
final class PgRelayedMessages {
    private final AsyncPgPool db;
    private final String schema;
    private final String me;

    private final String channel;

    PgRelayedMessages(AsyncPgPool db, String me, String channel) {
        this.db = db;
        this.schema = db.schema();
        this.me = me;
        this.channel = channel;
    }

    /** Writes the message and, in the same statement, tells the delivery's owner (NOTIFY goes out at the commit). */
    Future<Long> relay(String deliveryId, Relayed.Kind kind, String body) {
        return db.execute("WITH r AS (INSERT INTO " + schema + ".relayed (delivery_id, kind, body, "
                + "relayed_by) VALUES ($1, $2, $3, $4) RETURNING num, delivery_id) SELECT r.num, pg_notify($5, 'to:' || "
                + "d.owner_replica) FROM r LEFT JOIN " + schema + ".deliveries d ON d.id = r.delivery_id",
                Tuple.of(deliveryId, kind.name(), body, me, channel)).map(rows -> rows.iterator().next().getLong(0));
    }

    Future<Boolean> relayPending(long number) {
        return db.execute("SELECT 1 FROM " + schema + ".relayed WHERE num = $1", Tuple.of(number))
                .map(rows -> rows.size() > 0);
    }

    Future<List<Relayed>> relayedToMe(int max) {
        return db.execute("SELECT r.num, r.delivery_id, r.kind, r.body FROM " + schema
                + ".relayed r JOIN " + schema + ".deliveries d ON d.id = r.delivery_id WHERE d.owner_replica = $1 "
                + "ORDER BY r.num LIMIT $2", Tuple.of(me, max)).map(rows -> {
                    List<Relayed> out = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        out.add(new Relayed(row.getLong(0), row.getString(1), Relayed.Kind.valueOf(row.getString(2)),
                                row.getString(3)));
                    }
                    return out;
                });
    }

    /** The owner applied the message: it goes, and the replica that relayed it hears so. */
    Future<Void> relayDone(long number) {
        return db.execute("WITH x AS (DELETE FROM " + schema + ".relayed WHERE num = $1 RETURNING num) "
                + "SELECT pg_notify($2, 'done:' || x.num) FROM x", Tuple.of(number, channel)).mapEmpty();
    }
}
