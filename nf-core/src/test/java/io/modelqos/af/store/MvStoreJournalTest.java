package io.modelqos.af.store;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.events.EventType;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MVStore store's journal: what an acknowledged write leaves when the process is killed before a checkpoint, what a
 * crash in the middle of a batch leaves, and what a checkpoint and a clean close do with the journal files.
 */
class MvStoreJournalTest {
    /** Long enough that no checkpoint runs during a test unless it asks for one. */
    private static final long NO_CHECKPOINT_MS = 3_600_000;

    @TempDir
    Path dataDir;
    private MvStoreDeliveryStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void anAcknowledgedWriteSurvivesAKillFromTheJournalAlone() throws IOException {
        store = MvStoreDeliveryStore.open(dataDir, false, NO_CHECKPOINT_MS);
        Delivery granted = Deliveries.granted("d-1", "tenant-a", "10.0.0.1", 1);
        store.put(granted).await();
        store.rememberIdempotentCreate("tenant-a", "key-1", new DeliveryStore.IdempotentCreate("fp", "d-1")).await();
        for (long s = 1; s <= 3; s++) {
            store.appendEvent(Deliveries.event("d-1", s, EventType.RATE_REPORT)).await();
        }
        store.removeEvent("d-1", 2).await();
        store.put(Deliveries.ended(Deliveries.granted("d-2", "tenant-a", "10.0.0.2", 2), DeliveryState.COMPLETED, 5))
                .await();
        killed();

        assertNull(recordInTheFileAlone("d-1"), "no checkpoint ran: the MVStore file alone does not have it");
        store = MvStoreDeliveryStore.open(dataDir, false, NO_CHECKPOINT_MS);
        Delivery back = store.get("d-1").await().orElseThrow();
        assertArrayEquals(DeliveryRecord.of(granted).toJson(), DeliveryRecord.of(back).toJson());
        assertEquals(List.of(1L, 3L), store.events("d-1", 0).await().stream().map(e -> e.sequence()).toList(),
                "the removed event stays removed");
        assertEquals(3, store.lastSequence("d-1").await());
        assertEquals("d-1", store.idempotentCreate("tenant-a", "key-1").await().orElseThrow().deliveryId());
        assertEquals(List.of("d-1"), ids(store.list("tenant-a", null, DeliveryState.QOS_GRANTED, 10, null).await()));
        assertEquals(List.of("d-2"), ids(store.list("tenant-a", null, DeliveryState.COMPLETED, 10, null).await()));
        assertEquals(List.of("d-1"), store.live().await().stream().map(Delivery::id).toList());
        assertEquals(1, journalFiles().size(), "the replayed files are gone, the next one started: " + journalFiles());
    }

    @Test
    void aBatchACrashCutShortIsLeftOutAndWhatCameBeforeItReplayed() throws IOException {
        store = MvStoreDeliveryStore.open(dataDir, false, NO_CHECKPOINT_MS);
        store.put(Deliveries.granted("d-1", "tenant-a", "10.0.0.1", 1)).await();
        killed();
        Path journal = journalFiles().get(journalFiles().size() - 1);
        // The head of a batch of 1,000 bytes and 10 of them: the write a kill interrupted.
        Files.write(journal, ByteBuffer.allocate(18).putInt(1_000).putInt(42).put(new byte[10]).array(),
                StandardOpenOption.APPEND);

        store = MvStoreDeliveryStore.open(dataDir, false, NO_CHECKPOINT_MS);
        assertTrue(store.get("d-1").await().isPresent());
    }

    @Test
    void aDamagedJournalWithLaterFilesAfterItFailsTheOpenInsteadOfLosingThem() throws IOException {
        store = MvStoreDeliveryStore.open(dataDir, false, NO_CHECKPOINT_MS);
        store.put(Deliveries.granted("d-1", "tenant-a", "10.0.0.1", 1)).await();
        killed();
        Path journal = journalFiles().get(0);
        byte[] bytes = Files.readAllBytes(journal);
        bytes[bytes.length - 1] ^= 0x55; // the last byte of the batch: its CRC no longer matches
        Files.write(journal, bytes);
        Path later = journal.resolveSibling(journal.getFileName().toString()
                .replaceAll("\\d{12}", String.format("%012d", journalNumber(journal) + 1)));
        Files.copy(journal, later);

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MvStoreDeliveryStore.open(dataDir, false, NO_CHECKPOINT_MS));
        assertTrue(e.getMessage().contains("damaged") && e.getMessage().contains(journal.getFileName().toString()),
                e.getMessage());
    }

    @Test
    void keysOfAnyJavaStringComeBackFromTheJournalAsTheyWere() throws IOException {
        store = MvStoreDeliveryStore.open(dataDir, false, NO_CHECKPOINT_MS);
        String tenant = "tenant-é-\uD83D\uDE00-\uD800-end"; // non-ASCII, a surrogate pair, a lone surrogate
        store.put(Deliveries.granted("d-1", tenant, "10.0.0.1", 1)).await();
        store.rememberIdempotentCreate(tenant, "clé-\uDC00", new DeliveryStore.IdempotentCreate("fp", "d-1")).await();
        killed();

        store = MvStoreDeliveryStore.open(dataDir, false, NO_CHECKPOINT_MS);
        assertEquals(List.of("d-1"), ids(store.list(tenant, null, null, 10, null).await()));
        assertEquals(tenant, store.get("d-1").await().orElseThrow().tenant());
        assertTrue(store.idempotentCreate(tenant, "clé-\uDC00").await().isPresent());
    }

    @Test
    void aCheckpointPutsTheWritesInTheFileAndDeletesTheJournalFilesBehindIt() throws Exception {
        store = MvStoreDeliveryStore.open(dataDir, false, 50);
        store.put(Deliveries.granted("d-1", "tenant-a", "10.0.0.1", 1)).await();
        long first = journalNumber(journalFiles().get(0));
        for (int i = 0; i < 100 && journalNumber(journalFiles().get(0)) == first; i++) {
            Thread.sleep(20); // a checkpoint follows the last write within the interval, writes or not
        }
        assertTrue(journalNumber(journalFiles().get(0)) > first, "a checkpoint started the next journal file");
        assertEquals(1, journalFiles().size(), journalFiles().toString());
        killed();

        assertTrue(recordInTheFileAlone("d-1") != null, "the checkpoint committed it to the MVStore file");
    }

    @Test
    void aCleanCloseCheckpointsEverythingAndLeavesNoJournal() throws IOException {
        store = MvStoreDeliveryStore.open(dataDir, false, NO_CHECKPOINT_MS);
        store.put(Deliveries.granted("d-1", "tenant-a", "10.0.0.1", 1)).await();
        store.close();
        store = null;

        assertEquals(List.of(), journalFiles());
        assertTrue(recordInTheFileAlone("d-1") != null);
        store = MvStoreDeliveryStore.open(dataDir, false, NO_CHECKPOINT_MS);
        assertTrue(store.get("d-1").await().isPresent());
    }

    /**
     * Layout 5 only marked the file, so that an AF of layout 4, which would not replay a journal, refuses it; a layout 4
     * file is upgraded to the current layout and reads as it was.
     */
    @Test
    void aLayoutFourFileIsUpgradedAndReadAsItWas() {
        store = MvStoreDeliveryStore.open(dataDir, false, NO_CHECKPOINT_MS);
        store.put(Deliveries.granted("d-1", "tenant-a", "10.0.0.1", 1)).await();
        store.close();
        store = null;
        Path file = dataDir.resolve(MvStoreDeliveryStore.FILE_NAME);
        try (MVStore mv = MvStoreFiles.builder(file).open()) {
            mv.<String, String>openMap("meta").put("layout", "4");
            mv.commit();
        }

        store = MvStoreDeliveryStore.open(dataDir, false, NO_CHECKPOINT_MS);
        assertTrue(store.get("d-1").await().isPresent());
        store.close();
        store = null;
        try (MVStore mv = MvStoreFiles.builder(file).readOnly().open()) {
            assertEquals(Integer.toString(MvStoreDeliveryStore.LAYOUT), mv.<String, String>openMap("meta").get("layout"));
        }
    }

    private void killed() {
        store.closeAsIfKilled();
        store = null;
    }

    /** The record as the MVStore file alone has it (after the recovery scan a killed file gets), or null. */
    private byte[] recordInTheFileAlone(String id) {
        Path file = dataDir.resolve(MvStoreDeliveryStore.FILE_NAME);
        if (!MvStoreFiles.closedCleanly(file)) {
            MvStoreFiles.recover(file);
        }
        try (MVStore mv = MvStoreFiles.builder(file).readOnly().open()) {
            return MvStoreFiles.bytes(mv, "deliveries").get(id);
        }
    }

    private List<Path> journalFiles() throws IOException {
        try (Stream<Path> files = Files.list(dataDir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".journal")).sorted().toList();
        }
    }

    private static long journalNumber(Path journal) {
        return Long.parseLong(journal.getFileName().toString().replaceAll("\\D", ""));
    }

    private static List<String> ids(DeliveryStore.Page page) {
        return page.items().stream().map(Delivery::id).toList();
    }
}
