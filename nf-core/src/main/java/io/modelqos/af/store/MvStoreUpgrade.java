package io.modelqos.af.store;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.modelqos.af.store.MvStoreKeys.CURSOR;
import static io.modelqos.af.store.MvStoreKeys.IDEMPOTENCY_KEY;
import static io.modelqos.af.store.MvStoreKeys.INDEXED;
import static io.modelqos.af.store.MvStoreKeys.SEP;
import static io.modelqos.af.store.MvStoreKeys.eventKey;
import static io.modelqos.af.store.MvStoreKeys.parseCursor;
import static io.modelqos.af.store.MvStoreKeys.partKey;

/**
 * Moves a file of layout 1 or 2 to layout 3 when it is opened: the maps {@code events}, {@code cursors},
 * {@code indexed} and {@code idempotencyOf} become parts of each delivery next to its record, and the deliveries whose
 * webhook is behind are listed in {@code undelivered}. Values are moved as they are (packed or plain JSON, both read).
 *
 * <p>Safe to interrupt: the old maps are read, never changed, until they are removed at the end, in the commit that
 * marks the file layout 3 (the caller's); the commits on the way only add parts, so a crash leaves a layout 2 file that
 * the next open upgrades again. Index entries keep the id as their value (layout 3 reads the id from the key), so an
 * older AF could still read them.
 */
final class MvStoreUpgrade {
    /** Commit every so many moved entries, so that a large file does not hold everything in memory at once. */
    private static final int COMMIT_EVERY = 20_000;

    private MvStoreUpgrade() {
    }

    static void toLayout3(MVStore mv, MVMap<String, byte[]> records) {
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

    private static int commitNowAndThen(MVStore mv, int moved) {
        if (++moved % COMMIT_EVERY == 0) {
            mv.commit();
        }
        return moved;
    }
}
