package io.modelqos.e2e;

import io.modelqos.nef.emulator.CapifOptions;
import io.modelqos.nef.emulator.EmulatorOptions;
import io.modelqos.nef.emulator.NefEmulator;
import io.modelqos.testing.EventLoopGuard;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the end-to-end tests of the AF through the emulator's CAPIF share: one emulator with CAPIF per test class
 * (started by the subclass, over plain HTTP or TLS), an AF through it per test in a data directory of its own, and the
 * onboardings the emulator counted since the test began.
 */
abstract class CapifEmulatorTestBase {
    static final String ONBOARDING_TOKEN = "e2e-onboarding-token";

    static Vertx vertx;
    static NefEmulator emulator;

    @TempDir
    Path dir;
    AfThroughCapif af;
    private int onboardingsBefore;

    /** Starts the class's emulator from {@code options}, with CAPIF on and {@link #ONBOARDING_TOKEN} accepted. */
    static void startEmulator(EmulatorOptions options) {
        vertx = EventLoopGuard.vertx();
        emulator = NefEmulator.start(vertx, options.setCapif(new CapifOptions().setEnabled(true)
                .setOnboardingTokens(List.of(ONBOARDING_TOKEN)))).await();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close().await();
        vertx.close().await();
    }

    @BeforeEach
    void countOnboardings() {
        onboardingsBefore = emulator.onboardingCount();
    }

    @AfterEach
    void stop() {
        stopAf();
    }

    /** Onboardings at the emulator since this test began. */
    int onboardings() {
        return emulator.onboardingCount() - onboardingsBefore;
    }

    /** Starts the AF through the emulator's CAPIF, with {@code config} on top of what {@link AfThroughCapif} sets. */
    void startAf(Map<String, String> config) throws Exception {
        af = AfThroughCapif.start(vertx, dir, emulator.capifRoot(), ONBOARDING_TOKEN, config);
    }

    void stopAf() {
        if (af != null) {
            af.close();
            af = null;
        }
    }
}
