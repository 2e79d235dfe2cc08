package io.modelqos.af.store;

import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

import java.util.Set;

/**
 * One of the store's MVStore maps, whose every change is also noted in the store's journal ({@link MvStoreJournal}):
 * a write is durable once the journal holds it, and the map's pages reach the file at the next checkpoint. Changes are
 * made under the store's write lock ({@link GroupedCommits#write}); reads take no lock, as MVStore's maps allow.
 *
 * @param <V> {@code String} or {@code byte[]}, as {@link #kind} says
 */
final class JournaledMap<V> {
    /** How the journal writes a value of the map. */
    enum Kind { STRINGS, BYTES }

    private final String name;
    private final Kind kind;
    private final MVMap<String, V> map;
    private final MvStoreJournal journal;

    JournaledMap(String name, Kind kind, MVMap<String, V> map, MvStoreJournal journal) {
        this.name = name;
        this.kind = kind;
        this.map = map;
        this.journal = journal;
    }

    String name() {
        return name;
    }

    Kind kind() {
        return kind;
    }

    /** The map itself: for what must not be journaled (the replay, the upgrade, the commit's bookkeeping). */
    MVMap<String, V> mvMap() {
        return map;
    }

    void put(String key, V value) {
        map.put(key, value);
        journal.noted(this, key, value);
    }

    /** The value removed, or null (and nothing journaled) when there was none. */
    V remove(String key) {
        V old = map.remove(key);
        if (old != null) {
            journal.noted(this, key, null);
        }
        return old;
    }

    V get(String key) {
        return map.get(key);
    }

    boolean containsKey(String key) {
        return map.containsKey(key);
    }

    Cursor<String, V> cursor(String from) {
        return map.cursor(from);
    }

    /** The greatest key at or below {@code key}, or null. */
    String floorKey(String key) {
        return map.floorKey(key);
    }

    Set<String> keySet() {
        return map.keySet();
    }

    String firstKey() {
        return map.firstKey();
    }

    int size() {
        return map.size();
    }
}
