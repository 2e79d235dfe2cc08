package io.modelqos.app.demo;

import java.time.Duration;
import java.util.Objects;

/**
 * How the demo runs.
 *
 * @param seed           seeds the emulator (rate noise), the choice of degraded scenarios and the model bytes
 * @param scenarios      which scenarios to run ({@link DemoScenario#select}); null = all 21
 * @param degraded       how many 1 s scenarios the network admits get a QoS degradation episode (0 = none)
 * @param episode        the episode those scenarios get
 * @param setupAllowance the part of each budget the AF keeps for connection set-up (its {@code setupAllowanceMs})
 * @param probeBytes     bytes of the unshaped loopback measurement at the start
 */
public record DemoSettings(long seed, String scenarios, int degraded, Episode episode, Duration setupAllowance,
                           long probeBytes, String southbound) {

    /** With the default southbound (the NEF). */
    public DemoSettings(long seed, String scenarios, int degraded, Episode episode, Duration setupAllowance,
                        long probeBytes) {
        this(seed, scenarios, degraded, episode, setupAllowance, probeBytes, "nef");
    }

    /**
     * A QoS degradation episode of the emulator's fault plan ({@code faults.qosDegradation}): from
     * {@code startAfterMs} after admission for {@code durationMs}, the network delivers the next lower
     * alternative the AF offered, or the granted rate x {@code rateFactor} when there is none.
     */
    public record Episode(long startAfterMs, long durationMs, double rateFactor) {
        public Episode {
            if (startAfterMs < 0 || durationMs < 1 || rateFactor <= 0 || rateFactor > 1) {
                throw new IllegalArgumentException("an episode needs startAfterMs >= 0, durationMs >= 1 and a "
                        + "rateFactor in (0, 1]");
            }
        }
    }

    /** 200 ms into the session, for 300 ms: well inside a 1 s download. */
    public static final Episode DEFAULT_EPISODE = new Episode(200, 300, 0.5);

    public DemoSettings {
        Objects.requireNonNull(episode, "episode");
        Objects.requireNonNull(setupAllowance, "setupAllowance");
        if (degraded < 0) {
            throw new IllegalArgumentException("the number of degraded scenarios must not be negative, was " + degraded);
        }
        if (setupAllowance.isNegative()) {
            throw new IllegalArgumentException("the setup allowance must not be negative, was " + setupAllowance);
        }
        if (probeBytes < 1) {
            throw new IllegalArgumentException("probeBytes must be positive");
        }
    }

    /** Seed 1, all scenarios, two degraded, no setup allowance, a 256 MiB loopback measurement. */
    public static DemoSettings defaults() {
        return new DemoSettings(1, null, 2, DEFAULT_EPISODE, Duration.ZERO, 256L * 1024 * 1024);
    }

    public DemoSettings withSeed(long newSeed) {
        return new DemoSettings(newSeed, scenarios, degraded, episode, setupAllowance, probeBytes, southbound);
    }

    public DemoSettings withScenarios(String filter) {
        return new DemoSettings(seed, filter, degraded, episode, setupAllowance, probeBytes, southbound);
    }

    public DemoSettings withDegraded(int count) {
        return new DemoSettings(seed, scenarios, count, episode, setupAllowance, probeBytes, southbound);
    }

    public DemoSettings withSetupAllowance(Duration allowance) {
        return new DemoSettings(seed, scenarios, degraded, episode, allowance, probeBytes, southbound);
    }

    public DemoSettings withProbeBytes(long bytes) {
        return new DemoSettings(seed, scenarios, degraded, episode, setupAllowance, bytes, southbound);
    }

    /** The network the AF asks: "nef" (T8) or "pcf" (N5), on the embedded emulator either way. */
    public DemoSettings withSouthbound(String kind) {
        return new DemoSettings(seed, scenarios, degraded, episode, setupAllowance, probeBytes, kind);
    }
}
