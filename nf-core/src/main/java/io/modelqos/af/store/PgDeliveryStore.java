package io.modelqos.af.store;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.events.DeliveryEvent;
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
 * <p>The store's interface is synchronous: each call waits for its statement on the calling thread (the AF's event
 * loop), as the embedded store waits for its commit. The pool runs on a Vert.x instance of its own, so that waiting
 * never blocks the thread the connection's answer arrives on. Every mutating call is one statement (one round trip),
 * committed before it returns.
 *
 * <p>Fencing: a delivery is only written by its owner ({@code ... WHERE owner_replica = me}); a replica that was taken
 * for dead and whose deliveries were adopted gets {@link OwnershipLostException} instead of overwriting the adopter's
 * state.
 *
 * <p>The work is done by its parts, one per group of tables: {@link PgSchema} (migration), {@link PgDeliveryRows}
 * (deliveries, idempotency keys), {@link PgEventOutbox} (events and their cursors), {@link PgRelayedMessages} and
 * {@link PgReplicaMembership} (heartbeats, adoption), on one {@link BlockingPgPool}, sharing what this replica owns in
 * {@link OwnedDeliveries}.
 */
public final class PgDeliveryStore implements SharedDeliveryStore {
    private static final Logger LOG = LoggerFactory.getLogger(PgDeliveryStore.class);

    private final BlockingPgPool db;
    private final String me;
    private final PgDeliveryRows deliveries;
    private final PgEventOutbox events;
    private final PgRelayedMessages relayed;
    private final PgReplicaMembership membership;

    private final PgRelaySignals signals;

    private PgDeliveryStore(BlockingPgPool db, PgRelaySignals signals, String replicaId, long replicaTimeoutMs) {
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
        BlockingPgPool db = BlockingPgPool.connect(connect, options.poolSizeOrDefault(), options.schemaOrDefault());
        PgRelaySignals signals = new PgRelaySignals(db.vertx(), connect, options.schemaOrDefault(),
                options.replicaIdOrDefault());
        PgDeliveryStore store = new PgDeliveryStore(db, signals, options.replicaIdOrDefault(),
                options.replicaTimeoutOrDefault());
        try {
            int layout = new PgSchema(db).migrate();
            store.membership.register();
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
    public void put(Delivery d) {
        deliveries.put(d);
    }

    @Override
    public Optional<Delivery> get(String deliveryId) {
        return deliveries.get(deliveryId);
    }

    @Override
    public Optional<Delivery> byCallbackId(String callbackId) {
        return deliveries.byCallbackId(callbackId);
    }

    @Override
    public Optional<IdempotentCreate> idempotentCreate(String tenant, String key) {
        return deliveries.idempotentCreate(tenant, key);
    }

    @Override
    public void rememberIdempotentCreate(String tenant, String key, IdempotentCreate create) {
        deliveries.rememberIdempotentCreate(tenant, key, create);
    }

    @Override
    public Page list(String tenant, String ueKey, DeliveryState state, int pageSize, String pageToken) {
        return deliveries.list(tenant, ueKey, state, pageSize, pageToken);
    }

    /** The live deliveries this replica owns. */
    @Override
    public List<Delivery> live() {
        return deliveries.live();
    }

    /** A tenant's live deliveries on every replica. */
    @Override
    public List<Delivery> liveOf(String tenant) {
        return deliveries.liveOf(tenant);
    }

    /** The deliveries this replica owns that ended at or after {@code since}. */
    @Override
    public List<Delivery> endedSince(Instant since) {
        return deliveries.endedSince(since);
    }

    @Override
    public int purgeEndedBefore(Instant before) {
        return deliveries.purgeEndedBefore(before);
    }

    // ---------------------------------------------------------------- events

    @Override
    public void appendEvent(DeliveryEvent event) {
        events.appendEvent(event);
    }

    @Override
    public void removeEvent(String deliveryId, long sequence) {
        events.removeEvent(deliveryId, sequence);
    }

    @Override
    public List<DeliveryEvent> events(String deliveryId, long afterSequence) {
        return events.events(deliveryId, afterSequence);
    }

    @Override
    public long lastSequence(String deliveryId) {
        return events.lastSequence(deliveryId);
    }

    @Override
    public void markDelivered(String deliveryId, long sequence) {
        events.markDelivered(deliveryId, sequence);
    }

    @Override
    public long deliveredUpTo(String deliveryId) {
        return events.deliveredUpTo(deliveryId);
    }

    /** The deliveries this replica owns (or that have no row) whose webhook still owes events. */
    @Override
    public List<String> withUndeliveredEvents() {
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
    public long relay(String deliveryId, Relayed.Kind kind, String body) {
        return relayed.relay(deliveryId, kind, body);
    }

    @Override
    public boolean relayPending(long number) {
        return relayed.relayPending(number);
    }

    @Override
    public List<Relayed> relayedToMe(int max) {
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
    public void relayDone(long number) {
        relayed.relayDone(number);
    }

    @Override
    public boolean heartbeat() {
        return membership.heartbeat();
    }

    @Override
    public List<Delivery> adoptFromDeadReplicas() {
        return membership.adoptFromDeadReplicas();
    }

    // ---------------------------------------------------------------- operations

    @Override
    public boolean durable() {
        return true;
    }

    @Override
    public boolean ping() {
        return db.ping();
    }

    /** Closes the pool. The replica's deliveries stay its own: a restart under the same id takes them back. */
    @Override
    public void close() {
        signals.close();
        db.close();
    }
}
