package io.modelqos.af.store;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.modelqos.af.store.MvStoreKeys.CURSOR;
import static io.modelqos.af.store.MvStoreKeys.IDEMPOTENCY_KEY;
import static io.modelqos.af.store.MvStoreKeys.INDEXED;
import static io.modelqos.af.store.MvStoreKeys.SEP;
import static io.modelqos.af.store.MvStoreKeys.eventKey;
import static io.modelqos.af.store.MvStoreKeys.parseCursor;
import static io.modelqos.af.store.MvStoreKeys.partKey;

/**
 * Moves a file of an older layout to {@link MvStoreDeliveryStore#LAYOUT} when it is opened, before the store opens its
 * maps. Layout 1 had plain JSON records and events (still read), 2 packed them ({@link PackedJson}); what 3 to 7 changed
 * follows.
 *
 * <p>1 or 2 → 3: the maps {@code events}, {@code cursors}, {@code indexed} and {@code idempotencyOf} become parts of
 * each delivery next to its record, and the deliveries whose webhook is behind are listed in {@code undelivered}.
 * Values are moved as they are (packed or plain JSON, both read). The old maps are read, never changed, until they are
 * removed at the end.
 *
 * <p>3 → 4: the same entries, every map but {@code meta} rewritten from H2's generic data type to the typed ones of
 * layout 4 ({@link FrontCodedStrings} keys; {@link MvStoreFiles#strings}, {@link MvStoreFiles#bytes}). Each map is copied
 * into a new map beside it; then one commit removes the old maps, gives the copies their names and marks the file
 * layout 4. Safe to interrupt: the commits on the way only add to the copies, so a crash leaves a layout 3 (or older)
 * file with stray copies, which the next open removes before it upgrades again.
 *
 * <p>4 → 5: nothing moves. A file of layout 5 may have a journal beside it ({@link MvStoreJournal}) that an AF of layout
 * 4 would not replay: the mark keeps such an AF away.
 *
 * <p>5 → 6: the Idempotency-Keys move from {@code idempotency} (by tenant and key: fingerprint and delivery id) and the
 * part next to each record to {@code idempotencyKeys} (by delivery id: tenant, key and fingerprint;
 * {@link MvStoreIdempotency}). A layout 5 journal is replayed first, into layout 5's maps, and deleted with the last
 * commit. Safe to interrupt: until that commit the file says layout 5 (or 4) and keeps its journal and the old map, and
 * a replay or a move done twice writes the same entries.
 *
 * <p>6 → 7: nothing moves; events are packed with codec 2 from now on ({@link PackedJson#DICTIONARY_2}), and those of
 * codec 1 are still read; what a delivery is indexed under is read from its record ({@link MvStoreIndexes}), and the
 * parts that said it ({@link MvStoreKeys#INDEXED}) are left to go with their deliveries. A layout 6 journal is replayed into the maps and deleted with the commit that marks the file,
 * so that an AF of layout 6, which cannot read codec 2, refuses the file rather than failing on an event.
 *
 * <p>7 → 8: nothing moves; an append no longer raises the cursor's {@code last} ({@link MvStoreEvents}), which an AF of
 * layout 7 would read as the delivery's last sequence (and miss the events after it). A layout 7 journal is replayed
 * and deleted with the commit that marks the file, as for 6 → 7.
 */
final class MvStoreUpgrade {
    /** Commit every so many moved entries, so that a large file does not hold everything in memory at once. */
    private static final int COMMIT_EVERY = 20_000;
    private static final int PROGRESS_EVERY = 200_000;

    /** Logs under the store's name, as all of the store's parts do. */
    private static final Logger LOG = LoggerFactory.getLogger(MvStoreDeliveryStore.class);
    /** The maps of layouts 6 to 8 with string values (and {@code deliveries} with byte arrays), as a journal names them. */
    private static final List<String> LAYOUT_6_STRING_MAPS =
            List.of("undelivered", "byCallback", "idempotencyKeys", "created", "byUe", "byState", "live", "ended");
    /** The name a map's layout 4 copy has until it replaces the map. */
    private static final String COPY = ".layout4";
    /** The maps of layout 4 with string values; {@code deliveries} has byte arrays, and {@code meta} stays generic. */
    private static final List<String> STRING_MAPS =
            List.of("undelivered", "byCallback", "idempotency", "created", "byUe", "byState", "live", "ended");

    private MvStoreUpgrade() {
    }

    /**
     * Reads the file's layout from {@code meta}, refuses a newer one, marks a new file and upgrades an older one; meta.
     *
     * @throws IllegalStateException when the file has a newer layout than this AF knows
     */
    static MVMap<String, String> toCurrentLayout(MVStore mv, Path file) {
        // meta keeps H2's generic types in every layout, so that any AF can read which layout the file has.
        MVMap<String, String> meta = mv.openMap("meta");
        String layout = meta.get("layout");
        int current = MvStoreDeliveryStore.LAYOUT;
        if (layout != null && Integer.parseInt(layout) > current) {
            throw new IllegalStateException(file + " has store layout " + layout + "; this AF reads up to " + current
                    + " (downgrade after an upgrade is not supported: restore the backup taken before the upgrade)");
        }
        if (layout == null) {
            // Before anything is written: from now on an AF that knows an older layout refuses the file.
            meta.put("layout", Integer.toString(current));
            mv.commit();
        } else if (Integer.parseInt(layout) < current) {
            long start = System.nanoTime();
            upgrade(mv, meta, Integer.parseInt(layout), file.getParent());
            LOG.info("delivery store: {} upgraded from layout {} to {} in {} ms", file, layout, current,
                    (System.nanoTime() - start) / 1_000_000);
        }
        return meta;
    }

    /**
     * Upgrades a file of layout {@code from} and marks it with the current layout in {@code meta}, in the upgrade's
     * last commit.
     */
    private static void upgrade(MVStore mv, MVMap<String, String> meta, int from, Path dir) {
        if (from < 3) {
            toLayout3(mv, mv.openMap("deliveries"));
        }
        if (from < 4) {
            toLayout4(mv, meta);
        }
        if (from < 6) {
            toLayout6(mv, meta, dir); // marks the file with the current layout: 6 → 8 change no entry
        } else {
            // Layouts 6 and 7 have the same maps; the mark alone keeps their AFs away from what this one writes.
            markCurrent(mv, meta, replay(mv, meta, dir, from, LAYOUT_6_STRING_MAPS));
        }
    }

    private static void toLayout6(MVStore mv, MVMap<String, String> meta, Path dir) {
        Replayed layout5 = replay(mv, meta, dir, 5, STRING_MAPS);
        MVMap<String, String> keys = MvStoreFiles.strings(mv, "idempotencyKeys");
        MVMap<String, String> byKey = MvStoreFiles.strings(mv, "idempotency");
        int moved = 0;
        for (Map.Entry<String, String> e : byKey.entrySet()) {
            String value = e.getValue();
            int cut = value.indexOf(SEP);
            String deliveryId = value.substring(cut + 1);
            keys.put(deliveryId, e.getKey() + SEP + value.substring(0, cut));
            layout5.records().mvMap().remove(partKey(deliveryId, IDEMPOTENCY_KEY));
            moved = commitNowAndThen(mv, moved);
        }
        mv.removeMap(byKey);
        markCurrent(mv, meta, layout5);
    }

    /** A journal of an older layout, replayed into that layout's maps, and the number of the file after its last. */
    private record Replayed(MvStoreJournal journal, JournaledMap<byte[]> records, long next) {
    }

    private static Replayed replay(MVStore mv, MVMap<String, String> meta, Path dir, int layout, List<String> stringMaps) {
        MvStoreJournal journal = new MvStoreJournal(dir, false, layout);
        JournaledMap<byte[]> records = journal.bytes(mv, "deliveries");
        for (String name : stringMaps) {
            journal.strings(mv, name);
        }
        String mark = meta.get(MvStoreJournal.MARK);
        return new Replayed(journal, records, journal.replay(mark == null ? 0 : Long.parseLong(mark)));
    }

    /** Marks the file with the current layout and the journal's next number in one commit, then deletes the old journal. */
    private static void markCurrent(MVStore mv, MVMap<String, String> meta, Replayed replayed) {
        meta.put(MvStoreJournal.MARK, Long.toString(replayed.next()));
        meta.put("layout", Integer.toString(MvStoreDeliveryStore.LAYOUT));
        mv.commit();
        replayed.journal().deleteBefore(replayed.next());
    }

    private static void toLayout4(MVStore mv, MVMap<String, String> meta) {
        for (String name : new ArrayList<>(mv.getMapNames())) {
            if (name.endsWith(COPY)) {
                mv.removeMap(name);
            }
        }
        Map<String, MVMap<String, ?>> copies = new LinkedHashMap<>();
        long total = 0;
        for (String name : mv.getMapNames()) {
            // Only the maps it copies: opened here with H2's generic type, a map of a later layout could not be
            // opened with its own type after.
            if (name.equals("deliveries") || STRING_MAPS.contains(name)) {
                total += mv.openMap(name).sizeAsLong();
            }
        }
        int moved = 0;
        if (mv.hasMap("deliveries")) {
            moved = copy(mv, "deliveries", MvStoreFiles.bytes(mv, "deliveries" + COPY), copies, moved, total);
        }
        for (String name : STRING_MAPS) {
            if (mv.hasMap(name)) {
                moved = copy(mv, name, MvStoreFiles.strings(mv, name + COPY), copies, moved, total);
            }
        }
        copies.forEach((name, copy) -> {
            mv.removeMap(name);
            mv.renameMap(copy, name);
        });
        meta.put("layout", "4"); // in the commit that swaps the maps: an open from here on reads them as layout 4's
        mv.commit();
    }

    private static void toLayout3(MVStore mv, MVMap<String, byte[]> records) {
        MVMap<String, String> undelivered = mv.openMap("undelivered");
        int moved = 0;
        if (mv.hasMap("events")) {
            for (Map.Entry<String, byte[]> e : mv.<String, byte[]>openMap("events").entrySet()) {
                String key = e.getKey();
                int cut = key.lastIndexOf(SEP);
                records.put(eventKey(key.substring(0, cut), Long.parseLong(key.substring(cut + 1))), e.getValue());
                moved = commitNowAndThen(mv, moved);
            }
        }
        if (mv.hasMap("cursors")) {
            for (Map.Entry<String, String> e : mv.<String, String>openMap("cursors").entrySet()) {
                records.put(partKey(e.getKey(), CURSOR), e.getValue().getBytes(StandardCharsets.US_ASCII));
                long[] c = parseCursor(e.getValue());
                if (c[0] > c[1]) {
                    undelivered.put(e.getKey(), "");
                }
                moved = commitNowAndThen(mv, moved);
            }
        }
        if (mv.hasMap("indexed")) {
            // Layout 2: the state, SEP, then the ended index's whole key (end time, SEP, id) or nothing; layout 3 keeps
            // the end time only.
            for (Map.Entry<String, String> e : mv.<String, String>openMap("indexed").entrySet()) {
                String v = e.getValue();
                int cut = v.indexOf(SEP);
                int endCut = v.indexOf(SEP, cut + 1);
                String layout3 = endCut < 0 ? v : v.substring(0, endCut);
                records.put(partKey(e.getKey(), INDEXED), layout3.getBytes(StandardCharsets.UTF_8));
                moved = commitNowAndThen(mv, moved);
            }
        }
        if (mv.hasMap("idempotencyOf")) {
            for (Map.Entry<String, String> e : mv.<String, String>openMap("idempotencyOf").entrySet()) {
                records.put(partKey(e.getKey(), IDEMPOTENCY_KEY), e.getValue().getBytes(StandardCharsets.UTF_8));
                moved = commitNowAndThen(mv, moved);
            }
        }
        for (String old : new String[] {"events", "cursors", "indexed", "idempotencyOf"}) {
            if (mv.hasMap(old)) {
                mv.removeMap(old);
            }
        }
    }

    /**
     * Copies the generic map {@code name} into its typed {@code copy} and notes the copy; commits now and then and says
     * how far the upgrade is (it can take minutes). Returns the entries copied so far, this map's included.
     */
    private static <V> int copy(MVStore mv, String name, MVMap<String, V> copy, Map<String, MVMap<String, ?>> copies,
                                int moved, long total) {
        for (Map.Entry<String, V> e : mv.<String, V>openMap(name).entrySet()) {
            copy.put(e.getKey(), e.getValue());
            moved = commitNowAndThen(mv, moved);
            if (moved % PROGRESS_EVERY == 0) {
                LOG.info("delivery store: upgrading to layout 4, {} of {} entries copied", moved, total);
            }
        }
        copies.put(name, copy);
        return moved;
    }

    private static int commitNowAndThen(MVStore mv, int moved) {
        if (++moved % COMMIT_EVERY == 0) {
            mv.commit();
        }
        return moved;
    }
}
