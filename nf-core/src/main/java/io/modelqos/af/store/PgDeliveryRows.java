package io.modelqos.af.store;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.problem.AfProblem;
import io.modelqos.af.store.DeliveryStore.IdempotentCreate;
import io.modelqos.af.store.DeliveryStore.Page;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The deliveries of a {@link PgDeliveryStore}: the {@code deliveries} table (one JSON record per delivery, with the
 * columns it is looked up by) and the {@code idempotency} table. Writes are fenced: a delivery is only written by
 * its owner while the cluster holds that owner alive, otherwise {@link OwnershipLostException}.
 */
final class PgDeliveryRows {
    private final BlockingPgPool db;
    private final String schema;
    private final String me;
    private final OwnedDeliveries owned;

    PgDeliveryRows(BlockingPgPool db, String me, OwnedDeliveries owned) {
        this.db = db;
        this.schema = db.schema();
        this.me = me;
        this.owned = owned;
    }

    /** See {@link PgDeliveryStore#put}. */
    void put(Delivery d) {
        String alive = "EXISTS (SELECT 1 FROM " + schema + ".replicas WHERE id = $9 AND declared_dead_at IS NULL)";
        boolean isLive = DeliveryRecord.isLive(d);
        Long endedNs = !isLive && d.endedAt() != null ? DeliveryRecord.epochNanos(d.endedAt()) : null;
        RowSet<Row> rows = db.execute("INSERT INTO " + schema + ".deliveries (id, tenant, ue_key, "
                + "callback_id, state, created_ns, ended_ns, live, owner_replica, record) "
                + "SELECT $1, $2, $3, $4, $5, $6::bigint, $7::bigint, $8::boolean, $9, $10::text::jsonb WHERE " + alive + " ON CONFLICT (id) "
                + "DO UPDATE SET state = EXCLUDED.state, ended_ns = EXCLUDED.ended_ns, live = EXCLUDED.live, "
                + "record = EXCLUDED.record, updated_at = now() WHERE " + schema + ".deliveries.owner_replica = "
                + "EXCLUDED.owner_replica AND " + alive,
                Tuple.from(new Object[] {d.id(), d.tenant(), d.request().ue().key(), d.callbackId(),
                        d.state().name(), DeliveryRecord.epochNanos(d.createdAt()), endedNs, isLive, me,
                        new String(DeliveryRecord.of(d).toJson(), StandardCharsets.UTF_8)}));
        if (rows.rowCount() == 0) {
            owned.lost(d.id());
            throw new OwnershipLostException(d.id(), me);
        }
        owned.add(d.id());
        owned.hold(d);
    }

    Optional<Delivery> get(String deliveryId) {
        Delivery held = owned.held(deliveryId);
        if (held != null) {
            return Optional.of(held);
        }
        RowSet<Row> rows = db.execute("SELECT owner_replica, record::text FROM " + schema
                + ".deliveries WHERE id = $1", Tuple.of(deliveryId));
        return rows.size() == 0 ? Optional.empty() : Optional.of(owned.fromRow(deliveryId, rows.iterator().next()));
    }

    Optional<Delivery> byCallbackId(String callbackId) {
        RowSet<Row> rows = db.execute("SELECT id, owner_replica, record::text FROM " + schema
                + ".deliveries WHERE callback_id = $1", Tuple.of(callbackId));
        if (rows.size() == 0) {
            return Optional.empty();
        }
        Row row = rows.iterator().next();
        String id = row.getString(0);
        Delivery held = owned.held(id);
        return Optional.of(held != null ? held : owned.fromRow(id, row.getString(1), row.getString(2)));
    }

    Optional<IdempotentCreate> idempotentCreate(String tenant, String key) {
        RowSet<Row> rows = db.execute("SELECT fingerprint, delivery_id FROM " + schema
                + ".idempotency WHERE tenant = $1 AND idem_key = $2", Tuple.of(tenant, key));
        if (rows.size() == 0) {
            return Optional.empty();
        }
        Row row = rows.iterator().next();
        return Optional.of(new IdempotentCreate(row.getString(0), row.getString(1)));
    }

    void rememberIdempotentCreate(String tenant, String key, IdempotentCreate create) {
        db.execute("INSERT INTO " + schema + ".idempotency (tenant, idem_key, fingerprint, delivery_id) "
                + "VALUES ($1, $2, $3, $4) ON CONFLICT (tenant, idem_key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, "
                + "delivery_id = EXCLUDED.delivery_id",
                Tuple.of(tenant, key, create.bodyFingerprint(), create.deliveryId()));
    }

    Page list(String tenant, String ueKey, DeliveryState state, int pageSize, String pageToken) {
        StringBuilder sql = new StringBuilder("SELECT id, owner_replica, record::text, created_ns FROM ")
                .append(schema).append(".deliveries WHERE tenant = $1");
        List<Object> args = new ArrayList<>(List.of(tenant));
        if (ueKey != null) {
            args.add(ueKey);
            sql.append(" AND ue_key = $").append(args.size());
        }
        if (state != null) {
            args.add(state.name());
            sql.append(" AND state = $").append(args.size());
        }
        if (pageToken != null) {
            Position after = Position.decode(pageToken);
            args.add(after.createdNs());
            args.add(after.id());
            sql.append(" AND (created_ns, id) < ($").append(args.size() - 1).append(", $").append(args.size()).append(')');
        }
        args.add(pageSize + 1);
        sql.append(" ORDER BY created_ns DESC, id DESC LIMIT $").append(args.size());
        RowSet<Row> rows = db.execute(sql.toString(), Tuple.from(args));
        List<Delivery> items = new ArrayList<>(Math.min(pageSize, rows.size()));
        String next = null;
        Position last = null;
        for (Row row : rows) {
            if (items.size() == pageSize) {
                next = last.encode();
                break;
            }
            String id = row.getString(0);
            Delivery held = owned.held(id);
            items.add(held != null ? held : owned.fromRow(id, row.getString(1), row.getString(2)));
            last = new Position(row.getLong(3), id);
        }
        return new Page(items, next);
    }

    /** The live deliveries this replica owns. */
    List<Delivery> live() {
        return owned.deliveries(db.execute("SELECT id, owner_replica, record::text FROM " + schema
                + ".deliveries WHERE live AND owner_replica = $1", Tuple.of(me)));
    }

    /** A tenant's live deliveries on every replica. */
    List<Delivery> liveOf(String tenant) {
        return owned.deliveries(db.execute("SELECT id, owner_replica, record::text FROM " + schema
                + ".deliveries WHERE live AND tenant = $1", Tuple.of(tenant)));
    }

    /** The deliveries this replica owns that ended at or after {@code since}. */
    List<Delivery> endedSince(Instant since) {
        return owned.deliveries(db.execute("SELECT id, owner_replica, record::text FROM " + schema
                + ".deliveries WHERE NOT live AND ended_ns >= $1 AND owner_replica = $2 ORDER BY ended_ns, id",
                Tuple.of(DeliveryRecord.epochNanos(since), me)));
    }

    /** Removes up to 10 000 ended deliveries with their events, cursors, idempotency keys and relayed messages. */
    int purgeEndedBefore(Instant before) {
        String s = schema;
        RowSet<Row> rows = db.execute("WITH gone AS (DELETE FROM " + s + ".deliveries WHERE id IN ("
                + "SELECT id FROM " + s + ".deliveries WHERE NOT live AND ended_ns < $1 LIMIT 10000) RETURNING id), "
                + "e AS (DELETE FROM " + s + ".events WHERE delivery_id IN (SELECT id FROM gone)), "
                + "c AS (DELETE FROM " + s + ".event_cursors WHERE delivery_id IN (SELECT id FROM gone)), "
                + "i AS (DELETE FROM " + s + ".idempotency WHERE delivery_id IN (SELECT id FROM gone)), "
                + "r AS (DELETE FROM " + s + ".relayed WHERE delivery_id IN (SELECT id FROM gone)) "
                + "SELECT id FROM gone", Tuple.of(DeliveryRecord.epochNanos(before)));
        for (Row row : rows) {
            owned.purged(row.getString(0));
        }
        return rows.size();
    }

    /** Where a page ended: the last item's creation time and id (the list's sort key). */
    private record Position(long createdNs, String id) {
        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((createdNs + ":" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Position decode(String token) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
                int cut = text.indexOf(':');
                if (cut < 1 || cut == text.length() - 1) {
                    throw new IllegalArgumentException();
                }
                return new Position(Long.parseLong(text.substring(0, cut)), text.substring(cut + 1));
            } catch (RuntimeException e) {
                throw AfProblem.invalid("pageToken", "not a page token this AF issued");
            }
        }
    }
}
