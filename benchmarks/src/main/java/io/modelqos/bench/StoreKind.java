package io.modelqos.bench;

import java.util.Locale;

/** Where an AF of the bench keeps its deliveries ({@code --store}): the AF's {@code store.kind}. */
public enum StoreKind {
    POSTGRES, MVSTORE, MEMORY;

    /** The name in the AF's configuration and on the bench's command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the kinds there are */
    public static StoreKind parse(String text) {
        for (StoreKind kind : values()) {
            if (kind.label().equalsIgnoreCase(text.trim())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a store kind: use postgres, mvstore or memory");
    }

    /**
     * The AF's {@code store} section for this kind. For PostgreSQL each AF gets a schema and replica id of its own
     * (named after the AF), so that AFs of one run sharing the server do not share deliveries.
     *
     * @param postgresUrl the server (or the proxy in front of it); only for {@link #POSTGRES}
     */
    public String afConfig(String afName, String postgresUrl) {
        if (this != POSTGRES) {
            return "store:\n  kind: " + label() + "\n";
        }
        String id = afName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return "store:\n  kind: postgres\n  postgres:\n    url: " + postgresUrl + "\n    user: postgres\n"
                + "    schema: bench_" + id + "\n    replicaId: " + afName + "\n";
    }
}
