package io.modelqos.af.events;

import com.fasterxml.jackson.core.io.SerializedString;
import io.vertx.core.Future;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The ordered stream of events per delivery. Appending numbers the event and hands it to every sink
 * (the webhook dispatcher) and to the delivery's live subscribers (SSE streams); the kept history lets a
 * reconnecting stream resume after its {@code Last-Event-ID}.
 *
 * <p>With a store, every event is logged there before any sink or subscriber sees it, and the history is the
 * store's: the outbox keeps only each delivery's last sequence number (read back from the store the first time it is
 * needed after a restart, so numbering goes on where it stopped), how many events the store keeps for it and the
 * sequences of its kept rate reports, to trim them. A stream reconnecting with {@code Last-Event-ID} gets its backlog
 * from the store. Without a store the history is kept here.
 *
 * <p>Confined to the AF's context, like the deliveries it serves.
 */
public final class EventOutbox {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EventOutbox.class);
    /** Events kept per delivery for replay; rate reports beyond this are dropped from history first. */
    static final int MAX_HISTORY = 256;
    /**
     * With a store, how far a trim cuts the history back: once over {@link #MAX_HISTORY}, to {@code MAX_HISTORY -
     * TRIM_BATCH} (so {@code TRIM_BATCH + 1} events go at once). Removing the oldest report at every append rewrote a
     * second page of the MVStore file per rate report (the oldest events of a delivery lie apart from its newest); a
     * batch removes neighbours, in one turn and so one commit.
     */
    static final int TRIM_BATCH = 64;

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

    /**
     * The delivery's stream. With a log, its numbering is read back from it the first time after a restart (events
     * appended meanwhile wait for it, in order); a delivery {@link #begin begun} here needs no read.
     */
    private Stream stream(String deliveryId) {
        Stream stream = streams.get(deliveryId);
        if (stream == null) {
            stream = new Stream(log == null);
            streams.put(deliveryId, stream);
            if (log != null) {
                Stream loading = stream;
                loading.numbered = log.lastSequence(deliveryId).map(last -> {
                    loading.lastSequence = Math.max(loading.lastSequence, last);
                    return null;
                });
                loading.numbered.onFailure(e -> streams.remove(deliveryId, loading));
            }
        }
        return stream;
    }

    /** A delivery made here now: nothing was logged for it before, so its numbering starts at once, from 0. */
    public void begin(String deliveryId) {
        Stream stream = new Stream(log == null);
        // Every event of the delivery passes here: its trimming counts from the first, and never reads the log.
        stream.counting = log != null;
        streams.putIfAbsent(deliveryId, stream);
    }

    public void addSink(Consumer<DeliveryEvent> sink) {
        sinks.add(sink);
    }

    /**
     * Numbers the event and hands it on: with a log, once it is stored there, and after the delivery's earlier events
     * (a failure to store it is logged, and the event is not sent).
     */
    public void append(String deliveryId, EventType type, SerializedString data) {
        append(deliveryId, type, data, true);
    }

    /**
     * As {@link #append(String, EventType, SerializedString)}; {@code toWebhook} false: the delivery has no webhook, so
     * once its terminal event is stored the log is told that nothing of its stream is owed. Else its events would stay
     * owed for as long as they are kept (the file store holds an owed delivery's position in memory until then).
     */
    public void append(String deliveryId, EventType type, SerializedString data, boolean toWebhook) {
        Stream stream = stream(deliveryId);
        java.time.Instant at = clock.instant();
        if (stream.numbered.isComplete()) {
            appendNumbered(deliveryId, stream, type, at, data, toWebhook);
        } else {
            stream.numbered.onComplete(known -> {
                if (known.succeeded()) {
                    appendNumbered(deliveryId, stream, type, at, data, toWebhook);
                } else {
                    LOG.error("event {} of delivery {} not sent: its numbering could not be read from the store: {}",
                            type.cloudEventType(), deliveryId, known.cause().toString());
                }
            });
        }
    }

    private void appendNumbered(String deliveryId, Stream stream, EventType type, java.time.Instant at,
                                SerializedString data, boolean toWebhook) {
        long sequence = ++stream.lastSequence;
        DeliveryEvent event = new DeliveryEvent(DeliveryEvent.idOf(deliveryId, sequence), deliveryId, sequence, type, at,
                data);
        if (log == null) {
            stream.history.add(event);
            if (stream.history.size() > MAX_HISTORY) {
                dropOldestRateReport(stream.history);
            }
            handOn(stream, event);
            return;
        }
        Future<Void> stored = log.appendEvent(event);
        if (!toWebhook && type.terminal()) {
            stored.onSuccess(x -> log.markDelivered(deliveryId, event.sequence(), true).onFailure(e -> LOG.warn(
                    "delivery {}: its stream could not be marked as owed to no webhook: {}", deliveryId, e.toString())));
        }
        trimLog(deliveryId, stream, event);
        // Stored before any sink or subscriber sees it; events of one delivery are handed on in order.
        Future<Void> previous = stream.handedOn;
        Future<Void> ready = previous.isComplete() ? stored : previous.transform(x -> stored);
        Future<Void> handedOn = ready.transform(result -> {
            if (result.succeeded()) {
                handOn(stream, event);
            } else {
                LOG.error("event {} of delivery {} could not be stored; not sent: {}", event.sequence(), deliveryId,
                        result.cause().toString());
            }
            return Future.succeededFuture();
        });
        stream.handedOn = handedOn;
        // A transformed future keeps its function, and so the event with its data, for as long as it is referenced:
        // once the event is handed on, the stream of a live delivery holds a plain completed future instead.
        handedOn.onComplete(done -> {
            if (stream.handedOn == handedOn) {
                stream.handedOn = Future.succeededFuture();
            }
        });
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
    public Future<List<DeliveryEvent>> after(String deliveryId, long sequence) {
        if (log != null) {
            return log.events(deliveryId, sequence);
        }
        Stream stream = streams.get(deliveryId);
        if (stream == null) {
            return Future.succeededFuture(List.of());
        }
        List<DeliveryEvent> out = new ArrayList<>();
        for (DeliveryEvent e : stream.history) {
            if (e.sequence() > sequence) {
                out.add(e);
            }
        }
        return Future.succeededFuture(out);
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

    /**
     * Keeps the logged history of a delivery within {@link #MAX_HISTORY}: beyond it, the oldest rate reports go
     * (or, with none left, the oldest events), a batch at a time ({@link #TRIM_BATCH}). The stream counts the kept
     * events and remembers which are rate reports: from the first event for a delivery {@link #begin begun} here, else
     * from when the limit is first reached, by reading the log once (after a restart). Trimming is housekeeping: it
     * runs behind the appends, and a failure only leaves a longer history.
     */
    private void trimLog(String deliveryId, Stream stream, DeliveryEvent appended) {
        if (!stream.counting) {
            if (appended.sequence() <= MAX_HISTORY || stream.readingKept) {
                if (stream.readingKept) {
                    stream.appendedWhileReading.add(appended);
                }
                return;
            }
            stream.readingKept = true;
            stream.appendedWhileReading = new ArrayList<>(List.of(appended));
            log.events(deliveryId, 0).onComplete(read -> {
                stream.readingKept = false;
                if (read.failed()) {
                    LOG.warn("delivery {}: its event history could not be read to trim it: {}", deliveryId,
                            read.cause().toString());
                    return;
                }
                java.util.TreeMap<Long, DeliveryEvent> all = new java.util.TreeMap<>();
                read.result().forEach(e -> all.put(e.sequence(), e));
                stream.appendedWhileReading.forEach(e -> all.put(e.sequence(), e));
                stream.appendedWhileReading = null;
                stream.counting = true;
                stream.keptCount = all.size();
                all.values().forEach(e -> {
                    if (e.type() == EventType.RATE_REPORT) {
                        stream.keptReports().add(e.sequence());
                    }
                });
                trimKept(deliveryId, stream);
            });
            return;
        }
        stream.keptCount++;
        if (appended.type() == EventType.RATE_REPORT) {
            stream.keptReports().add(appended.sequence());
        }
        trimKept(deliveryId, stream);
    }

    private void trimKept(String deliveryId, Stream stream) {
        if (stream.keptCount <= MAX_HISTORY) {
            return;
        }
        int excess = stream.keptCount - (MAX_HISTORY - TRIM_BATCH);
        stream.keptCount -= excess;
        java.util.Set<Long> reports = new java.util.HashSet<>();
        while (excess > 0 && stream.kept != null && !stream.kept.isEmpty()) {
            long report = stream.kept.poll();
            reports.add(report);
            excess--;
            log.removeEvent(deliveryId, report).onFailure(e -> LOG.warn("delivery {}: trimming event {} failed: {}",
                    deliveryId, report, e.toString()));
        }
        if (excess > 0) {
            // No rate report left to drop: the oldest events go (those just removed above aside).
            int others = excess;
            log.events(deliveryId, 0).compose(events -> {
                List<Future<Void>> removed = new ArrayList<>();
                events.stream().filter(e -> !reports.contains(e.sequence())).limit(others)
                        .forEach(e -> removed.add(log.removeEvent(deliveryId, e.sequence())));
                return Future.all(removed);
            }).onFailure(e -> LOG.warn("delivery {}: trimming its oldest events failed: {}", deliveryId, e.toString()));
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
        /**
         * With a log: whether {@link #keptCount} and {@link #kept} are known (from the first event, or once the log
         * was read when the history reached its limit).
         */
        boolean counting;
        /** The kept rate reports' sequences, oldest first; null until the first. */
        SequenceQueue kept;
        int keptCount;
        /** Completes once {@link #lastSequence} is known (read back from the log after a restart). */
        Future<Void> numbered = Future.succeededFuture();
        /** The hand-on of the latest event: the next one goes after it. */
        Future<Void> handedOn = Future.succeededFuture();
        /** While the log is read for trimming: the events appended meanwhile. */
        boolean readingKept;
        List<DeliveryEvent> appendedWhileReading;
        /** SSE subscribers; most deliveries have none. */
        List<Consumer<DeliveryEvent>> subscribers = List.of();

        Stream(boolean keepsHistory) {
            this.history = keepsHistory ? new ArrayList<>() : null;
        }

        SequenceQueue keptReports() {
            if (kept == null) {
                kept = new SequenceQueue();
            }
            return kept;
        }
    }
}
