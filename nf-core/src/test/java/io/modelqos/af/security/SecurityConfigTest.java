package io.modelqos.af.security;

import io.modelqos.af.config.AfConfig;
import io.modelqos.af.config.ConfigException;
import io.modelqos.af.config.ConfigLoader;
import io.modelqos.qos.BitRate;
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

/** Verifies the tls, auth and limits sections: from a file, from MODELQOS_* variables, secrets from files, and checks. */
class SecurityConfigTest {
    @TempDir
    Path dir;

    @Test
    void readsTheSectionsFromAFile() throws Exception {
        DevCertificates.writeDevelopmentSet(dir, "af", List.of(), List.of(), Duration.ofDays(1), false);
        Path file = dir.resolve("af.yaml");
        Files.writeString(file, """
                tls:
                  server: {certFile: %1$s/server.crt, keyFile: %1$s/server.key}
                  callbacks: {port: 8443, clientCaFile: %1$s/ca.crt}
                  nef: {trustFile: %1$s/ca.crt, certFile: %1$s/client.crt, keyFile: %1$s/client.key}
                auth:
                  apiKeys: "tenant-a:key-a"
                  jwt: {issuer: "https://idp.test", jwksUri: "https://idp.test/jwks", audience: af, tenantClaim: azp}
                  callbacks: {bearerToken: "nef-token"}
                limits:
                  requestsPerSecond: 5
                  tenantGbrCap: "2 Gbps"
                  tenantGbrCaps: {tenant-a: "500 Mbps"}
                """.formatted(dir));
        AfConfig config = ConfigLoader.load(file, Map.of(), Map.of());
        assertEquals(8443, config.tlsOrDefault().callbacks().port());
        assertTrue(config.tlsOrDefault().separateCallbackListener());
        assertTrue(config.tlsOrDefault().callbackClientCertRequired());
        assertEquals(dir + "/server.crt", config.tlsOrDefault().callbackServerOrNull().certFile());
        assertEquals("azp", config.authOrDefault().jwtOrNull().tenantClaim());
        assertTrue(config.authOrDefault().northboundConfigured());
        assertEquals(5.0, config.limitsOrDefault().requestsPerSecondOrDefault());
        assertEquals(10, config.limitsOrDefault().burstOrDefault());
        assertEquals(BitRate.parse("500 Mbps"), config.limitsOrDefault().gbrCapOf("tenant-a"));
        assertEquals(BitRate.parse("2 Gbps"), config.limitsOrDefault().gbrCapOf("tenant-b"));
        assertFalse(config.toString().contains("key-a"), "no API key in " + config);
        assertFalse(config.toString().contains("nef-token"), "no callback token in " + config);
    }

    @Test
    void readsVariablesAndSecretFiles() throws Exception {
        Path keys = dir.resolve("keys");
        Files.writeString(keys, "tenant-a:file-key-a\ntenant-b:file-key-b\n");
        Path token = dir.resolve("token");
        Files.writeString(token, "nef-file-token\n");
        AfConfig config = ConfigLoader.load(null, Map.of(
                "MODELQOS_API_KEYS", "tenant-x:env-key",
                "MODELQOS_API_KEYS_FILE", keys.toString(),
                "MODELQOS_CALLBACK_TOKEN_FILE", token.toString(),
                "MODELQOS_JWT_ISSUER", "https://idp.test",
                "MODELQOS_JWT_JWKS_URI", "https://idp.test/jwks",
                "MODELQOS_JWT_AUDIENCE", "af",
                "MODELQOS_RATE_LIMIT_RPS", "0",
                "MODELQOS_TENANT_GBR_CAP", "1 Gbps",
                "MODELQOS_TLS_CALLBACK_PORT", "0"), Map.of());
        ApiKeys parsed = ApiKeys.parse(config.authOrDefault().apiKeys());
        assertEquals("tenant-b", parsed.tenantOf("file-key-b").orElseThrow(), "the file wins over the variable");
        assertTrue(parsed.tenantOf("env-key").isEmpty());
        assertEquals("nef-file-token", config.authOrDefault().callbacksOrNull().bearerToken());
        assertEquals(0.0, config.limitsOrDefault().requestsPerSecondOrDefault());
        assertEquals(0, config.tlsOrDefault().callbacks().port());
        assertNull(config.tlsOrDefault().serverOrNull());
    }

    @Test
    void reportsEveryProblemWithoutQuotingASecret() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null, Map.of(
                "MODELQOS_API_KEYS", "tenant-a:s3cr3t-key,tenant b:other-s3cr3t",
                "MODELQOS_JWT_ISSUER", "https://idp.test",
                "MODELQOS_TLS_CERT_FILE", dir.resolve("missing.crt").toString(),
                "MODELQOS_TLS_CALLBACK_CLIENT_CA_FILE", dir.resolve("missing-ca.crt").toString(),
                "MODELQOS_TENANT_GBR_CAP", "lots",
                "MODELQOS_API_KEYS_FILE", dir.resolve("nope").toString()), Map.of()));
        String message = e.getMessage();
        for (String expected : List.of("MODELQOS_API_KEYS_FILE", "auth.jwt.jwksUri", "auth.jwt.audience",
                "tls.server: certFile and keyFile go together", "tls.callbacks.clientCaFile", "limits.tenantGbrCap")) {
            assertTrue(message.contains(expected), expected + " in " + message);
        }
        assertFalse(message.contains("s3cr3t"), message);
    }
}
