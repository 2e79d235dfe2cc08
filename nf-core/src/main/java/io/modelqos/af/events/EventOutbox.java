package io.modelqos.af.events;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The ordered stream of events per delivery. Appending numbers the event and hands it to every sink
 * (the webhook dispatcher) and to the delivery's live subscribers (SSE streams); the kept history lets a
 * reconnecting stream resume after its {@code Last-Event-ID}.
 *
 * <p>Confined to the AF's context, like the deliveries it serves.
 */
public final class EventOutbox {
    /** Events kept per delivery for replay; rate reports beyond this are dropped from history first. */
    static final int MAX_HISTORY = 256;

    private final Clock clock;
    private final Map<String, Stream> streams = new HashMap<>();
    private final List<Consumer<DeliveryEvent>> sinks = new CopyOnWriteArrayList<>();

    public EventOutbox(Clock clock) {
        this.clock = clock;
    }

    public void addSink(Consumer<DeliveryEvent> sink) {
        sinks.add(sink);
    }

    public DeliveryEvent append(String deliveryId, EventType type, ObjectNode data) {
        Stream stream = streams.computeIfAbsent(deliveryId, id -> new Stream());
        DeliveryEvent event = new DeliveryEvent(UUID.randomUUID().toString(), deliveryId, ++stream.lastSequence,
                type, clock.instant(), data);
        stream.history.add(event);
        if (stream.history.size() > MAX_HISTORY) {
            dropOldestRateReport(stream.history);
        }
        for (Consumer<DeliveryEvent> sink : sinks) {
            sink.accept(event);
        }
        for (Consumer<DeliveryEvent> subscriber : List.copyOf(stream.subscribers)) {
            subscriber.accept(event);
        }
        return event;
    }

    /** The kept events after {@code sequence} (0 = all), in order. */
    public List<DeliveryEvent> after(String deliveryId, long sequence) {
        Stream stream = streams.get(deliveryId);
        if (stream == null) {
            return List.of();
        }
        List<DeliveryEvent> out = new ArrayList<>();
        for (DeliveryEvent e : stream.history) {
            if (e.sequence() > sequence) {
                out.add(e);
            }
        }
        return out;
    }

    /** Subscribes to the delivery's future events; run the returned action to unsubscribe. */
    public Runnable subscribe(String deliveryId, Consumer<DeliveryEvent> subscriber) {
        Stream stream = streams.computeIfAbsent(deliveryId, id -> new Stream());
        stream.subscribers.add(subscriber);
        return () -> stream.subscribers.remove(subscriber);
    }

    /** Keeps only the streams of deliveries that still exist. */
    public void retain(java.util.function.Predicate<String> deliveryExists) {
        streams.keySet().removeIf(id -> !deliveryExists.test(id));
    }

    /** Forgets a delivery's stream (after its retention). */
    public void forget(String deliveryId) {
        streams.remove(deliveryId);
    }

    /** Restores the sequence counter of a delivery loaded from a store. */
    public void restoreSequence(String deliveryId, long lastSequence) {
        streams.computeIfAbsent(deliveryId, id -> new Stream()).lastSequence = lastSequence;
    }

    public long lastSequence(String deliveryId) {
        Stream stream = streams.get(deliveryId);
        return stream == null ? 0 : stream.lastSequence;
    }

    private static void dropOldestRateReport(List<DeliveryEvent> history) {
        for (int i = 0; i < history.size(); i++) {
            if (history.get(i).type() == EventType.RATE_REPORT) {
                history.remove(i);
                return;
            }
        }
        history.remove(0);
    }

    private static final class Stream {
        long lastSequence;
        final List<DeliveryEvent> history = new ArrayList<>();
        final List<Consumer<DeliveryEvent>> subscribers = new ArrayList<>();
    }
}
