package io.modelqos.af.engine;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryJson;
import io.modelqos.af.delivery.DeliveryRequest;
import io.modelqos.af.events.DeliveryEvent;
import io.modelqos.af.events.EventOutbox;
import io.modelqos.af.events.EventType;
import io.modelqos.af.events.Webhooks;
import io.modelqos.af.observe.AfMetrics;
import io.modelqos.af.qos.PlanningPolicy;
import io.modelqos.af.qos.QosCatalog;
import io.modelqos.af.qos.QosPlanner;
import io.modelqos.af.sizing.TransferSizer;
import io.modelqos.af.store.DeliveryStore;
import io.modelqos.af.store.InMemoryDeliveryStore;
import io.modelqos.openapi.T8Json;
import io.modelqos.testing.EventLoopGuard;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The whole engine on an in-memory store, a scripted network and timers driven by the test's clock: every unit of the
 * lifecycle as the AF wires it, with no HTTP anywhere. The engine's futures complete at once here, so a test reads
 * their outcome right after the call.
 */
final class EngineUnderTest implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-12-03T08:00:00Z");
    static final long RESNET50_FP32 = 102_400_000L;
    static final long RESNET50_INT8 = 25_600_000L;

    final io.modelqos.testing.MutableClock clock = new io.modelqos.testing.MutableClock(T0);
    final ManualTimers timers = new ManualTimers(clock);
    final ScriptedNetwork network = new ScriptedNetwork();
    final DeliveryStore store;
    final EventOutbox outbox = new EventOutbox(clock);
    final AfMetrics metrics = new AfMetrics();
    final Vertx vertx = EventLoopGuard.vertx();
    final MonitoringSlots monitoring;
    final DeliveryEngine engine;

    EngineUnderTest() {
        this(new InMemoryDeliveryStore(), Admission.ALL);
    }

    EngineUnderTest(DeliveryStore store, Admission admission) {
        this(store, admission, id -> true);
    }

    EngineUnderTest(DeliveryStore store, Admission admission, java.util.function.Predicate<String> owns) {
        this(store, admission, owns, Duration.ZERO);
    }

    /** With {@code startWindow} for the deliveries whose request names none (zero: none, as the other constructors). */
    static EngineUnderTest withStartWindow(Duration startWindow) {
        return new EngineUnderTest(new InMemoryDeliveryStore(), Admission.ALL, id -> true, startWindow);
    }

    EngineUnderTest(DeliveryStore store, Admission admission, java.util.function.Predicate<String> owns,
                    Duration startWindow) {
        this(store, admission, owns, startWindow, new MonitoringSlots(EngineOptions.DEFAULT_MAX_MONITORED_DELIVERIES));
    }

    /** On {@code store}, with {@code monitoring} as the cap on monitored deliveries (shared with other engines). */
    static EngineUnderTest withMonitoring(DeliveryStore store, MonitoringSlots monitoring) {
        return new EngineUnderTest(store, Admission.ALL, id -> true, Duration.ZERO, monitoring);
    }

    EngineUnderTest(DeliveryStore store, Admission admission, java.util.function.Predicate<String> owns,
                    Duration startWindow, MonitoringSlots monitoring) {
        this.store = store;
        this.monitoring = monitoring;
        this.engine = new DeliveryEngine(vertx, store,
                new QosPlanner(QosCatalog.defaultCatalog(), TransferSizer.DEFAULT, PlanningPolicy.DEFAULT), network,
                outbox, Webhooks.NONE, metrics, new DeliveryJson(T8Json.mapper()), clock,
                new EngineSettings(EngineSettings.AF_FEATURES, Duration.ofSeconds(5), Duration.ZERO, Duration.ofHours(1),
                        Duration.ofMillis(500), Duration.ZERO, startWindow),
                admission, new InFlight(), owns, timers, monitoring);
    }

    /** ResNet-50 to UE {@code ue} within {@code budgetMs}, FP32 with INT8 allowed as fallback. */
    static DeliveryRequest resnet50(String ue, long budgetMs) {
        return new DeliveryRequest(new DeliveryRequest.UeAddress(ue, null, null),
                new DeliveryRequest.ServerAddress("10.0.0.10", null, 443), "resnet-50",
                List.of(new DeliveryRequest.Variant("resnet-50-fp32", "fp32", RESNET50_FP32, 0.76),
                        new DeliveryRequest.Variant("resnet-50-int8", "int8", RESNET50_INT8, 0.75)),
                budgetMs, 0.99999, true, null, null, null);
    }

    /** Creates a delivery and lets the allocation wait run out (no report): granted on the primary. */
    Delivery granted(String ue) {
        Future<Delivery> f = engine.create("tenant-a", resnet50(ue, 1000), null, null);
        timers.advance(Duration.ofMillis(500));
        return result(f);
    }

    static <T> T result(Future<T> f) {
        if (!f.isComplete()) {
            throw new AssertionError("the future has not completed");
        }
        if (f.failed()) {
            throw new AssertionError("failed: " + f.cause(), f.cause());
        }
        return f.result();
    }

    static Throwable failure(Future<?> f) {
        if (!f.isComplete() || f.succeeded()) {
            throw new AssertionError("expected a failed future, was " + (f.isComplete() ? "successful" : "pending"));
        }
        return f.cause();
    }

    List<EventType> told(Delivery d) {
        return outbox.after(d.id(), 0).await().stream().map(DeliveryEvent::type).toList();
    }

    List<String> causes(Delivery d) {
        return outbox.after(d.id(), 0).await().stream().map(e -> e.data().path("cause").asText(null)).toList();
    }

    @Override
    public void close() {
        vertx.close();
    }
}
