package io.modelqos.af.store;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.events.DeliveryEvent;
import io.modelqos.af.problem.AfProblem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Keeps deliveries and their events in PostgreSQL, shared by several AF replicas (see {@link SharedDeliveryStore}
 * for how they divide the work). The schema is created and migrated at start ({@code V<n>__*.sql}, under a
 * transaction-scoped advisory lock so that replicas starting together do not race).
 *
 * <p>The store's interface is synchronous: each call waits for its statement on the calling thread (the AF's event
 * loop), as the embedded store waits for its commit. The pool runs on a Vert.x instance of its own, so that waiting
 * never blocks the thread the connection's answer arrives on. Every mutating call is one statement (one round trip),
 * committed before it returns.
 *
 * <p>Fencing: a delivery is only written by its owner ({@code ... WHERE owner_replica = me}); a replica that was taken
 * for dead and whose deliveries were adopted gets {@link OwnershipLostException} instead of overwriting the adopter's
 * state.
 */
public final class PgDeliveryStore implements SharedDeliveryStore {
    private static final Logger LOG = LoggerFactory.getLogger(PgDeliveryStore.class);
    /** The migrations, in order; an AF refuses a database migrated further than it knows. */
    static final List<String> MIGRATIONS = List.of("V1__deliveries.sql");
    private static final long STATEMENT_TIMEOUT_MS = 10_000;
    private static final int ADOPT_BATCH = 2_000;

    private final Vertx vertx;
    private final Pool pool;
    private final String schema;
    private final String me;
    private final long replicaTimeoutMs;
    private final Set<String> mine = ConcurrentHashMap.newKeySet();
    private final IdentityMap identity = new IdentityMap();
    private volatile boolean closed;

    private PgDeliveryStore(Vertx vertx, Pool pool, String schema, String replicaId, long replicaTimeoutMs) {
        this.vertx = vertx;
        this.pool = pool;
        this.schema = schema;
        this.me = replicaId;
        this.replicaTimeoutMs = replicaTimeoutMs;
    }

    /**
     * Connects, migrates the schema and registers this replica.
     *
     * @throws IllegalStateException when the database cannot be reached or was migrated by a newer AF
     */
    public static PgDeliveryStore open(PostgresOptions options) {
        List<String> problems = options.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        PgConnectOptions connect = PgConnectOptions.fromUri(options.url().replaceFirst("^postgres://", "postgresql://"));
        if (options.user() != null) {
            connect.setUser(options.user());
        }
        if (options.password() != null) {
            connect.setPassword(options.password());
        }
        Vertx own = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        Pool pool = PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(options.poolSizeOrDefault()).setName("modelqos-store"))
                .with(new io.vertx.core.net.NetClientOptions().setConnectTimeout(5_000))
                .connectingTo(connect)
                .using(own)
                .build();
        PgDeliveryStore store = new PgDeliveryStore(own, pool, options.schemaOrDefault(), options.replicaIdOrDefault(),
                options.replicaTimeoutOrDefault());
        try {
            int layout = store.await(store.migrate());
            store.registerReplica();
            LOG.info("delivery store: PostgreSQL {}:{}/{} schema {} (layout {}), replica {}", connect.getHost(),
                    connect.getPort(), connect.getDatabase(), store.schema, layout, store.me);
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e instanceof IllegalStateException ? e
                    : new IllegalStateException("cannot open the PostgreSQL store: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- schema

    private Future<Integer> migrate() {
        return pool.withTransaction(conn -> conn.query("SELECT pg_advisory_xact_lock(hashtext('modelqos-migrate:"
                        + schema + "'))").execute()
                .compose(x -> conn.query("CREATE SCHEMA IF NOT EXISTS " + schema + "; CREATE TABLE IF NOT EXISTS "
                        + schema + ".schema_version (version int PRIMARY KEY, script text NOT NULL, "
                        + "applied_at timestamptz NOT NULL DEFAULT now())").execute())
                .compose(x -> conn.query("SELECT coalesce(max(version), 0) FROM " + schema + ".schema_version").execute())
                .compose(rows -> {
                    int current = rows.iterator().next().getInteger(0);
                    if (current > MIGRATIONS.size()) {
                        return Future.failedFuture(new IllegalStateException("schema " + schema + " has layout "
                                + current + "; this AF reads up to " + MIGRATIONS.size() + " (downgrade after an "
                                + "upgrade is not supported: restore the backup taken before the upgrade)"));
                    }
                    Future<Void> chain = Future.succeededFuture();
                    for (int v = current + 1; v <= MIGRATIONS.size(); v++) {
                        int version = v;
                        chain = chain.compose(y -> apply(conn, version));
                    }
                    return chain.map(y -> MIGRATIONS.size());
                }));
    }

    private Future<Void> apply(SqlConnection conn, int version) {
        String script = MIGRATIONS.get(version - 1);
        String sql;
        try (InputStream in = PgDeliveryStore.class.getResourceAsStream("postgres/" + script)) {
            if (in == null) {
                return Future.failedFuture(new IllegalStateException("migration " + script + " is missing"));
            }
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${schema}", schema);
        } catch (IOException e) {
            return Future.failedFuture(e);
        }
        LOG.info("delivery store: migrating schema {} to layout {} ({})", schema, version, script);
        return conn.query(sql).execute()
                .compose(x -> conn.preparedQuery("INSERT INTO " + schema + ".schema_version (version, script) VALUES ($1, $2)")
                        .execute(Tuple.of(version, script)))
                .mapEmpty();
    }

    private void registerReplica() {
        await(pool.preparedQuery("INSERT INTO " + schema + ".replicas (id, heartbeat_at, started_at) VALUES ($1, now(), now()) "
                + "ON CONFLICT (id) DO UPDATE SET heartbeat_at = now(), started_at = now(), declared_dead_at = NULL")
                .execute(Tuple.of(me)));
    }

    // ---------------------------------------------------------------- deliveries

    /**
     * Writes a delivery, only while this replica owns it and the cluster has not declared this replica dead (fencing:
     * a replica taken for dead writes nothing until its heartbeat has made it rejoin).
     */
    @Override
    public void put(Delivery d) {
        String alive = "EXISTS (SELECT 1 FROM " + schema + ".replicas WHERE id = $9 AND declared_dead_at IS NULL)";
        boolean isLive = DeliveryRecord.isLive(d);
        Long endedNs = !isLive && d.endedAt() != null ? DeliveryRecord.epochNanos(d.endedAt()) : null;
        RowSet<Row> rows = await(pool.preparedQuery("INSERT INTO " + schema + ".deliveries (id, tenant, ue_key, "
                + "callback_id, state, created_ns, ended_ns, live, owner_replica, record) "
                + "SELECT $1, $2, $3, $4, $5, $6::bigint, $7::bigint, $8::boolean, $9, $10::text::jsonb WHERE " + alive + " ON CONFLICT (id) "
                + "DO UPDATE SET state = EXCLUDED.state, ended_ns = EXCLUDED.ended_ns, live = EXCLUDED.live, "
                + "record = EXCLUDED.record, updated_at = now() WHERE " + schema + ".deliveries.owner_replica = "
                + "EXCLUDED.owner_replica AND " + alive)
                .execute(Tuple.from(new Object[] {d.id(), d.tenant(), d.request().ue().key(), d.callbackId(),
                        d.state().name(), DeliveryRecord.epochNanos(d.createdAt()), endedNs, isLive, me,
                        new String(DeliveryRecord.of(d).toJson(), StandardCharsets.UTF_8)})));
        if (rows.rowCount() == 0) {
            mine.remove(d.id());
            identity.forget(d.id());
            throw new OwnershipLostException(d.id(), me);
        }
        mine.add(d.id());
        identity.hold(d);
    }

    @Override
    public Optional<Delivery> get(String deliveryId) {
        Delivery held = held(deliveryId);
        if (held != null) {
            return Optional.of(held);
        }
        RowSet<Row> rows = await(pool.preparedQuery("SELECT owner_replica, record::text FROM " + schema
                + ".deliveries WHERE id = $1").execute(Tuple.of(deliveryId)));
        return rows.size() == 0 ? Optional.empty() : Optional.of(fromRow(deliveryId, rows.iterator().next()));
    }

    @Override
    public Optional<Delivery> byCallbackId(String callbackId) {
        RowSet<Row> rows = await(pool.preparedQuery("SELECT id, owner_replica, record::text FROM " + schema
                + ".deliveries WHERE callback_id = $1").execute(Tuple.of(callbackId)));
        if (rows.size() == 0) {
            return Optional.empty();
        }
        Row row = rows.iterator().next();
        String id = row.getString(0);
        Delivery held = held(id);
        return Optional.of(held != null ? held : fromRow(id, row.getString(1), row.getString(2)));
    }

    @Override
    public Optional<IdempotentCreate> idempotentCreate(String tenant, String key) {
        RowSet<Row> rows = await(pool.preparedQuery("SELECT fingerprint, delivery_id FROM " + schema
                + ".idempotency WHERE tenant = $1 AND idem_key = $2").execute(Tuple.of(tenant, key)));
        if (rows.size() == 0) {
            return Optional.empty();
        }
        Row row = rows.iterator().next();
        return Optional.of(new IdempotentCreate(row.getString(0), row.getString(1)));
    }

    @Override
    public void rememberIdempotentCreate(String tenant, String key, IdempotentCreate create) {
        await(pool.preparedQuery("INSERT INTO " + schema + ".idempotency (tenant, idem_key, fingerprint, delivery_id) "
                + "VALUES ($1, $2, $3, $4) ON CONFLICT (tenant, idem_key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, "
                + "delivery_id = EXCLUDED.delivery_id")
                .execute(Tuple.of(tenant, key, create.bodyFingerprint(), create.deliveryId())));
    }

    @Override
    public Page list(String tenant, String ueKey, DeliveryState state, int pageSize, String pageToken) {
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
        RowSet<Row> rows = await(pool.preparedQuery(sql.toString()).execute(Tuple.from(args)));
        List<Delivery> items = new ArrayList<>(Math.min(pageSize, rows.size()));
        String next = null;
        Position last = null;
        for (Row row : rows) {
            if (items.size() == pageSize) {
                next = last.encode();
                break;
            }
            String id = row.getString(0);
            Delivery held = held(id);
            items.add(held != null ? held : fromRow(id, row.getString(1), row.getString(2)));
            last = new Position(row.getLong(3), id);
        }
        return new Page(items, next);
    }

    /** The live deliveries this replica owns. */
    @Override
    public List<Delivery> live() {
        return deliveries(await(pool.preparedQuery("SELECT id, owner_replica, record::text FROM " + schema
                + ".deliveries WHERE live AND owner_replica = $1").execute(Tuple.of(me))));
    }

    /** A tenant's live deliveries on every replica. */
    @Override
    public List<Delivery> liveOf(String tenant) {
        return deliveries(await(pool.preparedQuery("SELECT id, owner_replica, record::text FROM " + schema
                + ".deliveries WHERE live AND tenant = $1").execute(Tuple.of(tenant))));
    }

    /** The deliveries this replica owns that ended at or after {@code since}. */
    @Override
    public List<Delivery> endedSince(Instant since) {
        return deliveries(await(pool.preparedQuery("SELECT id, owner_replica, record::text FROM " + schema
                + ".deliveries WHERE NOT live AND ended_ns >= $1 AND owner_replica = $2 ORDER BY ended_ns, id")
                .execute(Tuple.of(DeliveryRecord.epochNanos(since), me))));
    }

    @Override
    public int purgeEndedBefore(Instant before) {
        String s = schema;
        RowSet<Row> rows = await(pool.preparedQuery("WITH gone AS (DELETE FROM " + s + ".deliveries WHERE id IN ("
                + "SELECT id FROM " + s + ".deliveries WHERE NOT live AND ended_ns < $1 LIMIT 10000) RETURNING id), "
                + "e AS (DELETE FROM " + s + ".events WHERE delivery_id IN (SELECT id FROM gone)), "
                + "c AS (DELETE FROM " + s + ".event_cursors WHERE delivery_id IN (SELECT id FROM gone)), "
                + "i AS (DELETE FROM " + s + ".idempotency WHERE delivery_id IN (SELECT id FROM gone)), "
                + "r AS (DELETE FROM " + s + ".relayed WHERE delivery_id IN (SELECT id FROM gone)) "
                + "SELECT id FROM gone").execute(Tuple.of(DeliveryRecord.epochNanos(before))));
        for (Row row : rows) {
            identity.forget(row.getString(0));
            mine.remove(row.getString(0));
        }
        return rows.size();
    }

    // ---------------------------------------------------------------- events

    @Override
    public void appendEvent(DeliveryEvent event) {
        await(pool.preparedQuery("WITH e AS (INSERT INTO " + schema + ".events (delivery_id, seq, event) "
                + "VALUES ($1, $2, $3::text::jsonb) ON CONFLICT (delivery_id, seq) DO NOTHING) "
                + "INSERT INTO " + schema + ".event_cursors (delivery_id, last_seq, delivered_up_to) VALUES ($1, $2, 0) "
                + "ON CONFLICT (delivery_id) DO UPDATE SET last_seq = GREATEST(" + schema + ".event_cursors.last_seq, "
                + "EXCLUDED.last_seq)")
                .execute(Tuple.of(event.deliveryId(), event.sequence(),
                        new String(EventJson.write(event), StandardCharsets.UTF_8))));
    }

    @Override
    public void removeEvent(String deliveryId, long sequence) {
        await(pool.preparedQuery("DELETE FROM " + schema + ".events WHERE delivery_id = $1 AND seq = $2")
                .execute(Tuple.of(deliveryId, sequence)));
    }

    @Override
    public List<DeliveryEvent> events(String deliveryId, long afterSequence) {
        RowSet<Row> rows = await(pool.preparedQuery("SELECT event::text FROM " + schema
                + ".events WHERE delivery_id = $1 AND seq > $2 ORDER BY seq").execute(Tuple.of(deliveryId, afterSequence)));
        List<DeliveryEvent> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            out.add(EventJson.read(row.getString(0).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    @Override
    public long lastSequence(String deliveryId) {
        return cursor(deliveryId, "last_seq");
    }

    @Override
    public void markDelivered(String deliveryId, long sequence) {
        await(pool.preparedQuery("INSERT INTO " + schema + ".event_cursors (delivery_id, last_seq, delivered_up_to) "
                + "VALUES ($1, 0, $2) ON CONFLICT (delivery_id) DO UPDATE SET delivered_up_to = GREATEST("
                + schema + ".event_cursors.delivered_up_to, EXCLUDED.delivered_up_to)")
                .execute(Tuple.of(deliveryId, sequence)));
    }

    @Override
    public long deliveredUpTo(String deliveryId) {
        return cursor(deliveryId, "delivered_up_to");
    }

    /** The deliveries this replica owns (or that have no row) whose webhook still owes events. */
    @Override
    public List<String> withUndeliveredEvents() {
        RowSet<Row> rows = await(pool.preparedQuery("SELECT c.delivery_id FROM " + schema + ".event_cursors c LEFT JOIN "
                + schema + ".deliveries d ON d.id = c.delivery_id WHERE c.last_seq > c.delivered_up_to "
                + "AND (d.id IS NULL OR d.owner_replica = $1) ORDER BY c.delivery_id").execute(Tuple.of(me)));
        List<String> ids = new ArrayList<>(rows.size());
        rows.forEach(row -> ids.add(row.getString(0)));
        return ids;
    }

    // ---------------------------------------------------------------- the cluster

    @Override
    public String replicaId() {
        return me;
    }

    @Override
    public boolean owns(String deliveryId) {
        if (mine.contains(deliveryId)) {
            return true;
        }
        RowSet<Row> rows = await(pool.preparedQuery("SELECT owner_replica FROM " + schema + ".deliveries WHERE id = $1")
                .execute(Tuple.of(deliveryId)));
        if (rows.size() == 0) {
            return true; // not stored yet: it is being created here
        }
        boolean owned = me.equals(rows.iterator().next().getString(0));
        if (owned) {
            mine.add(deliveryId);
        }
        return owned;
    }

    @Override
    public long relay(String deliveryId, Relayed.Kind kind, String body) {
        RowSet<Row> rows = await(pool.preparedQuery("INSERT INTO " + schema + ".relayed (delivery_id, kind, body, "
                + "relayed_by) VALUES ($1, $2, $3, $4) RETURNING num").execute(Tuple.of(deliveryId, kind.name(), body, me)));
        return rows.iterator().next().getLong(0);
    }

    @Override
    public boolean relayPending(long number) {
        return await(pool.preparedQuery("SELECT 1 FROM " + schema + ".relayed WHERE num = $1").execute(Tuple.of(number)))
                .size() > 0;
    }

    @Override
    public List<Relayed> relayedToMe(int max) {
        RowSet<Row> rows = await(pool.preparedQuery("SELECT r.num, r.delivery_id, r.kind, r.body FROM " + schema
                + ".relayed r JOIN " + schema + ".deliveries d ON d.id = r.delivery_id WHERE d.owner_replica = $1 "
                + "ORDER BY r.num LIMIT $2").execute(Tuple.of(me, max)));
        List<Relayed> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            out.add(new Relayed(row.getLong(0), row.getString(1), Relayed.Kind.valueOf(row.getString(2)), row.getString(3)));
        }
        return out;
    }

    @Override
    public void relayDone(long number) {
        await(pool.preparedQuery("DELETE FROM " + schema + ".relayed WHERE num = $1").execute(Tuple.of(number)));
    }

    @Override
    public boolean heartbeat() {
        RowSet<Row> rows = await(pool.preparedQuery("UPDATE " + schema + ".replicas SET heartbeat_at = now() "
                + "WHERE id = $1 AND declared_dead_at IS NULL").execute(Tuple.of(me)));
        if (rows.rowCount() > 0) {
            return true;
        }
        // Declared dead (or forgotten): some or all of this replica's deliveries now belong to others. Rejoin first:
        // from then on no adopter can claim more of them (a claim re-checks, under a lock, that the owner is still
        // declared dead), so what is found lost afterwards is all that was lost.
        registerReplica();
        String[] held = mine.toArray(new String[0]);
        RowSet<Row> lost = await(pool.preparedQuery("SELECT id FROM " + schema + ".deliveries WHERE id = ANY($1::text[]) "
                + "AND owner_replica <> $2").execute(Tuple.of(held, me)));
        for (Row row : lost) {
            mine.remove(row.getString(0));
            identity.forget(row.getString(0));
        }
        LOG.error("delivery store: the cluster took replica {} for dead (no heartbeat for {} ms); {} of its deliveries "
                + "were adopted by other replicas; it rejoins with the rest", me, replicaTimeoutMs, lost.size());
        return false;
    }

    @Override
    public List<Delivery> adoptFromDeadReplicas() {
        String s = schema;
        // First declare dead the replicas whose heartbeat is too old (atomically: one that beat meanwhile is spared),
        // then claim rows by their owner's name: a plain condition, which FOR UPDATE re-checks on a row another
        // adopter changed meanwhile, so no row is claimed twice.
        RowSet<Row> dead = await(pool.preparedQuery("WITH declared AS (UPDATE " + s + ".replicas SET declared_dead_at = now() "
                + "WHERE id <> $1 AND declared_dead_at IS NULL AND heartbeat_at < now() - $2 * interval '1 millisecond' "
                + "RETURNING id) SELECT id FROM declared UNION SELECT id FROM " + s + ".replicas "
                + "WHERE declared_dead_at IS NOT NULL AND id <> $1").execute(Tuple.of(me, replicaTimeoutMs)));
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
            RowSet<Row> rows = await(pool.preparedQuery("WITH still_dead AS (SELECT id FROM " + s + ".replicas "
                    + "WHERE id = ANY($2::text[]) AND declared_dead_at IS NOT NULL FOR SHARE), "
                    + "claimed AS (SELECT id FROM " + s + ".deliveries WHERE owner_replica = ANY(ARRAY(SELECT id FROM "
                    + "still_dead)) LIMIT $3 FOR UPDATE SKIP LOCKED) "
                    + "UPDATE " + s + ".deliveries d SET owner_replica = $1, updated_at = now() FROM claimed "
                    + "WHERE d.id = claimed.id RETURNING d.id, CASE WHEN d.live THEN d.record::text END")
                    .execute(Tuple.of(me, deadReplicas, ADOPT_BATCH)));
            claimed = rows.size();
            for (Row row : rows) {
                String id = row.getString(0);
                mine.add(id);
                String record = row.getString(1);
                if (record != null) {
                    Delivery d = DeliveryRecord.fromJson(record.getBytes(StandardCharsets.UTF_8)).toDelivery();
                    identity.hold(d);
                    adopted.add(d);
                }
            }
        } while (claimed == ADOPT_BATCH);
        // A dead replica that owns nothing any more is forgotten; if it comes back, it registers anew.
        await(pool.preparedQuery("DELETE FROM " + s + ".replicas r WHERE r.id = ANY($1::text[]) AND r.declared_dead_at "
                + "IS NOT NULL AND NOT EXISTS (SELECT 1 FROM " + s + ".deliveries d WHERE d.owner_replica = r.id)")
                .execute(Tuple.of((Object) deadReplicas)));
        if (!adopted.isEmpty()) {
            LOG.warn("delivery store: replica {} adopted {} live deliveries of replicas {} that stopped sending heartbeats",
                    me, adopted.size(), deadIds);
        }
        return adopted;
    }

    // ---------------------------------------------------------------- operations

    @Override
    public boolean durable() {
        return true;
    }

    @Override
    public boolean ping() {
        if (closed) {
            return false;
        }
        try {
            pool.query("SELECT 1").execute().toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** Closes the pool. The replica's deliveries stay its own: a restart under the same id takes them back. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            pool.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("delivery store: closing the pool: {}", e.toString());
        }
        vertx.close();
    }

    // ---------------------------------------------------------------- helpers

    private <T> T await(Future<T> future) {
        if (closed) {
            throw AfProblem.serviceUnavailable("the delivery store is closed");
        }
        try {
            return future.toCompletionStage().toCompletableFuture().get(STATEMENT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AfProblem.serviceUnavailable("interrupted waiting for the delivery store");
        } catch (TimeoutException e) {
            throw AfProblem.serviceUnavailable("the delivery store (PostgreSQL) did not answer within "
                    + STATEMENT_TIMEOUT_MS + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r && (r instanceof AfProblem || r instanceof IllegalStateException)) {
                throw r;
            }
            LOG.warn("delivery store: {}", cause.toString());
            throw AfProblem.serviceUnavailable("the delivery store (PostgreSQL) failed: " + cause.getMessage());
        }
    }

    private long cursor(String deliveryId, String column) {
        RowSet<Row> rows = await(pool.preparedQuery("SELECT " + column + " FROM " + schema
                + ".event_cursors WHERE delivery_id = $1").execute(Tuple.of(deliveryId)));
        return rows.size() == 0 ? 0 : rows.iterator().next().getLong(0);
    }

    private List<Delivery> deliveries(RowSet<Row> rows) {
        List<Delivery> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            String id = row.getString(0);
            Delivery held = held(id);
            out.add(held != null ? held : fromRow(id, row.getString(1), row.getString(2)));
        }
        return out;
    }

    private Delivery fromRow(String id, Row ownerAndRecord) {
        return fromRow(id, ownerAndRecord.getString(0), ownerAndRecord.getString(1));
    }

    /** A delivery read back: this replica's keeps its one instance; another's is a fresh copy each time. */
    private Delivery fromRow(String id, String owner, String record) {
        Delivery d = DeliveryRecord.fromJson(record.getBytes(StandardCharsets.UTF_8)).toDelivery();
        if (me.equals(owner)) {
            mine.add(id);
            return identity.holdUnlessHeld(d);
        }
        mine.remove(id);
        identity.forget(id);
        return d;
    }

    /** The instance this replica holds for a delivery it owns, or null. */
    private Delivery held(String id) {
        if (!mine.contains(id)) {
            return null;
        }
        return identity.get(id);
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
