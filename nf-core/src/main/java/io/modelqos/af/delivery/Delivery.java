package io.modelqos.af.delivery;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A model delivery and everything the AF knows about it: what was asked, what was negotiated and granted,
 * what was achieved, and which NEF subscription holds its network resources.
 *
 * <p>Mutable, and touched only from the AF's context (the {@link DeliveryService}), never concurrently.
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
    private final List<NegotiationAttempt> negotiation = new ArrayList<>();
    private final AvailabilityAccount availability;
    private final RateAccount rate;
    /** Kept as text: a parsed URI holds each of its parts as a string of its own, for every live delivery. */
    private String nefSubscription;
    private String allocatedRef;
    private Instant expiresAt;
    private Instant endedAt;
    private String failureCause;
    private boolean releasePending;
    /** Why the create failed, so a repeat with the same Idempotency-Key gets the same answer (stores keep its kind, detail and offer). */
    private transient io.modelqos.af.problem.AfProblem creationProblem;

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
        d.negotiation.addAll(negotiation);
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

    /** Moves to {@code next} and returns the previous state. Final states are never left. */
    public DeliveryState moveTo(DeliveryState next) {
        DeliveryState previous = state;
        if (!state.isFinal()) {
            state = next;
        }
        return previous;
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
        return List.copyOf(negotiation);
    }

    public NegotiationAttempt recordAttempt(String variantId, String gbrDl, NegotiationAttempt.Outcome outcome, String cause) {
        NegotiationAttempt attempt = new NegotiationAttempt(negotiation.size() + 1, variantId, gbrDl, outcome, cause);
        negotiation.add(attempt);
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

    public String failureCause() {
        return failureCause;
    }

    public void failureCause(String failureCause) {
        this.failureCause = Shared.text(failureCause);
    }

    public io.modelqos.af.problem.AfProblem creationProblem() {
        return creationProblem;
    }

    public void creationProblem(io.modelqos.af.problem.AfProblem problem) {
        this.creationProblem = problem;
    }

    /** True while the NEF subscription still has to be deleted (a delete failed and is being retried). */
    public boolean releasePending() {
        return releasePending;
    }

    public void releasePending(boolean releasePending) {
        this.releasePending = releasePending;
    }
}
