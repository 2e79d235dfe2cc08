package io.modelqos.af.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Verifies the configuration layers (file, environment, flags) and that bad settings are named. */
class ConfigLoaderTest {

    @Test
    void theDocumentedExampleLoads() {
        AfConfig config = ConfigLoader.load(Path.of("../docs/af.example.yaml"), Map.of(), Map.of());
        assertEquals(8080, config.portOrDefault());
        assertEquals("https://nef.example.net", config.nefOrDefault().apiRoot());
        assertEquals("modelqos-af", config.nefOrDefault().scsAsId());
        assertEquals(2, config.qosReferences().size());
        assertEquals(500, config.allocationWaitOrDefault());
    }

    @Test
    void environmentOverridesTheFileAndFlagsOverrideTheEnvironment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("af.yaml");
        Files.writeString(file, "port: 8000\nnef: {apiRoot: 'http://file-nef:80', scsAsId: from-file}\n");
        AfConfig config = ConfigLoader.load(file,
                Map.of("MODELQOS_PORT", "9000", "MODELQOS_SCS_AS_ID", "from-env"),
                Map.of("port", "9100"));
        assertEquals(9100, config.portOrDefault());
        assertEquals("from-env", config.nefOrDefault().scsAsId());
        assertEquals("http://file-nef:80", config.nefOrDefault().apiRoot());
    }

    @Test
    void noNefMeansTheEmbeddedEmulator() {
        AfConfig config = ConfigLoader.load(null, Map.of(), Map.of());
        assertTrue(config.nefOrDefault().embedded());
        assertEquals(AfConfig.DEFAULT_PORT, config.portOrDefault());
    }

    @Test
    void everyProblemIsListedAndNamesItsSetting(@TempDir Path dir) throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null,
                Map.of("MODELQOS_NEF_API_ROOT", "ftp://nef", "MODELQOS_CALLBACK_BASE_URI", "not a uri"),
                Map.of("port", "70000")));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("port: 70000"), all);
        assertTrue(all.contains("nef.apiRoot"), all);
        assertTrue(all.contains("nef.scsAsId: required"), all);
        assertTrue(all.contains("callbackBaseUri"), all);
        assertEquals(4, e.problems().size(), all);
    }

    @Test
    void anUnknownSettingIsAnError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("af.yaml");
        Files.writeString(file, "nef:\n  apiRoot: http://nef:80\n  scsAsld: typo\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of(), Map.of()));
        assertTrue(e.problems().get(0).startsWith("nef.scsAsld: unknown setting"), e.problems().toString());
    }

    @Test
    void theClientSecretComesFromAFileAndIsNeverPrinted(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret");
        Files.writeString(secret, "s3cr3t-value\n");
        AfConfig config = ConfigLoader.load(null, Map.of(
                "MODELQOS_NEF_API_ROOT", "https://nef.example.net", "MODELQOS_SCS_AS_ID", "af",
                "MODELQOS_NEF_TOKEN_URL", "https://nef.example.net/oauth2/token", "MODELQOS_NEF_CLIENT_ID", "af",
                "MODELQOS_NEF_CLIENT_SECRET_FILE", secret.toString()), Map.of());
        assertEquals("s3cr3t-value", config.nefOrDefault().clientSecret());
        assertFalse(config.toString().contains("s3cr3t"), config.toString());
        assertNull(config.nefOrDefault().timeoutMs());
    }
}
