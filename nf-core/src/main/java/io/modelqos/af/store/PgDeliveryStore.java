package io.modelqos.af.store;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.events.DeliveryEvent;
import io.vertx.core.Future;
import io.vertx.pgclient.PgConnectOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Keeps deliveries and their events in PostgreSQL, shared by several AF replicas (see {@link SharedDeliveryStore}
 * for how they divide the work). The schema is created and migrated at start ({@code V<n>__*.sql}, under a
 * transaction-scoped advisory lock so that replicas starting together do not race).
 *
 * <p>Every call is asynchronous ({@link AsyncPgPool}): its future completes on the caller's context once the
 * statement is done, and no event loop waits for the database. Every mutating call is one statement (one round trip),
 * committed when its future completes; with {@link #groupCommits}, the writes of one delivery made in one event-loop
 * turn share one statement, sent at the end of the turn. The writes of one delivery are chained, so they land in the
 * order they were made; {@link #flushed()} waits for every write still under way.
 *
 * <p>Fencing: a delivery is only written by its owner ({@code ... WHERE owner_replica = me}); a replica that was taken
 * for dead and whose deliveries were adopted gets {@link OwnershipLostException} instead of overwriting the adopter's
 * state.
 *
 * <p>The work is done by its parts, one per group of tables: {@link PgSchema} (migration), {@link PgDeliveryRows}
 * (deliveries, idempotency keys), {@link PgEventOutbox} (events and their cursors), {@link PgRelayedMessages} and
 * {@link PgReplicaMembership} (heartbeats, adoption), on one {@link AsyncPgPool}, sharing what this replica owns in
 * {@link OwnedDeliveries}.
 */
public final class PgDeliveryStore implements SharedDeliveryStore {
    private static final Logger LOG = LoggerFactory.getLogger(PgDeliveryStore.class);

    private final AsyncPgPool db;
    private final String me;
    private final PgDeliveryRows deliveries;
    private final PgEventOutbox events;
    private final PgRelayedMessages relayed;
    private final PgReplicaMembership membership;

    private final PgRelaySignals signals;
    /** The writes under way, for {@link #flushed()}. */
    private final java.util.Set<Future<?>> underWay = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private PgDeliveryStore(AsyncPgPool db, PgRelaySignals signals, String replicaId, long replicaTimeoutMs) {
        this.db = db;
        this.signals = signals;
        this.me = replicaId;
        OwnedDeliveries owned = new OwnedDeliveries(replicaId);
        this.deliveries = new PgDeliveryRows(db, replicaId, owned);
        this.events = new PgEventOutbox(db, replicaId, signals.channel());
        this.relayed = new PgRelayedMessages(db, replicaId, signals.channel());
        this.membership = new PgReplicaMembership(db, replicaId, replicaTimeoutMs, owned);
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
        AsyncPgPool db = AsyncPgPool.connect(connect, options.poolSizeOrDefault(), options.schemaOrDefault());
        PgRelaySignals signals = new PgRelaySignals(db.vertx(), connect, options.schemaOrDefault(),
                options.replicaIdOrDefault());
        PgDeliveryStore store = new PgDeliveryStore(db, signals, options.replicaIdOrDefault(),
                options.replicaTimeoutOrDefault());
        try {
            int layout = new PgSchema(db).migrate();
            db.await(store.membership.register());
            signals.start();
            LOG.info("delivery store: PostgreSQL {}:{}/{} schema {} (layout {}), replica {}", connect.getHost(),
                    connect.getPort(), connect.getDatabase(), db.schema(), layout, store.me);
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e instanceof IllegalStateException ? e
                    : new IllegalStateException("cannot open the PostgreSQL store: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- deliveries

    /**
     * Writes a delivery, only while this replica owns it and the cluster has not declared this replica dead (fencing:
     * a replica taken for dead writes nothing until its heartbeat has made it rejoin).
     */
    @Override
    public Future<Void> put(Delivery d) {
        return tracked(deliveries.put(d));
    }

    @Override
    public Future<Optional<Delivery>> get(String deliveryId) {
        return deliveries.get(deliveryId);
    }

    @Override
    public Future<Optional<Delivery>> byCallbackId(String callbackId) {
        return deliveries.byCallbackId(callbackId);
    }

    @Override
    public Future<Optional<IdempotentCreate>> idempotentCreate(String tenant, String key) {
        return deliveries.idempotentCreate(tenant, key);
    }

    @Override
    public Future<Void> rememberIdempotentCreate(String tenant, String key, IdempotentCreate create) {
        return tracked(deliveries.rememberIdempotentCreate(tenant, key, create));
    }

    @Override
    public Future<Page> list(String tenant, String ueKey, DeliveryState state, int pageSize, String pageToken) {
        return deliveries.list(tenant, ueKey, state, pageSize, pageToken);
    }

    /** The live deliveries this replica owns. */
    @Override
    public Future<List<Delivery>> live() {
        return deliveries.live();
    }

    /** A tenant's live deliveries on every replica. */
    @Override
    public Future<List<Delivery>> liveOf(String tenant) {
        return deliveries.liveOf(tenant);
    }

    /** The deliveries this replica owns that ended at or after {@code since}. */
    @Override
    public Future<List<Delivery>> endedSince(Instant since) {
        return deliveries.endedSince(since);
    }

    @Override
    public Future<List<String>> purgeEndedBefore(Instant before) {
        return deliveries.purgeEndedBefore(before);
    }

    // ---------------------------------------------------------------- events

    @Override
    public Future<Void> appendEvent(DeliveryEvent event) {
        return tracked(events.appendEvent(event));
    }

    @Override
    public Future<Void> removeEvent(String deliveryId, long sequence) {
        return tracked(events.removeEvent(deliveryId, sequence));
    }

    @Override
    public Future<List<DeliveryEvent>> events(String deliveryId, long afterSequence) {
        return events.events(deliveryId, afterSequence);
    }

    @Override
    public Future<Long> lastSequence(String deliveryId) {
        return events.lastSequence(deliveryId);
    }

    @Override
    public Future<Void> markDelivered(String deliveryId, long sequence, boolean last) {
        return tracked(events.markDelivered(deliveryId, sequence));
    }

    @Override
    public Future<Long> deliveredUpTo(String deliveryId) {
        return events.deliveredUpTo(deliveryId);
    }

    /** The deliveries this replica owns (or that have no row) whose webhook still owes events. */
    @Override
    public Future<List<String>> withUndeliveredEvents() {
        return events.withUndeliveredEvents();
    }

    // ---------------------------------------------------------------- the cluster

    @Override
    public String replicaId() {
        return me;
    }

    @Override
    public boolean owns(String deliveryId) {
        return membership.owns(deliveryId);
    }

    @Override
    public Future<Long> relay(String deliveryId, Relayed.Kind kind, String body) {
        return tracked(relayed.relay(deliveryId, kind, body));
    }

    @Override
    public Future<Boolean> relayPending(long number) {
        return relayed.relayPending(number);
    }

    @Override
    public Future<List<Relayed>> relayedToMe(int max) {
        return relayed.relayedToMe(max);
    }

    @Override
    public void onRelayedToMe(Runnable wake) {
        signals.onRelayedToMe(wake);
    }

    @Override
    public Runnable onEventsAppended(String deliveryId, Runnable wake) {
        return signals.onEvents(deliveryId, wake);
    }

    @Override
    public void onRelayDone(java.util.function.LongConsumer done) {
        signals.onRelayDone(done);
    }

    @Override
    public Future<Void> relayDone(long number) {
        return tracked(relayed.relayDone(number));
    }

    @Override
    public Future<Boolean> heartbeat() {
        return membership.heartbeat();
    }

    @Override
    public Future<List<Delivery>> adoptFromDeadReplicas() {
        return membership.adoptFromDeadReplicas();
    }

    // ---------------------------------------------------------------- operations

    @Override
    public boolean durable() {
        return true;
    }

    @Override
    public Future<Boolean> ping() {
        return db.ping();
    }

    /** Lets a delivery's writes of one event-loop turn go to the database as one statement (see {@link PgDeliveryRows}). */
    @Override
    public void observeCommits(java.util.function.Consumer<java.time.Duration> observer) {
        deliveries.observeCommits(observer);
    }

    @Override
    public void groupCommits(java.util.concurrent.Executor endOfTurn) {
        deliveries.groupCommits(endOfTurn);
    }

    @Override
    public Future<Void> flushed() {
        if (underWay.isEmpty()) {
            return Future.succeededFuture();
        }
        return db.onCaller(Future.join(List.copyOf(underWay)).mapEmpty());
    }

    /** A write, counted as under way (for {@link #flushed()}) until it is done. */
    private <T> Future<T> tracked(Future<T> write) {
        underWay.add(write);
        write.onComplete(done -> underWay.remove(write));
        return write;
    }

    /** Closes the pool. The replica's deliveries stay its own: a restart under the same id takes them back. */
    @Override
    public void close() {
        signals.close();
        db.close();
    }
}
