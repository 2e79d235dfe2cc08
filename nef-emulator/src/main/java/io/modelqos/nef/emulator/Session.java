package io.modelqos.nef.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.util.List;
import java.util.Random;

/**
 * One live QoS session, whichever face created it (a T8 subscription, an N5 application session
 * context): the resource as the AF sees it, the terms it asked for, the QoS the network granted,
 * and the session's simulated state. Changed only on the emulator's event loop; the volatile
 * fields may be read from anywhere.
 */
final class Session {

    final String id;
    /** The registry key of the AF side: the scsAsId on T8, {@link AppSessionService#OWNER} on N5. */
    final String owner;
    final String self;
    final Face face;
    final long createdNanos;
    final UsageMeter usage;
    final Random random;

    private volatile ObjectNode resource;
    private volatile SessionTerms terms;
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
    /** Removes an ended session the AF did not delete ({@link Face#keepsEndedSessions()}). */
    long removalTimer = -1;
    /** Whether the usage threshold in force was already reported. */
    boolean usageReported;
    /** Notifications of this session are sent one after the other, in order. */
    Future<Void> notificationChain = Future.succeededFuture();
    /** Notifications queued or in flight on {@link #notificationChain}. */
    int pendingNotifications;

    Session(String id, String owner, String self, Face face, long createdNanos, long seed) {
        this.id = id;
        this.owner = owner;
        this.self = self;
        this.face = face;
        this.createdNanos = createdNanos;
        this.usage = new UsageMeter(createdNanos);
        this.random = new Random(seed);
    }

    /** Sets the representation the face returns (kept as given) and the terms derived from it. */
    void resource(ObjectNode resource, SessionTerms terms) {
        this.resource = resource.deepCopy();
        this.terms = terms;
    }

    ObjectNode resource() {
        return resource;
    }

    SessionTerms terms() {
        return terms;
    }

    String ueKey() {
        return terms.ueKey();
    }

    boolean wants(SessionEvent event) {
        return terms.events().contains(event);
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

    /** False once the session was deleted or the network ended it. */
    boolean live() {
        return live;
    }

    void ended() {
        this.live = false;
    }
}
