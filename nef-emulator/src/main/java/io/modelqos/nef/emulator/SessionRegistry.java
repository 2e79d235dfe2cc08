package io.modelqos.nef.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The sessions of both faces, kept per face and owner (the scsAsId on T8; one owner for the N5
 * application sessions) in creation order, so that one face never sees the other's sessions.
 * Thread-safe.
 */
final class SessionRegistry {

    private record Key(String face, String owner) {
    }

    private final Map<Key, Map<String, Session>> byOwner = new LinkedHashMap<>();

    synchronized void add(Session session) {
        byOwner.computeIfAbsent(new Key(session.face.name(), session.owner), k -> new LinkedHashMap<>())
                .put(session.id, session);
    }

    /** The session if it exists and belongs to {@code owner} on {@code face}. */
    synchronized Optional<Session> find(Face face, String owner, String id) {
        Map<String, Session> sessions = byOwner.get(new Key(face.name(), owner));
        return Optional.ofNullable(sessions == null ? null : sessions.get(id));
    }

    synchronized Optional<Session> remove(Face face, String owner, String id) {
        Key key = new Key(face.name(), owner);
        Map<String, Session> sessions = byOwner.get(key);
        Session removed = sessions == null ? null : sessions.remove(id);
        if (removed != null && sessions.isEmpty()) {
            byOwner.remove(key);
        }
        return Optional.ofNullable(removed);
    }

    synchronized List<Session> list(Face face, String owner) {
        Map<String, Session> sessions = byOwner.get(new Key(face.name(), owner));
        return sessions == null ? List.of() : new ArrayList<>(sessions.values());
    }

    synchronized List<Session> all() {
        List<Session> out = new ArrayList<>();
        byOwner.values().forEach(m -> out.addAll(m.values()));
        return out;
    }

    /** Sessions of one face, all owners together. */
    synchronized int count(Face face) {
        int n = 0;
        for (Map.Entry<Key, Map<String, Session>> e : byOwner.entrySet()) {
            if (e.getKey().face().equals(face.name())) {
                n += e.getValue().size();
            }
        }
        return n;
    }

    /** Sessions of one face per owner, sorted by owner. */
    synchronized Map<String, Integer> countsByOwner(Face face) {
        Map<String, Integer> out = new TreeMap<>();
        byOwner.forEach((key, sessions) -> {
            if (key.face().equals(face.name())) {
                out.put(key.owner(), sessions.size());
            }
        });
        return out;
    }
}
