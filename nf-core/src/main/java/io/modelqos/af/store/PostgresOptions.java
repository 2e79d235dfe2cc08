package io.modelqos.af.store;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The PostgreSQL database that several AF replicas share (configuration section {@code store.postgres}).
 *
 * @param url              {@code postgresql://host:port/database} (user and password may be given here or apart)
 * @param user             the database user, when not in the URL
 * @param password         its password (prefer {@code MODELQOS_STORE_PASSWORD_FILE})
 * @param schema           the schema the AF's tables live in (default {@code modelqos}; created if missing)
 * @param poolSize         connections per replica (default 8); each pipelines its statements, so a few suffice even
 *                         with the database a few milliseconds away
 * @param replicaId        this replica's name, unique in the cluster and stable across its restarts (default: the
 *                         host name); a replica restarted under the same name takes its deliveries back at once
 * @param heartbeatMs      how often the replica tells the others it is alive (default 2000)
 * @param replicaTimeoutMs after how long without a heartbeat a replica is taken for dead and its deliveries are
 *                         adopted by the others (default 15000; at least three heartbeats)
 * @param relayPollMs      how often a replica looks for notifications and requests that other replicas relayed to it
 *                         for its deliveries, besides being told at once by LISTEN/NOTIFY (the safety net for a notice
 *                         lost in a reconnect) (default 1000)
 */
public record PostgresOptions(String url, String user, String password, String schema, Integer poolSize,
                              String replicaId, Long heartbeatMs, Long replicaTimeoutMs, Long relayPollMs) {
    public static final PostgresOptions DEFAULTS = new PostgresOptions(null, null, null, null, null, null, null, null, null);

    /** The same database and settings for another replica. */
    public PostgresOptions withReplicaId(String id) {
        return new PostgresOptions(url, user, password, schema, poolSize, id, heartbeatMs, replicaTimeoutMs, relayPollMs);
    }

    public String schemaOrDefault() {
        return schema == null || schema.isBlank() ? "modelqos" : schema;
    }

    public int poolSizeOrDefault() {
        return poolSize == null ? 8 : poolSize;
    }

    public String replicaIdOrDefault() {
        if (replicaId != null && !replicaId.isBlank()) {
            return replicaId;
        }
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "modelqos-af";
            }
        }
        return host;
    }

    public long heartbeatOrDefault() {
        return heartbeatMs == null ? 2000 : heartbeatMs;
    }

    public long replicaTimeoutOrDefault() {
        return replicaTimeoutMs == null ? 15_000 : replicaTimeoutMs;
    }

    public long relayPollOrDefault() {
        return relayPollMs == null ? 1_000 : relayPollMs;
    }

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (url == null || url.isBlank()) {
            problems.add("store.postgres.url: required with store.kind postgres (postgresql://host:port/database)");
        } else {
            try {
                String scheme = URI.create(url).getScheme();
                if (scheme == null || !List.of("postgresql", "postgres").contains(scheme.toLowerCase(Locale.ROOT))) {
                    problems.add("store.postgres.url: '" + url + "' is not a postgresql:// URL");
                }
            } catch (IllegalArgumentException e) {
                problems.add("store.postgres.url: not a URL (" + e.getMessage() + ")");
            }
        }
        if (schema != null && !schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            problems.add("store.postgres.schema: '" + schema + "' must be a lower-case SQL identifier");
        }
        if (poolSize != null && poolSize < 1) {
            problems.add("store.postgres.poolSize: must be at least 1");
        }
        if (heartbeatMs != null && heartbeatMs < 10) {
            problems.add("store.postgres.heartbeatMs: must be at least 10");
        }
        if (replicaTimeoutMs != null && replicaTimeoutMs < 3 * heartbeatOrDefault()) {
            problems.add("store.postgres.replicaTimeoutMs: must be at least three heartbeats ("
                    + 3 * heartbeatOrDefault() + " ms)");
        }
        if (relayPollMs != null && relayPollMs < 1) {
            problems.add("store.postgres.relayPollMs: must be at least 1");
        }
        return problems;
    }
}
