package io.modelqos.af.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the AF keeps its deliveries (configuration section {@code store}).
 *
 * @param kind               {@code mvstore} (an H2 MVStore file under the data directory) or {@code memory} (lost on
 *                           restart); null = {@code mvstore} with a NEF configured, {@code memory} with the embedded
 *                           NEF emulator (whose subscriptions die with the process anyway)
 * @param fsync              flush the file to disk on every write, so that a crash of the machine loses nothing either
 *                           (default false: every write survives a crash of the process)
 * @param reconcileIntervalS how often the AF checks the NEF's subscriptions against its deliveries after the check at
 *                           start (default 300; 0 = only at start); only with a persistent store
 * @param backupIntervalS    write an online backup of the MVStore file every this many seconds (default 0 = never)
 * @param backupDir          where the backups go (default {@code <dataDir>/backups})
 * @param backupKeep         how many backups to keep (default 24)
 * @param postgres           the PostgreSQL database shared by several AF replicas ({@code kind: postgres})
 * @param endedRetentionS    how long an ended delivery stays readable (read, list, its event stream) before it is
 *                           purged with its events (default 3600, at least {@value #MIN_ENDED_RETENTION_S}): what the
 *                           store keeps under churn is this times the rate of deliveries
 */
public record StoreOptions(String kind, Boolean fsync, Long reconcileIntervalS, Long backupIntervalS, String backupDir,
                           Integer backupKeep, PostgresOptions postgres, Long endedRetentionS) {
    public static final String MVSTORE = "mvstore";
    public static final String MEMORY = "memory";
    public static final String POSTGRES = "postgres";
    /** The purge runs once a minute: a shorter retention would not be kept to. */
    public static final long MIN_ENDED_RETENTION_S = 60;
    public static final StoreOptions DEFAULTS = new StoreOptions(null, null, null, null, null, null, null, null);

    /** Without a {@code postgres} section, with the default retention. */
    public StoreOptions(String kind, Boolean fsync, Long reconcileIntervalS, Long backupIntervalS, String backupDir,
                        Integer backupKeep) {
        this(kind, fsync, reconcileIntervalS, backupIntervalS, backupDir, backupKeep, null, null);
    }

    public PostgresOptions postgresOrDefault() {
        return postgres == null ? PostgresOptions.DEFAULTS : postgres;
    }

    /** The kind in force, given whether the NEF is the embedded emulator. */
    public String kindOrDefault(boolean embeddedNef) {
        return kind == null || kind.isBlank() ? (embeddedNef ? MEMORY : MVSTORE) : kind.toLowerCase(Locale.ROOT);
    }

    public boolean fsyncOrDefault() {
        return fsync != null && fsync;
    }

    public long reconcileIntervalOrDefault() {
        return reconcileIntervalS == null ? 300 : reconcileIntervalS;
    }

    public java.time.Duration endedRetentionOrDefault() {
        return java.time.Duration.ofSeconds(endedRetentionS == null ? 3600 : endedRetentionS);
    }

    public long backupIntervalOrDefault() {
        return backupIntervalS == null ? 0 : backupIntervalS;
    }

    public java.nio.file.Path backupDirOrDefault(java.nio.file.Path dataDir) {
        return backupDir == null || backupDir.isBlank() ? dataDir.resolve("backups") : java.nio.file.Path.of(backupDir);
    }

    public int backupKeepOrDefault() {
        return backupKeep == null ? 24 : backupKeep;
    }

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (kind != null && !kind.isBlank() && !List.of(MVSTORE, MEMORY, POSTGRES).contains(kind.toLowerCase(Locale.ROOT))) {
            problems.add("store.kind: '" + kind + "' is not one of mvstore, memory, postgres");
        }
        if (POSTGRES.equalsIgnoreCase(kind)) {
            problems.addAll(postgresOrDefault().problems());
        }
        if (reconcileIntervalS != null && reconcileIntervalS < 0) {
            problems.add("store.reconcileIntervalS: must not be negative");
        }
        if (endedRetentionS != null && endedRetentionS < MIN_ENDED_RETENTION_S) {
            problems.add("store.endedRetentionS: must be at least " + MIN_ENDED_RETENTION_S
                    + " (ended deliveries are purged once a minute)");
        }
        if (backupIntervalS != null && backupIntervalS < 0) {
            problems.add("store.backupIntervalS: must not be negative");
        }
        if (backupKeep != null && backupKeep < 1) {
            problems.add("store.backupKeep: must be at least 1");
        }
        return problems;
    }
}
