package io.modelqos.af.store;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryIds;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.store.DeliveryStore.Page;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static io.modelqos.af.store.MvStoreKeys.SEP;
import static io.modelqos.af.store.MvStoreKeys.idOfIndexKey;
import static io.modelqos.af.store.MvStoreKeys.decode;
import static io.modelqos.af.store.MvStoreKeys.encode;
import static io.modelqos.af.store.MvStoreKeys.key;
import static io.modelqos.af.store.MvStoreKeys.pad;
import static io.modelqos.af.store.MvStoreKeys.rev;

/**
 * The MVStore store's indexes, kept in the same commit as the records: by callback id (for the callback ids that do not
 * start with their delivery's id, made before 2026-12), by creation order, by UE and by state (each per tenant, newest first), the live set (what {@code live()} returns
 * without a scan) and the ended order (for the purge). The ordered indexes end their keys with the delivery's id and
 * have an empty value (layout 2 repeated the id as the value). A write touches an index only when what it indexes
 * changed: what a delivery is indexed under (its state, and its end once it is over) follows from its stored record, and
 * is remembered here for a live delivery (layouts 3 to 6 also kept it as a part next to the record, written at every
 * change; from layout 7 on the record is read instead, when nothing is remembered). Idempotency-Keys have their own
 * class ({@link MvStoreIdempotency}).
 */
final class MvStoreIndexes {
    private final JournaledMap<String> byCallback;
    private final JournaledMap<String> created;
    private final JournaledMap<String> byUe;
    private final JournaledMap<String> byState;
    private final JournaledMap<String> live;
    private final JournaledMap<String> ended;

    /** The records map: what a delivery not remembered here is indexed under follows from its record. */
    private final JournaledMap<byte[]> records;
    /**
     * What each delivery that was live at its last write is indexed under: a write of it then reads neither its stored
     * record nor the live set. Only under the write lock.
     */
    private final Map<String, String> liveIndexed = new HashMap<>();
    /** {@code liveIndexed}'s values, one instance per state (a live delivery has no end time). */
    private static final Map<DeliveryState, String> UNENDED = new EnumMap<>(DeliveryState.class);

    static {
        for (DeliveryState state : DeliveryState.values()) {
            UNENDED.put(state, state.name() + SEP);
        }
    }

    MvStoreIndexes(MVStore mv, MvStoreJournal journal, JournaledMap<byte[]> records) {
        this.records = records;
        this.byCallback = journal.strings(mv, "byCallback");
        this.created = journal.strings(mv, "created");
        this.byUe = journal.strings(mv, "byUe");
        this.byState = journal.strings(mv, "byState");
        this.live = journal.strings(mv, "live");
        this.ended = journal.strings(mv, "ended");
    }

    /**
     * Indexes a delivery about to be written (under the store's write lock, before its record replaces the stored one,
     * which says what it was indexed under when nothing is remembered).
     */
    void index(Delivery d) {
        String id = d.id();
        String remembered = liveIndexed.get(id);
        String previous = remembered != null ? remembered : indexedUnder(id);
        String rev = rev(d.createdAt());
        if (previous == null) {
            if (!namesItsDelivery(d.callbackId(), id)) {
                byCallback.put(d.callbackId(), id);
            }
            created.put(key(d.tenant(), rev, id), "");
            byUe.put(key(d.tenant(), d.request().ue().key(), rev, id), "");
        }
        boolean isLive = DeliveryRecord.isLive(d);
        String now = indexedUnder(d.state(), isLive, d.endedAt());
        // The indexes are written only when what they index changed: most writes (accounting, reports) change
        // only the record, and every map a commit touches costs it pages.
        if (!now.equals(previous)) {
            int cut = previous == null ? -1 : previous.indexOf(SEP);
            boolean sameState = previous != null && previous.regionMatches(0, now, 0, cut + 1);
            if (previous != null) {
                if (!sameState) {
                    byState.remove(key(d.tenant(), previous.substring(0, cut), rev, id));
                }
                String oldEndedAt = previous.substring(cut + 1);
                if (!oldEndedAt.isEmpty()) {
                    ended.remove(key(oldEndedAt, id));
                }
            }
            if (!sameState) {
                byState.put(key(d.tenant(), d.state().name(), rev, id), "");
            }
            String endedAt = now.substring(now.indexOf(SEP) + 1);
            if (!endedAt.isEmpty()) {
                ended.put(key(endedAt, id), "");
            }
        }
        // A delivery remembered here is in the live set (it was live at its last write).
        if (isLive != (remembered != null || live.containsKey(id))) {
            if (isLive) {
                live.put(id, "");
            } else {
                live.remove(id);
            }
        }
        if (isLive) {
            liveIndexed.put(id, now);
        } else if (remembered != null) {
            liveIndexed.remove(id);
        }
    }

    /**
     * What the stored record of {@code id} is indexed under, or null when there is none. Read and decoded only for a
     * delivery not remembered here: its first write after a restart, or a write after it ended.
     */
    private String indexedUnder(String id) {
        byte[] json = records.get(id);
        return json == null ? null : indexedUnder(DeliveryRecord.fromJson(PackedJson.unpack(json)));
    }

    private static String indexedUnder(DeliveryRecord r) {
        return indexedUnder(r.state(), !r.state().isFinal() || r.releasePending(), r.endedAt());
    }

    /** What a delivery is indexed under: its state, {@link MvStoreKeys#SEP} and, once it is over, its padded end time. */
    private static String indexedUnder(DeliveryState state, boolean live, Instant endedAt) {
        return live || endedAt == null ? UNENDED.get(state) : state.name() + SEP + pad(DeliveryRecord.epochNanos(endedAt));
    }

    /**
     * Removes every index entry of a purged delivery (its parts next to the record go with it; the caller removes
     * them).
     */
    void unindex(String id, DeliveryRecord r) {
        liveIndexed.remove(id);
        String rev = rev(r.createdAt());
        String ix = indexedUnder(r);
        int cut = ix.indexOf(SEP);
        byState.remove(key(r.tenant(), ix.substring(0, cut), rev, id));
        String endedAt = ix.substring(cut + 1);
        if (!endedAt.isEmpty()) {
            ended.remove(key(endedAt, id));
        }
        if (!namesItsDelivery(r.callbackId(), id)) {
            byCallback.remove(r.callbackId());
        }
        created.remove(key(r.tenant(), rev, id));
        byUe.remove(key(r.tenant(), r.request().ue().key(), rev, id));
        live.remove(id);
    }

    /**
     * The delivery with this callback id: the one it names, read by its id (from memory when the AF holds it), when it
     * {@link #namesItsDelivery names its delivery}, as those are not indexed; else the one the index gives.
     */
    Optional<Delivery> byCallback(String callbackId, Function<String, Optional<Delivery>> read) {
        String named = DeliveryIds.deliveryIdOf(callbackId);
        Optional<Delivery> d = named == null ? Optional.empty()
                : read.apply(named).filter(n -> DeliveryIds.sameCallbackId(n.callbackId(), callbackId));
        if (d.isPresent()) {
            return d;
        }
        String id = byCallback.get(callbackId);
        return id == null ? Optional.empty() : read.apply(id);
    }

    /** Whether the callback id starts with its delivery's id ({@link DeliveryIds#callbackId}), so needs no index. */
    static boolean namesItsDelivery(String callbackId, String deliveryId) {
        return deliveryId.equals(DeliveryIds.deliveryIdOf(callbackId));
    }

    /** How many deliveries the store holds. */
    int count() {
        return created.size();
    }

    /** The id of some delivery the store holds (the newest), if any. */
    Optional<String> anyId() {
        String first = created.firstKey();
        return first == null ? Optional.empty() : Optional.of(idOfIndexKey(first));
    }

    int liveCount() {
        return live.size();
    }

    Iterable<String> liveIds() {
        return live.keySet();
    }

    /** The ids of the deliveries that ended at or after {@code from} (a padded epoch-nanos key), oldest first. */
    List<String> endedFrom(String from) {
        List<String> ids = new ArrayList<>();
        Cursor<String, String> c = ended.cursor(from);
        while (c.hasNext()) {
            ids.add(idOfIndexKey(c.next()));
        }
        return ids;
    }

    /** The ids of the deliveries that ended before {@code upTo} (a padded epoch-nanos key), oldest first. */
    List<String> endedBefore(String upTo) {
        List<String> ids = new ArrayList<>();
        for (String k : ended.keySet()) {
            if (k.compareTo(upTo) >= 0) {
                break;
            }
            ids.add(idOfIndexKey(k));
        }
        return ids;
    }

    /** One page of a tenant's deliveries, newest first, read through {@code get}. */
    Page page(String tenant, String ueKey, DeliveryState state, int pageSize, String pageToken,
              Function<String, Optional<Delivery>> get) {
        JournaledMap<String> index;
        String prefix;
        if (ueKey != null) {
            index = byUe;
            prefix = key(tenant, ueKey, "");
        } else if (state != null) {
            index = byState;
            prefix = key(tenant, state.name(), "");
        } else {
            index = created;
            prefix = key(tenant, "");
        }
        String from = pageToken == null ? prefix : prefix + decode(pageToken);
        List<Delivery> items = new ArrayList<>(Math.min(pageSize, 64));
        String last = null;
        Cursor<String, String> cursor = index.cursor(from);
        while (cursor.hasNext()) {
            String k = cursor.next();
            if (!k.startsWith(prefix)) {
                break;
            }
            if (pageToken != null && k.equals(from)) {
                continue;
            }
            String id = idOfIndexKey(k);
            if (ueKey != null && state != null) {
                String st = indexedUnder(id);
                if (st == null || !st.startsWith(state.name() + SEP)) {
                    continue;
                }
            }
            Optional<Delivery> d = get.apply(id);
            if (d.isEmpty()) {
                continue;
            }
            if (items.size() == pageSize) {
                return new Page(items, encode(last.substring(prefix.length())));
            }
            items.add(d.get());
            last = k;
        }
        return new Page(items, null);
    }
}
