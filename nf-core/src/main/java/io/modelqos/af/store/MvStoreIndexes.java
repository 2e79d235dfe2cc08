package io.modelqos.af.store;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.store.DeliveryStore.IdempotentCreate;
import io.modelqos.af.store.DeliveryStore.Page;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static io.modelqos.af.store.MvStoreKeys.SEP;
import static io.modelqos.af.store.MvStoreKeys.decode;
import static io.modelqos.af.store.MvStoreKeys.encode;
import static io.modelqos.af.store.MvStoreKeys.key;
import static io.modelqos.af.store.MvStoreKeys.pad;
import static io.modelqos.af.store.MvStoreKeys.rev;

/**
 * The MVStore store's indexes, kept in the same commit as the records: by callback id, by idempotency key (and back),
 * by creation order, by UE and by state (each per tenant, newest first), the live set (what {@code live()} returns
 * without a scan), the ended order (for the purge), and what each delivery is indexed under ({@code indexed}), so that
 * a write touches an index only when what it indexes changed. Called under the store's lock for every write.
 */
final class MvStoreIndexes {
    private final MVMap<String, String> byCallback;
    private final MVMap<String, String> idempotency;
    private final MVMap<String, String> idempotencyOf;
    private final MVMap<String, String> created;
    private final MVMap<String, String> byUe;
    private final MVMap<String, String> byState;
    private final MVMap<String, String> indexed;
    private final MVMap<String, String> live;
    private final MVMap<String, String> ended;

    MvStoreIndexes(MVStore mv) {
        this.byCallback = mv.openMap("byCallback");
        this.idempotency = mv.openMap("idempotency");
        this.idempotencyOf = mv.openMap("idempotencyOf");
        this.created = mv.openMap("created");
        this.byUe = mv.openMap("byUe");
        this.byState = mv.openMap("byState");
        this.indexed = mv.openMap("indexed");
        this.live = mv.openMap("live");
        this.ended = mv.openMap("ended");
    }

    /** Indexes a delivery just written. */
    void index(Delivery d) {
        String id = d.id();
        String previous = indexed.get(id);
        String rev = rev(d.createdAt());
        if (previous == null) {
            byCallback.put(d.callbackId(), id);
            created.put(key(d.tenant(), rev, id), id);
            byUe.put(key(d.tenant(), d.request().ue().key(), rev, id), id);
        }
        boolean isLive = DeliveryRecord.isLive(d);
        String endedKey = !isLive && d.endedAt() != null ? key(pad(DeliveryRecord.epochNanos(d.endedAt())), id) : "";
        String now = d.state().name() + SEP + endedKey;
        // The indexes are written only when what they index changed: most writes (accounting, reports) change
        // only the record, and every map a commit touches costs it pages.
        if (!now.equals(previous)) {
            if (previous != null) {
                int cut = previous.indexOf(SEP);
                byState.remove(key(d.tenant(), previous.substring(0, cut), rev, id));
                String oldEnded = previous.substring(cut + 1);
                if (!oldEnded.isEmpty()) {
                    ended.remove(oldEnded);
                }
            }
            byState.put(key(d.tenant(), d.state().name(), rev, id), id);
            if (!endedKey.isEmpty()) {
                ended.put(endedKey, id);
            }
            indexed.put(id, now);
        }
        if (isLive != live.containsKey(id)) {
            if (isLive) {
                live.put(id, "");
            } else {
                live.remove(id);
            }
        }
    }

    /** Removes every index entry of a purged delivery. */
    void unindex(String id, DeliveryRecord r) {
        String rev = rev(r.createdAt());
        String ix = indexed.remove(id);
        if (ix != null) {
            int cut = ix.indexOf(SEP);
            byState.remove(key(r.tenant(), ix.substring(0, cut), rev, id));
            ended.remove(ix.substring(cut + 1));
        }
        byCallback.remove(r.callbackId());
        created.remove(key(r.tenant(), rev, id));
        byUe.remove(key(r.tenant(), r.request().ue().key(), rev, id));
        live.remove(id);
        String idem = idempotencyOf.remove(id);
        if (idem != null) {
            idempotency.remove(idem);
        }
    }

    String idOfCallback(String callbackId) {
        return byCallback.get(callbackId);
    }

    Optional<IdempotentCreate> idempotentCreate(String tenant, String key) {
        String value = idempotency.get(key(tenant, key));
        if (value == null) {
            return Optional.empty();
        }
        int cut = value.indexOf(SEP);
        return Optional.of(new IdempotentCreate(value.substring(0, cut), value.substring(cut + 1)));
    }

    void rememberIdempotentCreate(String tenant, String key, IdempotentCreate create) {
        idempotency.put(key(tenant, key), create.bodyFingerprint() + SEP + create.deliveryId());
        idempotencyOf.put(create.deliveryId(), key(tenant, key));
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
            c.next();
            ids.add(c.getValue());
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
            ids.add(ended.get(k));
        }
        return ids;
    }

    /** One page of a tenant's deliveries, newest first, read through {@code get}. */
    Page page(String tenant, String ueKey, DeliveryState state, int pageSize, String pageToken,
              Function<String, Optional<Delivery>> get) {
        MVMap<String, String> index;
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
            String id = cursor.getValue();
            if (ueKey != null && state != null) {
                String st = indexed.get(id);
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
