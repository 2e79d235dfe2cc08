package io.modelqos.af.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code capif} section: where it comes from, its defaults, and the settings it rules out. */
class CapifConfigTest {

    @Test
    void capifFromTheEnvironmentNeedsNoNefApiRootNorCredentialsAndRunsNoEmbeddedEmulator() {
        AfConfig config = ConfigLoader.load(null, Map.of("MODELQOS_CAPIF_ROOT", "https://capif.example:8443/",
                "MODELQOS_CAPIF_ONBOARDING_TOKEN_FILE", "/run/secrets/capif"), Map.of());
        assertTrue(config.usesCapif());
        assertFalse(config.embeddedNef(), "the NEF is discovered, not embedded");
        CapifOptions capif = config.capifOrDefault();
        assertEquals("https://capif.example:8443", capif.root().toString());
        assertEquals("/run/secrets/capif", capif.onboardingTokenFile());
        assertEquals("3gpp-as-session-with-qos", capif.apiNameOrDefault());
        assertEquals(List.of("OAUTH", "PKI"), capif.securityMethodsOrDefault());
        assertTrue(capif.canOnboard());
    }

    @Test
    void aYamlSectionIsRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("af.yaml");
        Files.writeString(file, "capif:\n  capifRoot: http://127.0.0.1:9000\n  onboardingToken: secret-token\n"
                + "  securityMethods: [pki]\n  rediscoverAfter: 5\n");
        CapifOptions capif = ConfigLoader.load(file, Map.of(), Map.of()).capifOrDefault();
        assertEquals(List.of("PKI"), capif.securityMethodsOrDefault());
        assertEquals(5, capif.rediscoverAfterOrDefault());
        assertFalse(capif.toString().contains("secret-token"), "the onboarding token is never printed");
    }

    @Test
    void aNefApiRootOrNefCredentialsBesideCapifAreErrorsNamingTheirFields() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, Map.of(), Map.of(
                "capif.capifRoot", "https://capif.example", "nef.apiRoot", "https://nef.example", "nef.scsAsId", "af",
                "nef.tokenUrl", "https://auth.example/token", "nef.clientId", "af", "nef.clientSecret", "s")));
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("nef.apiRoot: not with capif.capifRoot")),
                e.problems().toString());
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("nef.tokenUrl / nef.clientId / nef.clientSecret")),
                e.problems().toString());
    }

    @Test
    void aStaticNefTokenBesideCapifIsAnErrorNamingItsField() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null,
                Map.of("MODELQOS_NEF_TOKEN", "handed-out"), Map.of("capif.capifRoot", "https://capif.example")));
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("nef.token / nef.tokenFile: not with capif.capifRoot")),
                e.problems().toString());
        assertFalse(e.problems().toString().contains("handed-out"), "the token is never printed");
    }

    @Test
    void badCapifSettingsAreNamed() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, Map.of(), Map.of(
                "capif.capifRoot", "ftp://capif", "capif.apiName", "no spaces allowed", "capif.timeoutMs", "1")));
        List<String> problems = e.problems();
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("capif.capifRoot: 'ftp://capif' must be an absolute")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("capif.apiName:")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("capif.timeoutMs:")), problems.toString());
        ConfigException orphan = assertThrows(ConfigException.class, () -> ConfigLoader.load(null,
                Map.of("MODELQOS_CAPIF_ONBOARDING_TOKEN", "t"), Map.of()));
        assertTrue(orphan.problems().get(0).startsWith("capif.capifRoot: required with an onboarding token"),
                orphan.problems().toString());
    }

    @Test
    void capifWithTheN5SouthboundIsAnError() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, Map.of(), Map.of(
                "capif.capifRoot", "https://capif.example", "southbound.kind", "pcf")));
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("capif.capifRoot: CAPIF reaches a NEF")),
                e.problems().toString());
    }
}
