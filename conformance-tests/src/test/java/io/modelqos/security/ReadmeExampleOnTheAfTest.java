package io.modelqos.security;

import io.modelqos.client.ModelQosException;
import io.modelqos.client.example.UsingTheSdkExample;
import io.modelqos.client.model.Delivery;
import io.modelqos.client.model.DeliveryState;
import io.modelqos.testing.EventLoopGuard;
import io.modelqos.nef.emulator.NefEmulator;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Runs the af-client README's example, unchanged (the very class the README's code block is checked against), against
 * the real AF configured as {@code ./modelqos serve} configures it from its environment: open, and with
 * {@code MODELQOS_API_KEYS}.
 */
class ReadmeExampleOnTheAfTest {
    private static final String KEY = "readme-example-key-0123456789";

    @Test
    void runsWithoutATokenAgainstAnOpenAf() throws Exception {
        try (SecureAf af = SecureAf.start(SecureAf.emulatorOptions(), Map.of())) {
            Delivery ended = UsingTheSdkExample.deliverResnet50(af.root(), null);

            assertEquals(DeliveryState.COMPLETED, ended.state(), ended.toString());
            assertEquals(0, af.emulator.liveSubscriptionCount(), "the session is released");
        }
    }

    @Test
    void runsWithTheKeyAgainstAnAfWithApiKeysAndIsTurnedAwayWithoutIt() throws Exception {
        Vertx vertx = EventLoopGuard.vertx();
        NefEmulator emulator = SecureAf.await(NefEmulator.start(vertx, SecureAf.emulatorOptions()));
        try (SecureAf af = SecureAf.start(vertx, emulator, emulator.apiRoot(), Map.of(),
                Map.of("MODELQOS_API_KEYS", "tenant-readme:" + KEY), null, true)) {
            Delivery ended = UsingTheSdkExample.deliverResnet50(af.root(), KEY);
            assertEquals(DeliveryState.COMPLETED, ended.state(), ended.toString());

            ModelQosException refused = assertThrows(ModelQosException.class,
                    () -> UsingTheSdkExample.deliverResnet50(af.root(), null));
            assertEquals(401, refused.status(), refused.toString());
            assertEquals(0, af.emulator.liveSubscriptionCount(), "nothing is left at the network");
        }
    }
}
