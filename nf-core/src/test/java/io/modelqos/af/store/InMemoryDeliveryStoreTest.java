package io.modelqos.af.store;

/** The store contract, for the in-memory store. */
class InMemoryDeliveryStoreTest extends DeliveryStoreContract {
    @Override
    protected DeliveryStore openEmpty() {
        return new InMemoryDeliveryStore();
    }
}
