package io.modelqos.af.config;

import io.modelqos.af.security.DevCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Verifies the management section: from a file, the environment and a token file, its defaults, and its checks. */
class ManagementConfigTest {
    private static final String TOKEN = "metrics-token-4f1e2d3c4b5a6978";

    @TempDir
    Path dir;

    @Test
    void withoutTheSectionTheApiListenerServesOpenOperationsEndpoints() {
        ManagementOptions management = ConfigLoader.load(null, Map.of(), Map.of()).managementOrDefault();
        assertFalse(management.separateListener());
        assertNull(management.metricsTokenOrNull());
    }

    @Test
    void readsTheSectionFromAFileWithLoopbackAndTheApisTlsAsDefaults() throws Exception {
        Path file = dir.resolve("af.yaml");
        Files.writeString(file, "management: {port: 9090, metricsToken: " + TOKEN + "}\n");
        AfConfig config = ConfigLoader.load(file, Map.of(), Map.of());
        ManagementOptions management = config.managementOrDefault();
        assertTrue(management.separateListener());
        assertEquals(9090, management.port());
        assertEquals("127.0.0.1", management.hostOrDefault(), "reachable from the machine only until said otherwise");
        assertTrue(management.tlsAllowed());
        assertEquals(TOKEN, management.metricsTokenOrNull());
        assertFalse(config.toString().contains(TOKEN), "no metrics token in " + config);
    }

    @Test
    void readsVariablesAndTheTokenFromAFileWhichWinsOverTheVariable() throws Exception {
        Path token = dir.resolve("metrics-token");
        Files.writeString(token, TOKEN + "\n");
        ManagementOptions management = ConfigLoader.load(null, Map.of(
                "MODELQOS_MANAGEMENT_HOST", "0.0.0.0",
                "MODELQOS_MANAGEMENT_PORT", "0",
                "MODELQOS_MANAGEMENT_TLS", "false",
                "MODELQOS_METRICS_TOKEN", "from-the-variable-0123456789",
                "MODELQOS_METRICS_TOKEN_FILE", token.toString()), Map.of()).managementOrDefault();
        assertEquals("0.0.0.0", management.hostOrDefault());
        assertEquals(0, management.port(), "0: any free port");
        assertFalse(management.tlsAllowed());
        assertEquals(TOKEN, management.metricsTokenOrNull());
    }

    @Test
    void aTokenAloneGuardsTheMetricsOnTheApiListener() {
        ManagementOptions management = ConfigLoader.load(null, Map.of("MODELQOS_METRICS_TOKEN", TOKEN), Map.of())
                .managementOrDefault();
        assertFalse(management.separateListener());
        assertEquals(TOKEN, management.metricsTokenOrNull());
    }

    @Test
    void namesEveryBadSettingWithoutQuotingTheToken() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null,
                Map.of("MODELQOS_METRICS_TOKEN", "s3cr3t token with spaces"),
                Map.of("management.port", "70000")));
        assertEquals(List.of("management.port: 70000 is not a TCP port (0..65535)",
                "management.metricsToken: must be a bearer token of at most 16384 characters of A-Z a-z 0-9 - . _ ~ + /"
                        + " (then = padding only)"), e.problems());
        assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());

        ConfigException unreadable = assertThrows(ConfigException.class, () -> ConfigLoader.load(null,
                Map.of("MODELQOS_METRICS_TOKEN_FILE", dir.resolve("missing").toString()), Map.of()));
        assertTrue(unreadable.problems().get(0).startsWith("MODELQOS_METRICS_TOKEN_FILE: cannot read"),
                unreadable.problems().toString());
    }

    @Test
    void hostOrTlsWithoutAPortAreRefusedRatherThanIgnored() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null,
                Map.of("MODELQOS_MANAGEMENT_HOST", "10.0.0.7", "MODELQOS_MANAGEMENT_TLS", "false"), Map.of()));
        assertEquals(2, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).startsWith("management.host: has no effect without management.port"),
                e.problems().toString());
        assertTrue(e.problems().get(1).startsWith("management.tls: has no effect without management.port"),
                e.problems().toString());
    }

    @Test
    void theManagementPortMustBeItsOwn() {
        ConfigException api = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, Map.of(),
                Map.of("management.port", "8080")));
        assertEquals(List.of("management.port: 8080 is the API's port (port); the management listener needs a port of"
                + " its own"), api.problems(), "8080 is the API's default port");
        ConfigException callbacks = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, Map.of(),
                Map.of("port", "8443", "tls.callbacks.port", "9443", "management.port", "9443")));
        assertEquals(List.of("management.port: 9443 is the NEF callbacks' port (tls.callbacks.port)"), callbacks.problems());
        AfConfig ephemeral = ConfigLoader.load(null, Map.of(), Map.of("port", "0", "management.port", "0"));
        assertEquals(0, ephemeral.managementOrDefault().port(), "two ephemeral ports never clash");
    }

    @Test
    void tlsTrueNeedsTheApisCertificate() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, Map.of(),
                Map.of("management.port", "9090", "management.tls", "true")));
        assertEquals(List.of("management.tls: true needs a certificate (tls.server certFile/keyFile)"), e.problems());

        DevCertificates.writeDevelopmentSet(dir, "af", List.of(), List.of(), Duration.ofDays(1), false);
        AfConfig config = ConfigLoader.load(null, Map.of("MODELQOS_TLS_CERT_FILE", dir.resolve("server.crt").toString(),
                "MODELQOS_TLS_KEY_FILE", dir.resolve("server.key").toString()),
                Map.of("management.port", "9090", "management.tls", "true"));
        assertTrue(config.managementOrDefault().tlsAllowed());
    }

    @Test
    void anUnknownManagementSettingIsNamed() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, Map.of(),
                Map.of("management.metricToken", TOKEN)));
        assertEquals(List.of("management.metricToken: unknown setting"), e.problems());
    }
}
