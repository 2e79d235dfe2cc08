package io.modelqos.af.store;

import io.modelqos.af.store.DeliveryStore.IdempotentCreate;
import org.h2.mvstore.Cursor;

import java.util.Optional;

import static io.modelqos.af.store.MvStoreKeys.SEP;

/**
 * The MVStore store's Idempotency-Keys (layout 6). On disk, the map {@code idempotencyKeys}: delivery id → tenant,
 * key and body fingerprint, joined by {@link MvStoreKeys#SEP}. Its keys are delivery ids, which begin with their
 * creation time, so a new entry goes to the end of the map, as the records do. In memory, which ids a key's hash names
 * ({@link IdempotencyKeyIndex}), rebuilt from that map at every open; each is checked against the map before it is
 * taken. Writes run under the store's write lock, look-ups take none.
 */
final class MvStoreIdempotency {
    private final JournaledMap<String> keys;
    private final IdempotencyKeyIndex index = new IdempotencyKeyIndex();

    MvStoreIdempotency(JournaledMap<String> keys) {
        this.keys = keys;
    }

    /** At the open, once the journal is replayed: the in-memory index from the map. */
    void rebuild() {
        Cursor<String, String> c = keys.cursor(null);
        while (c.hasNext()) {
            String id = c.next();
            String value = c.getValue();
            index.add(hashOf(value), id);
        }
    }

    /** The create an earlier request with this key made, if the store still holds it. */
    Optional<IdempotentCreate> find(String tenant, String key) {
        String wanted = MvStoreKeys.key(tenant, key) + SEP;
        for (String id : index.ids(index.hash(tenant, key))) {
            String value = keys.get(id);
            if (value != null && value.startsWith(wanted) && value.indexOf(SEP, wanted.length()) < 0) {
                return Optional.of(new IdempotentCreate(value.substring(wanted.length()), id));
            }
        }
        return Optional.empty();
    }

    /**
     * Under the write lock. A key used again (the repeat of a create that a stop interrupted makes the delivery anew)
     * names the new delivery only: the earlier one's entry goes, so that its purge cannot take the key from the new one.
     */
    void remember(String tenant, String key, IdempotentCreate create) {
        find(tenant, key).ifPresent(earlier -> forget(earlier.deliveryId()));
        forget(create.deliveryId()); // a delivery has one key
        keys.put(create.deliveryId(), MvStoreKeys.key(tenant, key, create.bodyFingerprint()));
        index.add(index.hash(tenant, key), create.deliveryId());
    }

    /** Under the write lock: the key of a delivery that goes (purged), if it has one. */
    void forget(String deliveryId) {
        String value = keys.remove(deliveryId);
        if (value != null) {
            index.remove(hashOf(value), deliveryId);
        }
    }

    /** How many keys the store holds (tests). */
    int size() {
        return index.size();
    }

    private long hashOf(String value) {
        int tenantEnd = value.indexOf(SEP);
        int keyEnd = value.lastIndexOf(SEP);
        return index.hash(value.substring(0, tenantEnd), value.substring(tenantEnd + 1, keyEnd));
    }
}
