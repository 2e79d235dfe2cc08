package io.modelqos.af.store;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.store.DeliveryStore.Page;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVStore;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static io.modelqos.af.store.MvStoreKeys.INDEXED;
import static io.modelqos.af.store.MvStoreKeys.SEP;
import static io.modelqos.af.store.MvStoreKeys.idOfIndexKey;
import static io.modelqos.af.store.MvStoreKeys.decode;
import static io.modelqos.af.store.MvStoreKeys.encode;
import static io.modelqos.af.store.MvStoreKeys.key;
import static io.modelqos.af.store.MvStoreKeys.pad;
import static io.modelqos.af.store.MvStoreKeys.partKey;
import static io.modelqos.af.store.MvStoreKeys.rev;

/**
 * The MVStore store's indexes, kept in the same commit as the records: by callback id, by creation order, by UE and by state (each per tenant, newest first), the live set (what {@code live()} returns
 * without a scan) and the ended order (for the purge). The ordered indexes end their keys with the delivery's id and
 * have an empty value (layout 2 repeated the id as the value). What each delivery is indexed under (its state and end)
 * is a part of the delivery next to its record ({@link MvStoreKeys#partKey}), so that a write touches an index only
 * when what it indexes changed. Idempotency-Keys have their own class ({@link MvStoreIdempotency}).
 */
final class MvStoreIndexes {
    private final JournaledMap<String> byCallback;
    private final JournaledMap<String> created;
    private final JournaledMap<String> byUe;
    private final JournaledMap<String> byState;
    private final JournaledMap<String> live;
    private final JournaledMap<String> ended;

    /** The records map, which also holds what each delivery is indexed under. */
    private final JournaledMap<byte[]> records;
    /**
     * What each delivery that was live at its last write is indexed under, as its part says: a write of it then reads
     * neither that part nor the live set (ten of a create+delete's 39 map operations). Only under the write lock.
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

    /** Indexes a delivery just written (under the store's write lock). */
    void index(Delivery d) {
        String id = d.id();
        String remembered = liveIndexed.get(id);
        String previous = remembered != null ? remembered : indexedUnder(id);
        String rev = rev(d.createdAt());
        if (previous == null) {
            byCallback.put(d.callbackId(), id);
            created.put(key(d.tenant(), rev, id), "");
            byUe.put(key(d.tenant(), d.request().ue().key(), rev, id), "");
        }
        boolean isLive = DeliveryRecord.isLive(d);
        String endedAt = !isLive && d.endedAt() != null ? pad(DeliveryRecord.epochNanos(d.endedAt())) : "";
        String now = endedAt.isEmpty() ? UNENDED.get(d.state()) : d.state().name() + SEP + endedAt;
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
            if (!endedAt.isEmpty()) {
                ended.put(key(endedAt, id), "");
            }
            records.put(partKey(id, INDEXED), now.getBytes(StandardCharsets.UTF_8));
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

    /** What a delivery is indexed under: its state, {@link MvStoreKeys#SEP} and its padded end time or nothing. */
    private String indexedUnder(String id) {
        byte[] value = records.get(partKey(id, INDEXED));
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    /**
     * Removes every index entry of a purged delivery (its parts next to the record go with it; the caller removes
     * them).
     */
    void unindex(String id, DeliveryRecord r) {
        liveIndexed.remove(id);
        String rev = rev(r.createdAt());
        String ix = indexedUnder(id);
        if (ix != null) {
            int cut = ix.indexOf(SEP);
            byState.remove(key(r.tenant(), ix.substring(0, cut), rev, id));
            String endedAt = ix.substring(cut + 1);
            if (!endedAt.isEmpty()) {
                ended.remove(key(endedAt, id));
            }
        }
        byCallback.remove(r.callbackId());
        created.remove(key(r.tenant(), rev, id));
        byUe.remove(key(r.tenant(), r.request().ue().key(), rev, id));
        live.remove(id);
    }

    String idOfCallback(String callbackId) {
        return byCallback.get(callbackId);
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
