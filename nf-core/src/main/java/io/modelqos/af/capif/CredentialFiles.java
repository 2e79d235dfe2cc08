package io.modelqos.af.capif;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The AF's CAPIF credentials in the data directory, folder {@value #FOLDER}: {@value #INVOKER} (invoker id,
 * onboarding URI, CAPIF root), {@value #CERTIFICATE} and {@value #KEY}. Each file is owner-only (0600) and replaced
 * atomically, so a crash leaves the old set or the new one. Blocking: call it from a worker, never an event loop.
 */
public final class CredentialFiles {
    public static final String FOLDER = "capif";
    public static final String INVOKER = "invoker.json";
    public static final String CERTIFICATE = "invoker.crt";
    public static final String KEY = "invoker.key";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private final Path dir;

    public CredentialFiles(Path dataDir) {
        this.dir = dataDir.resolve(FOLDER);
    }

    public Path dir() {
        return dir;
    }

    /** The stored credentials, or empty when the AF has not onboarded (or was offboarded). */
    public Optional<InvokerCredentials> read() throws IOException {
        Path invoker = dir.resolve(INVOKER);
        if (!Files.isRegularFile(invoker)) {
            return Optional.empty();
        }
        JsonNode node = JSON.readTree(invoker.toFile());
        String key = Files.readString(dir.resolve(KEY));
        Path cert = dir.resolve(CERTIFICATE);
        return Optional.of(new InvokerCredentials(URI.create(node.path("capifRoot").asText()),
                node.path("apiInvokerId").asText(), URI.create(node.path("onboardingUri").asText()),
                Files.isRegularFile(cert) ? Files.readString(cert) : "", key,
                node.hasNonNull("onboardedAt") ? Instant.parse(node.get("onboardedAt").asText()) : null));
    }

    /** Stores {@code credentials}: key and certificate first, the invoker file (which says "onboarded") last. */
    public void write(InvokerCredentials credentials) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir.getParent()); // the data directory as the process makes its files
            if (posix()) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
            } else {
                Files.createDirectory(dir);
            }
        }
        ObjectNode node = JSON.createObjectNode()
                .put("capifRoot", credentials.capifRoot().toString())
                .put("apiInvokerId", credentials.apiInvokerId())
                .put("onboardingUri", credentials.onboardingUri().toString());
        if (credentials.onboardedAt() != null) {
            node.put("onboardedAt", credentials.onboardedAt().toString());
        }
        replace(KEY, credentials.privateKeyPem());
        replace(CERTIFICATE, credentials.certificatePem());
        replace(INVOKER, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
    }

    /** Removes the credentials (the invoker file first, so a crash halfway reads as "not onboarded"). */
    public void delete() throws IOException {
        Files.deleteIfExists(dir.resolve(INVOKER));
        Files.deleteIfExists(dir.resolve(CERTIFICATE));
        Files.deleteIfExists(dir.resolve(KEY));
    }

    private void replace(String name, String content) throws IOException {
        Path target = dir.resolve(name);
        FileAttribute<?>[] attributes = posix()
                ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
        Path temporary = Files.createTempFile(dir, "." + name, ".tmp", attributes);
        try {
            // On disk before the rename: after a power cut the name must not point at an empty file.
            Files.writeString(temporary, content, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.DSYNC);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
