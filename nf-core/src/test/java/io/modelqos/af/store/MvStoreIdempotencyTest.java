package io.modelqos.af.store;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryIds;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.store.DeliveryStore.IdempotentCreate;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MVStore store's Idempotency-Keys (layout 6): kept by delivery id on disk, found by key through the in-memory
 * index, which a restart and a kill rebuild; a key used again; and the upgrade of a layout 5 file whose journal holds
 * keys the file does not.
 */
class MvStoreIdempotencyTest {
    private static final long NO_CHECKPOINT_MS = 3_600_000;
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dataDir;
    private MvStoreDeliveryStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    /** Ids of the AF's own form (packed in the index), many keys, two tenants; after a clean restart and after a kill. */
    @Test
    void keysAreFoundAfterARestartAndAfterAKill() {
        store = MvStoreDeliveryStore.open(dataDir, false, NO_CHECKPOINT_MS);
        DeliveryIds ids = new DeliveryIds(new Random(3));
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            String id = ids.next(T0.plusMillis(i));
            made.add(id);
            store.rememberIdempotentCreate(i % 2 == 0 ? "even" : "odd", "key-" + i, new IdempotentCreate("fp-" + i, id))
                    .await();
        }
        store.close(); // a checkpoint: the file holds the first half
        store = MvStoreDeliveryStore.open(dataDir, false, NO_CHECKPOINT_MS);
        assertEveryKey(made);
        for (int i = 2_000; i < 3_000; i++) {
            String id = ids.next(T0.plusMillis(i));
            made.add(id);
            store.rememberIdempotentCreate(i % 2 == 0 ? "even" : "odd", "key-" + i, new IdempotentCreate("fp-" + i, id))
                    .await();
        }
        store.closeAsIfKilled(); // the last thousand are in the journal only
        store = MvStoreDeliveryStore.open(dataDir, false, NO_CHECKPOINT_MS);
        assertEveryKey(made);
        assertTrue(store.idempotentCreate("odd", "key-0").await().isEmpty(), "key-0 is the other tenant's");
        assertTrue(store.idempotentCreate("even", "key-3000").await().isEmpty());
    }

    /**
     * The repeat of a create that a stop interrupted makes the delivery anew under the same key: the key then names the
     * new delivery, and the purge of the old one leaves it so (the old part next to the record took it with it).
     */
    @Test
    void aKeyUsedAgainNamesTheNewDeliveryAndOutlivesThePurgeOfTheOldOne() {
        store = MvStoreDeliveryStore.open(dataDir, false, NO_CHECKPOINT_MS);
        DeliveryIds ids = new DeliveryIds(new Random(4));
        Delivery interrupted = Deliveries.ended(Deliveries.negotiating(ids.next(T0), "t", "10.0.0.1", 0),
                DeliveryState.FAILED, 1);
        store.put(interrupted).await();
        store.rememberIdempotentCreate("t", "key-1", new IdempotentCreate("fp", interrupted.id())).await();
        Delivery anew = Deliveries.granted(ids.next(T0.plusSeconds(2)), "t", "10.0.0.1", 2);
        store.put(anew).await();
        store.rememberIdempotentCreate("t", "key-1", new IdempotentCreate("fp", anew.id())).await();
        assertEquals(anew.id(), store.idempotentCreate("t", "key-1").await().orElseThrow().deliveryId());

        assertEquals(List.of(interrupted.id()), store.purgeEndedBefore(T0.plusSeconds(60)).await());
        assertEquals(anew.id(), store.idempotentCreate("t", "key-1").await().orElseThrow().deliveryId());
        store.close();
        store = MvStoreDeliveryStore.open(dataDir, false, NO_CHECKPOINT_MS);
        assertEquals(new IdempotentCreate("fp", anew.id()), store.idempotentCreate("t", "key-1").await().orElseThrow());
        assertEquals(List.of(anew.id()), keysOnDisk(), "one entry, by delivery id");
    }

    /**
     * A layout 5 file with a journal beside it (an AF of layout 5 killed before its checkpoint): the journal is replayed
     * into layout 5's maps, then the keys move to layout 6; a key the journal alone had is found, one the journal
     * purged is not, and no part, map or journal file of layout 5 is left.
     */
    @Test
    void aLayoutFiveFileIsUpgradedAfterItsJournalIsReplayed() throws IOException {
        Path file = dataDir.resolve(MvStoreDeliveryStore.FILE_NAME);
        PackedJson packer = new PackedJson();
        Delivery inFile = Deliveries.granted("d-file", "t", "10.0.0.1", 0);
        Delivery purged = Deliveries.granted("d-purged", "t", "10.0.0.3", 0);
        Delivery inJournal = Deliveries.granted("d-journal", "t", "10.0.0.2", 1);
        try (MVStore mv = MvStoreFiles.builder(file).open()) {
            MVMap<String, String> meta = mv.openMap("meta");
            meta.put("layout", "5");
            meta.put(MvStoreJournal.MARK, "7");
            MVMap<String, byte[]> records = MvStoreFiles.bytes(mv, "deliveries");
            MVMap<String, String> byKey = MvStoreFiles.strings(mv, "idempotency");
            for (Delivery d : List.of(inFile, purged)) {
                String key = d == inFile ? "key-file" : "key-purged";
                records.put(d.id(), packer.pack(DeliveryRecord.of(d).toJson()));
                records.put(MvStoreKeys.partKey(d.id(), MvStoreKeys.IDEMPOTENCY_KEY), bytes(MvStoreKeys.key("t", key)));
                byKey.put(MvStoreKeys.key("t", key), "fp-" + key + MvStoreKeys.SEP + d.id());
            }
            mv.commit();
        }
        try (MVStore scratch = new MVStore.Builder().open()) {
            MvStoreJournal layout5 = new MvStoreJournal(dataDir, false, 5);
            JournaledMap<byte[]> records = layout5.bytes(scratch, "deliveries");
            JournaledMap<String> byKey = layout5.strings(scratch, "idempotency");
            layout5.startFile(7);
            records.put(inJournal.id(), packer.pack(DeliveryRecord.of(inJournal).toJson()));
            records.put(MvStoreKeys.partKey(inJournal.id(), MvStoreKeys.IDEMPOTENCY_KEY),
                    bytes(MvStoreKeys.key("t", "key-journal")));
            byKey.put(MvStoreKeys.key("t", "key-journal"), "fp-key-journal" + MvStoreKeys.SEP + inJournal.id());
            records.mvMap().put(purged.id(), new byte[0]); // so that the removes below are journaled
            byKey.mvMap().put(MvStoreKeys.key("t", "key-purged"), "");
            records.remove(purged.id());
            byKey.remove(MvStoreKeys.key("t", "key-purged"));
            layout5.append(layout5.take());
            layout5.closeChannel();
        }

        store = MvStoreDeliveryStore.open(dataDir, false, NO_CHECKPOINT_MS);
        assertEquals(new IdempotentCreate("fp-key-file", "d-file"), store.idempotentCreate("t", "key-file").await().orElseThrow());
        assertEquals(new IdempotentCreate("fp-key-journal", "d-journal"),
                store.idempotentCreate("t", "key-journal").await().orElseThrow());
        assertTrue(store.get("d-journal").await().isPresent());
        assertTrue(store.idempotentCreate("t", "key-purged").await().isEmpty());
        assertEquals(List.of("deliveries-000000000008.journal"), journalFiles(), "layout 5's file replayed and gone");
        store.close();
        store = null;
        try (MVStore mv = MvStoreFiles.builder(file).readOnly().open()) {
            assertEquals(Integer.toString(MvStoreDeliveryStore.LAYOUT), mv.<String, String>openMap("meta").get("layout"));
            assertFalse(mv.hasMap("idempotency"));
            MVMap<String, byte[]> records = MvStoreFiles.bytes(mv, "deliveries");
            for (String id : List.of("d-file", "d-journal")) {
                assertNull(records.get(MvStoreKeys.partKey(id, MvStoreKeys.IDEMPOTENCY_KEY)), id + "'s part is gone");
            }
            assertEquals(List.of("d-file", "d-journal"), List.copyOf(MvStoreFiles.strings(mv, "idempotencyKeys").keySet()));
        }
        store = MvStoreDeliveryStore.open(dataDir, false, NO_CHECKPOINT_MS);
        assertEquals("d-journal", store.idempotentCreate("t", "key-journal").await().orElseThrow().deliveryId());
    }

    private void assertEveryKey(List<String> made) {
        for (int i = 0; i < made.size(); i++) {
            assertEquals(new IdempotentCreate("fp-" + i, made.get(i)),
                    store.idempotentCreate(i % 2 == 0 ? "even" : "odd", "key-" + i).await().orElse(null), "key-" + i);
        }
    }

    private List<String> keysOnDisk() {
        store.close();
        store = null;
        try (MVStore mv = MvStoreFiles.builder(dataDir.resolve(MvStoreDeliveryStore.FILE_NAME)).readOnly().open()) {
            return List.copyOf(MvStoreFiles.strings(mv, "idempotencyKeys").keySet());
        }
    }

    private List<String> journalFiles() throws IOException {
        try (Stream<Path> files = Files.list(dataDir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".journal")).sorted().toList();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
