package io.modelqos.af.engine;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryChange;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.observe.AfMetrics;
import io.modelqos.af.southbound.NetworkEvent;
import io.modelqos.af.store.DeliveryStore;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * What the network's reports mean for a delivery: the allocation, QoS guaranteed or not (the availability account and
 * the DEGRADED state), the measured rates and usage, and the end of the session (with the usage it reports), whose
 * meaning {@link io.modelqos.af.delivery.EndRules} gives.
 */
final class NetworkEvents {
    private static final Logger LOG = LoggerFactory.getLogger(NetworkEvents.class);

    private final DeliveryStore store;
    private final Negotiation negotiation;
    private final Ending ending;
    private final ChangePublisher changes;
    private final Clock clock;
    private final AfMetrics metrics;

    NetworkEvents(DeliveryStore store, Negotiation negotiation, Ending ending, ChangePublisher changes, Clock clock,
                  AfMetrics metrics) {
        this.store = store;
        this.negotiation = negotiation;
        this.ending = ending;
        this.changes = changes;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * How many measured rates a delivery's record may lag behind: a notification of measured rates only (the QoS
     * monitoring reports, the bulk of what the network sends) writes the record when the delivery's sample count
     * crosses a multiple of this, else only the RATE_REPORT event that carries the rate. Every other write of the
     * delivery, at the latest its end, takes the account whole; a crash loses at most these samples from the mean, no
     * report (the events are stored).
     */
    static final int RATE_SAMPLES_PER_RECORD_WRITE = 8;

    /** Applies one notification's events, in order; a delivery that has ended takes none. Completes once stored. */
    Future<Void> apply(Delivery d, List<NetworkEvent> events) {
        // The delivery's id on the lines logged meanwhile; measured rates log none, and they are most notifications
        // (logback copies its MDC map at each put after a read: 1 % of the relay).
        boolean tagged = false;
        for (NetworkEvent event : events) {
            tagged |= !(event instanceof NetworkEvent.RatesMeasured);
        }
        if (tagged) {
            MDC.put("deliveryId", d.id());
        }
        try {
            long samplesBefore = d.rate().monitoredSamples();
            boolean onlyRates = true;
            for (NetworkEvent event : events) {
                if (event instanceof NetworkEvent.RatesMeasured) {
                    metrics.rateReportReceived(); // the load monitoring costs, whatever the delivery's state
                }
                if (d.state().isFinal() || negotiation.holdsEarly(d, event)) {
                    continue;
                }
                onlyRates &= event instanceof NetworkEvent.RatesMeasured;
                apply(d, event);
            }
            long samples = d.rate().monitoredSamples();
            if (onlyRates && samples / RATE_SAMPLES_PER_RECORD_WRITE == samplesBefore / RATE_SAMPLES_PER_RECORD_WRITE) {
                return store.flushed(); // the event, if any was told
            }
            return store.put(d);
        } finally {
            if (tagged) {
                MDC.remove("deliveryId");
            }
        }
    }

    private void apply(Delivery d, NetworkEvent event) {
        Instant now = clock.instant();
        if (event instanceof NetworkEvent.Allocated || event instanceof NetworkEvent.AllocationFailed) {
            negotiation.onAllocationReport(d, event);
        } else if (event instanceof NetworkEvent.NotGuaranteed e) {
            if (refused(d, DeliveryState.DEGRADED, event)) {
                return;
            }
            if (e.appliedRef() != null) {
                Grants.switchTo(d, Grants.applied(d, e.appliedRef()));
            }
            changes.publish(d, d.degraded(now));
        } else if (event instanceof NetworkEvent.Guaranteed e) {
            if (refused(d, DeliveryState.QOS_GRANTED, event)) {
                return;
            }
            // Without a ref, the QoS allocated for the delivery is guaranteed again (TS 29.122).
            String restoredRef = e.appliedRef() != null ? e.appliedRef() : d.allocatedRef();
            if (restoredRef != null) {
                Grants.switchTo(d, Grants.applied(d, restoredRef));
            }
            changes.publish(d, d.restored(now));
        } else if (event instanceof NetworkEvent.UsageReported e) {
            if (e.usage() != null) {
                d.rate().usage(e.usage());
            }
            changes.tell(d, DeliveryChange.Kind.RATE_REPORT, "USAGE_REPORT");
        } else if (event instanceof NetworkEvent.RatesMeasured e) {
            e.dlBitsPerSecond().forEach(bps -> d.rate().monitored(bps));
            if (!e.dlBitsPerSecond().isEmpty()) {
                changes.tell(d, DeliveryChange.Kind.RATE_REPORT, "QOS_MONITORING");
            }
        } else if (event instanceof NetworkEvent.Terminated e) {
            if (e.usage() != null) {
                d.rate().usage(e.usage());
            }
            ending.sessionEnded(d);
        } else {
            LOG.debug("delivery {}: event {} noted", d.id(), event);
        }
    }

    /** A report the delivery's state machine cannot take in its state (e.g. before any session): logged, not applied. */
    private static boolean refused(Delivery d, DeliveryState next, NetworkEvent event) {
        if (d.canMoveTo(next)) {
            return false;
        }
        LOG.warn("delivery {}: {} does not apply in state {}; ignored", d.id(), event, d.state());
        return true;
    }
}
