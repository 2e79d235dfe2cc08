package io.modelqos.nef.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelqos.openapi.T8Json;
import io.modelqos.openapi.t8.model.AsSessionWithQoSSubscription;
import io.modelqos.openapi.t8.model.UserPlaneEvent;
import io.vertx.core.Future;
import java.util.List;
import java.util.Random;

/**
 * One live AsSessionWithQoS subscription: the resource as the AF sees it, the QoS the network
 * granted, and the session's simulated state. Changed only on the emulator's event loop; the
 * volatile fields may be read from anywhere.
 */
final class Subscription {

    final String id;
    final String scsAsId;
    final String self;
    final long createdNanos;
    final UsageMeter usage;
    final Random random;

    private volatile ObjectNode resource;
    private volatile AsSessionWithQoSSubscription typed;
    private volatile String ueKey;
    private volatile AdmissionControl.Candidate granted;
    private volatile List<AdmissionControl.Candidate> candidates = List.of();
    private volatile AdmissionControl.Candidate degradedTo;
    private volatile boolean degraded;
    private volatile double degradedRateFactor = 1.0;
    private volatile boolean live = true;
    private volatile boolean allocationFailed;

    /** Session timers (Vert.x timer ids, -1 when not armed). */
    long allocationTimer = -1;
    long expiryTimer = -1;
    long monitoringTimer = -1;
    /** The period of the periodic QOS_MONITORING reports in force, 0 when none are sent; read by the state. */
    volatile long monitoringPeriodMs;
    long usageTimer = -1;
    long episodeStartTimer = -1;
    long episodeEndTimer = -1;
    /** Whether the usage threshold in force was already reported. */
    boolean usageReported;
    /** Notifications of this subscription are sent one after the other, in order. */
    Future<Void> notificationChain = Future.succeededFuture();
    /** Notifications queued or in flight on {@link #notificationChain}. */
    int pendingNotifications;

    Subscription(String id, String scsAsId, String self, long createdNanos, long seed) {
        this.id = id;
        this.scsAsId = scsAsId;
        this.self = self;
        this.createdNanos = createdNanos;
        this.usage = new UsageMeter(createdNanos);
        this.random = new Random(seed);
    }

    /** Sets the resource representation (with {@code self}) and its typed view. */
    void resource(ObjectNode resource) {
        ObjectNode copy = resource.deepCopy();
        copy.put("self", self);
        this.typed = T8Json.mapper().convertValue(copy, AsSessionWithQoSSubscription.class);
        this.resource = copy;
        this.ueKey = SemanticChecks.ueKey(typed);
    }

    ObjectNode resource() {
        return resource;
    }

    AsSessionWithQoSSubscription typed() {
        return typed;
    }

    String ueKey() {
        return ueKey;
    }

    boolean wants(UserPlaneEvent event) {
        List<UserPlaneEvent> events = typed.getEvents();
        return events != null && events.contains(event);
    }

    AdmissionControl.Candidate granted() {
        return granted;
    }

    void granted(AdmissionControl.Candidate granted, List<AdmissionControl.Candidate> candidates) {
        this.granted = granted;
        this.candidates = List.copyOf(candidates);
    }

    List<AdmissionControl.Candidate> candidates() {
        return candidates;
    }

    boolean degraded() {
        return degraded;
    }

    AdmissionControl.Candidate degradedTo() {
        return degradedTo;
    }

    /** Rate factor of the episode in force, applied when there is no lower alternative. */
    double degradedRateFactor() {
        return degradedRateFactor;
    }

    void degraded(boolean degraded, AdmissionControl.Candidate to, double rateFactor) {
        this.degraded = degraded;
        this.degradedTo = to;
        this.degradedRateFactor = rateFactor;
    }

    boolean allocationFailed() {
        return allocationFailed;
    }

    void allocationFailed(boolean failed) {
        this.allocationFailed = failed;
    }

    boolean live() {
        return live;
    }

    void ended() {
        this.live = false;
    }
}
