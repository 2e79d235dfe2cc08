package io.modelqos.af.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * One configured bearer token, kept as its SHA-256 digest and compared with a presented one in constant time
 * ({@link MessageDigest#isEqual} on digests of equal length), so that neither the length nor the position of a near
 * miss shows in the answer time. Never prints the token.
 */
final class StaticToken {
    private final byte[] digest;

    private StaticToken(byte[] digest) {
        this.digest = digest;
    }

    /** The token {@code value} (surrounding blanks dropped); null when it is null or blank. */
    static StaticToken ofNullable(String value) {
        return value == null || value.isBlank() ? null : new StaticToken(digest(value.strip()));
    }

    boolean matches(String presented) {
        return MessageDigest.isEqual(digest, digest(presented));
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "StaticToken[***]";
    }
}
