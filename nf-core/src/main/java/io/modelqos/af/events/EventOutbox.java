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
 * <p>With a store, every event is logged there before any sink or subscriber sees it, and the history is the
 * store's: the outbox keeps only each delivery's last sequence number (read back from the store the first time it is
 * needed after a restart, so numbering goes on where it stopped) and the sequences of its kept rate reports once it
 * has to trim them. A stream reconnecting with {@code Last-Event-ID} gets its backlog from the store. Without a store
 * the history is kept here.
 *
 * <p>Confined to the AF's context, like the deliveries it serves.
 */
public final class EventOutbox {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EventOutbox.class);
    /** Events kept per delivery for replay; rate reports beyond this are dropped from history first. */
    static final int MAX_HISTORY = 256;

    private final Clock clock;
    private final Map<String, Stream> streams = new HashMap<>();
    private final List<Consumer<DeliveryEvent>> sinks = new CopyOnWriteArrayList<>();
    /** Where events are logged before they are sent, or null to keep them in memory only. */
    private final EventLog log;

    public EventOutbox(Clock clock) {
        this(clock, null);
    }

    /** An outbox that logs every event in {@code log} (the delivery store) before handing it on. */
    public EventOutbox(Clock clock, EventLog log) {
        this.clock = clock;
        this.log = log;
    }

    /** The delivery's stream; with a log, its numbering is read back from it the first time after a restart. */
    private Stream stream(String deliveryId) {
        Stream stream = streams.get(deliveryId);
        if (stream == null) {
            stream = new Stream(log == null);
            if (log != null) {
                stream.lastSequence = log.lastSequence(deliveryId);
            }
            streams.put(deliveryId, stream);
        }
        return stream;
    }

    public void addSink(Consumer<DeliveryEvent> sink) {
        sinks.add(sink);
    }

    public DeliveryEvent append(String deliveryId, EventType type, ObjectNode data) {
        Stream stream = stream(deliveryId);
        DeliveryEvent event = new DeliveryEvent(UUID.randomUUID().toString(), deliveryId, ++stream.lastSequence,
                type, clock.instant(), data);
        if (log != null) {
            log.appendEvent(event);
            trimLog(deliveryId, stream, event);
            // Stored before any sink or subscriber sees it; events of one delivery are handed on in order.
            log.flushed().onComplete(stored -> {
                if (stored.succeeded()) {
                    handOn(stream, event);
                } else {
                    LOG.error("event {} of delivery {} could not be stored; not sent: {}", event.sequence(), deliveryId,
                            stored.cause().toString());
                }
            });
        } else {
            stream.history.add(event);
            if (stream.history.size() > MAX_HISTORY) {
                dropOldestRateReport(stream.history);
            }
            handOn(stream, event);
        }
        return event;
    }

    private void handOn(Stream stream, DeliveryEvent event) {
        for (Consumer<DeliveryEvent> sink : sinks) {
            sink.accept(event);
        }
        for (Consumer<DeliveryEvent> subscriber : List.copyOf(stream.subscribers)) {
            subscriber.accept(event);
        }
    }

    /** The kept events after {@code sequence} (0 = all), in order. */
    public List<DeliveryEvent> after(String deliveryId, long sequence) {
        if (log != null) {
            return log.events(deliveryId, sequence);
        }
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
        Stream stream = stream(deliveryId);
        if (stream.subscribers.isEmpty()) {
            stream.subscribers = new ArrayList<>(2);
        }
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

    public long lastSequence(String deliveryId) {
        Stream stream = streams.get(deliveryId);
        return stream != null ? stream.lastSequence : log == null ? 0 : log.lastSequence(deliveryId);
    }

    /**
     * Keeps the logged history of a delivery within {@link #MAX_HISTORY}: beyond it, the oldest rate report goes
     * (or, with none left, the oldest event). The log is read once, when the limit is first reached; from then on
     * the stream remembers which sequences are kept rate reports.
     */
    private void trimLog(String deliveryId, Stream stream, DeliveryEvent appended) {
        if (stream.kept == null) {
            if (appended.sequence() <= MAX_HISTORY) {
                return; // fewer events than the limit were ever appended
            }
            stream.kept = new java.util.ArrayDeque<>();
            stream.keptCount = 0;
            for (DeliveryEvent e : log.events(deliveryId, 0)) {
                stream.keptCount++;
                if (e.type() == EventType.RATE_REPORT) {
                    stream.kept.add(e.sequence());
                }
            }
        } else {
            stream.keptCount++;
            if (appended.type() == EventType.RATE_REPORT) {
                stream.kept.add(appended.sequence());
            }
        }
        while (stream.keptCount > MAX_HISTORY) {
            Long oldestReport = stream.kept.pollFirst();
            long drop = oldestReport != null ? oldestReport : log.events(deliveryId, 0).get(0).sequence();
            log.removeEvent(deliveryId, drop);
            stream.keptCount--;
        }
    }

    private static DeliveryEvent dropOldestRateReport(List<DeliveryEvent> history) {
        for (int i = 0; i < history.size(); i++) {
            if (history.get(i).type() == EventType.RATE_REPORT) {
                return history.remove(i);
            }
        }
        return history.remove(0);
    }

    private static final class Stream {
        long lastSequence;
        /** The history, without a log; null with one (the log has it). */
        final List<DeliveryEvent> history;
        /** With a log, once the history reached its limit: the kept rate reports' sequences, oldest first. */
        java.util.ArrayDeque<Long> kept;
        int keptCount;
        /** SSE subscribers; most deliveries have none. */
        List<Consumer<DeliveryEvent>> subscribers = List.of();

        Stream(boolean keepsHistory) {
            this.history = keepsHistory ? new ArrayList<>() : null;
        }
    }
}
