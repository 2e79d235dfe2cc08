package io.modelqos.af.store;

/**
 * A replica tried to write a delivery after the cluster had taken it for dead: another replica adopted the delivery,
 * or will. The write is refused so that the adopter's state stands; the replica rejoins at its next heartbeat.
 */
public final class OwnershipLostException extends IllegalStateException {
    public OwnershipLostException(String deliveryId, String replicaId) {
        super("replica " + replicaId + " may not write delivery " + deliveryId + ": the cluster took the replica for "
                + "dead (its heartbeat lapsed) and the delivery is, or is about to be, adopted by another replica");
    }
}
