package io.modelqos.af.events;

import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Verifies the per-delivery event stream: numbering, replay after a sequence, bounded history. */
class EventOutboxTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void eventsAreNumberedPerDeliveryAndReplayedAfterASequence() {
        EventOutbox outbox = new EventOutbox(Clock.systemUTC());
        List<DeliveryEvent> sunk = new ArrayList<>();
        outbox.addSink(sunk::add);
        outbox.append("a", EventType.QOS_GRANTED, new SerializedString("{}"));
        outbox.append("b", EventType.QOS_GRANTED, new SerializedString("{}"));
        outbox.append("a", EventType.RATE_REPORT, new SerializedString("{}"));
        outbox.append("a", EventType.COMPLETED, new SerializedString("{}"));

        assertEquals(List.of(1L, 1L, 2L, 3L), sunk.stream().map(DeliveryEvent::sequence).toList());
        assertEquals(List.of(2L, 3L), outbox.after("a", 1).await().stream().map(DeliveryEvent::sequence).toList());
        assertEquals(List.of(), outbox.after("a", 3).await());
        assertEquals(1, outbox.after("b", 0).await().size());
    }

    @Test
    void subscribersSeeOnlyTheirDeliveryUntilTheyUnsubscribe() {
        EventOutbox outbox = new EventOutbox(Clock.systemUTC());
        List<DeliveryEvent> seen = new ArrayList<>();
        Runnable unsubscribe = outbox.subscribe("a", seen::add);
        outbox.append("a", EventType.QOS_GRANTED, new SerializedString("{}"));
        outbox.append("b", EventType.QOS_GRANTED, new SerializedString("{}"));
        unsubscribe.run();
        outbox.append("a", EventType.COMPLETED, new SerializedString("{}"));
        assertEquals(1, seen.size());
        assertEquals("a", seen.get(0).deliveryId());
    }

    @Test
    void theHistoryIsBoundedAndDropsRateReportsBeforeStateChanges() {
        EventOutbox outbox = new EventOutbox(Clock.systemUTC());
        outbox.append("a", EventType.QOS_GRANTED, new SerializedString("{}"));
        for (int i = 0; i < EventOutbox.MAX_HISTORY + 50; i++) {
            outbox.append("a", EventType.RATE_REPORT, new SerializedString("{}"));
        }
        outbox.append("a", EventType.COMPLETED, new SerializedString("{}"));
        List<DeliveryEvent> kept = outbox.after("a", 0).await();
        assertEquals(EventOutbox.MAX_HISTORY, kept.size());
        assertEquals(EventType.QOS_GRANTED, kept.get(0).type(), "the grant outlives the rate reports");
        assertEquals(EventType.COMPLETED, kept.get(kept.size() - 1).type());
        assertTrue(kept.get(1).sequence() > 2, "the oldest rate reports were dropped");
    }

    /** A log that stores events elsewhere (a file, a database): it keeps no reference to them. */
    private static final class ForgetfulLog implements EventLog {
        @Override
        public io.vertx.core.Future<Void> appendEvent(DeliveryEvent event) {
            return io.vertx.core.Future.succeededFuture();
        }

        @Override
        public io.vertx.core.Future<Void> removeEvent(String deliveryId, long sequence) {
            return io.vertx.core.Future.succeededFuture();
        }

        @Override
        public io.vertx.core.Future<List<DeliveryEvent>> events(String deliveryId, long afterSequence) {
            return io.vertx.core.Future.succeededFuture(List.of());
        }

        @Override
        public io.vertx.core.Future<Long> lastSequence(String deliveryId) {
            return io.vertx.core.Future.succeededFuture(0L);
        }

        @Override
        public io.vertx.core.Future<Void> markDelivered(String deliveryId, long sequence, boolean last) {
            return io.vertx.core.Future.succeededFuture();
        }

        @Override
        public io.vertx.core.Future<Long> deliveredUpTo(String deliveryId) {
            return io.vertx.core.Future.succeededFuture(0L);
        }

        @Override
        public io.vertx.core.Future<Void> flushed() {
            return io.vertx.core.Future.succeededFuture();
        }
    }

    @Test
    void withALogTheOutboxKeepsNoEventOfALiveDeliveryOnceItIsHandedOn() throws Exception {
        EventOutbox outbox = new EventOutbox(Clock.systemUTC(), new ForgetfulLog());
        outbox.begin("a");
        SerializedString data = new SerializedString("{\"payload\":\"" + "x".repeat(1000) + "\"}");
        java.lang.ref.WeakReference<Object> handedOn = new java.lang.ref.WeakReference<>(data);
        outbox.append("a", EventType.QOS_GRANTED, data);
        data = null;
        for (int i = 0; i < 20 && handedOn.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertTrue(handedOn.get() == null, "the event's data is still reachable from the outbox of a live delivery:"
                + " at 100,000 live deliveries that is one JSON tree each");
    }

    @Test
    void withAStoreTheHistoryIsTheStoresAndStaysBoundedAcrossARestartOfTheOutbox() {
        io.modelqos.af.store.InMemoryDeliveryStore log = new io.modelqos.af.store.InMemoryDeliveryStore();
        EventOutbox outbox = new EventOutbox(Clock.systemUTC(), log);
        outbox.append("a", EventType.QOS_GRANTED, new SerializedString("{}"));
        for (int i = 0; i < EventOutbox.MAX_HISTORY + 20; i++) {
            outbox.append("a", EventType.RATE_REPORT, new SerializedString("{}"));
        }
        assertBounded(log.events("a", 0).await().size());
        // A new outbox on the same store (an AF restart) numbers on and keeps trimming the same history.
        EventOutbox restarted = new EventOutbox(Clock.systemUTC(), log);
        restarted.append("a", EventType.RATE_REPORT, new SerializedString("{}"));
        DeliveryEvent next = log.events("a", EventOutbox.MAX_HISTORY + 21).await().get(0);
        assertEquals(EventOutbox.MAX_HISTORY + 22, next.sequence());
        for (int i = 0; i < EventOutbox.MAX_HISTORY; i++) {
            restarted.append("a", EventType.RATE_REPORT, new SerializedString("{}"));
        }
        restarted.append("a", EventType.COMPLETED, new SerializedString("{}"));
        List<DeliveryEvent> kept = restarted.after("a", 0).await();
        assertBounded(kept.size());
        assertEquals(EventType.QOS_GRANTED, kept.get(0).type(), "the grant outlives the rate reports");
        assertEquals(EventType.COMPLETED, kept.get(kept.size() - 1).type());
        assertTrue(kept.get(1).sequence() > next.sequence(), "the rate reports from before the restart were dropped");
    }

    @Test
    void withAStoreTheOldestRateReportsGoABatchAtATimeOnceTheHistoryIsFull() {
        io.modelqos.af.store.InMemoryDeliveryStore log = new io.modelqos.af.store.InMemoryDeliveryStore();
        EventOutbox outbox = new EventOutbox(Clock.systemUTC(), log);
        outbox.append("a", EventType.QOS_GRANTED, new SerializedString("{}"));
        for (int i = 1; i < EventOutbox.MAX_HISTORY; i++) {
            outbox.append("a", EventType.RATE_REPORT, new SerializedString("{}"));
        }
        assertEquals(EventOutbox.MAX_HISTORY, log.events("a", 0).await().size(), "full, nothing trimmed yet");
        outbox.append("a", EventType.RATE_REPORT, new SerializedString("{}"));
        List<DeliveryEvent> kept = log.events("a", 0).await();
        assertEquals(EventOutbox.MAX_HISTORY - EventOutbox.TRIM_BATCH, kept.size(),
                "one event over the limit cuts the history back by a batch, not by one");
        assertEquals(EventType.QOS_GRANTED, kept.get(0).type());
        // The grant is 1 and the reports 2 to 257: the 65 oldest went, 2 to 66.
        assertEquals(EventOutbox.TRIM_BATCH + 3, kept.get(1).sequence(), "the oldest rate reports went, in order");
        for (int i = 0; i < EventOutbox.TRIM_BATCH; i++) {
            outbox.append("a", EventType.RATE_REPORT, new SerializedString("{}"));
        }
        assertEquals(EventOutbox.MAX_HISTORY, log.events("a", 0).await().size(), "full again, not trimmed again");
    }

    @Test
    void withAStoreAndNoRateReportToDropTheOldestEventsGo() {
        io.modelqos.af.store.InMemoryDeliveryStore log = new io.modelqos.af.store.InMemoryDeliveryStore();
        EventOutbox outbox = new EventOutbox(Clock.systemUTC(), log);
        int appended = EventOutbox.MAX_HISTORY + 1;
        for (int i = 0; i < appended; i++) {
            outbox.append("a", i % 2 == 0 ? EventType.QOS_DEGRADED : EventType.QOS_RESTORED, new SerializedString("{}"));
        }
        List<DeliveryEvent> kept = log.events("a", 0).await();
        assertEquals(EventOutbox.MAX_HISTORY - EventOutbox.TRIM_BATCH, kept.size());
        assertEquals(appended - kept.size() + 1, kept.get(0).sequence(), "the oldest went, the newest stayed");
        assertEquals(appended, kept.get(kept.size() - 1).sequence());
    }

    @Test
    void aDeliveryBegunHereIsTrimmedWithoutReadingItsHistory() {
        io.modelqos.af.store.InMemoryDeliveryStore store = new io.modelqos.af.store.InMemoryDeliveryStore();
        int[] reads = {0};
        // The store, with its history reads counted.
        EventLog log = (EventLog) java.lang.reflect.Proxy.newProxyInstance(EventLog.class.getClassLoader(),
                new Class<?>[] {EventLog.class}, (proxy, method, args) -> {
                    if (method.getName().equals("events")) {
                        reads[0]++;
                    }
                    return method.invoke(store, args);
                });
        EventOutbox outbox = new EventOutbox(Clock.systemUTC(), log);
        outbox.begin("a");
        outbox.append("a", EventType.QOS_GRANTED, new SerializedString("{}"));
        for (int i = 0; i < 3 * EventOutbox.MAX_HISTORY; i++) {
            outbox.append("a", i % 50 == 0 ? EventType.QOS_DEGRADED : EventType.RATE_REPORT, new SerializedString("{}"));
        }
        assertEquals(0, reads[0], "the history was read to trim it");
        List<DeliveryEvent> kept = store.events("a", 0).await();
        assertBounded(kept.size());
        assertEquals(EventType.QOS_GRANTED, kept.get(0).type(), "the grant outlives the rate reports");
        assertEquals(16, kept.stream().filter(e -> e.type() == EventType.QOS_DEGRADED).count(),
                "every state change outlives the rate reports");
        assertEquals(3L * EventOutbox.MAX_HISTORY + 1, kept.get(kept.size() - 1).sequence(), "the newest stayed");
        // Reports alone are dropped, oldest first: what is kept of them is the newest, in a row.
        List<Long> reports = kept.stream().filter(e -> e.type() == EventType.RATE_REPORT)
                .map(DeliveryEvent::sequence).toList();
        assertEquals(3L * EventOutbox.MAX_HISTORY + 1, reports.get(reports.size() - 1));
        long dropped = 3L * EventOutbox.MAX_HISTORY - 16 - reports.size();
        assertTrue(reports.get(0) > dropped, "an old report outlived a newer one: " + reports.get(0));
    }

    /**
     * A delivery without a webhook owes its stream to no one once it ends (the terminal event marks it), while one with
     * a webhook stays owed until the webhook takes its events; a live delivery without one is not marked at each event.
     */
    @Test
    void theStreamOfADeliveryWithoutAWebhookIsOwedToNoOneOnceItEnds() {
        io.modelqos.af.store.InMemoryDeliveryStore log = new io.modelqos.af.store.InMemoryDeliveryStore();
        EventOutbox outbox = new EventOutbox(Clock.systemUTC(), log);
        for (String id : List.of("none", "hook", "live")) {
            outbox.begin(id);
            outbox.append(id, EventType.QOS_GRANTED, new SerializedString("{}"), !id.equals("none") && !id.equals("live"));
            outbox.append(id, EventType.RATE_REPORT, new SerializedString("{}"), !id.equals("none") && !id.equals("live"));
        }
        assertEquals(List.of("hook", "live", "none"), sorted(log.withUndeliveredEvents().await()));
        outbox.append("none", EventType.COMPLETED, new SerializedString("{}"), false);
        outbox.append("hook", EventType.COMPLETED, new SerializedString("{}"), true);
        assertEquals(List.of("hook", "live"), sorted(log.withUndeliveredEvents().await()));
        assertEquals(3, log.deliveredUpTo("none").await());
        assertEquals(0, log.deliveredUpTo("hook").await());
    }

    private static List<String> sorted(List<String> ids) {
        return ids.stream().sorted().toList();
    }

    private static void assertBounded(int historySize) {
        assertTrue(historySize <= EventOutbox.MAX_HISTORY && historySize >= EventOutbox.MAX_HISTORY - EventOutbox.TRIM_BATCH,
                "history of " + historySize + " events");
    }
}
