package io.modelqos.af.store;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.store.SharedDeliveryStore.Relayed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Several replicas on one PostgreSQL schema (one {@link PgDeliveryStore} per replica id, against the same real
 * server): who owns a delivery and who may write it, relaying to the owner, adoption of a dead replica's deliveries
 * (each by exactly one replica), a replica wrongly taken for dead, a restart under the same name, and the migration
 * lock and version check.
 */
class PgClusterTest {
    /** Longer than the replica timeout of {@link EmbeddedPostgresServer#options} (300 ms). */
    private static final long PAST_TIMEOUT_MS = 450;
    /** Replicas that die one after the other while others adopt, and how many deliveries each leaves. */
    private static final int MORTALS = 8;
    private static final int EACH_MORTALS_DELIVERIES = 40;

    private String schema;
    private final List<PgDeliveryStore> opened = new ArrayList<>();

    @BeforeEach
    void newSchema() {
        schema = EmbeddedPostgresServer.newSchema();
    }

    @AfterEach
    void closeEveryStore() {
        synchronized (opened) {
            opened.forEach(PgDeliveryStore::close);
            opened.clear();
        }
    }

    private PgDeliveryStore open(String replicaId) {
        PgDeliveryStore store = PgDeliveryStore.open(EmbeddedPostgresServer.options(schema, replicaId));
        synchronized (opened) {
            opened.add(store);
        }
        return store;
    }

    private static Connection jdbc() throws SQLException {
        return DriverManager.getConnection("jdbc:" + EmbeddedPostgresServer.url(), "postgres", "");
    }

    /** Who owns each row of the deliveries table, read straight from the database. */
    private Map<String, String> ownersInDatabase() throws SQLException {
        Map<String, String> owners = new TreeMap<>();
        try (Connection c = jdbc(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, owner_replica FROM " + schema + ".deliveries")) {
            while (rs.next()) {
                owners.put(rs.getString(1), rs.getString(2));
            }
        }
        return owners;
    }

    private static Set<String> ids(List<Delivery> deliveries) {
        return deliveries.stream().map(Delivery::id).collect(Collectors.toSet());
    }

    // ---------------------------------------------------------------- ownership

    @Test
    void aDeliveryIsOwnedByTheReplicaThatPutItAndOthersReadFreshCopies() {
        PgDeliveryStore a = open("replica-a");
        PgDeliveryStore b = open("replica-b");
        Delivery d = Deliveries.granted("d-1", "t", "10.45.0.1", 0);
        a.put(d).await();

        assertTrue(a.owns("d-1"));
        assertFalse(b.owns("d-1"));
        assertSame(d, a.get("d-1").await().orElseThrow(), "the owner keeps its one instance");
        Delivery copy = b.get("d-1").await().orElseThrow();
        assertNotSame(d, copy);
        assertEquals(DeliveryRecord.of(d), DeliveryRecord.of(copy));
        assertNotSame(copy, b.get("d-1").await().orElseThrow(), "each read of another replica's delivery is a fresh copy");
        Delivery byCallback = b.byCallbackId("cb-d-1").await().orElseThrow();
        assertNotSame(d, byCallback);
        assertEquals(DeliveryState.QOS_GRANTED, byCallback.state());
        assertFalse(b.owns("d-1"), "reading does not make a replica the owner");
    }

    @Test
    void aReplicaCannotOverwriteADeliveryAnotherOneOwns() {
        PgDeliveryStore a = open("replica-a");
        PgDeliveryStore b = open("replica-b");
        Delivery d = Deliveries.granted("d-1", "t", "10.45.0.1", 0);
        a.put(d).await();
        DeliveryRecord before = DeliveryRecord.of(d);

        Delivery copy = b.get("d-1").await().orElseThrow();
        Deliveries.ended(copy, DeliveryState.CANCELLED, 10);
        copy.failureCause(io.modelqos.af.delivery.FailureCause.NEF_ERROR);
        OwnershipLostException refused = assertThrows(OwnershipLostException.class, () -> b.put(copy).await());
        assertTrue(refused.getMessage().contains("d-1") && refused.getMessage().contains("replica-b"),
                refused.getMessage());

        assertFalse(b.owns("d-1"));
        assertTrue(a.owns("d-1"));
        assertEquals(DeliveryState.QOS_GRANTED, b.get("d-1").await().orElseThrow().state());
        PgDeliveryStore c = open("replica-c");
        Delivery fresh = c.get("d-1").await().orElseThrow();
        assertEquals(before, DeliveryRecord.of(fresh), "the owner's row is unchanged");
        assertEquals(Set.of("d-1"), ids(a.live().await()));
        assertTrue(b.live().await().isEmpty());

        // The owner still writes it.
        d.moveTo(DeliveryState.DEGRADED);
        a.put(d).await();
        assertEquals(DeliveryState.DEGRADED, c.get("d-1").await().orElseThrow().state());
    }

    // ---------------------------------------------------------------- relay

    @Test
    void relayedMessagesReachOnlyTheOwnerInOrderUntilItIsDoneWithThem() {
        PgDeliveryStore a = open("replica-a");
        PgDeliveryStore b = open("replica-b");
        PgDeliveryStore c = open("replica-c");
        a.put(Deliveries.granted("d-1", "t", "10.45.0.1", 0)).await();
        a.put(Deliveries.negotiating("d-2", "t", "10.45.0.2", 1)).await();
        b.put(Deliveries.negotiating("d-b", "t", "10.45.0.3", 2)).await();

        long n1 = b.relay("d-1", Relayed.Kind.NOTIFICATION, "{\"event\":\"QOS_NOT_GUARANTEED\"}").await();
        long n2 = c.relay("d-1", Relayed.Kind.PROGRESS, "{\"bytes\":1000}").await();
        long n3 = b.relay("d-2", Relayed.Kind.CANCEL, "").await();
        long nb = a.relay("d-b", Relayed.Kind.NOTIFICATION, "{\"event\":\"SUCCESSFUL_RESOURCES_ALLOCATION\"}").await();
        assertTrue(n1 < n2 && n2 < n3, "numbers grow in relay order");
        for (long n : List.of(n1, n2, n3, nb)) {
            assertTrue(b.relayPending(n).await());
            assertTrue(a.relayPending(n).await(), "any replica can ask whether a message is pending");
        }

        assertEquals(List.of(new Relayed(n1, "d-1", Relayed.Kind.NOTIFICATION, "{\"event\":\"QOS_NOT_GUARANTEED\"}"),
                new Relayed(n2, "d-1", Relayed.Kind.PROGRESS, "{\"bytes\":1000}"),
                new Relayed(n3, "d-2", Relayed.Kind.CANCEL, "")), a.relayedToMe(10).await());
        assertEquals(List.of(n1, n2), a.relayedToMe(2).await().stream().map(Relayed::number).toList(), "oldest first, at most max");
        assertEquals(List.of(new Relayed(nb, "d-b", Relayed.Kind.NOTIFICATION,
                "{\"event\":\"SUCCESSFUL_RESOURCES_ALLOCATION\"}")), b.relayedToMe(10).await(), "B sees only its own delivery's");
        assertTrue(c.relayedToMe(10).await().isEmpty(), "C owns nothing");

        a.relayDone(n1).await();
        assertFalse(b.relayPending(n1).await());
        assertTrue(b.relayPending(n2).await());
        assertEquals(List.of(n2, n3), a.relayedToMe(10).await().stream().map(Relayed::number).toList());
        a.relayDone(n2).await();
        a.relayDone(n3).await();
        assertFalse(c.relayPending(n2).await());
        assertFalse(b.relayPending(n3).await());
        assertTrue(a.relayedToMe(10).await().isEmpty());
        assertTrue(a.relayPending(nb).await(), "B has not applied its message yet");
    }

    @Test
    void relayedMessagesFollowTheirDeliveryToTheReplicaThatAdoptsIt() throws Exception {
        PgDeliveryStore a = open("replica-a");
        PgDeliveryStore b = open("replica-b");
        a.put(Deliveries.granted("d-1", "t", "10.45.0.1", 0)).await();
        long n = b.relay("d-1", Relayed.Kind.NOTIFICATION, "{\"event\":\"QOS_GUARANTEED\"}").await();
        assertTrue(b.relayedToMe(10).await().isEmpty());
        a.close();

        Thread.sleep(PAST_TIMEOUT_MS);
        assertTrue(b.heartbeat().await());
        assertEquals(Set.of("d-1"), ids(b.adoptFromDeadReplicas().await()));
        assertEquals(List.of(new Relayed(n, "d-1", Relayed.Kind.NOTIFICATION, "{\"event\":\"QOS_GUARANTEED\"}")),
                b.relayedToMe(10).await());
        b.relayDone(n).await();
        assertFalse(b.relayPending(n).await());
    }

    // ---------------------------------------------------------------- adoption

    /** What a replica's heartbeat timer does, run until the dead replica owns nothing (10 s at most). */
    private Callable<List<Delivery>> adoptUntilNothingIsLeftTo(String dead, PgDeliveryStore me, CyclicBarrier start) {
        return () -> {
            List<Delivery> adopted = new ArrayList<>();
            start.await(5, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (ownersInDatabase().containsValue(dead) && System.nanoTime() < deadline) {
                me.heartbeat().await();
                adopted.addAll(me.adoptFromDeadReplicas().await());
            }
            return adopted;
        };
    }

    /*
     * With the committed store (1e7cbf3) this fails now and then ("adopted by both B and C"): the double adoption
     * that replicasAdoptingAtTheSameTimeNeverBothTakeADelivery reproduces every time.
     */
    @Test
    void theDeliveriesOfADeadReplicaAreAdoptedExactlyOnceByTwoReplicasAdoptingTogether() throws Exception {
        PgDeliveryStore a = open("replica-a");
        PgDeliveryStore b = open("replica-b");
        PgDeliveryStore c = open("replica-c");
        Map<String, DeliveryRecord> aLive = new TreeMap<>();
        Set<String> aEnded = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            Delivery d = i % 3 == 0 ? Deliveries.negotiating("d-" + i, "t" + (i % 4), "10.45.1." + (i % 200), i)
                    : Deliveries.granted("d-" + i, "t" + (i % 4), "10.45.1." + (i % 200), i);
            a.put(d).await();
            aLive.put(d.id(), DeliveryRecord.of(d));
        }
        for (int i = 0; i < 5; i++) {
            Delivery d = Deliveries.ended(Deliveries.granted("e-" + i, "t0", "10.45.2." + i, i), DeliveryState.COMPLETED, 60);
            a.put(d).await();
            aEnded.add(d.id());
        }
        // Ended, but the NEF still holds its QoS: live until released, so it is adopted to be released.
        Delivery releasing = Deliveries.ended(Deliveries.granted("r-1", "t1", "10.45.3.1", 5), DeliveryState.EXPIRED, 50);
        releasing.releasePending(true);
        a.put(releasing).await();
        aLive.put(releasing.id(), DeliveryRecord.of(releasing));
        assertEquals(aLive.keySet(), ids(a.live().await()));
        a.close(); // a crash, as far as the cluster can tell: no more heartbeats

        Thread.sleep(PAST_TIMEOUT_MS);
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Delivery> byB;
        List<Delivery> byC;
        try {
            Future<List<Delivery>> fb = pool.submit(adoptUntilNothingIsLeftTo("replica-a", b, together));
            Future<List<Delivery>> fc = pool.submit(adoptUntilNothingIsLeftTo("replica-a", c, together));
            byB = fb.get(15, TimeUnit.SECONDS);
            byC = fc.get(15, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        Set<String> idsB = ids(byB);
        Set<String> idsC = ids(byC);
        assertEquals(byB.size(), idsB.size(), "B adopted no delivery twice");
        assertEquals(byC.size(), idsC.size(), "C adopted no delivery twice");
        Set<String> both = new HashSet<>(idsB);
        both.retainAll(idsC);
        assertTrue(both.isEmpty(), "adopted by both B and C: " + both);
        Set<String> union = new HashSet<>(idsB);
        union.addAll(idsC);
        assertEquals(aLive.keySet(), union, "exactly A's live deliveries are adopted, the ended ones are not returned");
        for (Delivery d : byB) {
            assertEquals(aLive.get(d.id()), DeliveryRecord.of(d), d.id());
        }
        for (Delivery d : byC) {
            assertEquals(aLive.get(d.id()), DeliveryRecord.of(d), d.id());
        }

        assertEquals(idsB, ids(b.live().await()));
        assertEquals(idsC, ids(c.live().await()));
        for (String id : aLive.keySet()) {
            assertTrue(b.owns(id) ^ c.owns(id), id + " is owned by exactly one of B and C");
            assertEquals(idsB.contains(id), b.owns(id), id);
        }
        for (String id : aEnded) {
            assertTrue(b.owns(id) ^ c.owns(id), id + " (ended) is owned by exactly one of B and C");
        }
        Map<String, String> owners = ownersInDatabase();
        assertFalse(owners.containsValue("replica-a"), "nothing is left to the dead replica");
        assertEquals(306, owners.size());
        // The adopted instances are the ones the adopters hold from now on.
        Delivery one = byB.isEmpty() ? byC.get(0) : byB.get(0);
        PgDeliveryStore holder = byB.isEmpty() ? c : b;
        assertSame(one, holder.get(one.id()).await().orElseThrow());
        // Adopting again finds nothing.
        assertTrue(b.heartbeat().await());
        assertTrue(c.heartbeat().await());
        assertTrue(b.adoptFromDeadReplicas().await().isEmpty());
        assertTrue(c.adoptFromDeadReplicas().await().isEmpty());
    }

    @Test
    void aReplicaTakenForDeadLearnsItAtItsNextHeartbeatAndCanNoLongerWriteWhatWasAdopted() throws Exception {
        PgDeliveryStore a = open("replica-a");
        PgDeliveryStore b = open("replica-b");
        Delivery d1 = Deliveries.granted("d-1", "t", "10.45.0.1", 0);
        Delivery d2 = Deliveries.negotiating("d-2", "t", "10.45.0.2", 1);
        a.put(d1).await();
        a.put(d2).await();
        assertTrue(a.heartbeat().await());

        Thread.sleep(PAST_TIMEOUT_MS); // A is alive, but misses its heartbeats (a long pause)
        assertTrue(b.heartbeat().await());
        List<Delivery> adopted = b.adoptFromDeadReplicas().await();
        assertEquals(Set.of("d-1", "d-2"), ids(adopted));
        DeliveryRecord adoptedD1 = DeliveryRecord.of(b.get("d-1").await().orElseThrow());

        assertFalse(a.heartbeat().await(), "the cluster had taken A for dead");
        assertFalse(a.owns("d-1"));
        assertFalse(a.owns("d-2"));
        Deliveries.ended(d1, DeliveryState.CANCELLED, 20);
        assertThrows(OwnershipLostException.class, () -> a.put(d1).await());
        assertFalse(a.owns("d-1"));
        assertEquals(adoptedD1, DeliveryRecord.of(b.get("d-1").await().orElseThrow()), "the adopter's state stands");
        assertEquals(DeliveryState.QOS_GRANTED, a.get("d-1").await().orElseThrow().state());
        assertNotSame(d1, a.get("d-1").await().orElseThrow());
        assertTrue(a.live().await().isEmpty());
        assertEquals(Set.of("d-1", "d-2"), ids(b.live().await()));

        // A rejoined with nothing, and works on from there.
        assertTrue(a.heartbeat().await());
        Delivery d3 = Deliveries.negotiating("d-3", "t", "10.45.0.3", 2);
        a.put(d3).await();
        assertTrue(a.owns("d-3"));
        assertFalse(b.owns("d-3"));
        assertEquals(Set.of("d-3"), ids(a.live().await()));
        assertTrue(b.adoptFromDeadReplicas().await().isEmpty(), "A is alive again");
    }

    /*
     * Regression test (a race found here and fixed): 592db2f failed it in 14 of 15 runs, with 5 to 60 of the 320
     * deliveries adopted by two or three replicas. adoptFromDeadReplicas() then claimed with "SELECT d.id ... WHERE d.owner_replica <> me AND NOT EXISTS (SELECT 1 FROM
     * replicas r WHERE r.id = d.owner_replica AND <fresh heartbeat>) LIMIT n FOR UPDATE OF d SKIP LOCKED".
     * PostgreSQL turns the NOT EXISTS into an anti-join (a Hash Anti Join here). When another replica's adoption of a
     * row commits after this statement took its snapshot but before its scan reaches the row, FOR UPDATE locks the
     * row's newest version and re-checks the quals (EvalPlanQual), but the anti-join is re-checked against the
     * replicas rows of the original join (none: the old owner was dead), not against the new owner's heartbeat, so
     * the row is claimed a second time although it now belongs to a live replica. Both replicas return it as
     * adopted, both keep it in their `mine` cache (owns() true on both) and resume it (timers, NEF calls); only the
     * first adopter's writes are then fenced. The claim by owner name, "WHERE owner_replica = ANY(...)" (a plain
     * qual on the locked row, which the re-check does see), passes.
     */
    @Test
    void replicasAdoptingAtTheSameTimeNeverBothTakeADelivery() throws Exception {
        // Eight replicas that die one after the other, 40 ms apart, while three others adopt in a loop.
        List<PgDeliveryStore> mortal = new ArrayList<>();
        for (int i = 0; i < MORTALS; i++) {
            PgDeliveryStore m = open("mortal-" + i);
            for (int j = 0; j < EACH_MORTALS_DELIVERIES; j++) {
                m.put(Deliveries.negotiating("m" + i + "-" + j, "t", "10.45." + i + "." + j, j)).await();
            }
            mortal.add(m);
        }
        List<PgDeliveryStore> replicas = List.of(open("replica-b"), open("replica-c"), open("replica-d"));
        mortal.forEach(m -> assertTrue(m.heartbeat().await()));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean adopterTakenForDead = new AtomicBoolean();
        AtomicLong longestBeatGapMs = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(replicas.size());
        List<List<Delivery>> adopted = new ArrayList<>();
        try {
            List<Future<List<Delivery>>> running = new ArrayList<>();
            for (PgDeliveryStore adopter : replicas) {
                running.add(pool.submit(() -> {
                    List<Delivery> mine = new ArrayList<>();
                    long last = System.nanoTime();
                    while (!stop.get()) {
                        if (!adopter.heartbeat().await()) {
                            adopterTakenForDead.set(true);
                        }
                        mine.addAll(adopter.adoptFromDeadReplicas().await());
                        long now = System.nanoTime();
                        longestBeatGapMs.accumulateAndGet((now - last) / 1_000_000, Math::max);
                        last = now;
                    }
                    return mine;
                }));
            }
            for (int i = 0; i < MORTALS; i++) {
                mortal.get(i).close();
                for (PgDeliveryStore alive : mortal.subList(i + 1, MORTALS)) {
                    assertTrue(alive.heartbeat().await());
                }
                Thread.sleep(40);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (ownersInDatabase().values().stream().anyMatch(o -> o.startsWith("mortal-"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            stop.set(true);
            for (Future<List<Delivery>> f : running) {
                adopted.add(f.get(10, TimeUnit.SECONDS));
            }
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
        for (PgDeliveryStore adopter : replicas) {
            if (!adopter.heartbeat().await()) {
                adopterTakenForDead.set(true);
            }
        }
        // Had an adopter paused past the timeout, another could rightly have taken it for dead and adopted from it
        // (its heartbeat then says so).
        assumeTrue(!adopterTakenForDead.get(), "an adopter was taken for dead (longest pause between its heartbeats "
                + longestBeatGapMs.get() + " ms)");

        Map<String, List<String>> adoptedBy = new TreeMap<>();
        for (int i = 0; i < replicas.size(); i++) {
            for (Delivery d : adopted.get(i)) {
                adoptedBy.computeIfAbsent(d.id(), id -> new ArrayList<>()).add(replicas.get(i).replicaId());
            }
        }
        Map<String, List<String>> twice = new TreeMap<>(adoptedBy);
        twice.values().removeIf(by -> by.size() == 1);
        assertTrue(twice.isEmpty(), twice.size() + " deliveries were adopted more than once: " + twice);
        assertEquals(MORTALS * EACH_MORTALS_DELIVERIES, adoptedBy.size(), "every dead replica's delivery is adopted");
        Map<String, String> owners = ownersInDatabase();
        for (Map.Entry<String, List<String>> e : adoptedBy.entrySet()) {
            assertEquals(e.getValue().get(0), owners.get(e.getKey()), e.getKey());
        }
    }

    /*
     * Regression test (fixed by the declared-dead handshake, replicas.declared_dead_at): 592db2f failed it.
     * adoptFromDeadReplicas() then only deleted a dead replica's row in
     * `replicas` when it owned nothing any more, and heartbeat() only reported "taken for dead" (returning false and
     * clearing the `mine` / identity caches) when that row was gone. When adoption is partial - here one row is
     * locked by the dead replica's in-flight write, so FOR UPDATE SKIP LOCKED passes over it; the same happens when
     * the replica's heartbeat lands between the adopter's UPDATE and its DELETE - the row stays, heartbeat() returns
     * true, and the replica's `mine` cache still lists the adopted deliveries: owns() answers true and get() returns
     * its stale instance for deliveries another replica now owns, so ReplicaCoordinator never calls
     * forgetNotOwned() and two replicas act on the same delivery (timers, NEF calls); only put() is fenced.
     */
    @Test
    void aReplicaPartlyAdoptedWhileOneOfItsWritesWasInFlightIsStillToldItWasTakenForDead() throws Exception {
        PgDeliveryStore a = open("replica-a");
        PgDeliveryStore b = open("replica-b");
        Delivery d1 = Deliveries.granted("d-1", "t", "10.45.0.1", 0);
        Delivery d2 = Deliveries.granted("d-2", "t", "10.45.0.2", 1);
        Delivery d3 = Deliveries.negotiating("d-3", "t", "10.45.0.3", 2);
        for (Delivery d : List.of(d1, d2, d3)) {
            a.put(d).await();
        }
        Thread.sleep(PAST_TIMEOUT_MS); // A misses its heartbeats
        try (Connection c = jdbc()) {
            // A's write of d-3 is in flight (its row is locked) while B adopts.
            c.setAutoCommit(false);
            lockRows(c, "deliveries", "id", "d-3");
            assertTrue(b.heartbeat().await());
            assertEquals(Set.of("d-1", "d-2"), ids(b.adoptFromDeadReplicas().await()));
            c.commit();
        }

        boolean alive = a.heartbeat().await();
        boolean ownsD1 = a.owns("d-1");
        Delivery seen = a.get("d-1").await().orElseThrow();
        assertAll(
                () -> assertFalse(ownsD1, "A still believes it owns d-1, which B adopted"),
                () -> assertNotSame(d1, seen, "A still serves its stale instance of d-1, which B adopted"),
                () -> assertFalse(alive, "heartbeat() said A was alive although the cluster had taken it for dead "
                        + "and adopted d-1 and d-2"));
        assertEquals("replica-b", ownersInDatabase().get("d-1"));
        assertTrue(a.heartbeat().await(), "A rejoined");
        assertTrue(a.owns("d-3"), "what was not adopted stays A's");
        d3.moveTo(DeliveryState.QOS_GRANTED);
        a.put(d3).await();
        assertThrows(OwnershipLostException.class, () -> a.put(d1).await());
    }

    /*
     * Regression test for a race in the first declared-dead handshake (fixed: the claim re-reads, under FOR SHARE,
     * which owners are still declared dead; a rejoining replica re-registers before it looks for what it lost).
     * Replica A is taken for dead by C, which cannot adopt A's
     * deliveries yet (A is writing them: their rows are locked). Then B starts adopting: its statement that declares
     * replicas dead and lists the dead takes its snapshot (A is listed, declared by C) and waits on another stale
     * replica's row (Z's, locked here). Meanwhile A's heartbeat fails, A checks which of its deliveries others took
     * (none yet) and re-registers (declared_dead_at = NULL). B's list still names A, so B's claim
     * "owner_replica = ANY($dead)" takes A's deliveries although A is alive again; A's later heartbeats succeed, so A
     * goes on believing it owns them (owns() true on A and on B). The claim has to re-check, under a lock that A's
     * re-registration waits for, that the owner is still declared dead, and A has to look for what it lost after
     * re-registering, not before.
     */
    @Test
    void aReplicaThatRejoinsWhileAnotherIsAdoptingFromItIsNotLeftBelievingItOwnsWhatWasTaken() throws Exception {
        PgDeliveryStore a = open("replica-a");
        PgDeliveryStore z = open("replica-z");
        PgDeliveryStore b = open("replica-b");
        PgDeliveryStore c = open("replica-c");
        a.put(Deliveries.granted("d-1", "t", "10.45.0.1", 0)).await();
        a.put(Deliveries.negotiating("d-2", "t", "10.45.0.2", 1)).await();
        Thread.sleep(PAST_TIMEOUT_MS); // A misses its heartbeats
        for (PgDeliveryStore alive : List.of(b, c, z)) {
            assertTrue(alive.heartbeat().await());
        }
        try (Connection writing = jdbc()) {
            // C takes A for dead, but A's rows are locked (A is writing them): C adopts nothing yet.
            writing.setAutoCommit(false);
            lockRows(writing, "deliveries", "id", "d-1", "d-2");
            assertTrue(c.adoptFromDeadReplicas().await().isEmpty());
            writing.commit();
        }
        Thread.sleep(PAST_TIMEOUT_MS); // now Z's heartbeat is old too
        assertTrue(b.heartbeat().await());
        assertTrue(c.heartbeat().await());
        List<Delivery> byB;
        boolean rejoined;
        ExecutorService adopting = Executors.newSingleThreadExecutor();
        try (Connection busy = jdbc()) {
            busy.setAutoCommit(false);
            lockRows(busy, "replicas", "id", "replica-z");
            Future<List<Delivery>> adoption = adopting.submit(() -> b.adoptFromDeadReplicas().await());
            Thread.sleep(200); // B is adopting (with the committed store, B has claimed and waits to forget Z)
            rejoined = a.heartbeat().await(); // A rejoins
            busy.commit();
            byB = adoption.get(10, TimeUnit.SECONDS);
        } finally {
            adopting.shutdownNow();
        }
        boolean nextBeat = a.heartbeat().await(); // the moment A must learn what it lost, at the latest

        Map<String, String> owners = ownersInDatabase();
        assertAll(List.of("d-1", "d-2").stream().map(id -> () -> {
            String owner = owners.get(id);
            assertEquals(owner.equals("replica-a"), a.owns(id), id + " is " + owner + "'s; A says it owns it: "
                    + a.owns(id) + "; B adopted " + ids(byB) + "; A's heartbeats while B adopted and after: "
                    + rejoined + ", " + nextBeat);
            assertEquals(owner.equals("replica-b"), b.owns(id), id + " is " + owner + "'s, B says it owns it: "
                    + b.owns(id));
        }));
    }

    private void lockRows(Connection tx, String table, String column, String... keys) throws SQLException {
        try (PreparedStatement lock = tx.prepareStatement("SELECT 1 FROM " + schema + "." + table + " WHERE "
                + column + " = ANY(?) FOR UPDATE")) {
            lock.setArray(1, tx.createArrayOf("text", keys));
            lock.executeQuery().close();
        }
    }

    // ---------------------------------------------------------------- restart

    @Test
    void aReplicaRestartedUnderItsNameBeforeTheTimeoutKeepsItsDeliveries() {
        PgDeliveryStore a = open("replica-a");
        PgDeliveryStore b = open("replica-b");
        for (int i = 0; i < 10; i++) {
            a.put(Deliveries.granted("d-" + i, "t", "10.45.0." + i, i)).await();
        }
        a.put(Deliveries.ended(Deliveries.granted("d-ended", "t", "10.45.0.99", 20), DeliveryState.COMPLETED, 50)).await();
        a.close();

        PgDeliveryStore again = open("replica-a");
        assertTrue(b.heartbeat().await());
        assertTrue(b.adoptFromDeadReplicas().await().isEmpty(), "the restarted replica registered at once");
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            expected.add("d-" + i);
        }
        assertEquals(expected, ids(again.live().await()));
        for (String id : expected) {
            assertTrue(again.owns(id), id);
            assertFalse(b.owns(id), id);
        }
        // owns() answers from memory: a replica learns what it owns as it reads, resumes or adopts it.
        assertTrue(again.get("d-ended").await().isPresent());
        assertTrue(again.owns("d-ended"));
        assertTrue(again.heartbeat().await(), "the restarted replica is not a forgotten one");
        Delivery d0 = again.get("d-0").await().orElseThrow();
        d0.moveTo(DeliveryState.DEGRADED);
        again.put(d0).await();
        assertSame(d0, again.get("d-0").await().orElseThrow());
        assertEquals(DeliveryState.DEGRADED, b.get("d-0").await().orElseThrow().state());
    }

    // ---------------------------------------------------------------- schema

    @Test
    void aSchemaMigratedByANewerAfIsRefused() throws Exception {
        open("replica-a").close();
        try (Connection c = jdbc(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO " + schema + ".schema_version (version, script) VALUES (99, 'V99__future.sql')");
        }
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> PgDeliveryStore.open(EmbeddedPostgresServer.options(schema, "replica-b")));
        assertTrue(refused.getMessage().contains("layout 99"), refused.getMessage());
    }

    @Test
    void replicasOpeningAFreshSchemaTogetherMigrateItOnce() throws Exception {
        int replicas = 3;
        CyclicBarrier together = new CyclicBarrier(replicas);
        ExecutorService pool = Executors.newFixedThreadPool(replicas);
        List<Future<PgDeliveryStore>> opening = new ArrayList<>();
        try {
            for (int i = 0; i < replicas; i++) {
                String id = "replica-" + i;
                opening.add(pool.submit(() -> {
                    together.await(5, TimeUnit.SECONDS);
                    return open(id);
                }));
            }
            List<PgDeliveryStore> stores = new ArrayList<>();
            for (Future<PgDeliveryStore> f : opening) {
                stores.add(f.get(20, TimeUnit.SECONDS));
            }
            try (Connection c = jdbc(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT version, script FROM " + schema + ".schema_version ORDER BY version")) {
                List<String> versions = new ArrayList<>();
                while (rs.next()) {
                    versions.add(rs.getInt(1) + " " + rs.getString(2));
                }
                assertEquals(List.of("1 V1__deliveries.sql"), versions);
            }
            stores.get(0).put(Deliveries.negotiating("d-1", "t", "10.45.0.1", 0)).await();
            assertEquals(DeliveryState.NEGOTIATING, stores.get(2).get("d-1").await().orElseThrow().state());
            assertFalse(stores.get(1).owns("d-1"));
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- live views

    @Test
    void liveOfATenantCoversEveryReplicaWhileLiveIsThisReplicasOwn() {
        PgDeliveryStore a = open("replica-a");
        PgDeliveryStore b = open("replica-b");
        a.put(Deliveries.granted("a-1", "t1", "10.45.0.1", 0)).await();
        a.put(Deliveries.negotiating("a-2", "t1", "10.45.0.2", 1)).await();
        a.put(Deliveries.ended(Deliveries.granted("a-3", "t1", "10.45.0.3", 2), DeliveryState.COMPLETED, 40)).await();
        a.put(Deliveries.granted("a-4", "t2", "10.45.0.4", 3)).await();
        Delivery b1 = Deliveries.granted("b-1", "t1", "10.45.0.5", 4);
        b.put(b1).await();
        b.put(Deliveries.ended(Deliveries.granted("b-2", "t1", "10.45.0.6", 5), DeliveryState.FAILED, 40)).await();

        List<Delivery> t1 = b.liveOf("t1").await();
        assertEquals(Set.of("a-1", "a-2", "b-1"), ids(t1));
        assertEquals(3, t1.size());
        assertSame(b1, t1.stream().filter(d -> d.id().equals("b-1")).findFirst().orElseThrow(),
                "B's own delivery is its instance");
        assertEquals(Set.of("a-4"), ids(b.liveOf("t2").await()));
        assertEquals(Set.of("a-1", "a-2", "b-1"), ids(a.liveOf("t1").await()));
        assertTrue(b.liveOf("t3").await().isEmpty());

        assertEquals(Set.of("b-1"), ids(b.live().await()));
        assertEquals(Set.of("a-1", "a-2", "a-4"), ids(a.live().await()));
    }

}
