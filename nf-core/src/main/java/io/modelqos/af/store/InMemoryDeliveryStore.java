package io.modelqos.af.store;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.events.DeliveryEvent;
import io.modelqos.af.problem.AfProblem;
import io.vertx.core.Future;

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
    public Future<Void> put(Delivery delivery) {
        if (byId.put(delivery.id(), delivery) == null) {
            idByCallback.put(delivery.callbackId(), delivery.id());
            order.put(new OrderKey(delivery.createdAt(), delivery.id()), delivery.id());
        }
        return Future.succeededFuture();
    }

    @Override
    public Future<Optional<Delivery>> get(String deliveryId) {
        return Future.succeededFuture(Optional.ofNullable(byId.get(deliveryId)));
    }

    @Override
    public Future<Optional<Delivery>> byCallbackId(String callbackId) {
        String id = idByCallback.get(callbackId);
        return Future.succeededFuture(id == null ? Optional.empty() : Optional.ofNullable(byId.get(id)));
    }

    @Override
    public Future<Optional<IdempotentCreate>> idempotentCreate(String tenant, String key) {
        return Future.succeededFuture(Optional.ofNullable(idempotency.get(tenant + '\n' + key)));
    }

    @Override
    public Future<Void> rememberIdempotentCreate(String tenant, String key, IdempotentCreate create) {
        idempotency.put(tenant + '\n' + key, create);
        return Future.succeededFuture();
    }

    @Override
    public Future<Page> list(String tenant, String ueKey, DeliveryState state, int pageSize, String pageToken) {
        try {
            return Future.succeededFuture(page(tenant, ueKey, state, pageSize, pageToken));
        } catch (AfProblem bad) {
            return Future.failedFuture(bad);
        }
    }

    private Page page(String tenant, String ueKey, DeliveryState state, int pageSize, String pageToken) {
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
    public Future<List<Delivery>> live() {
        List<Delivery> live = new ArrayList<>();
        for (Delivery d : byId.values()) {
            if (!d.state().isFinal() || d.releasePending()) {
                live.add(d);
            }
        }
        return Future.succeededFuture(live);
    }

    @Override
    public Future<List<Delivery>> endedSince(Instant since) {
        List<Delivery> ended = new ArrayList<>();
        for (Delivery d : byId.values()) {
            if (d.state().isFinal() && !d.releasePending() && d.endedAt() != null && !d.endedAt().isBefore(since)) {
                ended.add(d);
            }
        }
        ended.sort(Comparator.comparing((Delivery d) -> d.endedAt()).thenComparing(Delivery::id));
        return Future.succeededFuture(ended);
    }

    @Override
    public Future<List<String>> purgeEndedBefore(Instant before) {
        List<String> removed = new ArrayList<>();
        for (Delivery d : List.copyOf(byId.values())) {
            if (d.state().isFinal() && !d.releasePending() && d.endedAt() != null && d.endedAt().isBefore(before)) {
                byId.remove(d.id());
                idByCallback.remove(d.callbackId());
                order.remove(new OrderKey(d.createdAt(), d.id()));
                events.remove(d.id());
                removed.add(d.id());
            }
        }
        idempotency.values().removeIf(c -> !byId.containsKey(c.deliveryId()));
        return Future.succeededFuture(removed);
    }

    @Override
    public Future<Void> appendEvent(DeliveryEvent event) {
        EventLog log = events.computeIfAbsent(event.deliveryId(), id -> new EventLog());
        synchronized (log) {
            log.events.put(event.sequence(), event);
            log.last = Math.max(log.last, event.sequence());
        }
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> removeEvent(String deliveryId, long sequence) {
        EventLog log = events.get(deliveryId);
        if (log != null) {
            synchronized (log) {
                log.events.remove(sequence);
            }
        }
        return Future.succeededFuture();
    }

    @Override
    public Future<List<DeliveryEvent>> events(String deliveryId, long afterSequence) {
        EventLog log = events.get(deliveryId);
        if (log == null) {
            return Future.succeededFuture(List.of());
        }
        synchronized (log) {
            return Future.succeededFuture(List.copyOf(log.events.tailMap(afterSequence, false).values()));
        }
    }

    @Override
    public Future<Long> lastSequence(String deliveryId) {
        EventLog log = events.get(deliveryId);
        return Future.succeededFuture(log == null ? 0 : log.last);
    }

    @Override
    public Future<Void> markDelivered(String deliveryId, long sequence, boolean last) {
        EventLog log = events.computeIfAbsent(deliveryId, id -> new EventLog());
        synchronized (log) {
            log.delivered = Math.max(log.delivered, sequence);
        }
        return Future.succeededFuture();
    }

    @Override
    public Future<Long> deliveredUpTo(String deliveryId) {
        EventLog log = events.get(deliveryId);
        return Future.succeededFuture(log == null ? 0 : log.delivered);
    }

    @Override
    public Future<List<String>> withUndeliveredEvents() {
        List<String> ids = new ArrayList<>();
        events.forEach((id, log) -> {
            if (log.last > log.delivered) {
                ids.add(id);
            }
        });
        return Future.succeededFuture(ids);
    }

    @Override
    public Future<Boolean> ping() {
        return Future.succeededFuture(true);
    }

    @Override
    public Future<Void> flushed() {
        return Future.succeededFuture();
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
