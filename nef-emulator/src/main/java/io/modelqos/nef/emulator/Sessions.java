package io.modelqos.nef.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session lifecycle both faces share, without HTTP and without wire types: admission on the
 * one capacity model, bookkeeping, the simulation, and the end of a session. A face's service
 * ({@link SubscriptionService} for T8, {@link AppSessionService} for N5) turns its requests into
 * {@link SessionTerms} and calls this. Problems are thrown as {@link ApiException}. Runs on the
 * emulator's event loop.
 */
final class Sessions {

    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);

    private final Vertx vertx;
    private final SessionRegistry registry;
    private final CapacityModel capacity;
    private final AdmissionControl admission;
    private final FaultInjector faults;
    private final Integer rejectRetryAfterSeconds;
    private final long endedSessionGraceMs;
    private SessionSimulator simulator;

    /**
     * @param endedSessionGraceMs how long a session the network ended waits for the AF's delete
     *                            when its face keeps ended sessions
     */
    Sessions(Vertx vertx, SessionRegistry registry, CapacityModel capacity, AdmissionControl admission,
             FaultInjector faults, Integer rejectRetryAfterSeconds, long endedSessionGraceMs) {
        this.vertx = vertx;
        this.registry = registry;
        this.capacity = capacity;
        this.admission = admission;
        this.faults = faults;
        this.rejectRetryAfterSeconds = rejectRetryAfterSeconds;
        this.endedSessionGraceMs = endedSessionGraceMs;
    }

    void simulator(SessionSimulator simulator) {
        this.simulator = simulator;
    }

    AdmissionControl admission() {
        return admission;
    }

    /** A new session id (a UUID), for the face to build the session's URI and representation. */
    static String newId() {
        return UUID.randomUUID().toString();
    }

    /**
     * Admits and starts a session; 403 when no QoS option fits.
     *
     * @param id       from {@link #newId()}
     * @param self     the session's URI
     * @param resource what the face answers for it (copied)
     * @param mediaComponent the media component number a 403 names (N5), or null
     */
    Session open(Face face, String owner, String id, String self, ObjectNode resource, SessionTerms terms,
                 Integer mediaComponent) {
        AdmissionControl.Decision decision = admission.admit(id, terms.ueKey(), terms.candidates());
        if (!decision.admitted()) {
            throw rejection(decision, terms.ueKey(), mediaComponent);
        }
        Session session = new Session(id, owner, self, face, System.nanoTime(), faults.nextSessionSeed());
        session.usage.limitDownlink(faults.downlinkBytesForNewSession());
        session.resource(resource, terms);
        session.granted(decision.granted(), terms.candidates());
        registry.add(session);
        LOG.debug("{}: created {} for {} (UE cell {}): {} granted from {}", face.name(), id, owner, capacity.cellOf(terms.ueKey()),
                Rates.forLog(decision.granted().gbrDl()), decision.granted().source());
        simulator.started(session);
        return session;
    }

    /** The session of {@code owner} on {@code face} with that id, live or ended but not yet deleted. */
    Optional<Session> find(Face face, String owner, String id) {
        return registry.find(face, owner, id);
    }

    List<Session> list(Face face, String owner) {
        return registry.list(face, owner);
    }

    /**
     * New terms for a live session: re-admitted (its own reservation counts as free); when nothing
     * fits, 403 and the old QoS stays. The allocation is announced again when the applied QoS
     * changed.
     */
    Session update(Session session, ObjectNode resource, SessionTerms terms, Integer mediaComponent) {
        AdmissionControl.Decision decision = admission.admit(session.id, terms.ueKey(), terms.candidates());
        if (!decision.admitted()) {
            throw rejection(decision, terms.ueKey(), mediaComponent);
        }
        boolean qosChanged = session.allocationFailed() || !Objects.equals(session.granted(), decision.granted())
                || !Objects.equals(session.ueKey(), terms.ueKey());
        boolean usageChanged = !Objects.equals(session.terms().usageThreshold(), terms.usageThreshold());
        session.resource(resource, terms);
        session.granted(decision.granted(), terms.candidates());
        LOG.debug("updated {} of {}: {} granted from {}{}", session.id, session.owner,
                Rates.forLog(decision.granted().gbrDl()), decision.granted().source(), qosChanged ? " (QoS changed)" : "");
        simulator.changed(session, qosChanged, usageChanged);
        return session;
    }

    /** The AF deletes a session (live or ended): gone, its capacity free; the caller reads its final usage. */
    Optional<Session> close(Face face, String owner, String id) {
        Optional<Session> removed = registry.remove(face, owner, id);
        removed.ifPresent(session -> {
            capacity.release(session.id);
            simulator.stopped(session);
            cancelRemoval(session);
            LOG.debug("deleted {} of {}", id, owner);
        });
        return removed;
    }

    /**
     * The network ends a session (its duration ran out): the capacity is freed, the AF is told
     * ({@link SessionEvent#TERMINATED}). A face that keeps ended sessions leaves it for the AF to
     * delete, and removes it after the grace time if the AF does not.
     */
    void end(Session session) {
        if (!session.live() || registry.find(session.face, session.owner, session.id).isEmpty()) {
            return;
        }
        if (!session.face.keepsEndedSessions()) {
            registry.remove(session.face, session.owner, session.id);
        }
        capacity.release(session.id);
        simulator.stopped(session);
        simulator.terminated(session);
        if (session.face.keepsEndedSessions() && endedSessionGraceMs > 0) {
            session.removalTimer = vertx.setTimer(endedSessionGraceMs, t -> {
                session.removalTimer = -1;
                if (registry.remove(session.face, session.owner, session.id).isPresent()) {
                    LOG.info("session {} ended {} ms ago and was not deleted by the AF: removed", session.id,
                            endedSessionGraceMs);
                }
            });
        }
    }

    /** Stops every session's timers (the emulator stops). */
    void stopAll() {
        for (Session session : registry.all()) {
            simulator.stopped(session);
            cancelRemoval(session);
        }
    }

    private void cancelRemoval(Session session) {
        if (session.removalTimer >= 0) {
            vertx.cancelTimer(session.removalTimer);
            session.removalTimer = -1;
        }
    }

    private ApiException rejection(AdmissionControl.Decision decision, String ueKey, Integer mediaComponent) {
        AdmissionControl.Candidate first = decision.candidates().get(0);
        LOG.debug("rejected {} for UE in cell {}: {} requested, {} grantable", first.source(), capacity.cellOf(ueKey),
                Rates.forLog(first.gbrDl()), Rates.forLog(decision.grantable()));
        return ApiException.notEnoughCapacity("not enough GBR capacity: " + first.gbrDl().toExactString() + " requested ("
                        + decision.candidates().size() + " option(s) tried), " + decision.grantable().toExactString()
                        + " grantable",
                decision.grantable(), rejectRetryAfterSeconds, mediaComponent);
    }
}
