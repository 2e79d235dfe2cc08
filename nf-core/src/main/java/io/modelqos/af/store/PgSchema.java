package io.modelqos.af.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Creates and migrates the tables of a {@link PgDeliveryStore} at start, from the scripts {@code postgres/V<n>__*.sql}
 * next to this class, under a transaction-scoped advisory lock so that replicas starting together do not race.
 * The versions applied are recorded in {@code schema_version}.
 */
final class PgSchema {
    /** Logs under the store's name, as all of the store's parts do. */
    private static final Logger LOG = LoggerFactory.getLogger(PgDeliveryStore.class);
    /** The migrations, in order; an AF refuses a database migrated further than it knows. */
    static final List<String> MIGRATIONS = List.of("V1__deliveries.sql");

    private final AsyncPgPool db;
    private final String schema;

    PgSchema(AsyncPgPool db) {
        this.db = db;
        this.schema = db.schema();
    }

    /**
     * Brings the schema to the latest layout and returns it.
     *
     * @throws IllegalStateException when the schema was migrated by a newer AF, or a script is missing
     */
    int migrate() {
        return db.await(migration());
    }

    private Future<Integer> migration() {
        return db.inTransaction(conn -> conn.query("SELECT pg_advisory_xact_lock(hashtext('modelqos-migrate:"
                        + schema + "'))").execute()
                .compose(x -> conn.query("CREATE SCHEMA IF NOT EXISTS " + schema + "; CREATE TABLE IF NOT EXISTS "
                        + schema + ".schema_version (version int PRIMARY KEY, script text NOT NULL, "
                        + "applied_at timestamptz NOT NULL DEFAULT now())").execute())
                .compose(x -> conn.query("SELECT coalesce(max(version), 0) FROM " + schema + ".schema_version").execute())
                .compose(rows -> {
                    int current = rows.iterator().next().getInteger(0);
                    if (current > MIGRATIONS.size()) {
                        return Future.failedFuture(new IllegalStateException("schema " + schema + " has layout "
                                + current + "; this AF reads up to " + MIGRATIONS.size() + " (downgrade after an "
                                + "upgrade is not supported: restore the backup taken before the upgrade)"));
                    }
                    Future<Void> chain = Future.succeededFuture();
                    for (int v = current + 1; v <= MIGRATIONS.size(); v++) {
                        int version = v;
                        chain = chain.compose(y -> apply(conn, version));
                    }
                    return chain.map(y -> MIGRATIONS.size());
                }));
    }

    private Future<Void> apply(SqlConnection conn, int version) {
        String script = MIGRATIONS.get(version - 1);
        String sql;
        try (InputStream in = PgSchema.class.getResourceAsStream("postgres/" + script)) {
            if (in == null) {
                return Future.failedFuture(new IllegalStateException("migration " + script + " is missing"));
            }
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${schema}", schema);
        } catch (IOException e) {
            return Future.failedFuture(e);
        }
        LOG.info("delivery store: migrating schema {} to layout {} ({})", schema, version, script);
        return conn.query(sql).execute()
                .compose(x -> conn.preparedQuery("INSERT INTO " + schema + ".schema_version (version, script) VALUES ($1, $2)")
                        .execute(Tuple.of(version, script)))
                .mapEmpty();
    }
}
