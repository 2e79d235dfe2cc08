package io.modelqos.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelqos.nef.emulator.CapifOptions;
import io.modelqos.nef.emulator.EmulatorOptions;
import io.modelqos.nef.emulator.NefEmulator;
import io.vertx.core.Vertx;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The {@code nef-emulator} flags: --capif and its onboarding token, --tls-cert and --tls-key, and what the console then says. */
class NefEmulatorCommandTest {

    private static EmulatorOptions parse(String... args) {
        NefEmulatorCommand command = new NefEmulatorCommand();
        new CommandLine(command).parseArgs(args);
        return command.options();
    }

    @Test
    void capifIsOffUnlessAsked() {
        assertFalse(parse().getCapif().isEnabled());
        EmulatorOptions capif = parse("--capif");
        assertTrue(capif.getCapif().isEnabled());
        assertEquals(List.of(CapifOptions.DEV_ONBOARDING_TOKEN), capif.getCapif().getOnboardingTokens());
        assertEquals(List.of("operator-token"), parse("--capif", "--capif-onboarding-token", "operator-token").getCapif().getOnboardingTokens());
    }

    @Test
    void anOnboardingTokenWithoutCapifIsAMistake() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("--capif-onboarding-token", "t"));
        assertTrue(e.getMessage().contains("--capif"), e.getMessage());
        CommandRun run = CommandRun.of("nef-emulator", "--port", "0", "--capif-onboarding-token", "t");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--capif-onboarding-token needs --capif"), run.err());
    }

    @Test
    void tlsTakesACertificateAndItsKey() {
        assertFalse(parse().getTls().isEnabled());
        EmulatorOptions tls = parse("--tls-cert", "certs/server.crt", "--tls-key", "certs/server.key");
        assertEquals("certs/server.crt", tls.getTls().getCertFile());
        assertEquals("certs/server.key", tls.getTls().getKeyFile());
        CommandRun run = CommandRun.of("nef-emulator", "--port", "0", "--tls-cert", "certs/server.crt");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--tls-cert and --tls-key go together: --tls-key is missing"), run.err());
    }

    @Test
    void theConsoleNamesTheCapifRootAndTheDevelopmentToken() {
        Vertx vertx = Vertx.vertx();
        try {
            EmulatorOptions dev = parse("--capif", "--port", "0");
            NefEmulator nef = NefEmulator.start(vertx, dev).await();
            List<String> lines = NefEmulatorCommand.startupLines(nef, dev);
            assertTrue(lines.contains("CAPIF root: " + nef.apiRoot() + "/capif"), lines.toString());
            assertTrue(lines.contains("CAPIF onboarding token (development default): " + CapifOptions.DEV_ONBOARDING_TOKEN), lines.toString());
            nef.close().await();

            EmulatorOptions operator = parse("--capif", "--port", "0", "--capif-onboarding-token", "secret-from-operator");
            nef = NefEmulator.start(vertx, operator).await();
            lines = NefEmulatorCommand.startupLines(nef, operator);
            assertFalse(String.join("\n", lines).contains("secret-from-operator"), "a configured token is not printed");
            nef.close().await();

            EmulatorOptions plain = parse("--port", "0");
            nef = NefEmulator.start(vertx, plain).await();
            assertEquals(1, NefEmulatorCommand.startupLines(nef, plain).size());
            nef.close().await();
        } finally {
            vertx.close().await();
        }
    }
}
