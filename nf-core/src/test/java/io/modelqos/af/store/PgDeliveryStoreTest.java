package io.modelqos.af.store;

/** The store contract, with restarts, for the PostgreSQL store, against a real PostgreSQL server. */
class PgDeliveryStoreTest extends PersistentDeliveryStoreContract {
    private String schema;

    @Override
    protected DeliveryStore openEmpty() {
        schema = EmbeddedPostgresServer.newSchema();
        return PgDeliveryStore.open(EmbeddedPostgresServer.options(schema, "replica-a"));
    }

    @Override
    protected DeliveryStore reopen(DeliveryStore old) {
        old.close();
        return PgDeliveryStore.open(EmbeddedPostgresServer.options(schema, "replica-a"));
    }
}
