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
        assertEquals(1000, config.startWindowOrDefault());
        assertEquals(9090, config.managementOrDefault().port());
        assertEquals("127.0.0.1", config.managementOrDefault().hostOrDefault());
    }

    @Test
    void theStartWindowDefaultsToOneSecondComesFromTheEnvironmentAndIsBounded() {
        assertEquals(AfConfig.DEFAULT_START_WINDOW_MS, ConfigLoader.load(null, Map.of(), Map.of()).startWindowOrDefault());
        assertEquals(2500, ConfigLoader.load(null, Map.of("MODELQOS_START_WINDOW_MS", "2500"), Map.of())
                .startWindowOrDefault());
        assertEquals(0, ConfigLoader.load(null, Map.of(), Map.of("startWindowMs", "0")).startWindowOrDefault(),
                "0: no start window");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, Map.of(),
                Map.of("startWindowMs", "-1")));
        assertTrue(e.problems().get(0).startsWith("startWindowMs: -1 must be within 0..3600000"), e.problems().toString());
    }

    @Test
    void theCapOnMonitoredDeliveriesDefaultsToTenThousandComesFromTheEnvironmentAndMayBeZero() {
        assertEquals(10_000, ConfigLoader.load(null, Map.of(), Map.of()).engineOrDefault().maxMonitoredDeliveriesOrDefault());
        assertEquals(250, ConfigLoader.load(null, Map.of("MODELQOS_MAX_MONITORED_DELIVERIES", "250"), Map.of())
                .engineOrDefault().maxMonitoredDeliveriesOrDefault());
        assertEquals(0, ConfigLoader.load(null, Map.of(), Map.of("engine.maxMonitoredDeliveries", "0"))
                .engineOrDefault().maxMonitoredDeliveriesOrDefault(), "0: none monitored");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, Map.of(),
                Map.of("engine.maxMonitoredDeliveries", "-1")));
        assertTrue(e.problems().get(0).startsWith("engine.maxMonitoredDeliveries: -1 must be within 0.."),
                e.problems().toString());
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
    void thePostgresStoreIsConfiguredFromTheEnvironmentWithItsPasswordFromAFile(@TempDir Path dir) throws Exception {
        Path password = dir.resolve("pg-password");
        Files.writeString(password, "pg-s3cret\n");
        AfConfig config = ConfigLoader.load(null, Map.of("MODELQOS_STORE_KIND", "postgres",
                "MODELQOS_STORE_URL", "postgresql://db:5432/modelqos", "MODELQOS_STORE_USER", "af",
                "MODELQOS_STORE_PASSWORD_FILE", password.toString(), "MODELQOS_STORE_SCHEMA", "af_prod",
                "MODELQOS_STORE_POOL_SIZE", "16", "MODELQOS_REPLICA_ID", "af-2"), Map.of());
        io.modelqos.af.store.PostgresOptions pg = config.storeOrDefault().postgresOrDefault();
        assertEquals("postgres", config.storeOrDefault().kindOrDefault(false));
        assertEquals("postgresql://db:5432/modelqos", pg.url());
        assertEquals("af", pg.user());
        assertEquals("pg-s3cret", pg.password());
        assertEquals("af_prod", pg.schemaOrDefault());
        assertEquals(16, pg.poolSizeOrDefault());
        assertEquals("af-2", pg.replicaIdOrDefault());
        assertEquals(15_000, pg.replicaTimeoutOrDefault());
    }

    @Test
    void aPostgresStoreWithoutAUsableUrlOrWithABadSchemaIsRefused() {
        ConfigException missing = assertThrows(ConfigException.class, () -> ConfigLoader.load(null,
                Map.of("MODELQOS_STORE_KIND", "postgres"), Map.of()));
        assertTrue(missing.getMessage().contains("store.postgres.url"), missing.getMessage());
        ConfigException bad = assertThrows(ConfigException.class, () -> ConfigLoader.load(null,
                Map.of("MODELQOS_STORE_KIND", "postgres", "MODELQOS_STORE_URL", "mysql://db/x",
                        "MODELQOS_STORE_SCHEMA", "Robert'); DROP TABLE x;--"),
                Map.of("store.postgres.heartbeatMs", "1000", "store.postgres.replicaTimeoutMs", "2000")));
        assertTrue(bad.getMessage().contains("is not a postgresql:// URL"), bad.getMessage());
        assertTrue(bad.getMessage().contains("store.postgres.schema"), bad.getMessage());
        assertTrue(bad.getMessage().contains("store.postgres.replicaTimeoutMs"), bad.getMessage());
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
    void theEmbeddedEmulatorIsRefusedTlsWithTheWayToANefOverTls(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("af.yaml");
        Files.writeString(file, "emulator:\n  tls:\n    certFile: server.crt\n    keyFile: server.key\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of(), Map.of()));
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).startsWith("emulator.tls: the embedded emulator serves plain HTTP"),
                e.problems().toString());
        assertTrue(e.problems().get(0).contains("modelqos nef-emulator --tls-cert"), e.problems().toString());
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
