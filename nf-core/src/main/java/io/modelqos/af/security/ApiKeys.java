package io.modelqos.af.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Static API keys for development: each key names a tenant. A presented key is compared with every configured key
 * in constant time (SHA-256 digests compared with {@link MessageDigest#isEqual}, no early exit), so neither the
 * position nor the length of a near miss shows in the answer time.
 *
 * <pre>{@code
 * ApiKeys keys = ApiKeys.parse("tenant-a:key-a,tenant-b:key-b");
 * keys.tenantOf("key-a");   // Optional[tenant-a]
 * }</pre>
 */
public final class ApiKeys {
    /** A tenant name as it appears in logs, metrics and stores. */
    static final Pattern TENANT = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** Keys shorter than this are accepted (development) but reported as weak at start. */
    static final int WEAK_BELOW = 16;

    private final List<Entry> entries;

    private record Entry(String tenant, byte[] digest) {
    }

    private ApiKeys(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Parses {@code tenant:key} pairs separated by commas or line breaks; blank lines and lines starting with
     * {@code #} are skipped. Fails naming the entry (by position, never by key) that is malformed.
     */
    public static ApiKeys parse(String text) {
        List<Entry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int position = 0;
        for (String raw : text.split("[,\\r\\n]+")) {
            String item = raw.strip();
            if (item.isEmpty() || item.startsWith("#")) {
                continue;
            }
            position++;
            int colon = item.indexOf(':');
            if (colon <= 0 || colon == item.length() - 1) {
                throw new IllegalArgumentException("entry " + position + " is not tenant:key");
            }
            String tenant = item.substring(0, colon).strip();
            String key = item.substring(colon + 1).strip();
            if (!TENANT.matcher(tenant).matches()) {
                throw new IllegalArgumentException("entry " + position + ": tenant must be 1-64 of A-Z a-z 0-9 . _ -");
            }
            if (key.isEmpty() || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw new IllegalArgumentException("entry " + position + " (tenant " + tenant
                        + "): the key must be printable ASCII without spaces");
            }
            if (!seen.add(key)) {
                throw new IllegalArgumentException("entry " + position + " (tenant " + tenant + "): the same key twice");
            }
            entries.add(new Entry(tenant, digest(key)));
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("no tenant:key entry");
        }
        return new ApiKeys(entries);
    }

    /** The tenant whose key {@code presented} is; every configured key is compared. */
    public Optional<String> tenantOf(String presented) {
        byte[] candidate = digest(presented);
        String match = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(e.digest, candidate) && match == null) {
                match = e.tenant;
            }
        }
        return Optional.ofNullable(match);
    }

    public int size() {
        return entries.size();
    }

    /** The tenants with a key shorter than {@value #WEAK_BELOW} characters. */
    static List<String> weakTenants(String text) {
        List<String> weak = new ArrayList<>();
        for (String raw : text.split("[,\\r\\n]+")) {
            String item = raw.strip();
            int colon = item.indexOf(':');
            if (colon > 0 && !item.startsWith("#") && item.substring(colon + 1).strip().length() < WEAK_BELOW) {
                weak.add(item.substring(0, colon).strip());
            }
        }
        return weak;
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "ApiKeys[" + entries.size() + " key(s)]";
    }
}
