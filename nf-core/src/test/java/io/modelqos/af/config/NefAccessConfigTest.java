package io.modelqos.af.config;

import io.modelqos.af.nef.NefAccess;
import io.modelqos.af.security.DevCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Verifies the ways into a NEF as the configuration names them, and what it refuses at start, each problem naming its
 * setting: two token sources, a token file that cannot be read or is empty, a client certificate without its key or
 * towards a plain-HTTP NEF.
 */
class NefAccessConfigTest {

    @TempDir
    static Path pki;

    @BeforeAll
    static void certificates() throws Exception {
        DevCertificates.writeDevelopmentSet(pki, "af", List.of(), List.of(), Duration.ofDays(1), false);
    }

    private static Map<String, String> nef(String... more) {
        Map<String, String> settings = new HashMap<>(Map.of("nef.apiRoot", "https://nef.example.net",
                "nef.scsAsId", "modelqos-af"));
        for (int i = 0; i + 1 < more.length; i += 2) {
            settings.put(more[i], more[i + 1]);
        }
        return settings;
    }

    private static List<String> problems(Map<String, String> env, Map<String, String> settings) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(null, env, settings)).problems();
    }

    @Test
    void theStaticTokenComesFromTheEnvironmentAndIsNeverPrinted() {
        AfConfig config = ConfigLoader.load(null, Map.of("MODELQOS_NEF_TOKEN", "s3cret-token"), nef());
        assertEquals("s3cret-token", config.nefOrDefault().token());
        assertEquals(NefAccess.Tokens.STATIC_TOKEN, NefAccess.tokens(config.nefOrDefault()));
        assertFalse(config.nefOrDefault().toString().contains("s3cret-token"), config.nefOrDefault().toString());
        assertFalse(NefAccess.describe(config.nefOrDefault(), null).contains("s3cret-token"));
    }

    @Test
    void theTokenFileIsNamedByTheEnvironmentOrTheFileAndReadOnlyByTheAf(@TempDir Path dir) throws Exception {
        Path token = dir.resolve("nef-token");
        Files.writeString(token, "tok-1\n");
        AfConfig fromEnv = ConfigLoader.load(null, Map.of("MODELQOS_NEF_TOKEN_FILE", token.toString()), nef());
        assertEquals(token.toString(), fromEnv.nefOrDefault().tokenFile(), "the file's name, not its content");
        assertEquals(NefAccess.Tokens.TOKEN_FILE, NefAccess.tokens(fromEnv.nefOrDefault()));
        assertEquals("a static bearer token from " + token + ", read again when it changes",
                NefAccess.describe(fromEnv.nefOrDefault(), null));

        Path yaml = dir.resolve("af.yaml");
        Files.writeString(yaml, "nef: {apiRoot: 'https://nef.example.net', scsAsId: af, tokenFile: '" + token + "'}\n");
        assertEquals(token.toString(), ConfigLoader.load(yaml, Map.of(), Map.of()).nefOrDefault().tokenFile());
    }

    @Test
    void clientCredentialsWithoutATokenEndpointAreNamedNotIgnored() {
        List<String> problems = problems(Map.of("MODELQOS_NEF_CLIENT_ID", "af"), nef("nef.clientSecret", "s3cr3t"));
        assertTrue(problems.contains("nef.clientId / nef.clientSecret: OAuth2 client credentials need nef.tokenUrl too"
                + " (MODELQOS_NEF_TOKEN_URL); without it they would be ignored"), problems.toString());
        assertTrue(problems.stream().noneMatch(p -> p.contains("s3cr3t")), "the secret is never printed");
    }

    @Test
    void aStaticTokenAndOAuth2AreOneWayTooMany(@TempDir Path dir) throws Exception {
        Map<String, String> oauth2 = nef("nef.tokenUrl", "https://nef.example.net/oauth2/token",
                "nef.clientId", "af", "nef.clientSecret", "secret");
        List<String> withToken = problems(Map.of("MODELQOS_NEF_TOKEN", "tok"), oauth2);
        assertTrue(withToken.contains("nef.token / nef.tokenUrl: one way into the NEF, either a static token"
                + " (nef.token or nef.tokenFile) or OAuth2 client credentials (nef.tokenUrl)"), withToken.toString());

        Path token = dir.resolve("nef-token");
        Files.writeString(token, "tok");
        List<String> withFile = problems(Map.of("MODELQOS_NEF_TOKEN_FILE", token.toString()), oauth2);
        assertTrue(withFile.get(0).startsWith("nef.tokenFile / nef.tokenUrl: one way into the NEF"), withFile.toString());
    }

    @Test
    void aTokenAndATokenFileAreOneTooMany(@TempDir Path dir) throws Exception {
        Path token = dir.resolve("nef-token");
        Files.writeString(token, "tok");
        List<String> both = problems(Map.of("MODELQOS_NEF_TOKEN", "tok", "MODELQOS_NEF_TOKEN_FILE", token.toString()), nef());
        assertEquals(List.of("nef.token / nef.tokenFile: set one or the other (MODELQOS_NEF_TOKEN / MODELQOS_NEF_TOKEN_FILE)"),
                both);
    }

    @Test
    void theTokenFileMustBeReadableAndHoldATokenAtStart(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("absent");
        assertEquals(List.of("nef.tokenFile: cannot read " + missing),
                problems(Map.of(), nef("nef.tokenFile", missing.toString())));
        Path empty = dir.resolve("empty");
        Files.writeString(empty, " \n");
        assertEquals(List.of("nef.tokenFile: " + empty + " is empty"),
                problems(Map.of(), nef("nef.tokenFile", empty.toString())));
    }

    @Test
    void mutualTlsAloneIsAWayInOfItsOwn() {
        AfConfig config = ConfigLoader.load(null, Map.of(), nef("tls.nef.certFile", file("client.crt"),
                "tls.nef.keyFile", file("client.key"), "tls.nef.trustFile", file("ca.crt")));
        assertEquals(NefAccess.Tokens.NONE, NefAccess.tokens(config.nefOrDefault()));
        assertTrue(NefAccess.mutualTls(config.tlsOrDefault().nef()));
        assertEquals("mutual TLS alone (client certificate " + file("client.crt") + "), no bearer token",
                NefAccess.describe(config.nefOrDefault(), config.tlsOrDefault().nef()));
    }

    @Test
    void aClientCertificateNeedsItsOwnKey() {
        List<String> wrongKey = problems(Map.of(), nef("tls.nef.certFile", file("client.crt"),
                "tls.nef.keyFile", file("server.key")));
        assertEquals(1, wrongKey.size(), wrongKey.toString());
        assertTrue(wrongKey.get(0).startsWith("tls.nef.keyFile: " + file("server.key")
                + " is not the private key of the certificate in " + file("client.crt")), wrongKey.toString());

        List<String> noKey = problems(Map.of(), nef("tls.nef.certFile", file("client.crt")));
        assertEquals(List.of("tls.nef: certFile and keyFile go together"), noKey);

        List<String> unreadable = problems(Map.of(), nef("tls.nef.certFile", file("client.crt"),
                "tls.nef.keyFile", file("absent.key")));
        assertEquals(List.of("tls.nef.keyFile: cannot read " + file("absent.key")), unreadable);
    }

    @Test
    void aClientCertificateNeedsAnHttpsNef() {
        List<String> plain = problems(Map.of(), nef("nef.apiRoot", "http://nef.example.net",
                "tls.nef.certFile", file("client.crt"), "tls.nef.keyFile", file("client.key")));
        assertEquals(List.of("tls.nef.certFile: a client certificate needs TLS, but nef.apiRoot 'http://nef.example.net'"
                + " is plain HTTP (use https)"), plain);
    }

    @Test
    void aStaticTokenOverPlainHttpIsAllowedForDevelopment() {
        AfConfig config = ConfigLoader.load(null, Map.of("MODELQOS_NEF_TOKEN", "dev-token"),
                nef("nef.apiRoot", "http://127.0.0.1:8081"));
        assertEquals(NefAccess.Tokens.STATIC_TOKEN, NefAccess.tokens(config.nefOrDefault()));
    }

    private static String file(String name) {
        return pki.resolve(name).toString();
    }
}
