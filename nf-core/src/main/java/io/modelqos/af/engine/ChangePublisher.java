package io.modelqos.af.engine;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryChange;
import io.modelqos.af.delivery.DeliveryJson;
import io.modelqos.af.events.EventOutbox;
import io.modelqos.af.events.EventType;
import io.modelqos.af.observe.AfMetrics;

import java.time.Clock;
import java.util.List;

/**
 * Acts on what a delivery's transitions caused: counts state changes, frees an ended delivery's monitoring slot, and
 * tells the model server in its stream. Every transition passes here, so no end can keep a slot.
 */
final class ChangePublisher {
    private final EventOutbox outbox;
    private final DeliveryJson json;
    private final AfMetrics metrics;
    private final Clock clock;
    private final MonitoredDeliveries monitored;

    ChangePublisher(EventOutbox outbox, DeliveryJson json, AfMetrics metrics, Clock clock, MonitoredDeliveries monitored) {
        this.outbox = outbox;
        this.json = json;
        this.metrics = metrics;
        this.clock = clock;
        this.monitored = monitored;
    }

    void publish(Delivery d, List<DeliveryChange> changes) {
        for (DeliveryChange change : changes) {
            if (change instanceof DeliveryChange.StateChanged s) {
                metrics.stateChanged(s.from(), s.to());
                String outcome = NegotiationOutcomes.of(d, s.from(), s.to());
                if (outcome != null) {
                    metrics.negotiated(outcome);
                }
                if (s.to().isFinal()) {
                    monitored.ended(d);
                }
            } else if (change instanceof DeliveryChange.Told t) {
                tell(d, t);
            }
        }
    }

    void tell(Delivery d, DeliveryChange.Told told) {
        outbox.append(d.id(), typeOf(told.kind()), json.eventData(d, clock.instant(), told.offer(), told.cause()),
                d.request().notificationUri() != null);
    }

    void tell(Delivery d, DeliveryChange.Kind kind, String cause) {
        tell(d, new DeliveryChange.Told(kind, cause));
    }

    /** A delivery made here now: counted, and its event stream begins (nothing was logged for it before). */
    void created(Delivery d) {
        outbox.begin(d.id());
        counted(d);
    }

    /** A delivery the AF holds from now on (created, resumed or adopted), in the state-gauge and the monitoring slots. */
    void counted(Delivery d) {
        metrics.stateChanged(null, d.state());
        monitored.held(d);
    }

    static EventType typeOf(DeliveryChange.Kind kind) {
        return switch (kind) {
            case QOS_GRANTED -> EventType.QOS_GRANTED;
            case QOS_REJECTED -> EventType.QOS_REJECTED;
            case QOS_DEGRADED -> EventType.QOS_DEGRADED;
            case QOS_RESTORED -> EventType.QOS_RESTORED;
            case RATE_REPORT -> EventType.RATE_REPORT;
            case COMPLETED -> EventType.COMPLETED;
            case CANCELLED -> EventType.CANCELLED;
            case EXPIRED -> EventType.EXPIRED;
            case FAILED -> EventType.FAILED;
        };
    }
}
