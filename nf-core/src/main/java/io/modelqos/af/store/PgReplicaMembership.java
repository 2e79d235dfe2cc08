package io.modelqos.af.store;

import io.modelqos.af.delivery.Delivery;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
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

    private final AsyncPgPool db;
    private final String schema;
    private final String me;
    private final long replicaTimeoutMs;
    private final OwnedDeliveries owned;

    PgReplicaMembership(AsyncPgPool db, String me, long replicaTimeoutMs, OwnedDeliveries owned) {
        this.db = db;
        this.schema = db.schema();
        this.me = me;
        this.replicaTimeoutMs = replicaTimeoutMs;
        this.owned = owned;
    }

    /** Registers this replica as alive (again): a fresh heartbeat, and no longer declared dead. */
    Future<Void> register() {
        return db.execute("INSERT INTO " + schema + ".replicas (id, heartbeat_at, started_at) VALUES ($1, now(), now()) "
                + "ON CONFLICT (id) DO UPDATE SET heartbeat_at = now(), started_at = now(), declared_dead_at = NULL",
                Tuple.of(me)).mapEmpty();
    }

    /**
     * See {@link SharedDeliveryStore#owns}: from memory. This replica learns that it owns a delivery whenever it
     * writes, reads, resumes or adopts it, and a caller always reads a delivery before it asks.
     */
    boolean owns(String deliveryId) {
        return owned.contains(deliveryId);
    }

    /** See {@link SharedDeliveryStore#heartbeat}. */
    Future<Boolean> heartbeat() {
        return db.execute("UPDATE " + schema + ".replicas SET heartbeat_at = now() "
                + "WHERE id = $1 AND declared_dead_at IS NULL", Tuple.of(me)).compose(rows -> rows.rowCount() > 0
                ? Future.succeededFuture(true)
                : rejoin().map(false));
    }

    /**
     * Declared dead (or forgotten): some or all of this replica's deliveries now belong to others. Rejoin first: from
     * then on no adopter can claim more of them (a claim re-checks, under a lock, that the owner is still declared
     * dead), so what is found lost afterwards is all that was lost.
     */
    private Future<Void> rejoin() {
        return register().compose(registered -> db.execute("SELECT id FROM " + schema
                + ".deliveries WHERE id = ANY($1::text[]) AND owner_replica <> $2", Tuple.of(owned.ids(), me)))
                .map(lost -> {
                    for (Row row : lost) {
                        owned.lost(row.getString(0));
                    }
                    LOG.error("delivery store: the cluster took replica {} for dead (no heartbeat for {} ms); {} of its "
                            + "deliveries were adopted by other replicas; it rejoins with the rest", me, replicaTimeoutMs,
                            lost.size());
                    return null;
                });
    }

    /** See {@link SharedDeliveryStore#adoptFromDeadReplicas}. */
    Future<List<Delivery>> adoptFromDeadReplicas() {
        // First declare dead the replicas whose heartbeat is too old (atomically: one that beat meanwhile is spared),
        // then claim rows by their owner's name: a plain condition, which FOR UPDATE re-checks on a row another
        // adopter changed meanwhile, so no row is claimed twice.
        return db.execute("WITH declared AS (UPDATE " + schema + ".replicas SET declared_dead_at = now() "
                + "WHERE id <> $1 AND declared_dead_at IS NULL AND heartbeat_at < now() - $2 * interval '1 millisecond' "
                + "RETURNING id) SELECT id FROM declared UNION SELECT id FROM " + schema + ".replicas "
                + "WHERE declared_dead_at IS NOT NULL AND id <> $1", Tuple.of(me, replicaTimeoutMs)).compose(dead -> {
                    if (dead.size() == 0) {
                        return Future.succeededFuture(List.of());
                    }
                    List<String> deadIds = new ArrayList<>();
                    dead.forEach(row -> deadIds.add(row.getString(0)));
                    String[] deadReplicas = deadIds.toArray(new String[0]);
                    List<Delivery> adopted = new ArrayList<>();
                    return claim(deadReplicas, adopted).compose(done -> forget(deadReplicas)).map(forgotten -> {
                        if (!adopted.isEmpty()) {
                            LOG.warn("delivery store: replica {} adopted {} live deliveries of replicas {} that stopped "
                                    + "sending heartbeats", me, adopted.size(), deadIds);
                        }
                        return adopted;
                    });
                });
    }

    /** Claims the deliveries of dead replicas, {@value #ADOPT_BATCH} at a time, into {@code adopted} (the live ones). */
    private Future<Void> claim(String[] deadReplicas, List<Delivery> adopted) {
        String s = schema;
        // SKIP LOCKED: replicas adopting at the same moment split the rows; a row the dead replica is still writing is
        // left for the next round. still_dead: only owners still declared dead, read under a share lock that a
        // rejoining replica's re-registration waits for, so a replica that rejoined meanwhile keeps what it has.
        return db.execute("WITH still_dead AS (SELECT id FROM " + s + ".replicas "
                + "WHERE id = ANY($2::text[]) AND declared_dead_at IS NOT NULL FOR SHARE), "
                + "claimed AS (SELECT id FROM " + s + ".deliveries WHERE owner_replica = ANY(ARRAY(SELECT id FROM "
                + "still_dead)) LIMIT $3 FOR UPDATE SKIP LOCKED) "
                + "UPDATE " + s + ".deliveries d SET owner_replica = $1, updated_at = now() FROM claimed "
                + "WHERE d.id = claimed.id RETURNING d.id, CASE WHEN d.live THEN d.record::text END",
                Tuple.of(me, deadReplicas, ADOPT_BATCH)).compose(rows -> {
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
                    return rows.size() == ADOPT_BATCH ? claim(deadReplicas, adopted) : Future.succeededFuture();
                });
    }

    /** A dead replica that owns nothing any more is forgotten; if it comes back, it registers anew. */
    private Future<Void> forget(String[] deadReplicas) {
        return db.execute("DELETE FROM " + schema + ".replicas r WHERE r.id = ANY($1::text[]) AND r.declared_dead_at "
                + "IS NOT NULL AND NOT EXISTS (SELECT 1 FROM " + schema + ".deliveries d WHERE d.owner_replica = r.id)",
                Tuple.of((Object) deadReplicas)).mapEmpty();
    }
}
