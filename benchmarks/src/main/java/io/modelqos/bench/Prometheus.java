package io.modelqos.bench;

/** Reads one sample of the Prometheus text exposition an AF serves at {@code /metrics}. */
final class Prometheus {
    private Prometheus() {
    }

    /**
     * The value of the sample named exactly {@code name} (without labels), e.g. {@code modelqos_monitored_deliveries};
     * fails when the exposition has none.
     */
    static double value(String exposition, String name) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(name + " ")) {
                String[] parts = line.trim().split(" ");
                return Double.parseDouble(parts[1]);
            }
        }
        throw new IllegalStateException("no sample " + name + " in the AF's metrics");
    }
}
