package io.modelqos.af.engine;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryChange;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.delivery.FailureCause;
import io.modelqos.af.delivery.NegotiationAttempt;
import io.modelqos.af.delivery.PlannedOption;
import io.modelqos.af.problem.AfProblem;
import io.modelqos.af.problem.BestOffer;
import io.modelqos.qos.NefFeature;
import io.modelqos.af.qos.NothingFits;
import io.modelqos.af.qos.PlanOutcome;
import io.modelqos.af.qos.PlannedQos;
import io.modelqos.af.qos.QosMode;
import io.modelqos.af.qos.QosPlan;
import io.modelqos.af.qos.QosPlanner;
import io.modelqos.qos.SupportedFeatures;
import io.modelqos.qos.BitRate;
import io.modelqos.af.southbound.NetworkEvent;
import io.modelqos.af.southbound.OpenedSession;
import io.modelqos.af.southbound.QosSessions;
import io.modelqos.af.southbound.RateMonitoring;
import io.modelqos.af.southbound.SessionFailure;
import io.modelqos.af.southbound.SessionRequest;
import io.modelqos.af.store.DeliveryStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks the network for a delivery's planned QoS and negotiates: re-plans once on a counter-offer, falls back to QoS
 * references when the network lacks individual parameters, grants only what the network's answer shows it holds, and
 * waits briefly for the allocation report, which says which option (and so which variant) the network applied.
 */
final class Negotiation {
    private static final Logger LOG = LoggerFactory.getLogger(Negotiation.class);

    private final DeliveryStore store;
    private final QosSessions network;
    private final QosPlanner planner;
    private final Ending ending;
    private final ChangePublisher changes;
    private final Timers timers;
    private final Clock clock;
    private final EngineSettings settings;
    private final InFlight inFlight;
    private final MonitoredDeliveries monitored;
    /** Creates waiting for the allocation report, by delivery id. */
    private final Map<String, AllocationWait> awaiting = new HashMap<>();
    /** Allocation reports that arrived before the network's answer to the open did. */
    private final Map<String, NetworkEvent> early = new HashMap<>();

    Negotiation(DeliveryStore store, QosSessions network, QosPlanner planner, Ending ending, ChangePublisher changes,
                Timers timers, Clock clock, EngineSettings settings, InFlight inFlight, MonitoredDeliveries monitored) {
        this.store = store;
        this.network = network;
        this.planner = planner;
        this.ending = ending;
        this.changes = changes;
        this.timers = timers;
        this.clock = clock;
        this.settings = settings;
        this.inFlight = inFlight;
        this.monitored = monitored;
    }

    /**
     * Negotiates a stored NEGOTIATING delivery's plan. Completes with the delivery once the network granted a QoS;
     * fails with the {@link AfProblem} the caller is answered, the delivery then FAILED with nothing left reserved.
     */
    Future<Delivery> negotiate(Delivery d, QosPlan plan) {
        inFlight.add(d.id());
        return ask(d, plan, 1).onComplete(ar -> {
            inFlight.remove(d.id());
            early.remove(d.id());
        });
    }

    private Future<Delivery> ask(Delivery d, QosPlan plan, int round) {
        RateMonitoring monitoring = monitored.forRequest(d, plan, settings.announcedFeatures());
        SessionRequest request = new SessionRequest(plan, d.request(), d.callbackId(), settings.announcedFeatures(),
                monitoring);
        // Write-ahead: the delivery (its options, whether it is monitored) is stored before the network hears of it.
        store.put(d);
        return store.flushed().compose(stored -> network.open(request)).transform(ar -> ar.succeeded()
                ? opened(d, plan, ar.result())
                : refused(d, plan, ar.cause(), round));
    }

    /**
     * The network opened a session: a grant only for what its answer shows. It answers which of the announced features
     * it supports; without AltQosWithIndParams_5G the individual parameters were not understood, and the session is
     * replaced by one with QoS references before anything is granted.
     */
    private Future<Delivery> opened(Delivery d, QosPlan plan, OpenedSession session) {
        d.nefSubscriptionText(session.session());
        if (!d.state().isFinal() && d.rateReportPeriodS() > 0
                && !session.peerFeatures().supports(NefFeature.QOS_MONITORING_5G)) {
            LOG.info("delivery {}: the network does not support QoS monitoring; its rate comes from usage and progress",
                    d.id());
            monitored.notMonitored(d);
        }
        store.put(d);
        if (d.state().isFinal()) {
            // Cancelled while the network was opening: close what it just made.
            return ending.release(d).map(d);
        }
        if (plan.mode() == QosMode.INDIVIDUAL_PARAMETERS
                && !session.peerFeatures().supports(NefFeature.ALT_QOS_WITH_IND_PARAMS_5G)) {
            return withReferences(d, plan, session.peerFeatures());
        }
        return carried(d, plan, session.carriedRefs(), session.appliedRef());
    }

    /**
     * Grants the first planned option the network's answer carries (the others it dropped are no longer offered). An
     * answer that carries none is no grant, whatever its status: the session is released and the create fails.
     */
    private Future<Delivery> carried(Delivery d, QosPlan plan, List<String> carriedRefs, String appliedRef) {
        List<PlannedOption> carried = d.options().stream().filter(o -> carriedRefs.contains(o.ref())).toList();
        if (carried.isEmpty()) {
            PlannedOption first = d.options().get(0);
            d.recordAttempt(first.variantId(), first.gbrDl(), NegotiationAttempt.Outcome.REJECTED, "QOS_NOT_CONFIRMED");
            LOG.warn("delivery {}: the network holds session {} without any QoS the AF asked for; releasing it", d.id(),
                    d.nefSubscriptionText());
            return failReleasing(d, FailureCause.QOS_REJECTED, AfProblem.unprocessable("the NEF took the subscription "
                    + "without the QoS the AF asked for (its answer carries none of the offered options): nothing is "
                    + "granted", null));
        }
        if (carried.size() < d.options().size()) {
            LOG.info("delivery {}: the network holds {} of the offered options only", d.id(),
                    carried.stream().map(PlannedOption::ref).toList());
            d.options(carried);
        }
        return granted(d, plan, appliedRef);
    }

    /** Puts the first option in force and waits briefly for the allocation report, which may name another. */
    private Future<Delivery> granted(Delivery d, QosPlan plan, String appliedRef) {
        PlannedOption first = d.options().get(0);
        // The attempt is recorded once the allocation report says which option the network applied.
        Instant now = clock.instant();
        changes.publish(d, d.granted(Grants.of(first, plan.qosDurationSeconds()), now,
                now.plusSeconds(plan.qosDurationSeconds()).plus(settings.expiryMargin())));
        d.allocatedRef(first.ref());
        store.put(d);
        ending.scheduleExpiry(d);
        AllocationWait wait = new AllocationWait();
        awaiting.put(d.id(), wait);
        NetworkEvent report = early.remove(d.id());
        if (appliedRef != null) {
            report = new NetworkEvent.Allocated(appliedRef);
        }
        if (report != null) {
            onAllocationReport(d, report);
            store.put(d);
        } else if (settings.allocationWait().isZero()) {
            noReportInTime(d); // no wait asked for: not even a timer's tick
        } else {
            wait.timer = timers.schedule(settings.allocationWait().toMillis(), () -> noReportInTime(d));
        }
        return wait.result.future();
    }

    /** No allocation report in time: the network's answer to the open stands for the first option it carries. */
    private void noReportInTime(Delivery d) {
        PlannedOption first = d.options().get(0);
        d.recordAttempt(first.variantId(), first.gbrDl(), NegotiationAttempt.Outcome.GRANTED, null);
        store.put(d);
        allocationKnown(d, null);
    }

    /**
     * Holds an allocation report that came before the grant (before the network's answer to the open, or while the
     * session is replaced), to apply it once the grant is made; true when held.
     */
    boolean holdsEarly(Delivery d, NetworkEvent event) {
        if (d.state() == DeliveryState.NEGOTIATING && inFlight.opening(d.id())
                && (event instanceof NetworkEvent.Allocated || event instanceof NetworkEvent.AllocationFailed)) {
            early.put(d.id(), event);
            return true;
        }
        return false;
    }
    /** Applies an allocation report (successful or failed), during the wait or later. */
    void onAllocationReport(Delivery d, NetworkEvent report) {
        boolean waiting = awaiting.containsKey(d.id());
        if (report instanceof NetworkEvent.AllocationFailed) {
            String variant = d.granted() != null ? d.granted().variantId() : d.requested().variantId();
            String gbr = d.granted() != null ? d.granted().gbrDl() : d.requested().gbrDl();
            d.recordAttempt(variant, gbr, NegotiationAttempt.Outcome.ALLOCATION_FAILED, "FAILED_RESOURCES_ALLOCATION");
            ending.end(d, DeliveryState.FAILED, FailureCause.FAILED_RESOURCES_ALLOCATION);
            if (waiting) {
                allocationKnown(d, AfProblem.unprocessable("the network could not allocate the resources "
                        + "for any of the offered QoS", null));
            }
            return;
        }
        PlannedOption applied = Grants.applied(d, ((NetworkEvent.Allocated) report).appliedRef());
        PlannedOption first = d.options().get(0);
        if (!waiting) {
            d.recordAttempt(applied.variantId(), applied.gbrDl(), NegotiationAttempt.Outcome.ALLOCATED, applied.ref());
        } else if (applied.ref().equals(first.ref())) {
            d.recordAttempt(first.variantId(), first.gbrDl(), NegotiationAttempt.Outcome.GRANTED, null);
        } else {
            // The network took the session but allocated an alternative, not the primary.
            d.recordAttempt(first.variantId(), first.gbrDl(), NegotiationAttempt.Outcome.REJECTED, "ALTERNATIVE_APPLIED");
            d.recordAttempt(applied.variantId(), applied.gbrDl(), NegotiationAttempt.Outcome.ALLOCATED, applied.ref());
        }
        d.allocatedRef(applied.ref());
        boolean changed = Grants.switchTo(d, applied);
        if (waiting) {
            allocationKnown(d, null);
        } else if (changed) {
            changes.tell(d, DeliveryChange.Kind.QOS_GRANTED, "APPLIED_" + applied.ref());
        }
    }

    /** Ends a create's wait for the allocation report: with the report applied, or at the end of the wait. */
    private void allocationKnown(Delivery d, AfProblem failure) {
        AllocationWait wait = awaiting.remove(d.id());
        if (wait == null) {
            return;
        }
        if (wait.timer != null) {
            timers.cancel(wait.timer);
        }
        if (failure != null) {
            wait.result.fail(failure);
            return;
        }
        if (!d.state().isFinal()) {
            changes.tell(d, DeliveryChange.Kind.QOS_GRANTED, null);
        }
        wait.result.complete(d);
    }

    private static final class AllocationWait {
        final Promise<Delivery> result = Promise.promise();
        Long timer;
    }

    /**
     * The network does not take individual QoS parameters: the session is replaced by one with QoS references, granted
     * for what the network's answer to the replacement carries. When no reference fits, or the replacement fails, the
     * create fails and the session is released.
     */
    private Future<Delivery> withReferences(Delivery d, QosPlan plan, SupportedFeatures answered) {
        PlanOutcome withReferences = planner.plan(plan.request().withNefFeatures(
                plan.request().nefFeatures().intersect(answered)));
        if (!(withReferences instanceof QosPlan referencesPlan)) {
            LOG.warn("delivery {}: the network does not take individual QoS parameters and no QoS reference fits; ending", d.id());
            return failReleasing(d, FailureCause.NEF_LACKS_ALT_QOS_WITH_IND_PARAMS, AfProblem.unprocessable(
                    "the NEF does not support individual QoS parameters and no operator QoS reference covers the model", null));
        }
        SupportedFeatures features = settings.announcedFeatures().intersect(answered);
        SessionRequest request = new SessionRequest(referencesPlan, d.request(), d.callbackId(), features,
                monitored.forRequest(d, referencesPlan, features));
        store.put(d);
        return store.flushed().compose(stored -> network.modify(d.nefSubscriptionText(), request)).transform(ar -> {
            if (d.state().isFinal()) {
                return Future.succeededFuture(d); // cancelled meanwhile: its end closed the session
            }
            if (ar.failed()) {
                LOG.warn("delivery {}: replacing the session with QoS references failed: {}", d.id(), ar.cause().toString());
                return failReleasing(d, FailureCause.NEF_REPLACE_FAILED, Problems.of(ar.cause()));
            }
            early.remove(d.id()); // a report held meanwhile was about the QoS just replaced
            d.options(Plans.optionsOf(referencesPlan));
            store.put(d);
            return carried(d, referencesPlan, ar.result(), null);
        });
    }

    /** Fails a create whose session the network opened without granting it, and closes that session. */
    private Future<Delivery> failReleasing(Delivery d, FailureCause cause, AfProblem problem) {
        AfProblem answered = fail(d, cause, problem);
        return ending.release(d).compose(x -> Future.failedFuture(answered));
    }

    private Future<Delivery> refused(Delivery d, QosPlan plan, Throwable failure, int round) {
        PlannedQos primary = plan.primary();
        if (!(failure instanceof SessionFailure f)) {
            d.recordAttempt(primary.variant().id(), primary.gbrDl().toString(), NegotiationAttempt.Outcome.NEF_ERROR,
                    "NEF_UNREACHABLE");
            return Future.failedFuture(fail(d, FailureCause.NEF_UNAVAILABLE, Problems.of(failure)));
        }
        switch (f.kind()) {
            case COUNTER_OFFER -> {
                return counterOffered(d, plan, f, round);
            }
            case PEER_ERROR -> {
                d.recordAttempt(primary.variant().id(), primary.gbrDl().toString(), NegotiationAttempt.Outcome.NEF_ERROR, f.cause());
                return Future.failedFuture(fail(d, FailureCause.NEF_ERROR, AfProblem.peerUnavailable(f.getMessage(), f)));
            }
            case UNAVAILABLE, TIMEOUT -> {
                d.recordAttempt(primary.variant().id(), primary.gbrDl().toString(), NegotiationAttempt.Outcome.NEF_ERROR, f.cause());
                return Future.failedFuture(fail(d, FailureCause.NEF_UNAVAILABLE, Problems.of(f)));
            }
            default -> {
                d.recordAttempt(primary.variant().id(), primary.gbrDl().toString(), NegotiationAttempt.Outcome.REJECTED, f.cause());
                return Future.failedFuture(fail(d, FailureCause.QOS_REJECTED,
                        AfProblem.unprocessable("the NEF refused the QoS: " + f.getMessage(), null)));
            }
        }
    }

    /** The network refused and said which rate it would accept: one re-plan at that rate. */
    private Future<Delivery> counterOffered(Delivery d, QosPlan plan, SessionFailure f, int round) {
        String offered = f.offeredRateDl();
        d.recordAttempt(plan.primary().variant().id(), offered, NegotiationAttempt.Outcome.COUNTER_OFFER, f.cause());
        BitRate acceptable;
        try {
            acceptable = BitRate.parse(offered);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(fail(d, FailureCause.NEF_OFFER_UNREADABLE,
                    AfProblem.peerUnavailable("the NEF offered an unreadable rate '" + offered + "'", e)));
        }
        if (round > 1 || !acceptable.isPositive()) {
            return Future.failedFuture(fail(d, FailureCause.QOS_REJECTED, AfProblem.unprocessable(
                    "the NEF refused the re-planned QoS too", new BestOffer(offered, null, null))));
        }
        PlanOutcome next = planner.replan(plan, acceptable);
        if (next instanceof QosPlan replanned) {
            d.options(Plans.optionsOf(replanned)); // stored with the request that asks for it
            LOG.info("delivery {}: the network offers {}, re-planned to {} at {}", d.id(), offered,
                    replanned.primary().variant().id(), replanned.primary().gbrDl());
            return ask(d, replanned, round + 1);
        }
        NothingFits nothing = (NothingFits) next;
        return Future.failedFuture(fail(d, FailureCause.QOS_REJECTED,
                AfProblem.unprocessable(nothing.reason(), Plans.offerOf(nothing))));
    }

    /** Ends a delivery that got no session; returns the problem the caller is answered. */
    AfProblem fail(Delivery d, FailureCause cause, AfProblem problem) {
        if (d.state().isFinal()) {
            // Cancelled meanwhile: it ended as its caller asked, and nothing was made at the network.
            return problem;
        }
        changes.publish(d, d.creationFailed(cause, problem, clock.instant()));
        store.put(d);
        LOG.info("delivery {}: failed ({}): {}", d.id(), cause, problem.detail());
        return problem;
    }
}
