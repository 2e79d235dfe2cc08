package io.modelqos.app;

import io.modelqos.af.config.AfConfig;
import io.modelqos.af.config.ConfigLoader;
import io.modelqos.nef.emulator.CapifOptions;
import io.modelqos.nef.emulator.EmulatorOptions;
import io.modelqos.nef.emulator.NefEmulator;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code modelqos capif onboard|status|offboard} and {@code serve --capif-root} against the emulator's CAPIF core
 * function, as an integrator types them.
 */
class CapifCommandTest {
    private static Vertx vertx;
    private static NefEmulator emulator;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        emulator = NefEmulator.start(vertx, new EmulatorOptions().setHost("127.0.0.1").setPort(0)
                .setCapif(new CapifOptions().setEnabled(true).setOnboardingTokens(List.of("cli-token")))).await();
    }

    @AfterAll
    static void stop() {
        emulator.close().await();
        vertx.close().await();
    }

    @Test
    void onboardStatusAndOffboardByHand(@TempDir Path dir) throws Exception {
        Path token = dir.resolve("token");
        Files.writeString(token, "cli-token\n");
        String data = dir.resolve("data").toString();
        CommandRun notYet = CommandRun.of("capif", "status", "--capif-root", emulator.capifRoot(), "--data-dir", data);
        assertEquals(1, notYet.exitCode());
        assertTrue(notYet.err().contains("not onboarded"), notYet.err());

        int before = emulator.onboardingCount();
        CommandRun onboard = CommandRun.of("capif", "onboard", "--capif-root", emulator.capifRoot(),
                "--capif-onboarding-token-file", token.toString(), "--data-dir", data);
        assertEquals(0, onboard.exitCode(), onboard.err());
        assertTrue(onboard.out().contains("API invoker id:"), onboard.out());
        assertTrue(onboard.out().contains("certificate:      valid until "), onboard.out());
        assertEquals(before + 1, emulator.onboardingCount());

        CommandRun again = CommandRun.of("capif", "onboard", "--capif-root", emulator.capifRoot(),
                "--capif-onboarding-token-file", token.toString(), "--data-dir", data);
        assertTrue(again.out().startsWith("Already onboarded"), again.out());
        assertEquals(before + 1, emulator.onboardingCount(), "not twice");

        CommandRun status = CommandRun.of("capif", "status", "--capif-root", emulator.capifRoot(), "--data-dir", data);
        assertEquals(0, status.exitCode(), status.err());
        assertTrue(status.out().contains("onboarding URI:   " + emulator.capifRoot()
                + "/api-invoker-management/v1/onboardedInvokers/"), status.out());

        CommandRun offboard = CommandRun.of("capif", "offboard", "--capif-root", emulator.capifRoot(), "--data-dir", data);
        assertEquals(0, offboard.exitCode(), offboard.err());
        assertTrue(offboard.out().startsWith("Offboarded API invoker "), offboard.out());
        assertFalse(Files.exists(dir.resolve("data/capif/invoker.json")));
        assertEquals(0, emulator.onboardedInvokerIds().stream().filter(id -> offboard.out().contains(id)).count());
    }

    @Test
    void clearErrorsWithoutCapifWithoutATokenAndWithCapifDown(@TempDir Path dir) throws Exception {
        CommandRun none = CommandRun.of("capif", "status", "--data-dir", dir.toString());
        assertEquals(2, none.exitCode());
        assertTrue(none.err().contains("no CAPIF configured (--capif-root or MODELQOS_CAPIF_ROOT)"), none.err());

        CommandRun noToken = CommandRun.of("capif", "onboard", "--capif-root", emulator.capifRoot(),
                "--data-dir", dir.toString());
        assertEquals(1, noToken.exitCode());
        assertTrue(noToken.err().contains("no onboarding token is configured"), noToken.err());

        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Path token = dir.resolve("token");
        Files.writeString(token, "cli-token");
        CommandRun down = CommandRun.of("capif", "onboard", "--capif-root", "http://127.0.0.1:" + closed,
                "--capif-onboarding-token-file", token.toString(), "--data-dir", dir.toString());
        assertEquals(1, down.exitCode());
        assertTrue(down.err().contains(": no answer"), down.err());

        // serve does not come up without its NEF: one line with CAPIF's reason, exit 1, for its supervisor to retry.
        CommandRun serveDown = CommandRun.of("serve", "--host", "127.0.0.1", "--port", "0", "--capif-root",
                "http://127.0.0.1:" + closed, "--capif-onboarding-token-file", token.toString(),
                "--data-dir", dir.resolve("serve").toString());
        assertEquals(1, serveDown.exitCode());
        assertTrue(serveDown.err().startsWith("modelqos serve: CAPIF http://127.0.0.1:" + closed + ": CAPIF onboard "),
                serveDown.err());
        assertTrue(serveDown.err().contains(": no answer"), serveDown.err());
    }

    @Test
    void serveWithCapifNeedsNoNefAndSaysWhichExposingFunctionItUses(@TempDir Path dir) throws Exception {
        Path token = dir.resolve("token");
        Files.writeString(token, "cli-token");
        AfConfig config = ConfigLoader.load(null, Map.of("MODELQOS_CAPIF_ROOT", emulator.capifRoot(),
                "MODELQOS_CAPIF_ONBOARDING_TOKEN_FILE", token.toString()), Map.of("host", "127.0.0.1", "port", "0",
                "dataDir", dir.resolve("data").toString()));
        try (AfRuntime runtime = AfRuntime.start(config)) {
            assertEquals(null, runtime.emulator(), "no embedded emulator: the NEF is the discovered one");
            HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(runtime.managementUri() + "/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ready.statusCode(), ready.body());
            assertTrue(ready.body().contains("\"apiRoot\":\"" + emulator.apiRoot() + "\""), ready.body());
            assertTrue(ready.body().contains("\"apiInvokerId\":\"" + runtime.capif().credentials().apiInvokerId()),
                    ready.body());
        }
        CommandRun help = CommandRun.of("serve", "--help");
        assertTrue(help.out().contains("--capif-root") && help.out().contains("--capif-onboarding-token-file"));
        CommandRun conflict = CommandRun.of("serve", "--capif-root", emulator.capifRoot(), "--nef-api-root",
                "http://127.0.0.1:1", "--scs-as-id", "af");
        assertEquals(2, conflict.exitCode());
        assertTrue(conflict.err().contains("nef.apiRoot: not with capif.capifRoot"), conflict.err());
    }
}
