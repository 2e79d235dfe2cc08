package io.modelqos.conformance.nef;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.modelqos.af.AfServer;
import io.modelqos.af.config.AfConfig;
import io.modelqos.af.config.ConfigLoader;
import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.engine.Reconciler;
import io.modelqos.af.store.DeliveryRecord;
import io.modelqos.af.store.DeliveryStore;
import io.modelqos.client.ModelQosClient;
import io.modelqos.client.model.DeliveryEvent;
import io.modelqos.openapi.T8Json;
import io.modelqos.openapi.t8.model.AsSessionWithQoSSubscription;
import io.modelqos.openapi.t8.model.UserPlaneNotificationData;
import io.modelqos.testing.Await;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The whole AF on its own HTTP server against the {@link WireMockNef}, through the suite's tracking NEF client, with
 * the SDK pointed at it: what the AF does with a NEF's answers, over real sockets, nothing mocked inside the process.
 */
final class AfOnWireMock implements AutoCloseable {

    final AfServer server;
    final ModelQosClient client;

    private AfOnWireMock(AfServer server) {
        this.server = server;
        this.client = ModelQosClient.builder().baseUri(URI.create("http://127.0.0.1:" + server.port()))
                .timeout(Duration.ofSeconds(10)).build();
    }

    /**
     * Starts the AF on {@code store}: a 50 ms allocation wait, reconciliation only at start (with a durable store);
     * {@code settings} add to or override those (configuration keys, e.g. {@code nef.supportedFeatures}).
     */
    static AfOnWireMock start(WireMockNef nef, DeliveryStore store, Map<String, String> settings) throws Exception {
        warmUp();
        Map<String, String> all = new HashMap<>(Map.of("host", "127.0.0.1", "port", "0", "nef.apiRoot", nef.baseUrl(),
                "nef.scsAsId", WireMockNef.SCS_AS_ID, "allocationWaitMs", "50", "store.reconcileIntervalS", "0"));
        all.putAll(settings);
        AfConfig config = ConfigLoader.load(null, Map.of(), all);
        return new AfOnWireMock(Await.result(AfServer.start(nef.vertx(), config, nef.client(), store)));
    }

    /**
     * As {@link #start}, with the NEF client the AF's runtime makes from its configuration ({@code NefAccess}: the
     * token source and TLS it names), read from {@code env} and {@code settings}, on {@code clock}; an in-memory store.
     */
    static AfOnWireMock startAsConfigured(WireMockNef nef, Map<String, String> env, Map<String, String> settings,
                                          java.time.Clock clock) throws Exception {
        warmUp();
        Map<String, String> all = new HashMap<>(Map.of("host", "127.0.0.1", "port", "0", "nef.apiRoot", nef.baseUrl(),
                "nef.scsAsId", WireMockNef.SCS_AS_ID, "allocationWaitMs", "50", "store.reconcileIntervalS", "0"));
        all.putAll(settings);
        AfConfig config = ConfigLoader.load(null, env, all);
        TrackingClient client = nef.track(io.modelqos.af.nef.NefAccess.clientBuilder(nef.vertx(), config)
                .backoff(Duration.ofMillis(20), Duration.ofMillis(100)).clock(clock).build());
        return new AfOnWireMock(Await.result(AfServer.start(nef.vertx(), config, client,
                new io.modelqos.af.store.InMemoryDeliveryStore())));
    }

    private static volatile boolean warm;

    /**
     * Pays Jackson's first look at the store's record and the T8 bodies here, on the test's thread: on a busy machine it
     * takes longer than the event-loop guard allows, and a test's first create or delete would otherwise pay it there.
     */
    private static void warmUp() throws Exception {
        if (warm) {
            return;
        }
        Delivery d = new Delivery("warm-up", "t", new io.modelqos.af.delivery.DeliveryRequest(
                new io.modelqos.af.delivery.DeliveryRequest.UeAddress("10.45.0.1", null, null),
                new io.modelqos.af.delivery.DeliveryRequest.ServerAddress("10.0.0.10", null, 443), "m",
                List.of(new io.modelqos.af.delivery.DeliveryRequest.Variant("v", "fp32", 1_000_000, null)), 1000, 0.99,
                false, null, null, null), "cb", Instant.EPOCH);
        DeliveryRecord.fromJson(DeliveryRecord.of(d).toJson());
        byte[] subscription = T8Json.mapper().writeValueAsBytes(T8Examples.subscription());
        T8Json.mapper().readValue(subscription, AsSessionWithQoSSubscription.class);
        T8Json.mapper().readValue(T8Examples.finalReport("http://nef/s", "USAGE_REPORT"), UserPlaneNotificationData.class);
        warm = true;
    }

    /** The report of the reconciliation at start, once it is done. */
    Reconciler.Report reconciled() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Reconciler.Report report = server.af().deliveries().reconciler().last();
            if (report != null) {
                return report;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no reconciliation within 20 s");
    }

    /** Every event of a delivery's stream, from the first to the terminal one. */
    List<DeliveryEvent> eventsUntilTheEnd(String deliveryId) throws Exception {
        List<DeliveryEvent> events = new CopyOnWriteArrayList<>();
        try (io.modelqos.client.Subscription stream = client.deliveries().events(deliveryId, events::add)) {
            stream.completion().get(10, TimeUnit.SECONDS);
        }
        return events;
    }

    @Override
    public void close() throws Exception {
        Await.result(server.stop());
    }

    /** What the AF logs at WARN or above while it is open: attach, act, read, close. */
    static final class Warnings implements AutoCloseable {
        private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
        private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                events.add(event);
            }
        };

        Warnings() {
            appender.start();
            root.addAppender(appender);
        }

        /** The AF's warnings so far, as "LEVEL logger: message". */
        List<String> seen() {
            return events.stream()
                    .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN) && e.getLoggerName().startsWith("io.modelqos"))
                    .map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage())
                    .toList();
        }

        /** Every line the configuration lets through, of any logger, with its exception's message if any. */
        List<String> all() {
            return events.stream().map(e -> e.getFormattedMessage()
                    + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage())).toList();
        }

        /** The AF's lines of {@code logger} at any level the configuration lets through. */
        List<String> of(Class<?> logger) {
            return events.stream().filter(e -> e.getLoggerName().equals(logger.getName()))
                    .map(ILoggingEvent::getFormattedMessage).toList();
        }

        @Override
        public void close() {
            root.detachAppender(appender);
            appender.stop();
        }
    }
}
