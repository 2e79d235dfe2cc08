package io.modelqos.af.store;

import io.modelqos.af.delivery.Delivery;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A replica's place in the cluster of a {@link PgDeliveryStore} ({@code replicas}): it registers, sends heartbeats,
 * declares dead the replicas whose heartbeat is too old and adopts their deliveries, each delivery by exactly one
 * replica. A replica that was declared dead rejoins at its next heartbeat and learns which of its deliveries it lost;
 * until then the fencing of {@link PgDeliveryRows#put} keeps it from writing.
 */
final class PgReplicaMembership {
    /** Logs under the store's name, as all of the store's parts do. */
    private static final Logger LOG = LoggerFactory.getLogger(PgDeliveryStore.class);
    private static final int ADOPT_BATCH = 2_000;

    private final BlockingPgPool db;
    private final String schema;
    private final String me;
    private final long replicaTimeoutMs;
    private final OwnedDeliveries owned;

    PgReplicaMembership(BlockingPgPool db, String me, long replicaTimeoutMs, OwnedDeliveries owned) {
        this.db = db;
        this.schema = db.schema();
        this.me = me;
        this.replicaTimeoutMs = replicaTimeoutMs;
        this.owned = owned;
    }

    /** Registers this replica as alive (again): a fresh heartbeat, and no longer declared dead. */
    void register() {
        db.execute("INSERT INTO " + schema + ".replicas (id, heartbeat_at, started_at) VALUES ($1, now(), now()) "
                + "ON CONFLICT (id) DO UPDATE SET heartbeat_at = now(), started_at = now(), declared_dead_at = NULL",
                Tuple.of(me));
    }

    /** See {@link SharedDeliveryStore#owns}. */
    boolean owns(String deliveryId) {
        if (owned.contains(deliveryId)) {
            return true;
        }
        RowSet<Row> rows = db.execute("SELECT owner_replica FROM " + schema + ".deliveries WHERE id = $1",
                Tuple.of(deliveryId));
        if (rows.size() == 0) {
            return true; // not stored yet: it is being created here
        }
        boolean isOwner = me.equals(rows.iterator().next().getString(0));
        if (isOwner) {
            owned.add(deliveryId);
        }
        return isOwner;
    }

    /** See {@link SharedDeliveryStore#heartbeat}. */
    boolean heartbeat() {
        RowSet<Row> rows = db.execute("UPDATE " + schema + ".replicas SET heartbeat_at = now() "
                + "WHERE id = $1 AND declared_dead_at IS NULL", Tuple.of(me));
        if (rows.rowCount() > 0) {
            return true;
        }
        // Declared dead (or forgotten): some or all of this replica's deliveries now belong to others. Rejoin first:
        // from then on no adopter can claim more of them (a claim re-checks, under a lock, that the owner is still
        // declared dead), so what is found lost afterwards is all that was lost.
        register();
        String[] held = owned.ids();
        RowSet<Row> lost = db.execute("SELECT id FROM " + schema + ".deliveries WHERE id = ANY($1::text[]) "
                + "AND owner_replica <> $2", Tuple.of(held, me));
        for (Row row : lost) {
            owned.lost(row.getString(0));
        }
        LOG.error("delivery store: the cluster took replica {} for dead (no heartbeat for {} ms); {} of its deliveries "
                + "were adopted by other replicas; it rejoins with the rest", me, replicaTimeoutMs, lost.size());
        return false;
    }

    /** See {@link SharedDeliveryStore#adoptFromDeadReplicas}. */
    List<Delivery> adoptFromDeadReplicas() {
        String s = schema;
        // First declare dead the replicas whose heartbeat is too old (atomically: one that beat meanwhile is spared),
        // then claim rows by their owner's name: a plain condition, which FOR UPDATE re-checks on a row another
        // adopter changed meanwhile, so no row is claimed twice.
        RowSet<Row> dead = db.execute("WITH declared AS (UPDATE " + s + ".replicas SET declared_dead_at = now() "
                + "WHERE id <> $1 AND declared_dead_at IS NULL AND heartbeat_at < now() - $2 * interval '1 millisecond' "
                + "RETURNING id) SELECT id FROM declared UNION SELECT id FROM " + s + ".replicas "
                + "WHERE declared_dead_at IS NOT NULL AND id <> $1", Tuple.of(me, replicaTimeoutMs));
        if (dead.size() == 0) {
            return List.of();
        }
        List<String> deadIds = new ArrayList<>();
        dead.forEach(row -> deadIds.add(row.getString(0)));
        String[] deadReplicas = deadIds.toArray(new String[0]);
        List<Delivery> adopted = new ArrayList<>();
        int claimed;
        do {
            // SKIP LOCKED: replicas adopting at the same moment split the rows; a row the dead replica is still
            // writing is left for the next round.
            // still_dead: only owners still declared dead, read under a share lock that a rejoining replica's
            // re-registration waits for, so a replica that rejoined meanwhile keeps what it has.
            RowSet<Row> rows = db.execute("WITH still_dead AS (SELECT id FROM " + s + ".replicas "
                    + "WHERE id = ANY($2::text[]) AND declared_dead_at IS NOT NULL FOR SHARE), "
                    + "claimed AS (SELECT id FROM " + s + ".deliveries WHERE owner_replica = ANY(ARRAY(SELECT id FROM "
                    + "still_dead)) LIMIT $3 FOR UPDATE SKIP LOCKED) "
                    + "UPDATE " + s + ".deliveries d SET owner_replica = $1, updated_at = now() FROM claimed "
                    + "WHERE d.id = claimed.id RETURNING d.id, CASE WHEN d.live THEN d.record::text END",
                    Tuple.of(me, deadReplicas, ADOPT_BATCH));
            claimed = rows.size();
            for (Row row : rows) {
                String id = row.getString(0);
                owned.add(id);
                String record = row.getString(1);
                if (record != null) {
                    Delivery d = DeliveryRecord.fromJson(record.getBytes(StandardCharsets.UTF_8)).toDelivery();
                    owned.hold(d);
                    adopted.add(d);
                }
            }
        } while (claimed == ADOPT_BATCH);
        // A dead replica that owns nothing any more is forgotten; if it comes back, it registers anew.
        db.execute("DELETE FROM " + s + ".replicas r WHERE r.id = ANY($1::text[]) AND r.declared_dead_at "
                + "IS NOT NULL AND NOT EXISTS (SELECT 1 FROM " + s + ".deliveries d WHERE d.owner_replica = r.id)",
                Tuple.of((Object) deadReplicas));
        if (!adopted.isEmpty()) {
            LOG.warn("delivery store: replica {} adopted {} live deliveries of replicas {} that stopped sending heartbeats",
                    me, adopted.size(), deadIds);
        }
        return adopted;
    }
}
