package io.modelqos.af.store;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.events.DeliveryEvent;
import io.modelqos.af.problem.AfProblem;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Keeps deliveries in memory: for tests, benchmarks and embedding where losing state on restart is
 * acceptable. Listing walks an index ordered newest first.
 */
public final class InMemoryDeliveryStore implements DeliveryStore {
    private static final Comparator<OrderKey> NEWEST_FIRST = Comparator
            .comparing(OrderKey::createdAt, Comparator.reverseOrder())
            .thenComparing(OrderKey::id);

    private final Map<String, Delivery> byId = new ConcurrentHashMap<>();
    private final Map<String, String> idByCallback = new ConcurrentHashMap<>();
    private final Map<String, IdempotentCreate> idempotency = new ConcurrentHashMap<>();
    private final NavigableMap<OrderKey, String> order = new ConcurrentSkipListMap<>(NEWEST_FIRST);
    private final Map<String, EventLog> events = new ConcurrentHashMap<>();

    @Override
    public void put(Delivery delivery) {
        if (byId.put(delivery.id(), delivery) == null) {
            idByCallback.put(delivery.callbackId(), delivery.id());
            order.put(new OrderKey(delivery.createdAt(), delivery.id()), delivery.id());
        }
    }

    @Override
    public Optional<Delivery> get(String deliveryId) {
        return Optional.ofNullable(byId.get(deliveryId));
    }

    @Override
    public Optional<Delivery> byCallbackId(String callbackId) {
        String id = idByCallback.get(callbackId);
        return id == null ? Optional.empty() : get(id);
    }

    @Override
    public Optional<IdempotentCreate> idempotentCreate(String tenant, String key) {
        return Optional.ofNullable(idempotency.get(tenant + '\n' + key));
    }

    @Override
    public void rememberIdempotentCreate(String tenant, String key, IdempotentCreate create) {
        idempotency.put(tenant + '\n' + key, create);
    }

    @Override
    public Page list(String tenant, String ueKey, DeliveryState state, int pageSize, String pageToken) {
        NavigableMap<OrderKey, String> view = pageToken == null ? order : order.tailMap(decode(pageToken), false);
        List<Delivery> items = new ArrayList<>(Math.min(pageSize, 64));
        OrderKey last = null;
        for (Map.Entry<OrderKey, String> e : view.entrySet()) {
            Delivery d = byId.get(e.getValue());
            if (d == null || !d.tenant().equals(tenant)
                    || ueKey != null && !ueKey.equals(d.request().ue().key())
                    || state != null && d.state() != state) {
                continue;
            }
            if (items.size() == pageSize) {
                return new Page(items, encode(last));
            }
            items.add(d);
            last = e.getKey();
        }
        return new Page(items, null);
    }

    @Override
    public List<Delivery> live() {
        List<Delivery> live = new ArrayList<>();
        for (Delivery d : byId.values()) {
            if (!d.state().isFinal() || d.releasePending()) {
                live.add(d);
            }
        }
        return live;
    }

    @Override
    public List<Delivery> endedSince(Instant since) {
        List<Delivery> ended = new ArrayList<>();
        for (Delivery d : byId.values()) {
            if (d.state().isFinal() && !d.releasePending() && d.endedAt() != null && !d.endedAt().isBefore(since)) {
                ended.add(d);
            }
        }
        ended.sort(Comparator.comparing((Delivery d) -> d.endedAt()).thenComparing(Delivery::id));
        return ended;
    }

    @Override
    public int purgeEndedBefore(Instant before) {
        int removed = 0;
        for (Delivery d : List.copyOf(byId.values())) {
            if (d.state().isFinal() && !d.releasePending() && d.endedAt() != null && d.endedAt().isBefore(before)) {
                byId.remove(d.id());
                idByCallback.remove(d.callbackId());
                order.remove(new OrderKey(d.createdAt(), d.id()));
                events.remove(d.id());
                removed++;
            }
        }
        idempotency.values().removeIf(c -> !byId.containsKey(c.deliveryId()));
        return removed;
    }

    @Override
    public void appendEvent(DeliveryEvent event) {
        EventLog log = events.computeIfAbsent(event.deliveryId(), id -> new EventLog());
        synchronized (log) {
            log.events.put(event.sequence(), event);
            log.last = Math.max(log.last, event.sequence());
        }
    }

    @Override
    public void removeEvent(String deliveryId, long sequence) {
        EventLog log = events.get(deliveryId);
        if (log != null) {
            synchronized (log) {
                log.events.remove(sequence);
            }
        }
    }

    @Override
    public List<DeliveryEvent> events(String deliveryId, long afterSequence) {
        EventLog log = events.get(deliveryId);
        if (log == null) {
            return List.of();
        }
        synchronized (log) {
            return List.copyOf(log.events.tailMap(afterSequence, false).values());
        }
    }

    @Override
    public long lastSequence(String deliveryId) {
        EventLog log = events.get(deliveryId);
        return log == null ? 0 : log.last;
    }

    @Override
    public void markDelivered(String deliveryId, long sequence) {
        EventLog log = events.computeIfAbsent(deliveryId, id -> new EventLog());
        synchronized (log) {
            log.delivered = Math.max(log.delivered, sequence);
        }
    }

    @Override
    public long deliveredUpTo(String deliveryId) {
        EventLog log = events.get(deliveryId);
        return log == null ? 0 : log.delivered;
    }

    @Override
    public List<String> withUndeliveredEvents() {
        List<String> ids = new ArrayList<>();
        events.forEach((id, log) -> {
            if (log.last > log.delivered) {
                ids.add(id);
            }
        });
        return ids;
    }

    @Override
    public boolean ping() {
        return true;
    }

    @Override
    public void close() {
        // Nothing to release.
    }

    private static String encode(OrderKey key) {
        String raw = key.createdAt().toEpochMilli() + ":" + key.createdAt().getNano() + ":" + key.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static OrderKey decode(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = raw.split(":", 3);
            Instant at = Instant.ofEpochMilli(Long.parseLong(parts[0]));
            at = at.plusNanos(Long.parseLong(parts[1]) % 1_000_000);
            return new OrderKey(at, parts[2]);
        } catch (RuntimeException e) {
            throw AfProblem.invalid("pageToken", "not a page token this AF issued");
        }
    }

    private record OrderKey(Instant createdAt, String id) {
    }

    private static final class EventLog {
        final NavigableMap<Long, DeliveryEvent> events = new java.util.TreeMap<>();
        long last;
        long delivered;
    }
}
