package io.modelqos.af.engine;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.qos.QosPlan;
import io.modelqos.af.southbound.RateMonitoring;
import io.modelqos.qos.NefFeature;
import io.modelqos.qos.SupportedFeatures;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which of a shard's live deliveries the network reports data rates for (QoS monitoring), within the AF-wide
 * {@link MonitoringSlots}. A delivery takes a slot when it first asks the network for a session, if one is free, and
 * holds it until it ends, or until the network's answer shows it will not report; a delivery resumed or adopted as
 * monitored holds one again. The delivery keeps its report period ({@link Delivery#rateReportPeriodS()}, 0: not
 * monitored), so that a restart knows which ones the network monitors.
 *
 * <p>Touched only from the shard's context.
 */
final class MonitoredDeliveries {
    private final MonitoringSlots slots;
    /** The ids of this shard's deliveries that hold a slot. */
    private final Set<String> holding = new HashSet<>();

    MonitoredDeliveries(MonitoringSlots slots) {
        this.slots = slots;
    }

    /**
     * What the network is asked for a live delivery's next session request for {@code plan}, announcing
     * {@code features}: reports every {@link QosPlan#rateReportPeriod()} when the delivery holds a slot or gets one now,
     * and the network is known or announced to support QoSMonitoring_5G; else none (and no slot held). Sets the
     * delivery's report period accordingly; the caller stores it before the request. A delivery that has ended (e.g.
     * cancelled while a counter-offer was on its way) takes no slot: no end would give it back.
     */
    RateMonitoring forRequest(Delivery d, QosPlan plan, SupportedFeatures features) {
        if (d.state().isFinal()) {
            return RateMonitoring.NONE;
        }
        boolean supported = features.supports(NefFeature.QOS_MONITORING_5G)
                && plan.request().nefFeatures().supports(NefFeature.QOS_MONITORING_5G);
        if (!supported || !holding.contains(d.id()) && !take(d)) {
            notMonitored(d);
            return RateMonitoring.NONE;
        }
        d.rateReportPeriodS(Math.toIntExact(Math.min(Integer.MAX_VALUE, plan.rateReportPeriod().toSeconds())));
        return RateMonitoring.every(plan.rateReportPeriod());
    }

    private boolean take(Delivery d) {
        if (!slots.tryTake()) {
            return false;
        }
        holding.add(d.id());
        return true;
    }

    /** The network will not report this delivery's rate (its answer lacks QoSMonitoring_5G): its slot is free again. */
    void notMonitored(Delivery d) {
        ended(d);
        d.rateReportPeriodS(0);
    }

    /** The delivery ended: its slot is free again. Its report period stays, as a record of how it was followed. */
    void ended(Delivery d) {
        if (holding.remove(d.id())) {
            slots.giveBack();
        }
    }

    /** A delivery this shard holds from now on (created, resumed or adopted): a live monitored one holds a slot. */
    void held(Delivery d) {
        if (!d.state().isFinal() && d.rateReportPeriodS() > 0 && holding.add(d.id())) {
            slots.occupy();
        }
    }

    /** Gives back the slots of the deliveries {@code gone} names (this replica no longer owns them). */
    void forget(Predicate<String> gone) {
        holding.removeIf(id -> {
            if (gone.test(id)) {
                slots.giveBack();
                return true;
            }
            return false;
        });
    }
}
