package io.modelqos.af.store;

/**
 * A replica tried to write a delivery that another replica adopted meanwhile (this one had been taken for dead):
 * the write is refused so that the adopter's state stands.
 */
public final class OwnershipLostException extends IllegalStateException {
    public OwnershipLostException(String deliveryId, String replicaId) {
        super("delivery " + deliveryId + " is no longer owned by replica " + replicaId
                + " (it was taken for dead and the delivery adopted by another replica)");
    }
}
