package io.modelqos.af.store;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.events.DeliveryEvent;
import io.modelqos.af.events.EventType;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store contract, with restarts, for the H2 MVStore file store; and what only a file store has. */
class MvStoreDeliveryStoreTest extends PersistentDeliveryStoreContract {
    @TempDir
    Path dataDir;

    @Override
    protected DeliveryStore openEmpty() {
        return MvStoreDeliveryStore.open(dataDir);
    }

    @Override
    protected DeliveryStore reopen(DeliveryStore old) {
        old.close();
        return MvStoreDeliveryStore.open(dataDir);
    }

    /**
     * A webhook's cursor moves in memory (read back at once) and a lazy commit writes it within
     * {@value GroupedCommits#LAZY_COMMIT_MS} ms, whatever other commits come meanwhile. Only what a crash takes before
     * that is lost, and then the events are sent again.
     */
    @Test
    void aMovedCursorIsWrittenByALazyCommitWithinItsDelay() throws Exception {
        for (long s = 1; s <= 3; s++) {
            store.appendEvent(Deliveries.event("d-1", s, EventType.RATE_REPORT)).await();
            store.appendEvent(Deliveries.event("d-2", s, EventType.RATE_REPORT)).await();
        }
        store.markDelivered("d-1", 2).await();
        assertEquals(2, store.deliveredUpTo("d-1").await(), "read back before it is written");
        store.flushed().await();
        store.markDelivered("d-2", 3).await();
        assertEquals(List.of("d-1"), store.withUndeliveredEvents().await(), "d-2's webhook has every event");
        // Other deliveries' writes commit meanwhile, as under load: they leave the cursors to the lazy commit.
        long until = System.nanoTime() + 3_000_000L * GroupedCommits.LAZY_COMMIT_MS;
        for (long s = 1; System.nanoTime() < until; s++) {
            store.appendEvent(Deliveries.event("d-3", s, EventType.RATE_REPORT)).await();
            Thread.sleep(5);
        }
        ((MvStoreDeliveryStore) store).closeAsIfKilled();
        store = null;

        try (MvStoreDeliveryStore reopened = MvStoreDeliveryStore.open(dataDir)) {
            assertEquals(2, reopened.deliveredUpTo("d-1").await(), "written by the lazy commit");
            assertEquals(3, reopened.deliveredUpTo("d-2").await(), "written by the lazy commit");
            assertEquals(List.of("d-1", "d-3"), reopened.withUndeliveredEvents().await());
        }
    }

    /**
     * A delivery's last move (its terminal event's) is written by the next commit, with its other last writes: written
     * a second later, after a checkpoint, it rewrote a page of the file that was otherwise done (store-churn: 125 MB
     * against 90 MB).
     */
    @Test
    void theLastCursorMoveIsWrittenByTheNextCommit() throws Exception {
        Delivery live = Deliveries.granted("d-live", "t", "10.45.0.1", 0);
        Delivery ended = Deliveries.ended(Deliveries.granted("d-ended", "t", "10.45.0.2", 0), DeliveryState.CANCELLED, 1);
        store.put(live).await();
        store.put(ended).await();
        for (long s = 1; s <= 2; s++) {
            store.appendEvent(Deliveries.event("d-live", s, EventType.RATE_REPORT)).await();
            store.appendEvent(Deliveries.event("d-ended", s, s == 2 ? EventType.CANCELLED : EventType.QOS_GRANTED))
                    .await();
        }
        store.markDelivered("d-live", 2).await();
        store.markDelivered("d-ended", 2, true).await();
        store.appendEvent(Deliveries.event("d-other", 1, EventType.QOS_GRANTED)).await(); // the next commit
        ((MvStoreDeliveryStore) store).closeAsIfKilled(); // before the lazy commit
        store = null;

        try (MvStoreDeliveryStore reopened = MvStoreDeliveryStore.open(dataDir)) {
            assertEquals(2, reopened.deliveredUpTo("d-ended").await(), "written by the next commit");
            assertTrue(!reopened.withUndeliveredEvents().await().contains("d-ended"));
            // The live one's move is the lazy commit's (within a second): the kill came before it, or did not.
            assertTrue(reopened.deliveredUpTo("d-live").await() <= 2);
        }
    }

    @Test
    void aCloseWritesTheCursorsMovedSinceTheLastLazyCommit() throws Exception {
        store.appendEvent(Deliveries.event("d-1", 1, EventType.RATE_REPORT)).await();
        store.appendEvent(Deliveries.event("d-1", 2, EventType.RATE_REPORT)).await();
        store.markDelivered("d-1", 2).await();
        store.close();
        store = null;

        try (MvStoreDeliveryStore reopened = MvStoreDeliveryStore.open(dataDir)) {
            assertEquals(2, reopened.deliveredUpTo("d-1").await());
            assertEquals(List.of(), reopened.withUndeliveredEvents().await());
        }
    }

    /** Only the callback ids that do not name their delivery (the older form) are indexed; purged, they leave the index. */
    @Test
    void onlyCallbackIdsOfTheOlderFormAreIndexed() throws Exception {
        io.modelqos.af.delivery.DeliveryIds ids = new io.modelqos.af.delivery.DeliveryIds();
        String id = ids.next(Deliveries.T0);
        Delivery named = new Delivery(id, "t", Deliveries.request("10.45.0.8"), ids.callbackId(id), Deliveries.T0);
        named.moveTo(DeliveryState.NEGOTIATING);
        store.put(Deliveries.ended(named, DeliveryState.FAILED, 10)).await();
        store.put(Deliveries.ended(Deliveries.granted("d-older", "t", "10.45.0.9", 1), DeliveryState.COMPLETED, 10))
                .await();
        store.close();
        store = null;
        try (MVStore mv = MvStoreFiles.builder(dataDir.resolve(MvStoreDeliveryStore.FILE_NAME)).readOnly().open()) {
            assertEquals(Set.of("cb-d-older"), Set.copyOf(MvStoreFiles.strings(mv, "byCallback").keySet()));
        }
        try (MvStoreDeliveryStore reopened = MvStoreDeliveryStore.open(dataDir)) {
            assertEquals(2, reopened.purgeEndedBefore(Deliveries.T0.plusSeconds(50)).await().size());
            assertTrue(reopened.byCallbackId(named.callbackId()).await().isEmpty());
            assertTrue(reopened.byCallbackId("cb-d-older").await().isEmpty());
        }
        try (MVStore mv = MvStoreFiles.builder(dataDir.resolve(MvStoreDeliveryStore.FILE_NAME)).readOnly().open()) {
            assertEquals(0, MvStoreFiles.strings(mv, "byCallback").size());
        }
    }

    @Test
    void aSecondAfOnTheSameDataDirectoryIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> MvStoreDeliveryStore.open(dataDir));
        assertTrue(e.getMessage().contains("another AF"), e.getMessage());
    }

    @Test
    void aFileFromANewerLayoutIsRefused() {
        store.close();
        try (MVStore mv = new MVStore.Builder().fileName(dataDir.resolve(MvStoreDeliveryStore.FILE_NAME).toString()).open()) {
            mv.<String, String>openMap("meta").put("layout", "99");
            mv.commit();
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> MvStoreDeliveryStore.open(dataDir));
        assertTrue(e.getMessage().contains("layout 99"), e.getMessage());
        store = null;
    }

    /** A file of layout 1 (plain JSON records and events) is read, and moved to layout 4 before anything is packed. */
    @Test
    void aLayoutOneFileIsReadAndUpgraded() {
        store.close();
        store = null;
        Delivery d = Deliveries.granted("d-1", "t", "10.45.0.1", 0);
        DeliveryEvent event = Deliveries.event("d-1", 1, EventType.QOS_GRANTED);
        try (MVStore mv = new MVStore.Builder().fileName(dataDir.resolve(MvStoreDeliveryStore.FILE_NAME).toString()).open()) {
            mv.<String, String>openMap("meta").put("layout", "1");
            mv.<String, byte[]>openMap("deliveries").put("d-1", DeliveryRecord.of(d).toJson());
            mv.<String, String>openMap("live").put("d-1", "");
            mv.<String, byte[]>openMap("events").put("d-1\u0000" + "0".repeat(18) + "1", EventJson.write(event));
            mv.<String, String>openMap("cursors").put("d-1", "1:0");
            mv.commit();
        }
        try (MvStoreDeliveryStore upgraded = MvStoreDeliveryStore.open(dataDir)) {
            assertEquals(DeliveryRecord.of(d), DeliveryRecord.of(upgraded.get("d-1").await().orElseThrow()));
            assertEquals(List.of("d-1"), upgraded.live().await().stream().map(Delivery::id).toList());
            assertEquals(List.of(EventJson.read(EventJson.write(event))), upgraded.events("d-1", 0).await());
            Delivery later = upgraded.get("d-1").await().orElseThrow();
            Deliveries.ended(later, DeliveryState.COMPLETED, 50);
            upgraded.put(later).await();
            upgraded.appendEvent(Deliveries.event("d-1", 2, EventType.COMPLETED)).await();
        }
        try (MVStore mv = new MVStore.Builder().fileName(dataDir.resolve(MvStoreDeliveryStore.FILE_NAME).toString())
                .readOnly().open()) {
            assertEquals(Integer.toString(MvStoreDeliveryStore.LAYOUT), mv.<String, String>openMap("meta").get("layout"));
            assertEquals(PackedJson.CODEC_1, MvStoreFiles.bytes(mv, "deliveries").get("d-1")[0], "written packed");
            assertTrue(!mv.hasMap("events") && !mv.hasMap("cursors"), "the events moved next to their delivery");
        }
        try (MvStoreDeliveryStore reopened = MvStoreDeliveryStore.open(dataDir)) {
            assertEquals(DeliveryState.COMPLETED, reopened.get("d-1").await().orElseThrow().state());
            assertEquals(List.of(1L, 2L), reopened.events("d-1", 0).await().stream().map(DeliveryEvent::sequence).toList());
        }
    }

    /**
     * A file of layout 2 (events, cursors, index state and idempotency keys in maps of their own; index entries with the
     * id as value) is moved to layout 4 when opened, and everything it held reads as before: records, events, cursors,
     * what the webhook has still to send, lists, idempotency keys, and the purge of an ended delivery.
     */
    @Test
    void aLayoutTwoFileIsUpgradedToLayoutFour() {
        store.close();
        store = null;
        Delivery live = Deliveries.granted("d-live", "t", "10.45.0.1", 10);
        Delivery ended = Deliveries.ended(Deliveries.granted("d-ended", "t", "10.45.0.1", 0), DeliveryState.COMPLETED, 5);
        PackedJson packer = new PackedJson();
        try (MVStore mv = new MVStore.Builder().fileName(dataDir.resolve(MvStoreDeliveryStore.FILE_NAME).toString()).open()) {
            mv.<String, String>openMap("meta").put("layout", "2");
            String endedKey = MvStoreKeys.key(MvStoreKeys.pad(DeliveryRecord.epochNanos(ended.endedAt())), ended.id());
            for (Delivery d : List.of(live, ended)) {
                String id = d.id();
                String rev = MvStoreKeys.rev(d.createdAt());
                mv.<String, byte[]>openMap("deliveries").put(id, packer.pack(DeliveryRecord.of(d).toJson()));
                mv.<String, String>openMap("byCallback").put(d.callbackId(), id);
                mv.<String, String>openMap("created").put(MvStoreKeys.key("t", rev, id), id);
                mv.<String, String>openMap("byUe").put(MvStoreKeys.key("t", "10.45.0.1", rev, id), id);
                mv.<String, String>openMap("byState").put(MvStoreKeys.key("t", d.state().name(), rev, id), id);
                mv.<String, String>openMap("indexed").put(id, d.state().name() + MvStoreKeys.SEP + (d == ended ? endedKey : ""));
                mv.<String, byte[]>openMap("events").put(MvStoreKeys.layout2EventKey(id, 1),
                        packer.pack(EventJson.write(Deliveries.event(id, 1, EventType.QOS_GRANTED))));
            }
            mv.<String, String>openMap("live").put(live.id(), "");
            mv.<String, String>openMap("ended").put(endedKey, ended.id());
            mv.<String, byte[]>openMap("events").put(MvStoreKeys.layout2EventKey(ended.id(), 2),
                    packer.pack(EventJson.write(Deliveries.event(ended.id(), 2, EventType.COMPLETED))));
            mv.<String, String>openMap("cursors").put(live.id(), "1:0");
            mv.<String, String>openMap("cursors").put(ended.id(), "2:2");
            mv.<String, String>openMap("idempotency").put(MvStoreKeys.key("t", "key-1"), "fp" + MvStoreKeys.SEP + ended.id());
            mv.<String, String>openMap("idempotencyOf").put(ended.id(), MvStoreKeys.key("t", "key-1"));
            mv.commit();
        }

        try (MvStoreDeliveryStore upgraded = MvStoreDeliveryStore.open(dataDir)) {
            assertEquals(DeliveryRecord.of(ended), DeliveryRecord.of(upgraded.get("d-ended").await().orElseThrow()));
            assertEquals(List.of(live.id()), upgraded.live().await().stream().map(Delivery::id).toList());
            assertEquals(List.of(1L, 2L), upgraded.events("d-ended", 0).await().stream().map(DeliveryEvent::sequence).toList());
            assertEquals(List.of(2L), upgraded.events("d-ended", 1).await().stream().map(DeliveryEvent::sequence).toList());
            assertEquals(2, upgraded.lastSequence("d-ended").await());
            assertEquals(2, upgraded.deliveredUpTo("d-ended").await());
            assertEquals(List.of(live.id()), upgraded.withUndeliveredEvents().await(), "the live one's webhook is behind");
            assertEquals(List.of("d-live", "d-ended"), upgraded.list("t", null, null, 10, null).await().items().stream()
                    .map(Delivery::id).toList(), "newest first, from index entries written by layout 2");
            assertEquals(List.of("d-ended"), upgraded.list("t", "10.45.0.1", DeliveryState.COMPLETED, 10, null).await()
                    .items().stream().map(Delivery::id).toList());
            assertEquals("d-ended", upgraded.byCallbackId(ended.callbackId()).await().orElseThrow().id());
            assertEquals("d-ended", upgraded.idempotentCreate("t", "key-1").await().orElseThrow().deliveryId());

            assertEquals(List.of("d-ended"), upgraded.purgeEndedBefore(ended.endedAt().plusSeconds(1)).await());
            assertTrue(upgraded.get("d-ended").await().isEmpty());
            assertTrue(upgraded.events("d-ended", 0).await().isEmpty());
            assertTrue(upgraded.idempotentCreate("t", "key-1").await().isEmpty(), "its idempotency key goes with it");
            upgraded.markDelivered(live.id(), 1).await();
            assertEquals(List.of(), upgraded.withUndeliveredEvents().await());
        }
        try (MVStore mv = new MVStore.Builder().fileName(dataDir.resolve(MvStoreDeliveryStore.FILE_NAME).toString())
                .readOnly().open()) {
            assertEquals(Integer.toString(MvStoreDeliveryStore.LAYOUT), mv.<String, String>openMap("meta").get("layout"));
            for (String gone : List.of("events", "cursors", "indexed", "idempotencyOf")) {
                assertTrue(!mv.hasMap(gone), gone + " is removed");
            }
            assertEquals(List.of("d-live", "d-live\u0000c", "d-live\u0000e" + MvStoreKeys.sortable(1), "d-live\u0000i"),
                    List.copyOf(MvStoreFiles.bytes(mv, "deliveries").keySet()), "nothing of the purged one is left");
        }
    }

    /**
     * A file of layout 3 (H2's generic data type in every map) is rewritten with layout 4's typed maps when opened, after
     * removing what an earlier, interrupted upgrade left (copies beside the maps, which did not replace them), and
     * everything it held reads as before. The tenant is not ASCII, so its keys are front coded in UTF-8.
     */
    @Test
    void aLayoutThreeFileIsUpgradedToLayoutFourAfterAnInterruptedAttempt() {
        store.close();
        store = null;
        String tenant = "tenant-\u00fc\u4e2d\ud83d\ude00";
        Delivery live = Deliveries.granted("d-live", tenant, "10.45.0.1", 10);
        Delivery ended = Deliveries.ended(Deliveries.granted("d-ended", tenant, "10.45.0.1", 0), DeliveryState.COMPLETED, 5);
        PackedJson packer = new PackedJson();
        try (MVStore mv = new MVStore.Builder().fileName(dataDir.resolve(MvStoreDeliveryStore.FILE_NAME).toString()).open()) {
            mv.<String, String>openMap("meta").put("layout", "3");
            MVMap<String, byte[]> records = mv.openMap("deliveries");
            String endedAt = MvStoreKeys.pad(DeliveryRecord.epochNanos(ended.endedAt()));
            for (Delivery d : List.of(live, ended)) {
                String id = d.id();
                String rev = MvStoreKeys.rev(d.createdAt());
                records.put(id, packer.pack(DeliveryRecord.of(d).toJson()));
                records.put(MvStoreKeys.eventKey(id, 1), packer.pack(EventJson.write(Deliveries.event(id, 1, EventType.QOS_GRANTED))));
                records.put(MvStoreKeys.partKey(id, MvStoreKeys.CURSOR), (d == live ? "1:0" : "1:1").getBytes(StandardCharsets.US_ASCII));
                records.put(MvStoreKeys.partKey(id, MvStoreKeys.INDEXED),
                        (d.state().name() + MvStoreKeys.SEP + (d == ended ? endedAt : "")).getBytes(StandardCharsets.UTF_8));
                mv.<String, String>openMap("byCallback").put(d.callbackId(), id);
                mv.<String, String>openMap("created").put(MvStoreKeys.key(tenant, rev, id), "");
                mv.<String, String>openMap("byUe").put(MvStoreKeys.key(tenant, "10.45.0.1", rev, id), "");
                mv.<String, String>openMap("byState").put(MvStoreKeys.key(tenant, d.state().name(), rev, id), "");
            }
            records.put(MvStoreKeys.partKey(ended.id(), MvStoreKeys.IDEMPOTENCY_KEY),
                    MvStoreKeys.key(tenant, "key-1").getBytes(StandardCharsets.UTF_8));
            mv.<String, String>openMap("idempotency").put(MvStoreKeys.key(tenant, "key-1"), "fp" + MvStoreKeys.SEP + ended.id());
            mv.<String, String>openMap("live").put(live.id(), "");
            mv.<String, String>openMap("ended").put(MvStoreKeys.key(endedAt, ended.id()), "");
            mv.<String, String>openMap("undelivered").put(live.id(), "");
            // What an upgrade killed half-way leaves: copies that never replaced the maps.
            MvStoreFiles.bytes(mv, "deliveries.layout4").put("d-stray", new byte[] {1});
            MvStoreFiles.strings(mv, "created.layout4").put("stray", "");
            mv.commit();
        }

        try (MvStoreDeliveryStore upgraded = MvStoreDeliveryStore.open(dataDir)) {
            assertEquals(DeliveryRecord.of(ended), DeliveryRecord.of(upgraded.get("d-ended").await().orElseThrow()));
            assertTrue(upgraded.get("d-stray").await().isEmpty(), "nothing of the interrupted copy is read");
            assertEquals(List.of(live.id()), upgraded.live().await().stream().map(Delivery::id).toList());
            assertEquals(List.of(1L), upgraded.events("d-ended", 0).await().stream().map(DeliveryEvent::sequence).toList());
            assertEquals(List.of(live.id()), upgraded.withUndeliveredEvents().await());
            assertEquals(List.of("d-live", "d-ended"), upgraded.list(tenant, null, null, 10, null).await().items().stream()
                    .map(Delivery::id).toList());
            assertEquals(List.of("d-ended"), upgraded.list(tenant, "10.45.0.1", DeliveryState.COMPLETED, 10, null).await()
                    .items().stream().map(Delivery::id).toList());
            assertEquals("d-live", upgraded.byCallbackId(live.callbackId()).await().orElseThrow().id());
            assertEquals("d-ended", upgraded.idempotentCreate(tenant, "key-1").await().orElseThrow().deliveryId());
            assertEquals(List.of("d-ended"), upgraded.endedSince(ended.endedAt()).await().stream().map(Delivery::id).toList());
            upgraded.appendEvent(Deliveries.event("d-live", 2, EventType.RATE_REPORT)).await();
        }
        try (MVStore mv = new MVStore.Builder().fileName(dataDir.resolve(MvStoreDeliveryStore.FILE_NAME).toString())
                .readOnly().open()) {
            assertEquals(Integer.toString(MvStoreDeliveryStore.LAYOUT), mv.<String, String>openMap("meta").get("layout"));
            assertTrue(mv.getMapNames().stream().noneMatch(name -> name.endsWith(".layout4")), mv.getMapNames().toString());
            assertEquals(List.of(MvStoreKeys.key(tenant, "10.45.0.1", MvStoreKeys.rev(live.createdAt()), "d-live"),
                            MvStoreKeys.key(tenant, "10.45.0.1", MvStoreKeys.rev(ended.createdAt()), "d-ended")),
                    List.copyOf(MvStoreFiles.strings(mv, "byUe").keySet()), "typed keys read back as written");
        }
        try (MvStoreDeliveryStore reopened = MvStoreDeliveryStore.open(dataDir)) {
            assertEquals(List.of(1L, 2L), reopened.events("d-live", 0).await().stream().map(DeliveryEvent::sequence).toList());
        }
    }

    /**
     * A layout 6 file, its events packed with codec 1, with a journal beside it (an AF of layout 6 killed before its
     * checkpoint): the journal is replayed into the file and deleted, the file marked with the current layout; every
     * event reads as before, and an event appended now is packed with codec 2.
     */
    @Test
    void aLayoutSixFileIsUpgradedAfterItsJournalIsReplayed() throws IOException {
        store.close();
        store = null;
        Path file = dataDir.resolve(MvStoreDeliveryStore.FILE_NAME);
        PackedJson packer = new PackedJson();
        Delivery inFile = Deliveries.granted("d-file", "t", "10.0.0.1", 0);
        Delivery inJournal = Deliveries.granted("d-journal", "t", "10.0.0.2", 1);
        try (MvStoreDeliveryStore before = MvStoreDeliveryStore.open(dataDir)) {
            before.put(inFile).await();
            before.appendEvent(Deliveries.event(inFile.id(), 1, EventType.QOS_GRANTED)).await();
        }
        String eventKey = MvStoreKeys.eventKey(inFile.id(), 1);
        long mark;
        try (MVStore mv = MvStoreFiles.builder(file).open()) {
            MVMap<String, String> meta = mv.openMap("meta");
            meta.put("layout", "6");
            MVMap<String, byte[]> records = MvStoreFiles.bytes(mv, "deliveries");
            records.put(eventKey, packer.pack(PackedJson.unpack(records.get(eventKey)))); // as layout 6 packed it
            mv.commit();
            mark = Long.parseLong(meta.get(MvStoreJournal.MARK));
        }
        try (MVStore scratch = new MVStore.Builder().open()) {
            MvStoreJournal layout6 = new MvStoreJournal(dataDir, false, 6);
            JournaledMap<byte[]> records = layout6.bytes(scratch, "deliveries");
            layout6.startFile(mark);
            records.put(inJournal.id(), DeliveryRecord.of(inJournal).toJson());
            records.put(MvStoreKeys.eventKey(inJournal.id(), 1),
                    packer.pack(EventJson.write(Deliveries.event(inJournal.id(), 1, EventType.QOS_GRANTED))));
            layout6.append(layout6.take());
            layout6.closeChannel();
        }

        try (MvStoreDeliveryStore upgraded = MvStoreDeliveryStore.open(dataDir)) {
            assertEquals(DeliveryRecord.of(inJournal), DeliveryRecord.of(upgraded.get("d-journal").await().orElseThrow()));
            for (String id : List.of("d-file", "d-journal")) {
                assertEquals(List.of(EventType.QOS_GRANTED), upgraded.events(id, 0).await().stream()
                        .map(DeliveryEvent::type).toList(), id);
            }
            upgraded.appendEvent(Deliveries.event(inFile.id(), 2, EventType.COMPLETED)).await();
            assertEquals(List.of(1L, 2L), upgraded.events("d-file", 0).await().stream().map(DeliveryEvent::sequence).toList());
            // Its indexes move as its record says, whatever layout 6's part next to it still says.
            upgraded.put(Deliveries.ended(inFile, DeliveryState.COMPLETED, 5)).await();
            assertEquals(List.of("d-file"), upgraded.list("t", null, DeliveryState.COMPLETED, 10, null).await().items()
                    .stream().map(Delivery::id).toList());
            assertEquals(List.of(), upgraded.list("t", null, DeliveryState.QOS_GRANTED, 10, null).await()
                    .items().stream().map(Delivery::id).toList(), "d-file left the state it was indexed under");
        }
        try (Stream<Path> files = Files.list(dataDir)) {
            assertTrue(files.map(p -> p.getFileName().toString())
                    .noneMatch(n -> n.equals(String.format("deliveries-%012d.journal", mark))), "layout 6's journal is gone");
        }
        try (MVStore mv = MvStoreFiles.builder(file).readOnly().open()) {
            assertEquals(Integer.toString(MvStoreDeliveryStore.LAYOUT), mv.<String, String>openMap("meta").get("layout"));
            MVMap<String, byte[]> records = MvStoreFiles.bytes(mv, "deliveries");
            assertEquals(PackedJson.CODEC_1, records.get(eventKey)[0], "an event already packed stays as it is");
            assertEquals(PackedJson.CODEC_2, records.get(MvStoreKeys.eventKey(inFile.id(), 2))[0]);
        }
    }

    /**
     * A layout 7 file (each event raised its delivery's cursor) with a journal beside it: replayed, deleted, the file
     * marked with the current layout; the last sequence and what the webhook still owes read as layout 7 wrote them, and
     * events appended now follow on.
     */
    @Test
    void aLayoutSevenFileIsUpgradedAfterItsJournalIsReplayed() throws IOException {
        store.close();
        store = null;
        Path file = dataDir.resolve(MvStoreDeliveryStore.FILE_NAME);
        PackedJson packer = new PackedJson();
        try (MvStoreDeliveryStore before = MvStoreDeliveryStore.open(dataDir)) {
            for (long s = 1; s <= 3; s++) {
                before.appendEvent(Deliveries.event("d-1", s, EventType.RATE_REPORT)).await();
            }
            before.markDelivered("d-1", 1).await();
        }
        long mark;
        try (MVStore mv = MvStoreFiles.builder(file).open()) {
            MVMap<String, String> meta = mv.openMap("meta");
            meta.put("layout", "7");
            MvStoreFiles.bytes(mv, "deliveries").put(MvStoreKeys.partKey("d-1", MvStoreKeys.CURSOR),
                    "3:1".getBytes(StandardCharsets.US_ASCII));
            mv.commit();
            mark = Long.parseLong(meta.get(MvStoreJournal.MARK));
        }
        try (MVStore scratch = new MVStore.Builder().open()) {
            MvStoreJournal layout7 = new MvStoreJournal(dataDir, false, 7);
            JournaledMap<byte[]> records = layout7.bytes(scratch, "deliveries");
            JournaledMap<String> undelivered = layout7.strings(scratch, "undelivered");
            layout7.startFile(mark);
            records.put(MvStoreKeys.eventKey("d-2", 1),
                    packer.packEvent(EventJson.write(Deliveries.event("d-2", 1, EventType.QOS_GRANTED))));
            undelivered.put("d-2", "");
            records.put(MvStoreKeys.partKey("d-2", MvStoreKeys.CURSOR), "1:0".getBytes(StandardCharsets.US_ASCII));
            layout7.append(layout7.take());
            layout7.closeChannel();
        }

        try (MvStoreDeliveryStore upgraded = MvStoreDeliveryStore.open(dataDir)) {
            assertEquals(3, upgraded.lastSequence("d-1").await());
            assertEquals(1, upgraded.deliveredUpTo("d-1").await());
            assertEquals(1, upgraded.lastSequence("d-2").await());
            assertEquals(Set.of("d-1", "d-2"), Set.copyOf(upgraded.withUndeliveredEvents().await()));
            upgraded.appendEvent(Deliveries.event("d-2", 2, EventType.COMPLETED)).await();
            assertEquals(2, upgraded.lastSequence("d-2").await());
        }
        try (Stream<Path> files = Files.list(dataDir)) {
            assertTrue(files.map(p -> p.getFileName().toString())
                    .noneMatch(n -> n.equals(String.format("deliveries-%012d.journal", mark))), "layout 7's journal is gone");
        }
        try (MVStore mv = MvStoreFiles.builder(file).readOnly().open()) {
            assertEquals(Integer.toString(MvStoreDeliveryStore.LAYOUT), mv.<String, String>openMap("meta").get("layout"));
        }
        try (MvStoreDeliveryStore reopened = MvStoreDeliveryStore.open(dataDir)) {
            assertEquals(2, reopened.lastSequence("d-2").await());
            assertEquals(List.of(1L, 2L), reopened.events("d-2", 0).await().stream().map(DeliveryEvent::sequence).toList());
        }
    }

    @Test
    void anOnlineBackupRestoresToTheStateItWasTakenIn(@TempDir Path restored) throws IOException {
        for (int i = 0; i < 200; i++) {
            store.put(Deliveries.granted("d-" + i, "t", "10.45.0." + (i % 7), i)).await();
            store.appendEvent(Deliveries.event("d-" + i, 1, EventType.QOS_GRANTED)).await();
        }
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        ((MvStoreDeliveryStore) store).backups().backup(zip);
        Delivery later = store.get("d-3").await().orElseThrow();
        Deliveries.ended(later, DeliveryState.CANCELLED, 500);
        store.put(later).await();

        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip.toByteArray()))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                Files.copy(in, restored.resolve(Path.of(entry.getName()).getFileName().toString()));
            }
        }
        try (MvStoreDeliveryStore copy = MvStoreDeliveryStore.open(restored)) {
            assertEquals(200, copy.live().await().size());
            assertEquals(DeliveryState.QOS_GRANTED, copy.get("d-3").await().orElseThrow().state(), "the backup predates the cancel");
            assertEquals(1, copy.events("d-199", 0).await().size());
        }
    }

    @Test
    void scheduledBackupsKeepTheNewestAndEachRestores(@TempDir Path backups, @TempDir Path restored) throws Exception {
        MvStoreDeliveryStore mv = (MvStoreDeliveryStore) store;
        for (int i = 0; i < 4; i++) {
            store.put(Deliveries.granted("d-" + i, "t", "10.45.0.1", i)).await();
            assertTrue(mv.backups().backupInto(backups, 2) != null);
            Thread.sleep(5);
        }
        List<Path> kept;
        try (var files = Files.list(backups)) {
            kept = files.sorted().toList();
        }
        assertEquals(2, kept.size(), "only the newest two are kept: " + kept);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(kept.get(1)))) {
            ZipEntry entry = in.getNextEntry();
            Files.copy(in, restored.resolve(MvStoreDeliveryStore.FILE_NAME));
            assertEquals(MvStoreDeliveryStore.FILE_NAME, entry.getName());
        }
        try (MvStoreDeliveryStore copy = MvStoreDeliveryStore.open(restored)) {
            assertEquals(4, copy.live().await().size(), "the newest backup has every delivery");
        }

        mv.backups().backupEvery(java.time.Duration.ofMillis(50), backups.resolve("auto"), 3);
        long deadline = System.nanoTime() + 10_000_000_000L;
        long count = 0;
        while (count < 3 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            try (var files = Files.list(backups.resolve("auto"))) {
                count = files.filter(f -> f.toString().endsWith(".zip")).count();
            } catch (java.nio.file.NoSuchFileException e) {
                count = 0;
            }
        }
        assertEquals(3, count, "the scheduled backups run and are pruned to 3");
    }

    /**
     * What SIGKILL leaves behind is recovered to the last commit, also once freed space is reused: MVStore's quick
     * recovery alone settled on older versions and lost acknowledged deliveries (see MvStoreDeliveryStore.recover).
     * Rounds of churn on the same file, each ended as a kill would end it, then reopened and checked; short rounds too:
     * the first commits after an open were the ones most often lost.
     */
    @Test
    void everyCommitSurvivesACrashOnceSpaceIsReused() {
        store.close();
        store = null;
        long next = 0;
        int[] turns = {400, 3, 7, 450, 2, 12, 5, 300, 4, 9};
        for (int round = 0; round < turns.length; round++) {
            MvStoreDeliveryStore s = MvStoreDeliveryStore.open(dataDir);
            StoreChurn churn = new StoreChurn(s, "k", next);
            churn.run(Long.MAX_VALUE, turns[round]);
            s.closeAsIfKilled();
            int r = round;
            try (MvStoreDeliveryStore reopened = MvStoreDeliveryStore.open(dataDir)) {
                for (long i = 0; i < churn.created(); i++) {
                    String id = "k-" + (next + i);
                    Delivery d = reopened.get(id).await().orElseThrow(() -> new AssertionError("round " + r + ": " + id
                            + " was committed before the crash and is gone"));
                    if (i < churn.doneBelow()) {
                        assertEquals(DeliveryState.CANCELLED, d.state(), id);
                        assertEquals(false, d.releasePending(), id);
                        // The webhook cursor is written lazily (within a second): a kill may take its last moves,
                        // never an event it still owes.
                        long delivered = reopened.deliveredUpTo(id).await();
                        assertTrue(delivered <= 2, id);
                        assertEquals(java.util.stream.LongStream.rangeClosed(delivered + 1, 2).boxed().toList(),
                                reopened.events(id, delivered).await().stream().map(e -> e.sequence()).toList(), id);
                    }
                }
            }
            next += 1_000_000;
        }
    }

    /**
     * Under create+delete churn the file follows what the store holds (every ended delivery is kept for the retention:
     * about 1.2 KB each, packed), not the writes it has seen: each chunk's space is reused once no version uses it, and
     * sparse chunks are compacted. Before, 3,000 pairs left a file of about 200 MB (every chunk of the last 45 s).
     */
    @Test
    void theFileFollowsItsDataUnderChurn() throws IOException {
        long t = System.nanoTime();
        StoreChurn churn = new StoreChurn(store, "c", 0);
        churn.run(3_000, Long.MAX_VALUE);
        long bytes = Files.size(dataDir.resolve(MvStoreDeliveryStore.FILE_NAME));
        System.out.printf("MVStore: 3,000 create+delete pairs in %d ms leave a file of %.1f MB%n",
                (System.nanoTime() - t) / 1_000_000, bytes / 1e6);
        assertEquals(3_000, churn.doneBelow());
        assertTrue(bytes < 30_000_000L, "3,000 ended deliveries (about 4 MB of data) in a file of " + bytes + " bytes");
    }

    /** Prints what a put costs (it commits) and how long reopening a store with many deliveries takes. */
    @Test
    void measuresPutCommitLatencyAndReopenTime() throws Exception {
        int n = 5_000;
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            Delivery d = Deliveries.granted("d-" + i, "t", "10.45." + (i / 250) + "." + (i % 250), i);
            long t = System.nanoTime();
            store.put(d).await();
            nanos[i] = System.nanoTime() - t;
        }
        java.util.Arrays.sort(nanos);
        long fileKb = Files.size(dataDir.resolve(MvStoreDeliveryStore.FILE_NAME)) / 1024;
        long t0 = System.nanoTime();
        store.close();
        long t1 = System.nanoTime();
        store = MvStoreDeliveryStore.open(dataDir);
        long t2 = System.nanoTime();
        int live = store.live().await().size();
        long t3 = System.nanoTime();
        System.out.printf("MVStore: put+commit p50 %d us, p99 %d us, max %d us over %d puts (file %d KiB); "
                        + "close %d ms, open %d ms, live() of %d deliveries %d ms (file then %d KiB); record %d bytes%n",
                nanos[n / 2] / 1000, nanos[n * 99 / 100] / 1000, nanos[n - 1] / 1000, n, fileKb,
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, live, (t3 - t2) / 1_000_000,
                Files.size(dataDir.resolve(MvStoreDeliveryStore.FILE_NAME)) / 1024,
                DeliveryRecord.of(store.get("d-1").await().orElseThrow()).toJson().length);
        assertEquals(n, live);
        byte[] json = DeliveryRecord.of(store.get("d-1").await().orElseThrow()).toJson();
        long t4 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            DeliveryRecord.fromJson(json).toDelivery();
        }
        System.out.printf("MVStore: decoding %d records alone %d ms%n", n, (System.nanoTime() - t4) / 1_000_000);

        try (MvStoreDeliveryStore synced = MvStoreDeliveryStore.open(dataDir.resolve("fsync"), true)) {
            int m = 200;
            long[] s = new long[m];
            for (int i = 0; i < m; i++) {
                long t = System.nanoTime();
                synced.put(Deliveries.granted("s-" + i, "t", "10.46.0.1", i)).await();
                s[i] = System.nanoTime() - t;
            }
            java.util.Arrays.sort(s);
            System.out.printf("MVStore with fsync: put+commit+sync p50 %d us, p99 %d us over %d puts%n",
                    s[m / 2] / 1000, s[m * 99 / 100] / 1000, m);
            assertEquals(m, synced.live().await().size());
        }
    }
}
