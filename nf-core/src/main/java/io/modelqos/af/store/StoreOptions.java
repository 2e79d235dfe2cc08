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
 */
public record StoreOptions(String kind, Boolean fsync, Long reconcileIntervalS) {
    public static final String MVSTORE = "mvstore";
    public static final String MEMORY = "memory";
    public static final StoreOptions DEFAULTS = new StoreOptions(null, null, null);

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

    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (kind != null && !kind.isBlank() && !List.of(MVSTORE, MEMORY).contains(kind.toLowerCase(Locale.ROOT))) {
            problems.add("store.kind: '" + kind + "' is not one of mvstore, memory");
        }
        if (reconcileIntervalS != null && reconcileIntervalS < 0) {
            problems.add("store.reconcileIntervalS: must not be negative");
        }
        return problems;
    }
}
