package io.modelqos.af.engine;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.southbound.QosSessions.HeldSession;

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
 * the store and the network's list of the AF's sessions. A session belongs to the delivery whose callback id it
 * notifies (unguessable, one per delivery).
 *
 * @param orphans     subscriptions no live delivery owns (unknown callback id, an ended delivery, a duplicate): delete
 * @param interrupted deliveries whose NEF create was under way when the AF stopped (no subscription stored), with
 *                    the subscription the NEF made for it if any: the AF deletes it and fails the delivery
 * @param vanished    live deliveries whose stored subscription the NEF no longer holds: failed and reported
 * @param released    ended deliveries whose subscription was still to be deleted and is gone: nothing left to do
 * @param matched     live deliveries whose subscription the NEF holds, as stored
 */
public record ReconciliationPlan(List<HeldSession> orphans, List<Interrupted> interrupted, List<Delivery> vanished,
                                 List<Delivery> released, int matched) {

    /** A delivery whose create outcome was unknown, and the subscription the NEF made for it (or null). */
    public record Interrupted(Delivery delivery, String foundAtNef) {
    }

    /**
     * @param live        the store's live deliveries (not final, or a release pending)
     * @param atNef       every subscription the NEF lists for the AF's scsAsId
     * @param byCallback  the store's look-up by callback id (finds ended deliveries too)
     * @param inFlight    deliveries not to judge: creates with the NEF right now in this process, and deliveries
     *                    made after {@code live} was read (an ended one is judged all the same: its subscription goes)
     */
    public static ReconciliationPlan of(List<Delivery> live, List<HeldSession> atNef,
                                        Function<String, Optional<Delivery>> byCallback, Predicate<String> inFlight) {
        List<HeldSession> orphans = new ArrayList<>();
        Map<String, String> foundForUnknown = new HashMap<>();
        Set<String> seen = new HashSet<>();
        int matched = 0;
        for (HeldSession s : atNef) {
            String callbackId = s.callbackId();
            Optional<Delivery> owner = callbackId == null ? Optional.empty() : byCallback.apply(callbackId);
            if (owner.isEmpty()) {
                orphans.add(s);
                continue;
            }
            Delivery d = owner.get();
            if (d.state().isFinal() && !d.releasePending()) {
                orphans.add(s);
            } else if (inFlight.test(d.id())) {
                continue;
            } else if (d.nefSubscriptionText() == null) {
                if (d.state().isFinal() || foundForUnknown.putIfAbsent(d.id(), s.session()) != null) {
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
            } else if (d.nefSubscriptionText() == null) {
                interrupted.add(new Interrupted(d, foundForUnknown.get(d.id())));
            } else {
                vanished.add(d);
            }
        }
        return new ReconciliationPlan(orphans, interrupted, vanished, released, matched);
    }

    private static boolean same(String a, String b) {
        return java.net.URI.create(a).normalize().toString().equals(java.net.URI.create(b).normalize().toString());
    }

    /** Nothing to do. */
    public boolean clean() {
        return orphans.isEmpty() && interrupted.isEmpty() && vanished.isEmpty() && released.isEmpty();
    }
}
