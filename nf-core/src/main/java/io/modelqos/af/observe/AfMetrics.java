package io.modelqos.af.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.modelqos.af.delivery.DeliveryState;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * The AF's metrics, exposed in the Prometheus text format at {@code /metrics}: deliveries by state, NEF
 * call latency and errors by status, NEF notifications by event, webhook deliveries and retries, and QoS monitoring:
 * the deliveries monitored now (against the cap) and the data-rate reports taken.
 */
public final class AfMetrics {
    private final PrometheusMeterRegistry registry;
    private final Map<DeliveryState, AtomicLong> deliveriesByState = new EnumMap<>(DeliveryState.class);
    private final Counter rateReports;
    private final AtomicLong webhookBacklog = new AtomicLong();
    private final Timer storeCommits;
    private final Timer eventLoopLag;
    /*
     * Meters with variable labels, each built and registered once: a builder and a registry lookup on every call (each
     * NEF call, notification and negotiation) were 1 % of the event loops' time under create+delete.
     */
    private final Map<Call, Timer> nefCalls = new ConcurrentHashMap<>();
    private final Map<Call, Timer> sbiCalls = new ConcurrentHashMap<>();
    private final Map<String, Counter> notifications = new ConcurrentHashMap<>();
    private final Map<String, Counter> negotiations = new ConcurrentHashMap<>();
    private final Counter webhookSuccesses;
    private final Counter webhookFailures;
    private final Counter webhookRetries;
    private final Counter webhookAbandonments;
    private final Counter releaseRetries;

    /** The labels of one kind of call: the peer (null for the NEF), the operation and the HTTP status (0: none). */
    private record Call(String nf, String operation, int status) {
        String statusLabel() {
            return status == 0 ? "none" : Integer.toString(status);
        }
    }

    public AfMetrics() {
        this(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    public AfMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
        for (DeliveryState state : DeliveryState.values()) {
            AtomicLong count = new AtomicLong();
            deliveriesByState.put(state, count);
            Gauge.builder("modelqos_deliveries", count, AtomicLong::get)
                    .description("Deliveries known to this AF, by state")
                    .tag("state", state.name())
                    .register(registry);
        }
        rateReports = Counter.builder("modelqos_monitoring_reports_total")
                .description("QoS-monitoring data-rate reports the engine took from the network (any southbound adapter)")
                .register(registry);
        // Counters without a variable label are exported from the start, at 0: a dashboard's rate() over them then has a
        // series before the first webhook or retry, instead of "no data".
        Gauge.builder("modelqos_webhook_backlog", webhookBacklog, AtomicLong::get)
                .description("Events waiting to be accepted by the AI/ML servers' webhooks, all deliveries together")
                .register(registry);
        storeCommits = Timer.builder("modelqos_store_commit_seconds")
                .description("How long the store took to make a turn's writes durable (MVStore commit; PostgreSQL write)")
                .publishPercentileHistogram()
                .register(registry);
        eventLoopLag = Timer.builder("modelqos_event_loop_lag_seconds")
                .description("How late a timer of the AF's event loops ran: the time their queue kept it waiting")
                .publishPercentileHistogram()
                .register(registry);
        for (String outcome : List.of("granted", "fallback", "refused", "failed")) {
            negotiationCounter(outcome);
        }
        webhookSuccesses = webhookCounter("success");
        webhookFailures = webhookCounter("failure");
        webhookRetries = Counter.builder("modelqos_webhook_retries_total")
                .description("Webhook POSTs retried after a failure")
                .register(registry);
        webhookAbandonments = Counter.builder("modelqos_webhook_abandoned_total")
                .description("Events given up after the last retry")
                .register(registry);
        releaseRetries = Counter.builder("modelqos_nef_release_retries_total")
                .description("NEF subscription deletions retried after a failure")
                .register(registry);
    }

    /**
     * The deliveries whose data rate the network reports now ({@code held}, read at each scrape) and the cap on them
     * ({@code engine.maxMonitoredDeliveries}).
     */
    public void monitoredDeliveries(IntSupplier held, int max) {
        // Strong references: a gauge holds its object weakly, and nothing else holds these suppliers.
        Gauge.builder("modelqos_monitored_deliveries", held, IntSupplier::getAsInt)
                .description("Live deliveries whose data rate the network reports (QoS monitoring)")
                .strongReference(true)
                .register(registry);
        Gauge.builder("modelqos_monitored_deliveries_max", () -> max)
                .description("The cap on monitored deliveries (engine.maxMonitoredDeliveries)")
                .strongReference(true)
                .register(registry);
    }

    /** One QoS-monitoring data-rate report taken for a delivery. */
    public void rateReportReceived() {
        rateReports.increment();
    }


    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }

    public void stateChanged(DeliveryState from, DeliveryState to) {
        if (from != null) {
            deliveriesByState.get(from).decrementAndGet();
        }
        if (to != null) {
            deliveriesByState.get(to).incrementAndGet();
        }
    }

    /** One NEF call: its operation, the HTTP status (0 when no answer came) and how long it took. */
    public void nefCall(String operation, int status, Duration elapsed) {
        nefCalls.computeIfAbsent(new Call(null, operation, status), call -> Timer.builder("modelqos_nef_call_seconds")
                .description("Latency of calls to the NEF (AsSessionWithQoS)")
                .tag("operation", call.operation())
                .tag("status", call.statusLabel())
                .publishPercentileHistogram()
                .register(registry)).record(elapsed);
        if (status == 0 || status >= 400) {
            Counter.builder("modelqos_nef_errors_total")
                    .description("NEF calls that failed, by status (none = no answer)")
                    .tag("operation", operation)
                    .tag("status", status == 0 ? "none" : Integer.toString(status))
                    .register(registry)
                    .increment();
        }
    }

    /**
     * One call over N5 or to the core NFs that lead to the PCF: the peer ("pcf", "bsf", "nrf"), its operation, the
     * HTTP status (0 when no answer came) and how long it took.
     */
    public void sbiCall(String nf, String operation, int status, Duration elapsed) {
        sbiCalls.computeIfAbsent(new Call(nf, operation, status), call -> Timer.builder("modelqos_sbi_call_seconds")
                .description("Latency of calls to the PCF (Npcf_PolicyAuthorization), the BSF and the NRF")
                .tag("nf", call.nf())
                .tag("operation", call.operation())
                .tag("status", call.statusLabel())
                .publishPercentileHistogram()
                .register(registry)).record(elapsed);
        if (status == 0 || status >= 400) {
            Counter.builder("modelqos_sbi_errors_total")
                    .description("Calls to the PCF, the BSF and the NRF that failed, by status (none = no answer)")
                    .tag("nf", nf)
                    .tag("operation", operation)
                    .tag("status", status == 0 ? "none" : Integer.toString(status))
                    .register(registry)
                    .increment();
        }
    }

    /** Events queued for a webhook ({@code delta} > 0) or done with, accepted or given up ({@code delta} < 0). */
    public void webhookBacklog(int delta) {
        webhookBacklog.addAndGet(delta);
    }

    /** One commit of the store. */
    public void storeCommitted(Duration took) {
        storeCommits.record(took);
    }

    /** How late an event loop ran a timer. */
    public void eventLoopLag(Duration late) {
        eventLoopLag.record(late);
    }

    /**
     * How a delivery's negotiation ended: {@code granted} (as asked), {@code fallback} (an alternative, a smaller
     * variant), {@code refused} (nothing the network would carry fits), {@code failed} (any other end).
     */
    public void negotiated(String outcome) {
        negotiationCounter(outcome).increment();
    }

    private Counter negotiationCounter(String outcome) {
        return negotiations.computeIfAbsent(outcome, o -> Counter.builder("modelqos_negotiation_outcomes_total")
                .description("How negotiations ended: granted as asked, fallen back to an alternative, refused, failed")
                .tag("outcome", o)
                .register(registry));
    }

    public void notificationReceived(String event) {
        notifications.computeIfAbsent(event, e -> Counter.builder("modelqos_nef_notifications_total")
                .description("Event reports received from the NEF, by UserPlaneEvent")
                .tag("event", e)
                .register(registry)).increment();
    }

    public void webhookSent(boolean success) {
        (success ? webhookSuccesses : webhookFailures).increment();
    }

    public void webhookRetried() {
        webhookRetries.increment();
    }

    public void webhookAbandoned() {
        webhookAbandonments.increment();
    }

    public void nefReleaseRetried() {
        releaseRetries.increment();
    }

    private Counter webhookCounter(String outcome) {
        return Counter.builder("modelqos_webhook_deliveries_total")
                .description("Webhook POSTs to AI/ML servers, by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }
}
