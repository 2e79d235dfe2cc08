package io.modelqos.af.recovery;

import io.modelqos.af.delivery.Delivery;
import io.modelqos.af.delivery.DeliveryService;
import io.modelqos.af.nef.NefSubscription;

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
 * What the AF has to do so that the NEF holds exactly the subscriptions of its live deliveries, worked out from
 * the store and the NEF's list of the AF's subscriptions. A subscription belongs to the delivery whose callback id
 * is the last segment of its {@code notificationDestination} (unguessable, one per delivery).
 *
 * @param orphans     subscriptions no live delivery owns (unknown callback id, an ended delivery, a duplicate): delete
 * @param interrupted deliveries whose NEF create was under way when the AF stopped (no subscription stored), with
 *                    the subscription the NEF made for it if any: the AF deletes it and fails the delivery
 * @param vanished    live deliveries whose stored subscription the NEF no longer holds: failed and reported
 * @param released    ended deliveries whose subscription was still to be deleted and is gone: nothing left to do
 * @param matched     live deliveries whose subscription the NEF holds, as stored
 */
public record ReconciliationPlan(List<NefSubscription> orphans, List<Interrupted> interrupted, List<Delivery> vanished,
                                 List<Delivery> released, int matched) {

    /** A delivery whose create outcome was unknown, and the subscription the NEF made for it (or null). */
    public record Interrupted(Delivery delivery, URI foundAtNef) {
    }

    /**
     * @param live        the store's live deliveries (not final, or a release pending)
     * @param atNef       every subscription the NEF lists for the AF's scsAsId
     * @param byCallback  the store's look-up by callback id (finds ended deliveries too)
     * @param inFlight    deliveries not to judge: creates with the NEF right now in this process, and deliveries
     *                    made after {@code live} was read (an ended one is judged all the same: its subscription goes)
     */
    public static ReconciliationPlan of(List<Delivery> live, List<NefSubscription> atNef,
                                        Function<String, Optional<Delivery>> byCallback, Predicate<String> inFlight) {
        List<NefSubscription> orphans = new ArrayList<>();
        Map<String, URI> foundForUnknown = new HashMap<>();
        Set<String> seen = new HashSet<>();
        int matched = 0;
        for (NefSubscription s : atNef) {
            String callbackId = callbackIdOf(s);
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
            } else if (d.nefSubscription() == null) {
                if (d.state().isFinal() || foundForUnknown.putIfAbsent(d.id(), s.uri()) != null) {
                    orphans.add(s);
                }
            } else if (same(d.nefSubscription(), s.uri()) && seen.add(d.id())) {
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
                if (d.releasePending() && d.nefSubscription() != null) {
                    released.add(d);
                }
            } else if (d.nefSubscription() == null) {
                interrupted.add(new Interrupted(d, foundForUnknown.get(d.id())));
            } else {
                vanished.add(d);
            }
        }
        return new ReconciliationPlan(orphans, interrupted, vanished, released, matched);
    }

    /** The callback id in a subscription's notificationDestination, or null when it is not an AF callback URL. */
    static String callbackIdOf(NefSubscription s) {
        String destination = s.body() == null ? null : s.body().getNotificationDestination();
        if (destination == null) {
            return null;
        }
        int at = destination.lastIndexOf(DeliveryService.CALLBACK_PATH);
        if (at < 0) {
            return null;
        }
        String id = destination.substring(at + DeliveryService.CALLBACK_PATH.length());
        return id.isEmpty() || id.contains("/") ? null : id;
    }

    private static boolean same(URI a, URI b) {
        return a.normalize().toString().equals(b.normalize().toString());
    }

    /** Nothing to do. */
    public boolean clean() {
        return orphans.isEmpty() && interrupted.isEmpty() && vanished.isEmpty() && released.isEmpty();
    }
}
