package io.modelqos.app;

import io.modelqos.af.config.AfConfig;
import io.modelqos.af.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Verifies {@code serve}'s management listener: its flags, the settings it refuses, and what the runtime reports. */
class ServeCommandTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void offersTheManagementListenerFlags() {
        CommandRun run = CommandRun.of("serve", "--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("--management-port"), run.out());
        assertTrue(run.out().contains("--management-host"), run.out());
    }

    @Test
    void refusesAManagementListenerItCannotHaveWithExitCodeTwoNamingTheSetting() {
        CommandRun badPort = CommandRun.of("serve", "--management-port", "70000");
        assertEquals(2, badPort.exitCode());
        assertTrue(badPort.err().contains("management.port: 70000 is not a TCP port"), badPort.err());

        CommandRun samePort = CommandRun.of("serve", "--port", "9000", "--management-port", "9000");
        assertEquals(2, samePort.exitCode());
        assertTrue(samePort.err().contains("management.port: 9000 is the API's port"), samePort.err());

        CommandRun hostAlone = CommandRun.of("serve", "--management-host", "10.0.0.7");
        assertEquals(2, hostAlone.exitCode());
        assertTrue(hostAlone.err().contains("management.host: has no effect without management.port"), hostAlone.err());
    }

    @Test
    void takesTheNefsTokenFileByNameAndRefusesOneItCannotReadNamingTheSetting() {
        CommandRun help = CommandRun.of("serve", "--help");
        assertTrue(help.out().contains("--nef-token-file"), help.out());

        CommandRun missing = CommandRun.of("serve", "--nef-api-root", "https://nef.example.net", "--scs-as-id", "af",
                "--nef-token-file", "/nonexistent/nef-token");
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("nef.tokenFile: cannot read /nonexistent/nef-token"), missing.err());
    }

    @Test
    void theRuntimeReportsWhereHealthAndMetricsAreServed() throws Exception {
        AfConfig config = ConfigLoader.load(null, Map.of(), Map.of("host", "127.0.0.1", "port", "0",
                "management.port", "0"));
        try (AfRuntime runtime = AfRuntime.start(config)) {
            assertNotEquals(runtime.baseUri(), runtime.managementUri());
            assertTrue(runtime.managementUri().startsWith("http://127.0.0.1:"), runtime.managementUri());
            assertEquals(200, get(runtime.managementUri() + "/health/ready").statusCode());
            assertEquals(200, get(runtime.managementUri() + "/metrics").statusCode());
            assertEquals(404, get(runtime.baseUri() + "/metrics").statusCode());
            assertEquals(200, get(runtime.baseUri() + "/model-delivery/v1/deliveries").statusCode());
        }
    }

    private static HttpResponse<String> get(String uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
