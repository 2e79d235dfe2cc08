package io.modelqos.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryRequest;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.delivery.GrantedQos;
import io.modelqos.af.delivery.PlannedOption;
import io.modelqos.af.delivery.RequestedQos;
import io.modelqos.af.events.DeliveryEvent;
import io.modelqos.af.events.EventType;
import io.modelqos.af.store.PgDeliveryStore;
import io.modelqos.af.store.PostgresOptions;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The PostgreSQL store with 10 ms added to every database round trip (the bench's {@link DelayingTcpProxy} in front
 * of a real PostgreSQL server), driven as the AF's engine drives it: many deliveries at once on two event-loop
 * contexts (its shards), each writing without waiting for its writes and waiting for {@link PgDeliveryStore#flushed()}
 * only before an effect outside, as before a NEF request. Checked directly in the database, not through the
 * proxy: nothing is lost, each delivery's writes landed in the order they were made (an audit trigger records every
 * row version in commit order), every write a flush waited for is there, and every event is in the outbox.
 * Correctness only: no time is asserted.
 */
class PgStoreUnderLatencyTest {
    private static final int DELIVERIES = 240;
    /** Writes per delivery, two in each turn; the second of each turn is followed by a flush. */
    private static final int STEPS = 6;
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private static BenchPostgres postgres;
    private static Vertx vertx;
    private static DelayingTcpProxy proxy;
    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    private String schema;
    private PgDeliveryStore store;

    @BeforeAll
    static void startServerAndProxy(@TempDir Path dir) throws Exception {
        postgres = BenchPostgres.start(dir.resolve("pg"));
        vertx = Vertx.vertx();
        proxy = DelayingTcpProxy.start(vertx, "127.0.0.1", postgres.port(), Duration.ofMillis(10));
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (vertx != null) {
            vertx.close().await();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @BeforeEach
    void openBehindTheProxy() throws SQLException {
        schema = "latency_" + SCHEMAS.incrementAndGet();
        store = PgDeliveryStore.open(new PostgresOptions(BenchPostgres.url(proxy.port()), "postgres", null, schema, 4,
                "replica-slow", null, null, null));
        try (Connection c = jdbc(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + schema + ".audit (n bigserial PRIMARY KEY, id text NOT NULL, step bigint NOT NULL)");
            s.execute("CREATE FUNCTION " + schema + ".audit_write() RETURNS trigger AS $$ BEGIN INSERT INTO " + schema
                    + ".audit (id, step) VALUES (NEW.id, (NEW.record->'rate'->>'progressBytes')::bigint); RETURN NEW; END "
                    + "$$ LANGUAGE plpgsql");
            s.execute("CREATE TRIGGER audit AFTER INSERT OR UPDATE ON " + schema + ".deliveries FOR EACH ROW EXECUTE "
                    + "FUNCTION " + schema + ".audit_write()");
        }
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    /**
     * @param groupedByTurn as in the AF ({@code ModelQosAf} calls {@code groupCommits}): a delivery's writes of one
     *                      event-loop turn are sent as one; without, each write is a statement of its own
     */
    @ParameterizedTest(name = "writes grouped by event-loop turn: {0}")
    @ValueSource(booleans = {false, true})
    void concurrentDeliveriesLoseNothingAndEachOnesWritesLandInOrder(boolean groupedByTurn) throws Exception {
        if (groupedByTurn) {
            store.groupCommits(task -> Vertx.currentContext().runOnContext(v -> task.run()));
        }
        List<Context> shards = List.of(vertx.getOrCreateContext(), vertx.getOrCreateContext());
        List<Future<Delivery>> lives = new ArrayList<>();
        for (int i = 0; i < DELIVERIES; i++) {
            String id = "d-" + i;
            Context shard = shards.get(i % shards.size());
            Promise<Delivery> done = Promise.promise();
            shard.runOnContext(v -> life(id, i(id)).onComplete(done));
            lives.add(done.future());
        }
        List<Delivery> ended = Future.all(lives).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS)
                .list();

        Map<String, List<Long>> stepsById = new TreeMap<>();
        Map<String, Object[]> rows = new HashMap<>();
        Map<String, Long> events = new HashMap<>();
        Map<String, Long> lastSeq = new HashMap<>();
        try (Connection c = jdbc(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT id, step FROM " + schema + ".audit ORDER BY n")) {
                while (r.next()) {
                    stepsById.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r.getLong(2));
                }
            }
            try (ResultSet r = s.executeQuery("SELECT id, state, live, (record->'rate'->>'progressBytes')::bigint FROM "
                    + schema + ".deliveries")) {
                while (r.next()) {
                    rows.put(r.getString(1), new Object[] {r.getString(2), r.getBoolean(3), r.getLong(4)});
                }
            }
            try (ResultSet r = s.executeQuery("SELECT delivery_id, count(*) FROM " + schema + ".events GROUP BY delivery_id")) {
                while (r.next()) {
                    events.put(r.getString(1), r.getLong(2));
                }
            }
            try (ResultSet r = s.executeQuery("SELECT delivery_id, last_seq FROM " + schema + ".event_cursors")) {
                while (r.next()) {
                    lastSeq.put(r.getString(1), r.getLong(2));
                }
            }
        }
        assertEquals(DELIVERIES, rows.size(), "every delivery has its row");
        List<org.junit.jupiter.api.function.Executable> checks = new ArrayList<>();
        for (Delivery d : ended) {
            String id = d.id();
            List<Long> steps = stepsById.getOrDefault(id, List.of());
            checks.add(() -> assertEquals(List.of("COMPLETED", false, (long) STEPS), List.of(rows.get(id)),
                    id + ": the last write is the one that stayed"));
            // Grouped, the two writes of each turn become one carrying the second; each flush waited for it.
            checks.add(() -> assertEquals(groupedByTurn ? List.of(2L, 4L, 6L) : List.of(1L, 2L, 3L, 4L, 5L, 6L), steps,
                    id + ": the row versions in commit order"));
            checks.add(() -> assertEquals(3L, events.getOrDefault(id, 0L), id + ": events in the outbox"));
            checks.add(() -> assertEquals(3L, lastSeq.getOrDefault(id, 0L), id + ": the outbox's last sequence"));
            checks.add(() -> assertSame(d, store.get(id).toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS).orElseThrow(), id + ": the store hands back the instance the AF holds"));
        }
        assertAll(checks);
    }

    /**
     * One delivery's life, as the engine writes it: two writes and an event, a flush (before the NEF request), two
     * more and an event, a flush, the end, a flush (before the answer). Writes are not waited for one by one.
     */
    private Future<Delivery> life(String id, int n) {
        Delivery d = negotiating(id, n);
        write(d, 1);
        store.appendEvent(event(id, 1, EventType.QOS_GRANTED));
        write(d, 2);
        return store.flushed().compose(nefCreated -> {
            d.granted(new GrantedQos("resnet-50-fp32", "1 Gbps", "mq-gbr-1G", null, 900, 1000, 2));
            d.moveTo(DeliveryState.QOS_GRANTED);
            write(d, 3);
            store.appendEvent(event(id, 2, EventType.RATE_REPORT));
            write(d, 4);
            return store.flushed();
        }).compose(nefDeleted -> {
            d.endedAt(T0.plusSeconds(n + 1));
            d.moveTo(DeliveryState.COMPLETED);
            write(d, 5);
            store.appendEvent(event(id, 3, EventType.COMPLETED));
            write(d, 6);
            return store.flushed();
        }).map(answered -> d);
    }

    /** Writes {@code d} marked with its step (progress bytes, which the audit trigger reads from the record). */
    private void write(Delivery d, int step) {
        d.rate().progress(step, step, false);
        store.put(d);
    }

    private static Delivery negotiating(String id, int n) {
        DeliveryRequest request = new DeliveryRequest(new DeliveryRequest.UeAddress("10.45." + (n / 250) + "." + (n % 250),
                null, null), new DeliveryRequest.ServerAddress("10.0.0.10", null, 443), "resnet-50",
                List.of(new DeliveryRequest.Variant("resnet-50-fp32", "fp32", 102_000_000L, 0.76)), 1000, 0.9999, true,
                2000L, URI.create("http://127.0.0.1:9/hook"), "tok");
        Delivery d = new Delivery(id, "tenant-latency", request, "cb-" + id, T0.plusSeconds(n));
        d.requested(new RequestedQos("resnet-50-fp32", "816 Mbps", "898 Mbps", 1000, 0.9999));
        d.options(List.of(new PlannedOption("resnet-50-fp32", "mq-gbr-1G", true, "1 Gbps", 1_000_000_000L, 900, 1000)));
        d.moveTo(DeliveryState.NEGOTIATING);
        return d;
    }

    private static DeliveryEvent event(String id, long sequence, EventType type) {
        return new DeliveryEvent(UUID.randomUUID().toString(), id, sequence, type, T0.plusMillis(sequence),
                JsonNodeFactory.instance.objectNode().put("deliveryId", id));
    }

    private static int i(String id) {
        return Integer.parseInt(id.substring(2));
    }

    /** Straight to the server, not through the proxy. */
    private static Connection jdbc() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/postgres", "postgres", "");
    }
}
