package io.modelqos.af.security;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Verifies the parsing of static API keys and that a key names exactly its tenant. */
class ApiKeysTest {

    @Test
    void readsCommaAndLineSeparatedPairs() {
        ApiKeys keys = ApiKeys.parse("tenant-a:key-a, tenant-b:key-b\n# a comment\n\ntenant-c:k:with:colons\r\n");
        assertEquals(3, keys.size());
        assertEquals(Optional.of("tenant-a"), keys.tenantOf("key-a"));
        assertEquals(Optional.of("tenant-b"), keys.tenantOf("key-b"));
        assertEquals(Optional.of("tenant-c"), keys.tenantOf("k:with:colons"));
    }

    @Test
    void aNearMissIsNoMatch() {
        ApiKeys keys = ApiKeys.parse("tenant-a:0123456789abcdef");
        for (String miss : List.of("0123456789abcdeF", "0123456789abcde", "0123456789abcdef0", "", " 0123456789abcdef",
                "tenant-a:0123456789abcdef", "tenant-a")) {
            assertEquals(Optional.empty(), keys.tenantOf(miss), miss);
        }
    }

    @Test
    void refusesMalformedEntriesWithoutQuotingAKey() {
        for (String text : List.of("", "  ,  ", "no-colon-secret", ":secret-x", "tenant:", "bad tenant:secret-y",
                "t1:same-secret,t2:same-secret", "t:secret with space", "t:" + "\u00e9t\u00e9")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApiKeys.parse(text), text);
            assertFalse(e.getMessage().contains("secret"), e.getMessage());
        }
    }

    @Test
    void namesTenantsWithWeakKeys() {
        assertEquals(List.of("a"), ApiKeys.weakTenants("a:short,b:0123456789abcdef0123"));
        assertTrue(ApiKeys.parse("a:short").toString().contains("1 key"));
        assertFalse(ApiKeys.parse("a:short").toString().contains("short"));
    }
}
