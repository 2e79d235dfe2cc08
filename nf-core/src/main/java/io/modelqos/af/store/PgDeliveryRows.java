package io.modelqos.af.store;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.problem.AfProblem;
import io.modelqos.af.store.DeliveryStore.IdempotentCreate;
import io.modelqos.af.store.DeliveryStore.Page;
import io.vertx.core.Future;
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
 *
 * <p>Round trips are what a database across a network costs, so the hot path saves them where the answer is known:
 * <ul>
 *   <li>With {@link #groupCommits}, the writes of one delivery made in one event-loop turn (the engine often writes a
 *       delivery twice in a row, e.g. created then negotiating, ended then release pending) become one statement at
 *       the end of the turn, carrying the last record: one round trip where there were two in a row.</li>
 *   <li>A NEF notification's callback id is resolved from memory for a live delivery this replica wrote and still
 *       holds, as {@link #get} is (the row's callback id never changes).</li>
 * </ul>
 */
final class PgDeliveryRows {
    private final AsyncPgPool db;
    private final String schema;
    private final String me;
    private final OwnedDeliveries owned;

    PgDeliveryRows(AsyncPgPool db, String me, OwnedDeliveries owned) {
        this.db = db;
        this.schema = db.schema();
        this.me = me;
        this.owned = owned;
    }

    /** The last write of each delivery still under way: the next one waits for it, so writes land in order. */
    private final java.util.Map<String, Future<Void>> lastWrite = new java.util.concurrent.ConcurrentHashMap<>();
    /** The write of each delivery waiting for the end of the turn it was made in (only with {@link #groupCommits}). */
    private final java.util.Map<String, TurnWrite> thisTurn = new java.util.concurrent.ConcurrentHashMap<>();
    /** Callback id to delivery id, for the live deliveries this replica wrote (see {@link #byCallbackId}). */
    private final java.util.Map<String, String> liveCallbacks = new java.util.concurrent.ConcurrentHashMap<>();
    /** Runs a task after the current one on the caller's event loop; null: every write is sent at once. */
    private volatile java.util.concurrent.Executor endOfTurn;

    /** See {@link DeliveryStore#groupCommits}: from now on a delivery's writes of one turn are sent as one. */
    /** Told how long each write of a record took: a statement in autocommit, so its commit. */
    private volatile java.util.function.Consumer<java.time.Duration> commitObserver = d -> { };

    void observeCommits(java.util.function.Consumer<java.time.Duration> observer) {
        this.commitObserver = observer;
    }

    private Future<RowSet<Row>> timedWrite(String sql, Tuple row) {
        long started = System.nanoTime();
        return db.execute(sql, row).onSuccess(rows ->
                commitObserver.accept(java.time.Duration.ofNanos(System.nanoTime() - started)));
    }

    void groupCommits(java.util.concurrent.Executor endOfTurn) {
        this.endOfTurn = endOfTurn;
    }

    /** A delivery's write of this turn, not sent yet: a later write of the same turn replaces its record. */
    private static final class TurnWrite {
        final io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
        Delivery delivery;
        Tuple row;
        boolean sent;
    }

    /**
     * See {@link PgDeliveryStore#put}. The record is taken now. The statement runs once the delivery's last write is
     * done, and with {@link #groupCommits} at the end of the turn, carrying the last record written in it.
     */
    Future<Void> put(Delivery d) {
        Tuple row = rowOf(d);
        java.util.concurrent.Executor turn = endOfTurn;
        if (turn == null) {
            return send(d, row);
        }
        String id = d.id();
        TurnWrite pending = thisTurn.get(id);
        if (pending != null) {
            synchronized (pending) {
                if (!pending.sent) {
                    pending.delivery = d;
                    pending.row = row;
                    return pending.done.future();
                }
            }
        }
        TurnWrite write = new TurnWrite();
        write.delivery = d;
        write.row = row;
        thisTurn.put(id, write);
        turn.execute(() -> {
            Delivery last;
            Tuple lastRow;
            synchronized (write) {
                write.sent = true;
                last = write.delivery;
                lastRow = write.row;
            }
            thisTurn.remove(id, write);
            send(last, lastRow).onComplete(write.done);
        });
        return write.done.future();
    }

    private Tuple rowOf(Delivery d) {
        boolean isLive = DeliveryRecord.isLive(d);
        Long endedNs = !isLive && d.endedAt() != null ? DeliveryRecord.epochNanos(d.endedAt()) : null;
        return Tuple.from(new Object[] {d.id(), d.tenant(), d.request().ue().key(), d.callbackId(),
                d.state().name(), DeliveryRecord.epochNanos(d.createdAt()), endedNs, isLive, me,
                new String(DeliveryRecord.of(d).toJson(), StandardCharsets.UTF_8)});
    }

    /** Writes {@code row} (the record of {@code d}) once the delivery's write before is done. */
    private Future<Void> send(Delivery d, Tuple row) {
        String alive = "EXISTS (SELECT 1 FROM " + schema + ".replicas WHERE id = $9 AND declared_dead_at IS NULL)";
        String sql = "INSERT INTO " + schema + ".deliveries (id, tenant, ue_key, "
                + "callback_id, state, created_ns, ended_ns, live, owner_replica, record) "
                + "SELECT $1, $2, $3, $4, $5, $6::bigint, $7::bigint, $8::boolean, $9, $10::text::jsonb WHERE " + alive + " ON CONFLICT (id) "
                + "DO UPDATE SET state = EXCLUDED.state, ended_ns = EXCLUDED.ended_ns, live = EXCLUDED.live, "
                + "record = EXCLUDED.record, updated_at = now() WHERE " + schema + ".deliveries.owner_replica = "
                + "EXCLUDED.owner_replica AND " + alive;
        String id = d.id();
        boolean live = row.getBoolean(7);
        Future<Void> before = lastWrite.get(id);
        Future<RowSet<Row>> written = before == null ? timedWrite(sql, row)
                : before.transform(previous -> timedWrite(sql, row));
        Future<Void> write = written.compose(rows -> {
                    if (rows.rowCount() == 0) {
                        liveCallbacks.remove(d.callbackId(), id);
                        owned.lost(id);
                        return Future.failedFuture(new OwnershipLostException(id, me));
                    }
                    owned.add(id);
                    owned.hold(d);
                    if (live) {
                        liveCallbacks.put(d.callbackId(), id);
                    } else {
                        liveCallbacks.remove(d.callbackId(), id);
                    }
                    return Future.succeededFuture();
                });
        lastWrite.put(id, write);
        write.onComplete(done -> lastWrite.remove(id, write));
        return write;
    }

    Future<Optional<Delivery>> get(String deliveryId) {
        Delivery held = owned.held(deliveryId);
        if (held != null) {
            return Future.succeededFuture(Optional.of(held));
        }
        return db.execute("SELECT owner_replica, record::text FROM " + schema
                + ".deliveries WHERE id = $1", Tuple.of(deliveryId)).map(rows -> rows.size() == 0 ? Optional.empty()
                : Optional.of(owned.fromRow(deliveryId, rows.iterator().next())));
    }

    /**
     * A live delivery this replica wrote and still holds is answered from memory, like {@link #get}: what the database
     * would answer is that same instance (this replica owns the row, whose callback id never changes). Any other goes
     * to the database.
     */
    Future<Optional<Delivery>> byCallbackId(String callbackId) {
        String known = liveCallbacks.get(callbackId);
        if (known != null) {
            Delivery held = owned.held(known);
            if (held != null && callbackId.equals(held.callbackId())) {
                return Future.succeededFuture(Optional.of(held));
            }
            liveCallbacks.remove(callbackId, known);
        }
        return db.execute("SELECT id, owner_replica, record::text FROM " + schema
                + ".deliveries WHERE callback_id = $1", Tuple.of(callbackId)).map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    String id = row.getString(0);
                    Delivery held = owned.held(id);
                    return Optional.of(held != null ? held : owned.fromRow(id, row.getString(1), row.getString(2)));
                });
    }

    Future<Optional<IdempotentCreate>> idempotentCreate(String tenant, String key) {
        return db.execute("SELECT fingerprint, delivery_id FROM " + schema
                + ".idempotency WHERE tenant = $1 AND idem_key = $2", Tuple.of(tenant, key)).map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new IdempotentCreate(row.getString(0), row.getString(1)));
                });
    }

    Future<Void> rememberIdempotentCreate(String tenant, String key, IdempotentCreate create) {
        return db.execute("INSERT INTO " + schema + ".idempotency (tenant, idem_key, fingerprint, delivery_id) "
                + "VALUES ($1, $2, $3, $4) ON CONFLICT (tenant, idem_key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, "
                + "delivery_id = EXCLUDED.delivery_id",
                Tuple.of(tenant, key, create.bodyFingerprint(), create.deliveryId())).mapEmpty();
    }

    Future<Page> list(String tenant, String ueKey, DeliveryState state, int pageSize, String pageToken) {
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
            Position after;
            try {
                after = Position.decode(pageToken);
            } catch (AfProblem bad) {
                return Future.failedFuture(bad);
            }
            args.add(after.createdNs());
            args.add(after.id());
            sql.append(" AND (created_ns, id) < ($").append(args.size() - 1).append(", $").append(args.size()).append(')');
        }
        args.add(pageSize + 1);
        sql.append(" ORDER BY created_ns DESC, id DESC LIMIT $").append(args.size());
        return db.execute(sql.toString(), Tuple.from(args)).map(rows -> page(rows, pageSize));
    }

    private Page page(RowSet<Row> rows, int pageSize) {
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
    Future<List<Delivery>> live() {
        return db.execute("SELECT id, owner_replica, record::text FROM " + schema
                + ".deliveries WHERE live AND owner_replica = $1", Tuple.of(me)).map(owned::deliveries);
    }

    /** A tenant's live deliveries on every replica. */
    Future<List<Delivery>> liveOf(String tenant) {
        return db.execute("SELECT id, owner_replica, record::text FROM " + schema
                + ".deliveries WHERE live AND tenant = $1", Tuple.of(tenant)).map(owned::deliveries);
    }

    /** The deliveries this replica owns that ended at or after {@code since}. */
    Future<List<Delivery>> endedSince(Instant since) {
        return db.execute("SELECT id, owner_replica, record::text FROM " + schema
                + ".deliveries WHERE NOT live AND ended_ns >= $1 AND owner_replica = $2 ORDER BY ended_ns, id",
                Tuple.of(DeliveryRecord.epochNanos(since), me)).map(owned::deliveries);
    }

    /** Removes up to 10 000 ended deliveries with their events, cursors, idempotency keys and relayed messages. */
    Future<List<String>> purgeEndedBefore(Instant before) {
        String s = schema;
        return db.execute("WITH gone AS (DELETE FROM " + s + ".deliveries WHERE id IN ("
                + "SELECT id FROM " + s + ".deliveries WHERE NOT live AND ended_ns < $1 LIMIT 10000) RETURNING id), "
                + "e AS (DELETE FROM " + s + ".events WHERE delivery_id IN (SELECT id FROM gone)), "
                + "c AS (DELETE FROM " + s + ".event_cursors WHERE delivery_id IN (SELECT id FROM gone)), "
                + "i AS (DELETE FROM " + s + ".idempotency WHERE delivery_id IN (SELECT id FROM gone)), "
                + "r AS (DELETE FROM " + s + ".relayed WHERE delivery_id IN (SELECT id FROM gone)) "
                + "SELECT id FROM gone", Tuple.of(DeliveryRecord.epochNanos(before))).map(rows -> {
                    List<String> purged = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        owned.purged(row.getString(0));
                        purged.add(row.getString(0));
                    }
                    return purged;
                });
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
