package io.modelqos.af.delivery;

import io.modelqos.af.problem.AfProblem;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * A model delivery and everything the AF knows about it: what was asked, what was negotiated and granted,
 * what was achieved, and which NEF subscription holds its network resources.
 *
 * <p>It owns its state machine: a transition that is not legal is refused with {@link IllegalStateException}, and
 * each transition returns the {@link DeliveryChange}s it caused, for the engine to count and to tell the model server.
 *
 * <p>Mutable, and touched only by the engine shard that owns it, never concurrently.
 */
public final class Delivery {
    private final String id;
    private final String tenant;
    private final DeliveryRequest request;
    private final String callbackId;
    private final Instant createdAt;

    private DeliveryState state = DeliveryState.REQUESTED;
    private RequestedQos requested;
    private GrantedQos granted;
    private List<PlannedOption> options = List.of();
    /** Replaced, never changed in place: a reader on another thread (a listing) sees a whole list. */
    private volatile List<NegotiationAttempt> negotiation = List.of();
    private final AvailabilityAccount availability;
    private final RateAccount rate;
    /** Kept as text: a parsed URI holds each of its parts as a string of its own, for every live delivery. */
    private String nefSubscription;
    private String allocatedRef;
    private Instant expiresAt;
    /** By when the model server must have reported progress (epoch ms), or 0 when the delivery has no start window. */
    private long startByMs;
    private Instant endedAt;
    private FailureCause failureCause;
    private boolean releasePending;
    /** How often the network reports the session's data rate (QoS monitoring), in seconds; 0: not monitored. */
    private int rateReportPeriodS;
    /** Why the create failed, so a repeat with the same Idempotency-Key gets the same answer (stores keep its kind, detail and offer). */
    private transient AfProblem creationProblem;

    /** The legal transitions; a final state is never left, and moving to the state a delivery is in changes nothing. */
    private static final Map<DeliveryState, EnumSet<DeliveryState>> LEGAL = Map.of(
            DeliveryState.REQUESTED, EnumSet.of(DeliveryState.NEGOTIATING, DeliveryState.FAILED, DeliveryState.CANCELLED),
            DeliveryState.NEGOTIATING, EnumSet.of(DeliveryState.QOS_GRANTED, DeliveryState.DEGRADED, DeliveryState.COMPLETED,
                    DeliveryState.FAILED, DeliveryState.CANCELLED, DeliveryState.EXPIRED),
            DeliveryState.QOS_GRANTED, EnumSet.of(DeliveryState.DEGRADED, DeliveryState.COMPLETED, DeliveryState.FAILED,
                    DeliveryState.CANCELLED, DeliveryState.EXPIRED),
            DeliveryState.DEGRADED, EnumSet.of(DeliveryState.QOS_GRANTED, DeliveryState.COMPLETED, DeliveryState.FAILED,
                    DeliveryState.CANCELLED, DeliveryState.EXPIRED));

    public Delivery(String id, String tenant, DeliveryRequest request, String callbackId, Instant createdAt) {
        this(id, tenant, request, callbackId, createdAt, new AvailabilityAccount(), new RateAccount());
    }

    private Delivery(String id, String tenant, DeliveryRequest request, String callbackId, Instant createdAt,
                     AvailabilityAccount availability, RateAccount rate) {
        this.id = id;
        this.tenant = Shared.text(tenant);
        this.request = request;
        this.callbackId = callbackId;
        this.createdAt = createdAt;
        this.availability = availability;
        this.rate = rate;
    }

    /**
     * Rebuilds a delivery a store kept (see {@code io.modelqos.af.store.DeliveryRecord}): the identity and
     * accounts given here, everything else through the setters. The state is set as stored, final or not.
     */
    public static Delivery restore(String id, String tenant, DeliveryRequest request, String callbackId, Instant createdAt,
                                   DeliveryState state, List<NegotiationAttempt> negotiation,
                                   AvailabilityAccount availability, RateAccount rate) {
        Delivery d = new Delivery(id, tenant, request, callbackId, createdAt, availability, rate);
        d.state = state;
        d.negotiation = List.copyOf(negotiation);
        return d;
    }

    public String id() {
        return id;
    }

    public String tenant() {
        return tenant;
    }

    public DeliveryRequest request() {
        return request;
    }

    /** The unguessable path segment of this delivery's NEF notification URL. */
    public String callbackId() {
        return callbackId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public DeliveryState state() {
        return state;
    }

    /** Whether the state machine allows moving from this delivery's state to {@code next}. */
    public boolean canMoveTo(DeliveryState next) {
        return next == state || LEGAL.getOrDefault(state, EnumSet.noneOf(DeliveryState.class)).contains(next);
    }

    /**
     * Moves to {@code next}: the state change it caused, or nothing when the delivery is in that state already.
     *
     * @throws IllegalStateException when the state machine does not allow it (a final state is never left)
     */
    public List<DeliveryChange> moveTo(DeliveryState next) {
        if (next == state) {
            return List.of();
        }
        if (!canMoveTo(next)) {
            throw new IllegalStateException("delivery " + id + ": " + state + " -> " + next + " is not a legal transition");
        }
        DeliveryState previous = state;
        state = next;
        return List.of(new DeliveryChange.StateChanged(previous, next));
    }

    /** The AF asks the network for the delivery's QoS. */
    public List<DeliveryChange> negotiating() {
        return moveTo(DeliveryState.NEGOTIATING);
    }

    /**
     * The network holds a session for the delivery: {@code grant} is in force, the availability account runs from
     * {@code now}, the model server has the grant's start window from {@code now} to report progress, and the delivery
     * expires at {@code expiresAt} unless it ends before.
     */
    public List<DeliveryChange> granted(GrantedQos grant, Instant now, Instant expiresAt) {
        List<DeliveryChange> changes = moveTo(DeliveryState.QOS_GRANTED);
        this.granted = grant;
        this.expiresAt = expiresAt;
        this.startByMs = grant.startWindowMs() > 0 ? now.toEpochMilli() + grant.startWindowMs() : 0;
        availability.start(now);
        return changes;
    }

    /** The network no longer guarantees the QoS (from {@code now}). */
    public List<DeliveryChange> degraded(Instant now) {
        List<DeliveryChange> changes = new ArrayList<>(moveTo(DeliveryState.DEGRADED));
        availability.lost(now);
        changes.add(new DeliveryChange.Told(DeliveryChange.Kind.QOS_DEGRADED, "QOS_NOT_GUARANTEED"));
        return changes;
    }

    /** The network guarantees the QoS again (from {@code now}). */
    public List<DeliveryChange> restored(Instant now) {
        List<DeliveryChange> changes = new ArrayList<>(moveTo(DeliveryState.QOS_GRANTED));
        availability.restored(now);
        changes.add(new DeliveryChange.Told(DeliveryChange.Kind.QOS_RESTORED, "QOS_GUARANTEED"));
        return changes;
    }

    /**
     * Ends the delivery at {@code now} in {@code finalState}: the accounts stop, and when the network holds a session
     * for it, its release is owed (in the same write as the final state, so that a restart finds it owed). The model
     * server is told by {@link #terminal()}, once the session is released and its final usage folded in.
     */
    public List<DeliveryChange> end(DeliveryState finalState, FailureCause cause, Instant now) {
        if (!finalState.isFinal()) {
            throw new IllegalArgumentException("not a final state: " + finalState);
        }
        if (cause != null && cause.state() != finalState) {
            throw new IllegalArgumentException(cause + " leads to " + cause.state() + ", not " + finalState);
        }
        List<DeliveryChange> changes = moveTo(finalState);
        availability.stop(now);
        endedAt = now;
        if (cause != null) {
            failureCause = cause;
        }
        if (nefSubscription != null) {
            releasePending = true;
        }
        return changes;
    }

    /**
     * Fails a delivery whose session could not be opened: {@code problem} is what the caller (and a repeat of the
     * same create) is answered. The model server hears that the QoS was rejected when it was, and that it failed.
     */
    public List<DeliveryChange> creationFailed(FailureCause cause, AfProblem problem, Instant now) {
        List<DeliveryChange> changes = new ArrayList<>(moveTo(DeliveryState.FAILED));
        creationProblem = problem;
        failureCause = cause;
        endedAt = now;
        if (problem.bestOffer() != null || cause == FailureCause.QOS_REJECTED || cause == FailureCause.NO_QOS_FITS) {
            changes.add(new DeliveryChange.Told(DeliveryChange.Kind.QOS_REJECTED, cause.name(), problem.bestOffer()));
        }
        changes.add(new DeliveryChange.Told(DeliveryChange.Kind.FAILED, cause.name(), problem.bestOffer()));
        return changes;
    }

    /** What the model server is told last, for a delivery in a final state: its state, with its end cause. */
    public DeliveryChange.Told terminal() {
        FailureCause ended = endCause();
        String cause = ended == null ? null : ended.name();
        return switch (state) {
            case COMPLETED -> new DeliveryChange.Told(DeliveryChange.Kind.COMPLETED, cause);
            case CANCELLED -> new DeliveryChange.Told(DeliveryChange.Kind.CANCELLED, cause);
            case EXPIRED -> new DeliveryChange.Told(DeliveryChange.Kind.EXPIRED, cause);
            case FAILED -> new DeliveryChange.Told(DeliveryChange.Kind.FAILED, cause);
            default -> throw new IllegalStateException("delivery " + id + " has not ended (" + state + ")");
        };
    }

    public RequestedQos requested() {
        return requested;
    }

    public void requested(RequestedQos requested) {
        this.requested = requested;
    }

    public GrantedQos granted() {
        return granted;
    }

    public void granted(GrantedQos granted) {
        this.granted = granted;
    }

    public List<PlannedOption> options() {
        return options;
    }

    public void options(List<PlannedOption> options) {
        this.options = List.copyOf(options);
    }

    /** The planned option the NEF names by {@code ref}, or null. */
    public PlannedOption option(String ref) {
        for (PlannedOption o : options) {
            if (o.ref() != null && o.ref().equals(ref)) {
                return o;
            }
        }
        return null;
    }

    /** The option the network allocated (SUCCESSFUL_RESOURCES_ALLOCATION), or the primary until it says. */
    public String allocatedRef() {
        return allocatedRef;
    }

    public void allocatedRef(String ref) {
        this.allocatedRef = ref;
    }

    public List<NegotiationAttempt> negotiation() {
        return negotiation;
    }

    public NegotiationAttempt recordAttempt(String variantId, String gbrDl, NegotiationAttempt.Outcome outcome, String cause) {
        NegotiationAttempt attempt = new NegotiationAttempt(negotiation.size() + 1, variantId, gbrDl, outcome, cause);
        List<NegotiationAttempt> next = new ArrayList<>(negotiation.size() + 1);
        next.addAll(negotiation);
        next.add(attempt);
        negotiation = List.copyOf(next);
        return attempt;
    }

    public AvailabilityAccount availability() {
        return availability;
    }

    public RateAccount rate() {
        return rate;
    }

    /** The NEF subscription's URI, parsed on each call: for a NEF request. */
    public URI nefSubscription() {
        return nefSubscription == null ? null : URI.create(nefSubscription);
    }

    /** The NEF subscription's URI as text, or null before the NEF made one: for checks, records and answers. */
    public String nefSubscriptionText() {
        return nefSubscription;
    }

    public void nefSubscription(URI uri) {
        this.nefSubscription = uri == null ? null : uri.toString();
    }

    /** Sets the subscription from its stored text (see {@link #nefSubscriptionText()}). */
    public void nefSubscriptionText(String uri) {
        this.nefSubscription = uri;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public void expiresAt(Instant expiresAt) {
        this.expiresAt = expiresAt;
    }

    public Instant endedAt() {
        return endedAt;
    }

    public void endedAt(Instant endedAt) {
        this.endedAt = endedAt;
    }

    /** The cause recorded when the delivery ended (see {@link #endCause()}), or null. */
    public FailureCause failureCause() {
        return failureCause;
    }

    /**
     * Why the delivery ended, or null while it has not: the recorded cause, else (for a record of an AF that recorded
     * causes only for failures) what its final state alone says.
     */
    public FailureCause endCause() {
        if (failureCause != null || !state.isFinal()) {
            return failureCause;
        }
        return switch (state) {
            case COMPLETED -> FailureCause.COMPLETION_REPORTED;
            case CANCELLED -> FailureCause.CANCELLED_BY_CALLER;
            case EXPIRED -> FailureCause.COMPLETION_NOT_REPORTED;
            default -> null;
        };
    }

    /** By when the model server must report progress, or null when the delivery has no start window. */
    public Instant startBy() {
        return startByMs == 0 ? null : Instant.ofEpochMilli(startByMs);
    }

    /** Restores the stored start-window deadline (see {@code DeliveryRecord}); a grant sets it otherwise. */
    public void startBy(Instant startBy) {
        this.startByMs = startBy == null ? 0 : startBy.toEpochMilli();
    }

    /** Whether the delivery has a start window and the model server has not reported any progress yet. */
    public boolean awaitingStart() {
        return startByMs != 0 && !rate.started();
    }

    /** Restores the stored cause (see {@code DeliveryRecord}); transitions set it otherwise. */
    public void failureCause(FailureCause failureCause) {
        this.failureCause = failureCause;
    }

    public AfProblem creationProblem() {
        return creationProblem;
    }

    /** Restores the stored problem (see {@code DeliveryRecord}); {@link #creationFailed} sets it otherwise. */
    public void creationProblem(AfProblem problem) {
        this.creationProblem = problem;
    }

    /**
     * How often the network was asked to report the session's measured data rate (QoS monitoring), in seconds; 0 when
     * the delivery is not monitored (its rate then comes from usage reports and the model server's progress).
     */
    public int rateReportPeriodS() {
        return rateReportPeriodS;
    }

    public void rateReportPeriodS(int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("a report period must not be negative, was " + seconds);
        }
        this.rateReportPeriodS = seconds;
    }

    /** True while the NEF subscription still has to be deleted (a delete failed and is being retried). */
    public boolean releasePending() {
        return releasePending;
    }

    public void releasePending(boolean releasePending) {
        this.releasePending = releasePending;
    }
}
