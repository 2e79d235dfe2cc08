package io.modelqos.af.engine;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryState;
import io.modelqos.af.southbound.QosSessions.HeldSession;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What the AF has to do so that the network holds exactly the sessions of its live deliveries, worked out from
 * the store and the network's list of the AF's sessions.
 *
 * <p>The AF acts only on sessions its store proves its own: a session is this AF's when a stored delivery names it
 * (its session reference) or when the callback id it notifies is a stored delivery's (128 random bits, issued by this
 * AF, written to the store before the network heard of it). Everything else the network lists (another application's
 * subscription on the same NEF account, a notification address of someone else, a callback id no record holds) is
 * {@code foreign}: left alone and counted, never closed. A NEF may list more than the AF's own, and the cost of
 * deleting another application's session is someone else's failed delivery.
 *
 * @param orphans     sessions of this AF no live delivery owns (an ended delivery's, a second one for one delivery):
 *                    close
 * @param foreign     sessions the store does not prove this AF's: left alone
 * @param interrupted deliveries whose create was under way when the AF stopped (still NEGOTIATING: their caller was
 *                    never answered, since an answer waits for the grant to be stored), with the session the network
 *                    made for it if any (the one stored with it, or else one found by its callback id): the AF closes
 *                    it and fails the delivery
 * @param vanished    live deliveries whose stored subscription the NEF no longer holds: failed and reported
 * @param released    ended deliveries whose subscription was still to be deleted and is gone: nothing left to do
 * @param matched     live deliveries whose subscription the NEF holds, as stored
 */
public record ReconciliationPlan(List<HeldSession> orphans, List<HeldSession> foreign, List<Interrupted> interrupted,
                                 List<Delivery> vanished, List<Delivery> released, int matched) {

    /** A delivery whose create outcome was unknown, and the subscription the NEF made for it (or null). */
    public record Interrupted(Delivery delivery, String foundAtNef) {
    }

    /**
     * @param live        the store's live deliveries (not final, or a release pending)
     * @param atNef       every subscription the NEF lists for the AF's scsAsId (and whatever else it lists)
     * @param byCallback  the store's look-up by callback id (finds ended deliveries too)
     * @param inFlight    deliveries not to judge: creates with the NEF right now in this process, and deliveries
     *                    made after {@code live} was read (an ended one is judged all the same: its subscription goes)
     */
    public static ReconciliationPlan of(List<Delivery> live, List<HeldSession> atNef,
                                        Function<String, Optional<Delivery>> byCallback, Predicate<String> inFlight) {
        Map<String, Delivery> bySession = new HashMap<>();
        for (Delivery d : live) {
            if (d.nefSubscriptionText() != null) {
                bySession.putIfAbsent(normalized(d.nefSubscriptionText()), d);
            }
        }
        List<HeldSession> orphans = new ArrayList<>();
        List<HeldSession> foreign = new ArrayList<>();
        Map<String, String> foundFor = new HashMap<>();
        Set<String> seen = new HashSet<>();
        int matched = 0;
        for (HeldSession s : atNef) {
            Optional<Delivery> owner = owner(s, bySession, byCallback);
            if (owner.isEmpty()) {
                foreign.add(s);
                continue;
            }
            Delivery d = owner.get();
            if (d.state().isFinal() && !d.releasePending()) {
                orphans.add(s);
            } else if (inFlight.test(d.id())) {
                continue;
            } else if (d.nefSubscriptionText() == null || d.state() == DeliveryState.NEGOTIATING) {
                // A create the stop interrupted (NEGOTIATING: whether or not the network's answer was stored, nothing
                // was granted and no one was told): what the network made for it goes with it. One session; a second
                // is a duplicate, as is one other than the session a stored answer named.
                boolean madeForIt = d.nefSubscriptionText() == null || same(d.nefSubscriptionText(), s.session());
                if (d.state().isFinal() || !madeForIt || foundFor.putIfAbsent(d.id(), s.session()) != null) {
                    orphans.add(s);
                }
            } else if (same(d.nefSubscriptionText(), s.session()) && seen.add(d.id())) {
                matched++;
            } else {
                orphans.add(s);
            }
        }
        List<Interrupted> interrupted = new ArrayList<>();
        List<Delivery> vanished = new ArrayList<>();
        List<Delivery> released = new ArrayList<>();
        for (Delivery d : live) {
            if (inFlight.test(d.id()) || seen.contains(d.id())) {
                continue;
            }
            if (d.state().isFinal()) {
                if (d.releasePending() && d.nefSubscriptionText() != null) {
                    released.add(d);
                }
            } else if (d.nefSubscriptionText() == null || d.state() == DeliveryState.NEGOTIATING) {
                interrupted.add(new Interrupted(d, foundFor.get(d.id())));
            } else {
                vanished.add(d);
            }
        }
        return new ReconciliationPlan(orphans, foreign, interrupted, vanished, released, matched);
    }

    /**
     * The stored delivery that proves a listed session this AF's: the live one that names the session, else the one
     * with its callback id (whatever callback base the address has: the base may change between two runs, the id not).
     */
    private static Optional<Delivery> owner(HeldSession s, Map<String, Delivery> bySession,
                                            Function<String, Optional<Delivery>> byCallback) {
        Delivery named = bySession.get(normalized(s.session()));
        if (named != null) {
            return Optional.of(named);
        }
        return s.callbackId() == null ? Optional.empty() : byCallback.apply(s.callbackId());
    }

    private static boolean same(String a, String b) {
        return normalized(a).equals(normalized(b));
    }

    private static String normalized(String session) {
        try {
            return URI.create(session).normalize().toString();
        } catch (IllegalArgumentException e) {
            return session;
        }
    }

    /** Nothing to do (sessions left alone as foreign need nothing either). */
    public boolean clean() {
        return orphans.isEmpty() && interrupted.isEmpty() && vanished.isEmpty() && released.isEmpty();
    }
}
