package io.modelqos.af.engine;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryIds;
import io.modelqos.af.delivery.DeliveryRequest;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.delivery.FailureCause;
import io.modelqos.af.delivery.NegotiationAttempt;
import io.modelqos.af.events.Webhooks;
import io.modelqos.af.problem.AfProblem;
import io.modelqos.af.qos.NothingFits;
import io.modelqos.af.qos.PlanOutcome;
import io.modelqos.af.qos.QosPlan;
import io.modelqos.af.qos.QosPlanner;
import io.modelqos.qos.SupportedFeatures;
import io.modelqos.af.sizing.InvalidPlanInputException;
import io.modelqos.af.southbound.QosSessions;
import io.modelqos.af.store.DeliveryStore;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Makes deliveries: plans the request, admits it, stores it and hands it to the negotiation. A repeat of a create
 * with the same Idempotency-Key and body gets the first answer; with another body, a conflict.
 */
final class Creation {
    private static final Logger LOG = LoggerFactory.getLogger(Creation.class);
    private static final DeliveryIds IDS = new DeliveryIds(new SecureRandom());

    private final DeliveryStore store;
    private final QosPlanner planner;
    private final QosSessions network;
    private final Negotiation negotiation;
    private final ChangePublisher changes;
    private final Webhooks webhooks;
    private final Admission admission;
    private final Clock clock;
    private final EngineSettings settings;
    private final java.util.function.Predicate<String> owns;
    /** The creates with an idempotency key under way, by tenant and key. */
    private final java.util.Map<String, UnderWay> underWay = new java.util.HashMap<>();

    /** A create with an idempotency key that has not been answered yet. */
    private record UnderWay(String bodyFingerprint, Future<Delivery> created) {
    }

    Creation(DeliveryStore store, QosPlanner planner, QosSessions network, Negotiation negotiation,
             ChangePublisher changes, Webhooks webhooks, Admission admission, Clock clock, EngineSettings settings,
             java.util.function.Predicate<String> owns) {
        this.store = store;
        this.planner = planner;
        this.network = network;
        this.negotiation = negotiation;
        this.changes = changes;
        this.webhooks = webhooks;
        this.admission = admission;
        this.clock = clock;
        this.settings = settings;
        this.owns = owns;
    }

    /**
     * Creates a delivery and negotiates its QoS. Completes with the delivery once the network granted a QoS; fails
     * with {@link AfProblem} (UNPROCESSABLE with the best offer when nothing fits; PEER_UNAVAILABLE or PEER_TIMEOUT
     * when the network could not be asked), the delivery then FAILED and nothing left reserved.
     *
     * @param idempotencyKey  the caller's key, or null
     * @param bodyFingerprint a digest of the request body, to tell a repeat from a different request
     */
    Future<Delivery> create(String tenant, DeliveryRequest request, String idempotencyKey, String bodyFingerprint) {
        if (idempotencyKey == null) {
            return createNew(tenant, request, null, bodyFingerprint);
        }
        // A repeat that arrives while the first create with its key is under way waits for it, then is answered as a
        // repeat: the store's look-up of the key is asynchronous, so both would otherwise find no earlier create.
        // Creates with one key meet on one shard (ShardedEngine.forCreate holds the key), so this map sees them all.
        String underWayKey = tenant + '\n' + idempotencyKey;
        UnderWay first = underWay.get(underWayKey);
        if (first != null) {
            return first.bodyFingerprint().equals(bodyFingerprint)
                    ? first.created().transform(done -> create(tenant, request, idempotencyKey, bodyFingerprint))
                    : Future.failedFuture(conflict(idempotencyKey));
        }
        Future<Delivery> created = createOrRepeat(tenant, request, idempotencyKey, bodyFingerprint);
        if (!created.isComplete()) {
            UnderWay mine = new UnderWay(bodyFingerprint, created);
            underWay.put(underWayKey, mine);
            created.onComplete(done -> underWay.remove(underWayKey, mine));
        }
        return created;
    }

    private Future<Delivery> createOrRepeat(String tenant, DeliveryRequest request, String idempotencyKey,
                                            String bodyFingerprint) {
        return store.idempotentCreate(tenant, idempotencyKey).compose(earlier -> {
            if (earlier.isEmpty()) {
                return createNew(tenant, request, idempotencyKey, bodyFingerprint);
            }
            return interruptedByStop(earlier.get()).compose(interrupted ->
                    earlier.get().bodyFingerprint().equals(bodyFingerprint) && interrupted
                            ? createNew(tenant, request, idempotencyKey, bodyFingerprint)
                            : repeat(tenant, idempotencyKey, earlier.get(), bodyFingerprint));
        });
    }

    private Future<Delivery> createNew(String tenant, DeliveryRequest request, String idempotencyKey,
                                       String bodyFingerprint) {
        PlanOutcome outcome;
        try {
            outcome = plan(request, plannedFeatures());
        } catch (InvalidPlanInputException e) {
            return Future.failedFuture(AfProblem.invalid(Plans.pointerOf(e.field()), e.getMessage()));
        }
        if (!(outcome instanceof QosPlan planned)) {
            return admitted(tenant, request, idempotencyKey, bodyFingerprint, outcome);
        }
        return admission.check(tenant, planned.primary().gbrDl()).compose(refused -> refused != null
                ? Future.failedFuture(refused)
                : admitted(tenant, request, idempotencyKey, bodyFingerprint, outcome));
    }

    private Future<Delivery> admitted(String tenant, DeliveryRequest request, String idempotencyKey,
                                      String bodyFingerprint, PlanOutcome outcome) {
        Instant now = clock.instant();
        String id = newId(now);
        Delivery d = new Delivery(id, tenant, request, IDS.callbackId(id), now);
        if (idempotencyKey != null) {
            store.rememberIdempotentCreate(tenant, idempotencyKey, new DeliveryStore.IdempotentCreate(bodyFingerprint, d.id()));
        }
        if (request.notificationUri() != null) {
            webhooks.register(d.id(), request.notificationUri(), request.notificationToken());
        }
        MDC.put("deliveryId", d.id());
        try {
            if (outcome instanceof NothingFits nothing) {
                d.requested(Plans.requestedOfLargest(request, settings.setupAllowance()));
                store.put(d);
                changes.created(d);
                d.recordAttempt(nothing.smallestVariant().id(), nothing.bestOfferDl() == null ? "0 bps"
                        : nothing.bestOfferDl().toString(), NegotiationAttempt.Outcome.REJECTED, "NO_QOS_FITS");
                return Future.failedFuture(negotiation.fail(d, FailureCause.NO_QOS_FITS,
                        AfProblem.unprocessable(nothing.reason(), Plans.offerOf(nothing))));
            }
            QosPlan plan = (QosPlan) outcome;
            d.requested(Plans.requestedOf(request, plan.primary().sizing(), plan.primary().variant().id()));
            d.options(Plans.optionsOf(plan));
            store.put(d);
            changes.created(d);
            changes.publish(d, d.negotiating()); // stored with the session request (Negotiation)
            LOG.info("delivery {}: {} for UE {} within {} ms, asking for {} ({})", d.id(), request.modelName(),
                    request.ue().key(), request.latencyBudgetMs(), plan.primary().gbrDl(), plan.primary().ref());
            return negotiation.negotiate(d, plan);
        } finally {
            MDC.remove("deliveryId");
        }
    }

    /** The dry run: the plan the AF would ask the network for. */
    PlanOutcome plan(DeliveryRequest request, SupportedFeatures nefFeatures) {
        return planner.plan(Plans.planRequest(request, nefFeatures, settings.setupAllowance(), settings.startWindow()));
    }

    /**
     * The features the AF plans for: what it announces, narrowed to what the network's last answer to an open said it
     * supports. An answer that named none narrows to none, for every later delivery until an answer names some (each
     * open still announces them all); only before any answer is the announcement planned for as it is.
     */
    SupportedFeatures plannedFeatures() {
        SupportedFeatures peer = network.peerFeatures();
        return peer == null ? settings.announcedFeatures() : settings.announcedFeatures().intersect(peer);
    }

    /** A create a stop interrupted had no effect (reconciliation undid it): its repeat makes the delivery anew. */
    private Future<Boolean> interruptedByStop(DeliveryStore.IdempotentCreate earlier) {
        return store.get(earlier.deliveryId()).map(found -> found
                .filter(d -> d.state() == DeliveryState.FAILED && d.failureCause() == FailureCause.NEF_CREATE_INTERRUPTED)
                .isPresent());
    }

    private Future<Delivery> repeat(String tenant, String key, DeliveryStore.IdempotentCreate earlier, String fingerprint) {
        if (!earlier.bodyFingerprint().equals(fingerprint)) {
            return Future.failedFuture(conflict(key));
        }
        return store.get(earlier.deliveryId()).compose(found -> {
            Optional<Delivery> d = found.filter(x -> x.tenant().equals(tenant));
            if (d.isEmpty()) {
                return Future.failedFuture(AfProblem.conflict("Idempotency-Key '" + key + "' refers to a delivery that is gone"));
            }
            if (d.get().state() == DeliveryState.FAILED && d.get().creationProblem() != null) {
                return Future.failedFuture(d.get().creationProblem());
            }
            return Future.succeededFuture(d.get());
        });
    }

    private static AfProblem conflict(String key) {
        return AfProblem.conflict("Idempotency-Key '" + key + "' was used with another request body");
    }

    /** A new delivery id that belongs to this shard (a few draws at most: the shard is a hash of the id). */
    private String newId(Instant now) {
        while (true) {
            String id = IDS.next(now);
            if (owns.test(id)) {
                return id;
            }
        }
    }
}
