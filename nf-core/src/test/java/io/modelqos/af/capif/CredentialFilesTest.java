package io.modelqos.af.capif;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CAPIF credentials in the data directory: owner-only, read back as written, gone after delete. */
class CredentialFilesTest {

    @Test
    void credentialsAreKeptOwnerOnlyAndReadBack(@TempDir Path dataDir) throws Exception {
        CredentialFiles files = new CredentialFiles(dataDir);
        assertTrue(files.read().isEmpty(), "not onboarded yet");
        InvokerKeys keys = InvokerKeys.generate("modelqos-af");
        InvokerCredentials written = new InvokerCredentials(URI.create("https://capif.example"), "inv-1",
                URI.create("https://capif.example/api-invoker-management/v1/onboardedInvokers/on-1"), "",
                keys.privateKeyPem(), Instant.parse("2026-01-02T03:04:05Z"));
        files.write(written);
        files.write(written); // replaced, not appended
        assertEquals(written, files.read().orElseThrow());
        for (String name : new String[]{CredentialFiles.INVOKER, CredentialFiles.KEY, CredentialFiles.CERTIFICATE}) {
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dataDir.resolve("capif").resolve(name))), name);
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(files.dir())));
        try (Stream<Path> left = Files.list(files.dir())) {
            assertEquals(3, left.count(), "no temporary file left behind");
        }
        assertTrue(keys.csrPem().startsWith("-----BEGIN CERTIFICATE REQUEST-----"), "a PKCS#10 request");
        files.delete();
        assertFalse(files.read().isPresent());
    }
}
